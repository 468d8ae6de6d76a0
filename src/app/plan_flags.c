/* The bulletin's section on the plans' stated figures that laoxiao
 * computes otherwise (app_plan_flags), in Chinese, for officials: no file
 * names, each figure with its precision and the basis it implies. */
#include "app/planning.h"

#include "app/plan_figures.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

static const char *text_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* A figure as text: a decimal string as it is, a whole number written
 * out, a dash when absent. */
static const char *figure_text(struct app_ctx *ctx, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(ctx->arena, "%lld",
		                    (long long)json_integer_value(v));
	return "—";
}

/* The words a plan is quoted by, without where the text is kept: a
 * source "004_….txt 第43行: 按照……" reads "按照……". */
static const char *quote_of(struct app_ctx *ctx, const char *source)
{
	const char *txt = strstr(source, ".txt");
	const char *colon = txt ? strstr(txt, ": ") : NULL;
	const char *words = !txt ? source : colon ? colon + 2 : "";
	struct abuf b;

	/* a second passage quoted inside, "（第256行: …）", keeps only its
	 * words */
	abuf_init(&b, ctx->arena);
	while (*words) {
		const char *at = strstr(words, "第");
		const char *p = at ? at + strlen("第") : NULL;

		if (!at) {
			abuf_puts(&b, words);
			break;
		}
		while (p && *p >= '0' && *p <= '9')
			p++;
		if (p && p > at + strlen("第") && !strncmp(p, "行: ", 5)) {
			abuf_append(&b, words, (size_t)(at - words));
			words = p + 5;
		} else {
			abuf_append(&b, words, (size_t)(p - words));
			words = p;
		}
	}
	return b.data ? b.data : "";
}

static void cell(struct abuf *b, const char *s, int numeric)
{
	abuf_puts(b, numeric ? "<td class=\"n\">" : "<td>");
	text_html_escape(b, s);
	abuf_puts(b, "</td>");
}

static const char *scope_zh(const char *scope)
{
	return !strcmp(scope, "public")    ? "公办"
	       : !strcmp(scope, "private") ? "民办"
	                                   : "全部";
}

static void flag_row(struct app_ctx *ctx, struct abuf *b, json_t *a)
{
	json_t *basis = json_object_get(a, "basis");
	const char *implied = "—";

	abuf_puts(b, "<tr>");
	cell(b, text_of(a, "label_zh"), 0);
	cell(b,
	     arena_printf(
	         ctx->arena, "%lld",
	         (long long)json_integer_value(json_object_get(a, "year"))),
	     1);
	cell(b, scope_zh(text_of(a, "scope")), 0);
	cell(b, text_of(a, "stated"), 1);
	cell(b, text_of(a, "computed"), 1);
	cell(b, text_of(a, "difference"), 1);
	cell(b, arena_printf(ctx->arena, "±%s", text_of(a, "tolerance")), 1);
	if (basis)
		implied = arena_printf(
		    ctx->arena, "%s %s（平台所存 %s%s）",
		    !strcmp(text_of(basis, "metric"), "residents")
		        ? "常住人口"
		        : "60岁及以上人口",
		    figure_text(ctx, json_object_get(basis, "implied_rounded")),
		    figure_text(ctx, json_object_get(basis, "held")),
		    json_is_true(json_object_get(basis, "differs")) ? "，不一致"
		                                                    : "");
	cell(b, implied, 0);
	cell(b, quote_of(ctx, text_of(a, "source")), 0);
	abuf_puts(b, "</tr>\n");
}

int app_plan_flags_html(struct app_ctx *ctx, const char *region,
                        const char *period, struct abuf *b)
{
	static const char *const closing = "</body></html>\n";
	size_t n = strlen(closing), i;
	json_t *flags = app_plan_flags(ctx, region, atoi(period)), *a;

	if (!flags)
		return -1;
	/* the section goes before the page's closing tags */
	if (b->len >= n && !strcmp(b->data + b->len - n, closing)) {
		b->len -= n;
		b->data[b->len] = '\0';
	}
	abuf_puts(b, "<h2>规划公布数核对</h2>\n");
	if (!json_array_size(flags)) {
		abuf_puts(b, "<p>规划文件公布的测算数均在其表述精度内与本平台"
		             "按同一标准测算的结果一致，或尚无可核对的公布数。"
		             "</p>\n");
	} else {
		abuf_puts(b, "<p>下列公布数与本平台按同一标准、同一基数测算的"
		             "结果之差超出公布数的表述精度（末位数的一半）；"
		             "“依据推算”为得出公布数所需的人口基数。</p>\n"
		             "<table><thead><tr><th>项目</th><th>年份</th>"
		             "<th>范围</th><th>公布数</th><th>测算数</th>"
		             "<th>差额</th><th>公布精度</th><th>依据推算</th>"
		             "<th>出处</th></tr></thead><tbody>\n");
		json_array_foreach(flags, i, a)
		{
			flag_row(ctx, b, a);
		}
		abuf_puts(b, "</tbody></table>\n");
	}
	abuf_puts(b, "<p><small>测算数按四舍五入保留（比例保留两位小数）；"
	             "公布精度为公布数末位的一半。</small></p>\n");
	abuf_puts(b, closing);
	json_decref(flags);
	return 0;
}
