/* The bulletin as an HTML page to read on screen and print on A4: the
 * header row repeats on each printed page and the page numbers are in the
 * bottom margin (CSS @page margin boxes, which Chromium prints). The page
 * is left open: the task progress and the check of the plans' published
 * figures follow it (app/bulletin.c). */
#include "app/bulletin_doc.h"

#include "core/text.h"

#include <string.h>

static const char style[] =
    "@page{size:A4;margin:20mm 15mm;"
    "@bottom-center{content:\"第\" counter(page) \"页 共\" counter(pages) "
    "\"页\";font-size:9pt;color:#374151}}"
    "body{font-family:\"Noto Sans CJK SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",sans-serif;margin:2em auto;max-width:1120px;"
    "padding:0 1em;color:#111827;font-size:15px;line-height:1.6}"
    "h1{font-size:22px;text-align:center;margin:.3em 0}"
    "p.issuer{text-align:center;color:#374151;margin:0 0 1.2em}"
    "h2{font-size:17px;margin:1.4em 0 .4em}"
    "h3{font-size:15px;margin:1.1em 0 .2em}"
    "p.summary{text-indent:2em}"
    "p.meta{color:#374151;margin:.1em 0 .4em;font-size:14px}"
    ".wrap{overflow-x:auto}"
    "table{border-collapse:collapse;width:100%;font-size:13px}"
    "th,td{border:1px solid #9ca3af;padding:.3em .45em;text-align:left;"
    "vertical-align:top}"
    "th{background:#f3f4f6;white-space:nowrap}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "td.n{text-align:right;white-space:nowrap}td.c{white-space:nowrap}"
    "td.name{min-width:11em}td.dept{min-width:6em}"
    "table.cmp td:nth-child(2){min-width:7em}"
    "tr.g td{background:#e0ecff;font-weight:bold}"
    "td.bar{width:28%}span.bar{display:inline-block;height:.8em;"
    "background:#2563eb;vertical-align:middle}"
    ".met{color:#047857}.on_track{color:#1d4ed8}"
    ".behind{color:#b91c1c;font-weight:bold}.no_data{color:#4b5563}"
    ".missed{color:#7f1d1d;font-weight:bold}.no_target{color:#4b5563}"
    ".descriptive{color:#4b5563}"
    "small{color:#4b5563}"
    "@media print{body{margin:0;max-width:none;padding:0;font-size:10.5pt}"
    ".wrap{overflow:visible}table{font-size:8.5pt}"
    "th,tr.g td,span.bar{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}}";

/* 一 … 九十九, for the sub-headings (一)(二)…. */
static const char *cn_number(struct arena *a, size_t n)
{
	static const char *const digits[] = { "",   "一", "二", "三", "四",
		                              "五", "六", "七", "八", "九" };

	if (n < 10)
		return digits[n];
	if (n < 100)
		return arena_printf(a, "%s十%s",
		                    n / 10 > 1 ? digits[n / 10] : "",
		                    digits[n % 10]);
	return arena_printf(a, "%zu", n);
}

static void esc(struct abuf *b, const char *s)
{
	text_html_escape(b, s ? s : "");
}

static void indicator_table(struct app_ctx *ctx, const struct bulletin *bl,
                            struct abuf *b)
{
	const char *c[BC__MAX], *group = NULL;
	size_t i;
	json_t *ind;

	abuf_puts(b, "<div class=\"wrap\"><table><thead><tr>");
	for (int k = BC_SEQ; k < BC_SOURCE; k++) {
		abuf_puts(b, "<th>");
		esc(b, bulletin_headers[k]);
		abuf_puts(b, "</th>");
	}
	abuf_puts(b, "</tr></thead><tbody>\n");
	json_array_foreach(json_object_get(bl->doc, "indicators"), i, ind)
	{
		bulletin_cells(ctx, bl, ind, c);
		if (!group || strcmp(group, c[BC_GROUP])) {
			group = c[BC_GROUP];
			abuf_printf(b, "<tr class=\"g\"><td colspan=\"%d\">",
			            BC_SOURCE - BC_SEQ);
			esc(b, group);
			abuf_puts(b, "</td></tr>\n");
		}
		abuf_puts(b, "<tr>");
		for (int k = BC_SEQ; k < BC_SOURCE; k++) {
			int numeric = k == BC_SEQ || k == BC_BASE_YEAR ||
			              (k >= BC_BASE && k <= BC_CHANGE);

			if (k == BC_STATUS)
				abuf_printf(b, "<td class=\"c %s\">",
				            json_string_value(json_object_get(
				                ind, "status")));
			else if (k == BC_UNIT || k == BC_ATTRIBUTE)
				abuf_puts(b, "<td class=\"c\">");
			/* room for a name, so a phone scrolls the table
			 * rather than set one character a line */
			else if (k == BC_NAME)
				abuf_puts(b, "<td class=\"name\">");
			else if (k == BC_DEPARTMENT)
				abuf_puts(b, "<td class=\"dept\">");
			else
				abuf_puts(b, numeric ? "<td class=\"n\">"
				                     : "<td>");
			esc(b, c[k]);
			/* the citation: the document's title and clause */
			if (k == BC_NAME && *c[BC_SOURCE]) {
				abuf_puts(b, "<br><small>");
				esc(b, c[BC_SOURCE]);
				abuf_puts(b, "</small>");
			}
			abuf_puts(b, "</td>");
		}
		abuf_puts(b, "</tr>\n");
	}
	abuf_puts(b, "</tbody></table></div>\n");
}

/* One indicator across the children, ranked, with a bar for the eye. */
static void compare_table(struct app_ctx *ctx,
                          const struct indicator_compare *c, size_t k,
                          struct abuf *b)
{
	double top = 0;

	abuf_printf(b, "<h3>（%s）", cn_number(ctx->arena, k + 1));
	esc(b, c->name);
	if (c->unit) {
		abuf_puts(b, "（");
		esc(b, c->unit);
		abuf_puts(b, "）");
	}
	abuf_puts(b, "</h3>\n<p class=\"meta\">");
	if (c->target.year) {
		abuf_printf(b, "目标：%d年", c->target.year);
		esc(b, compare_target_label(ctx->arena, &c->target));
		abuf_puts(b, "；");
	}
	if (c->department) {
		abuf_puts(b, "责任部门：");
		esc(b, c->department);
		abuf_puts(b, "；");
	}
	/* an indicator with no target is listed, not judged */
	if (c->nrows && c->count[ST_DESCRIPTIVE] == c->nrows)
		abuf_printf(b,
		            "%zu个地区中有数据%zu个；该指标无目标，不考核。"
		            "</p>\n",
		            c->nrows, c->with_data);
	else
		abuf_printf(
		    b,
		    "%zu个地区中有数据%zu个，已达标%zu个、进度正常%zu个、"
		    "滞后%zu个、未达标%zu个。</p>\n",
		    c->nrows, c->with_data, c->count[ST_MET],
		    c->count[ST_ON_TRACK], c->count[ST_BEHIND],
		    c->count[ST_MISSED]);
	for (size_t i = 0; i < c->nrows; i++)
		if (c->rows[i].has_value &&
		    exact_to_double(c->rows[i].value) > top)
			top = exact_to_double(c->rows[i].value);
	abuf_puts(
	    b,
	    "<div class=\"wrap\"><table class=\"cmp\"><thead><tr><th>名次</th>"
	    "<th>区划</th><th>本期值</th><th>目标</th><th>状态</th>"
	    "<th>对比</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < c->nrows; i++) {
		const struct compare_row *r = &c->rows[i];
		/* a bar's length is a picture, not a figure anyone reads */
		double v = r->has_value ? exact_to_double(r->value) : 0;

		if (r->rank)
			abuf_printf(b, "<tr><td class=\"n\">%d</td><td>",
			            r->rank);
		else
			abuf_puts(b, "<tr><td class=\"n\">—</td><td>");
		esc(b, r->name);
		abuf_puts(b, "</td><td class=\"n\">");
		esc(b, r->display);
		abuf_puts(b, "</td><td class=\"n\">");
		esc(b, compare_target_label(ctx->arena, &r->target));
		abuf_printf(b, "</td><td class=\"%s\">",
		            status_name(r->status));
		esc(b, status_label_zh(r->status));
		abuf_puts(b, "</td><td class=\"bar\">");
		if (top > 0 && v > 0)
			abuf_printf(
			    b,
			    "<span class=\"bar\" style=\"width:%.1f%%\">"
			    "</span>",
			    v / top * 100);
		abuf_puts(b, "</td></tr>\n");
	}
	abuf_puts(b, "</tbody></table></div>\n");
}

int bulletin_html(struct app_ctx *ctx, const struct bulletin *bl,
                  struct abuf *b)
{
	abuf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	             "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	             "content=\"width=device-width, initial-scale=1\"><title>");
	esc(b, bl->title);
	abuf_printf(b, "</title><style>%s</style></head><body>\n<h1>", style);
	esc(b, bl->title);
	abuf_puts(b, "</h1>\n<p class=\"issuer\">");
	esc(b, bl->issuer);
	abuf_puts(b, "　");
	esc(b, bl->issued);
	abuf_puts(b, "</p>\n<h2>一、总体情况</h2>\n<p class=\"summary\">");
	esc(b, bl->summary);
	abuf_puts(b, "</p>\n<h2>二、主要指标完成情况</h2>\n");
	indicator_table(ctx, bl, b);
	abuf_puts(b, "<p><small>状态：已达标 = 达到目标；"
	             "进度正常 = 目标年前，不低于基期到目标年的直线进度；"
	             "滞后 = 目标年前，低于直线进度；未达标 = 目标年已过，"
	             "未达到目标；无数据 = 尚无数据；无本级目标 = "
	             "上级规划的总量目标未分解到本地区，数值仅作描述。");
	/* explained only where a row is descriptive */
	if (bl->count[ST_DESCRIPTIVE])
		abuf_puts(b, "不考核 = 规划未设目标值，只列数值，"
		             "不计入达标、未达标。");
	abuf_puts(b, "约束性且滞后或未达标的指标排在各组之首。"
	             "数值按指标目标的小数位数四舍五入显示"
	             "（非整数至少两位小数）。</small></p>\n");
	if (bl->ncompare) {
		abuf_puts(b, "<h2>三、");
		esc(b, bl->children_label);
		abuf_puts(b, "完成情况</h2>\n<p>");
		abuf_printf(b,
		            "下列%s指标按%s列出本期值、目标和状态；名次按目标"
		            "方向排列（目标为“≥”者数值越高越靠前，“≤”者越低"
		            "越靠前，其余按数值由高到低），数值相同者名次相同，"
		            "无数据者不排名次。</p>\n",
		            bl->binding ? "约束性" : "有数据的",
		            bl->children_label);
		for (size_t k = 0; k < bl->ncompare; k++)
			compare_table(ctx, &bl->compare[k], k, b);
	}
	return 0;
}
