#include "app/bulletin.h"
#include "app/xlsx_file.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/planning.h"
#include "app/task_progress_bulletin.h"
#include "core/csv.h"
#include "core/text.h"
#include "store/region_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The columns, in Chinese as the officials read them. */
static const char *const headers[] = {
	"分组",     "序号",   "指标",   "单位",   "属性",
	"责任部门", "基期",   "基期值", "目标年", "目标",
	"本期值",   "上期值", "变化",   "状态",   "来源",
};
enum { NCOLS = sizeof(headers) / sizeof(headers[0]), IND_XLSX_PLACES = 6 };

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
	                                  : "";
}

/* One row of text cells for an indicator. */
static void row_cells(struct app_ctx *ctx, json_t *doc, json_t *ind,
                      const char **c)
{
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
	c[5] = str(ind, "department");
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
	c[14] = *str(ind, "source_label") ? str(ind, "source_label")
	                                  : str(ind, "source");
}

static void render_csv(struct app_ctx *ctx, json_t *doc, struct abuf *b)
{
	size_t i;
	json_t *ind;
	const char *c[NCOLS];

	abuf_puts(b, "\xEF\xBB\xBF");
	for (int k = 0; k < NCOLS; k++) {
		if (k)
			abuf_puts(b, ",");
		csv_write_field(b, headers[k]);
	}
	abuf_puts(b, "\r\n");
	json_array_foreach(json_object_get(doc, "indicators"), i, ind)
	{
		row_cells(ctx, doc, ind, c);
		for (int k = 0; k < NCOLS; k++) {
			if (k)
				abuf_puts(b, ",");
			csv_write_field(b, c[k]);
		}
		abuf_puts(b, "\r\n");
	}
}

static void render_html(struct app_ctx *ctx, json_t *doc,
                        const char *region_name, struct abuf *b)
{
	size_t i;
	json_t *ind;
	const char *c[NCOLS], *group = NULL;

	abuf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	             "<meta charset=\"utf-8\"><title>");
	text_html_escape(b, region_name);
	abuf_puts(b, " 一老一小指标通报 ");
	text_html_escape(b, str(doc, "period"));
	abuf_puts(
	    b, "</title><style>"
	       "body{font-family:\"PingFang SC\",\"Microsoft YaHei\","
	       "\"Noto Sans CJK SC\",sans-serif;margin:2em;color:#1f2937}"
	       "h1{font-size:1.4em}table{border-collapse:collapse;width:100%;"
	       "font-size:.9em}th,td{border:1px solid #d1d5db;padding:.35em "
	       ".5em;text-align:left;vertical-align:top}th{background:#f3f4f6}"
	       "td.n{text-align:right;white-space:nowrap}"
	       "tr.g td{background:#e0ecff;font-weight:bold}"
	       ".met{color:#047857}.on_track{color:#1d4ed8}"
	       ".behind{color:#b91c1c;font-weight:bold}.no_data{color:#6b7280}"
	       ".missed{color:#7f1d1d;font-weight:bold}"
	       ".no_target{color:#6b7280}"
	       "small{color:#6b7280}@media print{body{margin:0}}"
	       "</style></head><body>\n<h1>");
	text_html_escape(b, region_name);
	abuf_puts(b, " “一老一小”主要指标通报</h1>\n<p>统计期：");
	text_html_escape(b, str(doc, "period"));
	abuf_puts(b, "（截至 ");
	text_html_escape(b, str(doc, "as_of"));
	abuf_puts(b, "）· 比较期：上一期 · 数值按指标目标的小数位数"
	             "四舍五入显示（非整数至少两位小数）</p>\n"
	             "<table><thead><tr>");
	for (int k = 1; k < NCOLS - 1; k++) {
		abuf_puts(b, "<th>");
		text_html_escape(b, headers[k]);
		abuf_puts(b, "</th>");
	}
	abuf_puts(b, "</tr></thead><tbody>\n");
	json_array_foreach(json_object_get(doc, "indicators"), i, ind)
	{
		row_cells(ctx, doc, ind, c);
		if (!group || strcmp(group, c[0])) {
			group = c[0];
			abuf_printf(b, "<tr class=\"g\"><td colspan=\"%d\">",
			            NCOLS - 2);
			text_html_escape(b, group);
			abuf_puts(b, "</td></tr>\n");
		}
		abuf_puts(b, "<tr>");
		for (int k = 1; k < NCOLS - 1; k++) {
			int numeric = k == 6 || (k >= 7 && k <= 12);

			if (k == 13)
				abuf_printf(b, "<td class=\"%s\">",
				            str(ind, "status"));
			else
				abuf_puts(b, numeric ? "<td class=\"n\">"
				                     : "<td>");
			text_html_escape(b, c[k]);
			if (k == 2) {
				abuf_puts(b, "<br><small>");
				text_html_escape(b, c[14]);
				abuf_puts(b, "</small>");
			}
			abuf_puts(b, "</td>");
		}
		abuf_puts(b, "</tr>\n");
	}
	abuf_puts(b, "</tbody></table>\n<p><small>状态：已达标 = 达到目标；"
	             "进度正常 = 目标年前，不低于基期到目标年的直线进度；"
	             "滞后 = 目标年前，低于直线进度；未达标 = 目标年已过，"
	             "未达到目标；无数据 = 尚无数据；无本级目标 = "
	             "上级规划的总量目标未分解到本地区，数值仅作描述。"
	             "约束性且滞后或未达标的指标排在各组之首。"
	             "</small></p>\n</body></html>\n");
}

/* The workbook through app/xlsx_file.h. */
static int render_xlsx(struct app_ctx *ctx, json_t *doc,
                       const char *region_name, char **out, size_t *len)
{
	struct xlsx_file x;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *title, *num[IND_XLSX_PLACES + 1];
	size_t i;
	json_t *ind;
	const char *c[NCOLS];
	int row = 2;

	if (xlsx_file_open(ctx, &x, 0))
		return -1;
	wb = x.wb;
	ws = workbook_add_worksheet(wb, "指标通报");
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xF3F4F6);
	format_set_border(head, LXW_BORDER_THIN);
	/* one number format per precision, so 56.70 shows as 56.70 */
	for (int p = 0; p <= IND_XLSX_PLACES; p++) {
		num[p] = workbook_add_format(wb);
		format_set_align(num[p], LXW_ALIGN_RIGHT);
		format_set_num_format(
		    num[p],
		    p ? arena_printf(ctx->arena, "0.%.*s", p, "000000") : "0");
	}
	worksheet_write_string(
	    ws, 0, 0,
	    arena_printf(ctx->arena, "%s “一老一小”主要指标通报 %s（截至 %s）",
	                 region_name, str(doc, "period"), str(doc, "as_of")),
	    title);
	for (int k = 0; k < NCOLS; k++)
		worksheet_write_string(ws, 1, (lxw_col_t)k, headers[k], head);
	worksheet_set_column(ws, 2, 2, 40, NULL);
	worksheet_set_column(ws, 5, 5, 24, NULL);
	worksheet_set_column(ws, 14, 14, 40, NULL);
	json_array_foreach(json_object_get(doc, "indicators"), i, ind)
	{
		json_t *value = json_object_get(ind, "value");
		json_int_t places =
		    json_integer_value(json_object_get(ind, "places"));

		row_cells(ctx, doc, ind, c);
		for (int k = 0; k < NCOLS; k++) {
			/* the current value as a number, for formulas: the
			 * rounded decimal, shown to its places */
			if (k == 10 && json_is_string(value) && places >= 0 &&
			    places <= IND_XLSX_PLACES)
				worksheet_write_number(
				    ws, (lxw_row_t)row, (lxw_col_t)k,
				    strtod(json_string_value(value), NULL),
				    num[places]);
			else
				worksheet_write_string(ws, (lxw_row_t)row,
				                       (lxw_col_t)k, c[k],
				                       NULL);
		}
		row++;
	}
	worksheet_freeze_panes(ws, 2, 3);
	/* the plans' task progress, on sheets of its own */
	if (task_progress_bulletin_xlsx(ctx, str(doc, "region"), wb)) {
		char *ignored;
		size_t n;

		xlsx_file_close(ctx, &x, &ignored, &n);
		return -1;
	}
	return xlsx_file_close(ctx, &x, out, len);
}

int app_bulletin(struct app_ctx *ctx, json_t *params, char **out, size_t *len,
                 const char **type, const char **ext)
{
	const char *format = param_str(params, "format");
	json_t *q = json_deep_copy(params), *doc;
	struct region r;
	struct abuf b;
	int ret = 0;

	json_object_del(q, "format");
	if (!format)
		format = "html";
	if (strcmp(format, "html") && strcmp(format, "csv") &&
	    strcmp(format, "xlsx")) {
		json_decref(q);
		return lx_fail(&ctx->err, LX_EMALFORMED, "format",
		               "'format' must be html, csv or xlsx");
	}
	doc = app_indicators(ctx, q);
	json_decref(q);
	if (!doc)
		return -1;
	if (region_store_get(ctx->db, ctx->arena, str(doc, "region"), &r,
	                     &ctx->err)) {
		json_decref(doc);
		return -1;
	}
	abuf_init(&b, ctx->arena);
	if (!strcmp(format, "csv")) {
		render_csv(ctx, doc, &b);
		ret = task_progress_bulletin_csv(ctx, str(doc, "region"), &b);
		*type = "text/csv; charset=utf-8";
		*ext = "csv";
	} else if (!strcmp(format, "html")) {
		render_html(ctx, doc, r.name, &b);
		ret = app_plan_flags_html(ctx, str(doc, "region"),
		                          str(doc, "period"), &b) ||
		      task_progress_bulletin_html(ctx, str(doc, "region"), &b);
		*type = "text/html; charset=utf-8";
		*ext = "html";
	} else {
		ret = render_xlsx(ctx, doc, r.name, &b.data, &b.len);
		*type = "application/"
		        "vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		*ext = "xlsx";
	}
	*out = b.data;
	*len = b.len;
	json_decref(doc);
	return ret;
}
