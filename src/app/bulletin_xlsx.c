/* The bulletin as a workbook an office prints and files: a merged title,
 * a subtitle with the issuing body and date, the summary paragraph, the
 * indicator table with borders and figures as numbers shown to their
 * places, A4 landscape fitted to the page width with the header row
 * repeated and page numbers in the footer; then the children's
 * comparison and the plans' task progress on sheets of their own. */
#include "app/bulletin_doc.h"
#include "app/task_progress_bulletin.h"
#include "app/xlsx_file.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_PLACES = 6, PAPER_A4 = 9 };

struct formats {
	lxw_format *title, *sub, *para, *head, *text, *group;
	lxw_format *num[MAX_PLACES + 1];
};

static void formats_make(struct app_ctx *ctx, lxw_workbook *wb,
                         struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 16);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);
	f->sub = workbook_add_format(wb);
	format_set_align(f->sub, LXW_ALIGN_CENTER);
	f->para = workbook_add_format(wb);
	format_set_text_wrap(f->para);
	format_set_align(f->para, LXW_ALIGN_VERTICAL_TOP);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xF3F4F6);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_text_wrap(f->head);
	f->text = workbook_add_format(wb);
	format_set_border(f->text, LXW_BORDER_THIN);
	format_set_text_wrap(f->text);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
	f->group = workbook_add_format(wb);
	format_set_border(f->group, LXW_BORDER_THIN);
	format_set_bold(f->group);
	format_set_bg_color(f->group, 0xE0ECFF);
	/* one number format per precision: 0 for counts and years, 0.00
	 * for a rate shown to two places */
	for (int p = 0; p <= MAX_PLACES; p++) {
		f->num[p] = workbook_add_format(wb);
		format_set_border(f->num[p], LXW_BORDER_THIN);
		format_set_align(f->num[p], LXW_ALIGN_VERTICAL_TOP);
		format_set_num_format(
		    f->num[p],
		    p ? arena_printf(ctx->arena, "0.%.*s", p, "000000") : "0");
	}
}

/* Whether s is a plain decimal ("56.70", "-1.5", "+2"), and its places:
 * such a cell is written as a number; anything else (a text, a value
 * with the date it is as of) stays text. */
static int decimal_places(const char *s, int *places)
{
	const char *p = s, *dot = NULL;

	if (*p == '-' || *p == '+')
		p++;
	if (!*p)
		return 0;
	for (; *p; p++) {
		if (*p == '.' && !dot && p[1])
			dot = p;
		else if (*p < '0' || *p > '9')
			return 0;
	}
	*places = dot ? (int)(p - dot - 1) : 0;
	return *places <= MAX_PLACES;
}

static void cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                 int numeric, const struct formats *f)
{
	int places;

	/* the spreadsheet's number is the rounded decimal the page shows */
	if (numeric && decimal_places(s, &places))
		worksheet_write_number(ws, row, col, strtod(s, NULL),
		                       f->num[places]);
	else
		worksheet_write_string(ws, row, col, s, f->text);
}

static int is_numeric_col(int k)
{
	return k == BC_SEQ || k == BC_BASE_YEAR || k == BC_BASE ||
	       k == BC_TARGET_YEAR || k == BC_VALUE || k == BC_PREVIOUS ||
	       k == BC_CHANGE;
}

static void print_setup(lxw_worksheet *ws, lxw_row_t header)
{
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_set_landscape(ws);
	worksheet_set_margins(ws, 0.6, 0.6, 0.8, 0.8);
	worksheet_repeat_rows(ws, header, header);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

static void indicator_sheet(struct app_ctx *ctx, const struct bulletin *bl,
                            lxw_workbook *wb, const struct formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "指标通报");
	const lxw_row_t header = 3;
	lxw_row_t row = header + 1;
	const char *c[BC__MAX];
	size_t i;
	json_t *ind;

	worksheet_merge_range(ws, 0, 0, 0, BC__MAX - 1, bl->title, f->title);
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_merge_range(
	    ws, 1, 0, 1, BC__MAX - 1,
	    arena_printf(ctx->arena, "%s　%s", bl->issuer, bl->issued), f->sub);
	worksheet_merge_range(ws, 2, 0, 2, BC__MAX - 1,
	                      arena_printf(ctx->arena,
	                                   "%s数值按指标目标的小数位数四舍五入"
	                                   "（非整数至少两位小数）。",
	                                   bl->summary),
	                      f->para);
	worksheet_set_row(ws, 2, 64, NULL);
	for (int k = 0; k < BC__MAX; k++)
		worksheet_write_string(ws, header, (lxw_col_t)k,
		                       bulletin_headers[k], f->head);
	json_array_foreach(json_object_get(bl->doc, "indicators"), i, ind)
	{
		bulletin_cells(ctx, bl, ind, c);
		for (int k = 0; k < BC__MAX; k++)
			cell(ws, row, (lxw_col_t)k, c[k], is_numeric_col(k), f);
		row++;
	}
	worksheet_set_column(ws, BC_GROUP, BC_GROUP, 14, NULL);
	worksheet_set_column(ws, BC_SEQ, BC_SEQ, 5, NULL);
	worksheet_set_column(ws, BC_NAME, BC_NAME, 36, NULL);
	worksheet_set_column(ws, BC_UNIT, BC_ATTRIBUTE, 7, NULL);
	worksheet_set_column(ws, BC_DEPARTMENT, BC_DEPARTMENT, 20, NULL);
	worksheet_set_column(ws, BC_BASE_YEAR, BC_CHANGE, 9, NULL);
	worksheet_set_column(ws, BC_STATUS, BC_STATUS, 10, NULL);
	worksheet_set_column(ws, BC_SOURCE, BC_SOURCE, 40, NULL);
	worksheet_freeze_panes(ws, header + 1, BC_NAME + 1);
	print_setup(ws, header);
}

static const char *const compare_heads[] = { "名次", "区划", "本期值", "目标",
	                                     "状态" };
enum { CCOLS = sizeof(compare_heads) / sizeof(compare_heads[0]) };

static void compare_sheet(struct app_ctx *ctx, const struct bulletin *bl,
                          lxw_workbook *wb, const struct formats *f)
{
	lxw_worksheet *ws;
	lxw_row_t row = 1;

	if (!bl->ncompare)
		return;
	ws = workbook_add_worksheet(
	    wb, arena_printf(ctx->arena, "%s完成情况", bl->children_label));
	worksheet_merge_range(ws, 0, 0, 0, CCOLS - 1,
	                      arena_printf(ctx->arena, "%s完成情况（%s）",
	                                   bl->children_label,
	                                   bl->period_label),
	                      f->title);
	for (size_t k = 0; k < bl->ncompare; k++) {
		const struct indicator_compare *c = &bl->compare[k];

		row++;
		worksheet_merge_range(ws, row, 0, row, CCOLS - 1,
		                      arena_printf(ctx->arena, "%s%s%s%s",
		                                   c->name, c->unit ? "（" : "",
		                                   c->unit ? c->unit : "",
		                                   c->unit ? "）" : ""),
		                      f->group);
		row++;
		for (int j = 0; j < CCOLS; j++)
			worksheet_write_string(ws, row, (lxw_col_t)j,
			                       compare_heads[j], f->head);
		row++;
		for (size_t i = 0; i < c->nrows; i++, row++) {
			const struct compare_row *r = &c->rows[i];

			if (r->rank)
				worksheet_write_number(ws, row, 0, r->rank,
				                       f->num[0]);
			else
				worksheet_write_string(ws, row, 0, "—",
				                       f->text);
			worksheet_write_string(ws, row, 1, r->name, f->text);
			cell(ws, row, 2, r->display, r->has_value, f);
			worksheet_write_string(
			    ws, row, 3,
			    compare_target_label(ctx->arena, &r->target),
			    f->text);
			worksheet_write_string(
			    ws, row, 4, status_label_zh(r->status), f->text);
		}
	}
	worksheet_set_column(ws, 0, 0, 8, NULL);
	worksheet_set_column(ws, 1, 1, 24, NULL);
	worksheet_set_column(ws, 2, 4, 14, NULL);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

int bulletin_xlsx(struct app_ctx *ctx, const struct bulletin *bl, char **out,
                  size_t *len)
{
	struct xlsx_file x;
	struct formats f;

	if (xlsx_file_open(ctx, &x, 0))
		return -1;
	formats_make(ctx, x.wb, &f);
	indicator_sheet(ctx, bl, x.wb, &f);
	compare_sheet(ctx, bl, x.wb, &f);
	/* the plans' task progress, on sheets of their own */
	if (task_progress_bulletin_xlsx(ctx, bl->region, x.wb)) {
		char *ignored;
		size_t n;

		xlsx_file_close(ctx, &x, &ignored, &n);
		return -1;
	}
	return xlsx_file_close(ctx, &x, out, len);
}
