/* The comparison written out: JSON for the pages, CSV and XLSX for the
 * office (app/indicator_compare.h). */
#include "app/indicator_compare.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/xlsx_file.h"
#include "core/csv.h"
#include "core/indicator.h"
#include "core/media_type.h"

#include <stdlib.h>
#include <string.h>

static const char *const better_names[] = { NULL, "higher", "lower" };

static json_t *target_json(const struct compare_target *t)
{
	if (!t->year)
		return json_null();
	return json_pack("{s:i, s:s, s:s?, s:s?, s:s}", "year", t->year, "op",
	                 target_op_name(t->op), "value", t->value, "text",
	                 t->op == TOP_TEXT ? t->text : NULL, "op_label",
	                 target_op_symbol(t->op));
}

static json_t *compare_json(struct app_ctx *ctx,
                            const struct indicator_compare *c)
{
	json_t *rows = json_array(), *o;

	for (size_t i = 0; i < c->nrows; i++) {
		const struct compare_row *r = &c->rows[i];

		json_array_append_new(
		    rows,
		    json_pack("{s:s, s:s, s:s?, s:s, s:s?, s:s, s:s, s:o, s:o}",
		              "code", r->code, "name", r->name, "value",
		              r->has_value ? r->display : NULL, "display",
		              r->display, "text", r->text, "status",
		              status_name(r->status), "status_label",
		              status_label_zh(r->status), "target",
		              target_json(&r->target), "rank",
		              r->rank ? json_integer(r->rank) : json_null()));
	}
	o = json_pack(
	    "{s:{s:s, s:s, s:s?}, s:s, s:s, s:s, s:{s:s, s:s, s:s?, s:s?, "
	    "s:s?, s:s?, s:o}, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
	    "s:I, s:I}, s:s}",
	    "region", "code", c->region, "name", c->region_name, "level",
	    c->level, "period", c->period, "period_label",
	    compare_period_label(ctx->arena, c->p), "as_of", c->as_of,
	    "indicator", "id", c->id, "name", c->name, "unit", c->unit,
	    "attribute", c->attribute, "department", c->department, "better",
	    better_names[c->better], "target", target_json(&c->target), "rows",
	    rows, "summary", "regions", (json_int_t)c->nrows, "with_data",
	    (json_int_t)c->with_data, "met", (json_int_t)c->count[ST_MET],
	    "on_track", (json_int_t)c->count[ST_ON_TRACK], "behind",
	    (json_int_t)c->count[ST_BEHIND], "missed",
	    (json_int_t)c->count[ST_MISSED], "no_data",
	    (json_int_t)c->count[ST_NO_DATA], "no_target",
	    (json_int_t)c->count[ST_NO_TARGET], "descriptive",
	    (json_int_t)c->count[ST_DESCRIPTIVE], "rounding",
	    compare_rounding_zh);
	return o;
}

static const char *const headers[] = { "区划", "本期值", "目标", "状态",
	                               "名次" };
enum { NCOLS = sizeof(headers) / sizeof(headers[0]), MAX_PLACES = 6 };

static void render_csv(struct app_ctx *ctx, const struct indicator_compare *c,
                       struct abuf *b)
{
	abuf_puts(b, "\xEF\xBB\xBF");
	for (int k = 0; k < NCOLS; k++) {
		if (k)
			abuf_puts(b, ",");
		csv_write_field(b, headers[k]);
	}
	abuf_puts(b, "\r\n");
	for (size_t i = 0; i < c->nrows; i++) {
		const struct compare_row *r = &c->rows[i];

		csv_write_field(b, r->name);
		abuf_puts(b, ",");
		csv_write_field(b, r->display);
		abuf_puts(b, ",");
		csv_write_field(b,
		                compare_target_label(ctx->arena, &r->target));
		abuf_puts(b, ",");
		csv_write_field(b, status_label_zh(r->status));
		abuf_puts(b, ",");
		if (r->rank)
			abuf_printf(b, "%d", r->rank);
		abuf_puts(b, "\r\n");
	}
}

/* The title an office reads:
 * 巴中市各县（区）全市养老床位（万张）比较（2026年）. */
static const char *title_of(struct app_ctx *ctx,
                            const struct indicator_compare *c)
{
	return arena_printf(
	    ctx->arena, "%s%s%s%s%s%s比较（%s）", c->region_name,
	    compare_children_label(c->region_level), c->name,
	    c->unit ? "（" : "", c->unit ? c->unit : "", c->unit ? "）" : "",
	    compare_period_label(ctx->arena, c->p));
}

static int render_xlsx(struct app_ctx *ctx, const struct indicator_compare *c,
                       char **out, size_t *len)
{
	struct xlsx_file x;
	lxw_worksheet *ws;
	lxw_format *title, *sub, *head, *cell, *num[MAX_PLACES + 1];
	lxw_workbook *wb;

	if (xlsx_file_open(ctx, &x, 0))
		return -1;
	wb = x.wb;
	ws = workbook_add_worksheet(wb, "比较");
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	format_set_align(title, LXW_ALIGN_CENTER);
	sub = workbook_add_format(wb);
	format_set_align(sub, LXW_ALIGN_CENTER);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xF3F4F6);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	cell = workbook_add_format(wb);
	format_set_border(cell, LXW_BORDER_THIN);
	/* one number format per precision, so 56.70 shows as 56.70 */
	for (int p = 0; p <= MAX_PLACES; p++) {
		num[p] = workbook_add_format(wb);
		format_set_border(num[p], LXW_BORDER_THIN);
		format_set_num_format(
		    num[p],
		    p ? arena_printf(ctx->arena, "0.%.*s", p, "000000") : "0");
	}
	worksheet_merge_range(ws, 0, 0, 0, NCOLS - 1, title_of(ctx, c), title);
	worksheet_merge_range(ws, 1, 0, 1, NCOLS - 1,
	                      arena_printf(ctx->arena, "数据截至%s；%s",
	                                   c->as_of, compare_rounding_zh),
	                      sub);
	for (int k = 0; k < NCOLS; k++)
		worksheet_write_string(ws, 2, (lxw_col_t)k, headers[k], head);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct compare_row *r = &c->rows[i];
		lxw_row_t row = (lxw_row_t)(i + 3);

		worksheet_write_string(ws, row, 0, r->name, cell);
		/* the rounded value as a number, shown to its places */
		if (r->has_value && r->places <= MAX_PLACES)
			worksheet_write_number(ws, row, 1,
			                       exact_to_double(r->value),
			                       num[r->places]);
		else
			worksheet_write_string(ws, row, 1, r->display, cell);
		worksheet_write_string(
		    ws, row, 2, compare_target_label(ctx->arena, &r->target),
		    cell);
		worksheet_write_string(ws, row, 3, status_label_zh(r->status),
		                       cell);
		if (r->rank)
			worksheet_write_number(ws, row, 4, r->rank, num[0]);
		else
			worksheet_write_string(ws, row, 4, "—", cell);
	}
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 4, 14, NULL);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_repeat_rows(ws, 2, 2);
	worksheet_fit_to_pages(ws, 1, 0);
	return xlsx_file_close(ctx, &x, out, len);
}

/* A file name safe on every desktop: no path separators or quotes. */
static const char *file_name(struct app_ctx *ctx,
                             const struct indicator_compare *c, const char *ext)
{
	char *s = arena_printf(ctx->arena, "%s%s比较-%s-%s.%s", c->region_name,
	                       compare_children_label(c->region_level), c->name,
	                       compare_period_label(ctx->arena, c->p), ext);

	for (char *p = s; *p; p++)
		if (*p == '/' || *p == '\\' || *p == '"' ||
		    (unsigned char)*p < 0x20)
			*p = '_';
	return s;
}

int app_indicator_compare(struct app_ctx *ctx, json_t *params, char **out,
                          size_t *len, const char **type, const char **filename)
{
	static const char *const allowed[] = { "region", "period", "indicator",
		                               "format", NULL };
	const char *format = param_str(params, "format"), *region;
	struct indicator_compare c;
	struct period p;
	struct abuf b;
	json_t *doc;

	*filename = NULL;
	if (param_only(params, allowed, &ctx->err))
		return -1;
	if (format && strcmp(format, "json") && strcmp(format, "csv") &&
	    strcmp(format, "xlsx"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "format",
		               "'format' must be json, csv or xlsx");
	/* every fault in what was asked is the question's: 400, naming the
	 * field (an unknown region reads as one out of scope) */
	if (app_visible_region(ctx, params, &region) ||
	    period_parse(param_str(params, "period"), &p, &ctx->err,
	                 "period") ||
	    indicator_compare_build(ctx, region, p,
	                            param_str(params, "indicator"), &c)) {
		if (ctx->err.code == LX_ENOTFOUND ||
		    ctx->err.code == LX_EINVALID)
			ctx->err.code = LX_EMALFORMED;
		return -1;
	}
	abuf_init(&b, ctx->arena);
	if (format && !strcmp(format, "csv")) {
		render_csv(ctx, &c, &b);
		*type = "text/csv; charset=utf-8";
		*filename = file_name(ctx, &c, "csv");
	} else if (format && !strcmp(format, "xlsx")) {
		if (render_xlsx(ctx, &c, &b.data, &b.len))
			return -1;
		*type = MEDIA_TYPE_XLSX;
		*filename = file_name(ctx, &c, "xlsx");
	} else {
		char *s;

		doc = compare_json(ctx, &c);
		s = json_dumps(doc, JSON_COMPACT);
		json_decref(doc);
		if (!s)
			return lx_fail(&ctx->err, LX_EINTERNAL, "",
			               "out of memory");
		abuf_puts(&b, s);
		free(s);
		*type = "application/json; charset=utf-8";
	}
	*out = b.data;
	*len = b.len;
	return 0;
}
