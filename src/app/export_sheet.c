#include "app/export_sheet.h"

#include "app/xlsx_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void export_fen_yuan(long long fen, char out[32])
{
	/* via unsigned, so that the most negative value has a magnitude */
	unsigned long long m =
	    fen < 0 ? 0 - (unsigned long long)fen : (unsigned long long)fen;

	snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", m / 100,
	         m % 100);
}

static json_t *member(json_t *v, const char *name)
{
	if (json_is_array(v) && *name &&
	    strspn(name, "0123456789") == strlen(name))
		return json_array_get(v, strtoul(name, NULL, 10));
	return json_object_get(v, name);
}

/* Whether s is a plain decimal ("-12.5"): no exponent, no spaces. */
static int is_decimal(const char *s)
{
	size_t i = *s == '-', digits = 0, dots = 0;

	for (; s[i]; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && !dots++)
			continue;
		else
			return 0;
	}
	return digits > 0;
}

/* The member at a dotted path, or NULL. */
static json_t *at_path(struct app_ctx *ctx, json_t *row, const char *key)
{
	char *path = arena_strdup(ctx->arena, key), *dot;
	json_t *v = row;

	while (v && (dot = strchr(path, '.'))) {
		*dot = '\0';
		v = member(v, path);
		path = dot + 1;
	}
	return v ? member(v, path) : NULL;
}

static const char *label_of(const struct enum_names *t, const char *code)
{
	int i = t && code ? enum_lookup(t, code) : -1;

	return i >= 0 && t->labels_zh ? t->labels_zh[i] : code;
}

static const char *tags_text(struct app_ctx *ctx, json_t *v)
{
	size_t i;
	json_t *item;
	const char *s = "";

	json_array_foreach(v, i, item)
	{
		const char *l =
		    json_string_value(json_object_get(item, "label"));

		if (!l)
			l = json_string_value(item);
		if (l)
			s = arena_printf(ctx->arena, "%s%s%s", s,
			                 *s ? "、" : "", l);
	}
	return s;
}

/* Writes one cell; *sum gets the integer (fen for money) it adds. */
static void put_cell(struct app_ctx *ctx, lxw_worksheet *ws, lxw_row_t r,
                     lxw_col_t c, const struct export_col *col, json_t *v,
                     lxw_format *money, long long *sum)
{
	char yuan[32];
	char *dump;

	*sum = 0;
	if (!v || json_is_null(v))
		return;
	switch (col->type) {
	case EXPORT_INT:
		if (json_is_integer(v)) {
			*sum = json_integer_value(v);
			worksheet_write_number(ws, r, c, (double)*sum, NULL);
		}
		return;
	case EXPORT_FEN:
		if (json_is_integer(v)) {
			/* the exact decimal string, then the double nearest
			 * it: what Excel itself would store for it typed in */
			*sum = json_integer_value(v);
			export_fen_yuan(*sum, yuan);
			worksheet_write_number(ws, r, c, strtod(yuan, NULL),
			                       money);
		}
		return;
	case EXPORT_DEC:
		/* the double nearest the exact decimal, as typed into Excel */
		if (json_is_integer(v))
			worksheet_write_number(
			    ws, r, c, (double)json_integer_value(v), NULL);
		else if (json_is_real(v)) /* a measurement (coordinates) */
			worksheet_write_number(ws, r, c, json_real_value(v),
			                       NULL);
		else if (json_is_string(v) && is_decimal(json_string_value(v)))
			worksheet_write_number(
			    ws, r, c, strtod(json_string_value(v), NULL), NULL);
		else if (json_is_string(v))
			worksheet_write_string(ws, r, c, json_string_value(v),
			                       NULL);
		return;
	case EXPORT_LABEL:
		worksheet_write_string(
		    ws, r, c, label_of(col->labels, json_string_value(v)),
		    NULL);
		return;
	case EXPORT_TAGS:
		worksheet_write_string(ws, r, c, tags_text(ctx, v), NULL);
		return;
	case EXPORT_BOOL:
		worksheet_write_string(ws, r, c, json_is_true(v) ? "是" : "否",
		                       NULL);
		return;
	case EXPORT_JSON:
		if (json_is_string(v)) {
			worksheet_write_string(ws, r, c, json_string_value(v),
			                       NULL);
			return;
		}
		dump = json_dumps(v, JSON_COMPACT);
		if (dump) {
			worksheet_write_string(ws, r, c, dump, NULL);
			free(dump);
		}
		return;
	case EXPORT_TEXT:
		if (json_is_string(v))
			worksheet_write_string(ws, r, c, json_string_value(v),
			                       NULL);
		else if (json_is_integer(v))
			worksheet_write_string(
			    ws, r, c,
			    arena_printf(ctx->arena, "%lld",
			                 (long long)json_integer_value(v)),
			    NULL);
		return;
	}
}

int export_sheet_xlsx(struct app_ctx *ctx, const struct export_sheet *s,
                      json_t *rows, char **out, size_t *len)
{
	struct xlsx_file x;
	lxw_worksheet *ws;
	lxw_format *head, *money, *total_label, *total_num, *total_money;
	long long *sums = arena_alloc(ctx->arena, s->ncols * sizeof(*sums));
	size_t n = json_array_size(rows);
	lxw_row_t r = 0;

	memset(sums, 0, s->ncols * sizeof(*sums));
	if (xlsx_file_open(ctx, &x, n > 5000))
		return -1;
	ws = workbook_add_worksheet(x.wb, s->title);
	head = workbook_add_format(x.wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xF3F4F6);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_text_wrap(head);
	money = workbook_add_format(x.wb);
	format_set_num_format(money, "#,##0.00");
	total_label = workbook_add_format(x.wb);
	format_set_bold(total_label);
	format_set_top(total_label, LXW_BORDER_THIN);
	total_num = workbook_add_format(x.wb);
	format_set_bold(total_num);
	format_set_top(total_num, LXW_BORDER_THIN);
	format_set_num_format(total_num, "#,##0");
	total_money = workbook_add_format(x.wb);
	format_set_bold(total_money);
	format_set_top(total_money, LXW_BORDER_THIN);
	format_set_num_format(total_money, "#,##0.00");
	for (size_t c = 0; c < s->ncols; c++) {
		const struct export_col *col = &s->cols[c];

		/* a Chinese character is about two Latin ones wide */
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		                     col->width ? col->width : 12, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, col->head, head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_array_get(rows, i);

		r = (lxw_row_t)(i + 1);
		for (size_t c = 0; c < s->ncols; c++) {
			long long add;

			put_cell(ctx, ws, r, (lxw_col_t)c, &s->cols[c],
			         at_path(ctx, row, s->cols[c].key), money,
			         &add);
			sums[c] += add;
		}
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)n,
	                     (lxw_col_t)(s->ncols ? s->ncols - 1 : 0));
	if (s->with_total) {
		r = (lxw_row_t)(n + 1);
		worksheet_write_string(ws, r, 0, "合计", total_label);
		for (size_t c = 1; c < s->ncols; c++) {
			char yuan[32];

			if (!s->cols[c].total)
				worksheet_write_blank(ws, r, (lxw_col_t)c,
				                      total_label);
			else if (s->cols[c].type == EXPORT_FEN) {
				export_fen_yuan(sums[c], yuan);
				worksheet_write_number(ws, r, (lxw_col_t)c,
				                       strtod(yuan, NULL),
				                       total_money);
			} else
				worksheet_write_number(ws, r, (lxw_col_t)c,
				                       (double)sums[c],
				                       total_num);
		}
	}
	return xlsx_file_close(ctx, &x, out, len);
}
