#include "app/bulletin.h"
#include "app/bulletin_doc.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/planning.h"
#include "app/task_progress_bulletin.h"
#include "core/csv.h"
#include "core/media_type.h"
#include "core/region_code.h"
#include "core/text.h"
#include "store/region_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const bulletin_headers[BC__MAX] = {
	"分组",     "序号",   "指标",   "单位",   "属性",
	"责任部门", "基期",   "基期值", "目标年", "目标",
	"本期值",   "上期值", "变化",   "状态",   "来源",
};

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static const char *group_name(json_t *doc, const char *id)
{
	size_t i;
	json_t *g;

	json_array_foreach(json_object_get(doc, "groups"), i, g)
	{
		if (!strcmp(str(g, "id"), id))
			return str(g, "name");
	}
	return id;
}

static const char *attribute_zh(const char *a)
{
	return !strcmp(a, "binding")      ? "约束性"
	       : !strcmp(a, "indicative") ? "预期性"
	                                  : "—";
}

/* One row of text cells for an indicator. */
/* The citation as an official reads it: the document's title and the
 * clause, 《巴中市“一老一小”整体解决方案》表1第2行, from a source label
 * that may go on with the table's caption, a quotation or a working note
 * ("… 第14行: … of 39 institutions"): the title, the table (表N) or box
 * (专栏N) or a heading without Latin letters, and the first 第N行 or
 * 第N段; a label without a line keeps its title and a clean rest. */
static const char *citation(struct arena *a, const char *label)
{
	const char *close = strstr(label, "》"), *rest, *p, *line = NULL;
	size_t keep;
	int latin = 0;

	if (!close)
		return label;
	rest = close + strlen("》");
	for (p = rest; *p && !line; p++) {
		const char *q = p + strlen("第");

		if (strncmp(p, "第", strlen("第")) || *q < '0' || *q > '9')
			continue;
		while (*q >= '0' && *q <= '9')
			q++;
		if (!strncmp(q, "行", strlen("行")) ||
		    !strncmp(q, "段", strlen("段")))
			line =
			    arena_strndup(a, p, (size_t)(q - p) + strlen("行"));
	}
	/* the clause before the line: up to the first space */
	keep = strcspn(rest, " ");
	if (line && rest + keep > strstr(rest, line))
		keep = (size_t)(strstr(rest, line) - rest);
	for (size_t k = 0; k < keep; k++)
		latin |= (rest[k] >= 'A' && rest[k] <= 'Z') ||
		         (rest[k] >= 'a' && rest[k] <= 'z');
	/* a table's caption after 表N is dropped: 表1“十四五”… → 表1 */
	if (!strncmp(rest, "表", strlen("表"))) {
		p = rest + strlen("表");
		while (*p >= '0' && *p <= '9')
			p++;
		keep = (size_t)(p - rest);
	}
	if (latin)
		keep = 0;
	return arena_printf(a, "%.*s%.*s%s", (int)(rest - label), label,
	                    (int)keep, rest, line ? line : "");
}

void bulletin_cells(struct app_ctx *ctx, const struct bulletin *bl, json_t *ind,
                    const char *c[BC__MAX])
{
	json_t *doc = bl->doc;
	json_t *base = json_object_get(ind, "base");
	json_t *target = json_object_get(ind, "target");
	json_t *prev = json_object_get(ind, "previous");
	json_t *change = json_object_get(ind, "change");
	const char *op = str(target, "op");

	c[0] = group_name(doc, str(ind, "group"));
	c[1] = arena_printf(
	    ctx->arena, "%lld",
	    (long long)json_integer_value(json_object_get(ind, "seq")));
	c[2] = str(ind, "name");
	c[3] = str(ind, "unit");
	c[4] = attribute_zh(str(ind, "attribute"));
	c[5] = *str(ind, "department") ? str(ind, "department") : "—";
	c[6] = json_is_integer(json_object_get(base, "year"))
	           ? arena_printf(ctx->arena, "%lld",
	                          (long long)json_integer_value(
	                              json_object_get(base, "year")))
	           : "—";
	c[7] = *str(base, "value")  ? str(base, "value")
	       : *str(base, "text") ? str(base, "text")
	                            : "—";
	/* no target of the region's own: a descriptive figure */
	c[8] = !json_is_object(target)
	           ? "—"
	           : arena_printf(ctx->arena, "%lld",
	                          (long long)json_integer_value(
	                              json_object_get(target, "year")));
	/* the comparator as people write it: ≥ and ≤, never ">=" */
	c[9] = !json_is_object(target) ? "—"
	       : !strcmp(op, "text")
	           ? str(target, "text")
	           : arena_printf(ctx->arena, "%s%s", str(target, "op_label"),
	                          str(target, "value"));
	/* a stated fact still in force says the date it is as of */
	c[10] = !*str(ind, "display") ? "—"
	        : json_object_get(ind, "stated")
	            ? arena_printf(ctx->arena, "%s（%s）", str(ind, "display"),
	                           str(json_object_get(ind, "stated"), "label"))
	            : str(ind, "display");
	/* a value on a partial population sum says how partial */
	if (json_object_get(ind, "partial"))
		c[10] = arena_printf(
		    ctx->arena, "%s（仅%s）", c[10],
		    str(json_object_get(ind, "partial"), "note_zh"));
	c[11] =
	    !*str(prev, "display") ? "—"
	    : json_object_get(prev, "stated")
	        ? arena_printf(ctx->arena, "%s（%s）", str(prev, "display"),
	                       str(json_object_get(prev, "stated"), "label"))
	        : str(prev, "display");
	/* the change is exact decimal text: a sign is added when it gains
	 * (not to a zero such as "0.0") */
	c[12] =
	    !json_is_string(change) ? "—"
	    : json_string_value(change)[0] == '-' ||
	            !strpbrk(json_string_value(change), "123456789")
	        ? json_string_value(change)
	        : arena_printf(ctx->arena, "+%s", json_string_value(change));
	c[13] = str(ind, "status_label");
	/* the citation with the document's title, never a file name */
	c[14] = citation(ctx->arena, *str(ind, "source_label")
	                                 ? str(ind, "source_label")
	                                 : str(ind, "source"));
}

static void render_csv(struct app_ctx *ctx, const struct bulletin *bl,
                       struct abuf *b)
{
	json_t *doc = bl->doc;
	size_t i;
	json_t *ind;
	const char *c[BC__MAX];

	abuf_puts(b, "\xEF\xBB\xBF");
	for (int k = 0; k < BC__MAX; k++) {
		if (k)
			abuf_puts(b, ",");
		csv_write_field(b, bulletin_headers[k]);
	}
	abuf_puts(b, "\r\n");
	json_array_foreach(json_object_get(doc, "indicators"), i, ind)
	{
		bulletin_cells(ctx, bl, ind, c);
		for (int k = 0; k < BC__MAX; k++) {
			if (k)
				abuf_puts(b, ",");
			csv_write_field(b, c[k]);
		}
		abuf_puts(b, "\r\n");
	}
}

const char *bulletin_issuer(struct arena *a, const char *name, int level)
{
	size_t n = strlen(name);

	switch (level) {
	case REGION_PROVINCE:
		return arena_printf(a, "%s民政厅", name);
	case REGION_CITY:
	case REGION_COUNTY:
		return arena_printf(a, "%s民政局", name);
	case REGION_TOWNSHIP:
		return n >= 6 && !strcmp(name + n - 6, "街道")
		           ? arena_printf(a, "%s办事处", name)
		           : arena_printf(a, "%s人民政府", name);
	default:
		/* 某某村 → 某某村民委员会, 某某社区 → 某某社区居民委员会 */
		return n >= 3 && !strcmp(name + n - 3, "村")
		           ? arena_printf(a, "%s民委员会", name)
		           : arena_printf(a, "%s居民委员会", name);
	}
}

static enum indicator_status status_of(const char *name)
{
	for (int k = 0; k < ST__MAX; k++)
		if (!strcmp(status_name((enum indicator_status)k), name))
			return (enum indicator_status)k;
	return ST_NO_DATA;
}

static int is_binding(json_t *ind)
{
	return !strcmp(str(ind, "attribute"), "binding");
}

static int is_late(enum indicator_status s)
{
	return s == ST_BEHIND || s == ST_MISSED;
}

/* The summary paragraph: counts by status, then the binding indicators
 * behind or missed by name. */
static const char *summary_of(struct app_ctx *ctx, struct bulletin *b)
{
	struct abuf t;
	size_t i, named = 0;
	json_t *ind;

	abuf_init(&t, ctx->arena);
	abuf_printf(&t,
	            "截至%s，本期监测主要指标%zu项，其中已达标%zu项、"
	            "进度正常%zu项、滞后%zu项、未达标%zu项、无数据%zu项",
	            b->issued, b->total, b->count[ST_MET],
	            b->count[ST_ON_TRACK], b->count[ST_BEHIND],
	            b->count[ST_MISSED], b->count[ST_NO_DATA]);
	if (b->count[ST_NO_TARGET])
		abuf_printf(&t, "、无本级目标%zu项", b->count[ST_NO_TARGET]);
	/* no target at all: shown, counted apart, never 达标 or 未达标 */
	if (b->count[ST_DESCRIPTIVE])
		abuf_printf(&t, "、不考核%zu项", b->count[ST_DESCRIPTIVE]);
	abuf_puts(&t, "。");
	if (!b->binding) {
		abuf_puts(&t, "本期无约束性指标。");
		return t.data;
	}
	if (!b->binding_late) {
		abuf_printf(&t, "约束性指标%zu项，均无滞后或未达标。",
		            b->binding);
		return t.data;
	}
	abuf_printf(&t, "约束性指标%zu项，其中滞后或未达标%zu项：", b->binding,
	            b->binding_late);
	json_array_foreach(json_object_get(b->doc, "indicators"), i, ind)
	{
		if (!is_binding(ind) || !is_late(status_of(str(ind, "status"))))
			continue;
		abuf_printf(&t, "%s%s（%s）", named++ ? "、" : "",
		            str(ind, "name"), str(ind, "status_label"));
	}
	abuf_puts(&t, "，请责任部门加快推进。");
	return t.data;
}

/* The children's comparisons: of the binding indicators, or, where the
 * plans mark none binding, of those with a value at the region. */
static int compare_children(struct app_ctx *ctx, struct bulletin *b)
{
	json_t *inds = json_object_get(b->doc, "indicators"), *ind;
	const char **ids;
	size_t i, n = 0;

	if (b->region_level >= REGION_VILLAGE)
		return 0;
	ids =
	    arena_alloc(ctx->arena, (json_array_size(inds) + 1) * sizeof(*ids));
	json_array_foreach(inds, i, ind)
	{
		if (b->binding ? is_binding(ind)
		               : json_is_string(json_object_get(ind, "value")))
			ids[n++] = str(ind, "id");
	}
	b->compare = arena_alloc(ctx->arena, (n ? n : 1) * sizeof(*b->compare));
	if (n &&
	    indicator_compare_many(ctx, b->region, b->p, ids, n, b->compare))
		return -1;
	b->ncompare = n;
	/* a region whose children are not in the registry compares nothing */
	if (n && !b->compare[0].nrows)
		b->ncompare = 0;
	return 0;
}

int bulletin_build(struct app_ctx *ctx, json_t *params, struct bulletin *b)
{
	json_t *q = json_deep_copy(params), *ind;
	const char *as_of;
	struct region r;
	size_t i;

	memset(b, 0, sizeof(*b));
	json_object_del(q, "format");
	b->doc = app_indicators(ctx, q);
	json_decref(q);
	if (!b->doc)
		return -1;
	b->region = arena_strdup(ctx->arena, str(b->doc, "region"));
	if (region_store_get(ctx->db, ctx->arena, b->region, &r, &ctx->err) ||
	    period_parse(str(b->doc, "period"), &b->p, &ctx->err, "period"))
		return -1;
	b->region_name = r.name;
	b->region_level = r.level;
	b->period_label = compare_period_label(ctx->arena, b->p);
	b->children_label = compare_children_label(r.level);
	b->title =
	    arena_printf(ctx->arena, "%s“一老一小”主要指标完成情况通报（%s）",
	                 r.name, b->period_label);
	b->issuer = bulletin_issuer(ctx->arena, r.name, r.level);
	as_of = str(b->doc, "as_of");
	b->issued = strlen(as_of) == 10
	                ? arena_printf(ctx->arena, "%d年%d月%d日", atoi(as_of),
	                               atoi(as_of + 5), atoi(as_of + 8))
	                : as_of;
	json_array_foreach(json_object_get(b->doc, "indicators"), i, ind)
	{
		enum indicator_status s = status_of(str(ind, "status"));

		b->total++;
		b->count[s]++;
		b->binding += is_binding(ind);
		b->binding_late += is_binding(ind) && is_late(s);
	}
	b->summary = summary_of(ctx, b);
	return compare_children(ctx, b);
}

void bulletin_release(struct bulletin *b)
{
	json_decref(b->doc);
	b->doc = NULL;
}

int app_bulletin_named(struct app_ctx *ctx, json_t *params, char **out,
                       size_t *len, const char **type, const char **ext,
                       const char **name)
{
	const char *format = param_str(params, "format");
	struct bulletin bl;
	struct abuf b;
	int ret = 0;

	if (!format)
		format = "html";
	if (strcmp(format, "html") && strcmp(format, "csv") &&
	    strcmp(format, "xlsx"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "format",
		               "'format' must be html, csv or xlsx");
	if (bulletin_build(ctx, params, &bl)) {
		bulletin_release(&bl);
		return -1;
	}
	abuf_init(&b, ctx->arena);
	if (!strcmp(format, "csv")) {
		render_csv(ctx, &bl, &b);
		ret = task_progress_bulletin_csv(ctx, bl.region, &b);
		*type = "text/csv; charset=utf-8";
		*ext = "csv";
	} else if (!strcmp(format, "html")) {
		/* the plans' task progress, then the check of their published
		 * figures, which closes the page */
		ret = bulletin_html(ctx, &bl, &b) ||
		      task_progress_bulletin_html(ctx, bl.region, &b) ||
		      app_plan_flags_html(ctx, bl.region, str(bl.doc, "period"),
		                          &b);
		*type = "text/html; charset=utf-8";
		*ext = "html";
	} else {
		ret = bulletin_xlsx(ctx, &bl, &b.data, &b.len);
		*type = MEDIA_TYPE_XLSX;
		*ext = "xlsx";
	}
	*name = arena_printf(ctx->arena, "%s.%s", bl.title, *ext);
	*out = b.data;
	*len = b.len;
	bulletin_release(&bl);
	return ret;
}

int app_bulletin(struct app_ctx *ctx, json_t *params, char **out, size_t *len,
                 const char **type, const char **ext)
{
	const char *name;

	return app_bulletin_named(ctx, params, out, len, type, ext, &name);
}
