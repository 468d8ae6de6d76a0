/* The fill-in template of each import kind (app/transfer.h): the words of
 * app/import_headers.c laid out as a workbook an official fills in and
 * uploads as it is. */
#include "app/transfer.h"

#include "app/import_headers.h"
#include "app/xlsx_file.h"
#include "core/csv.h"

#include <string.h>

/* Rows an official may fill below the header with the drop-downs. */
enum { TEMPLATE_ROWS = 5000 };

struct column {
	const struct field_spec *spec;
	const struct import_column *words;
	const char *head; /* the header cell */
	const char **labels;
	size_t nlabels;
};

/* The example row's cell of a column: a region code is the caller's own
 * region (an administrator, who has none, fills one in). */
static const char *example(struct app_ctx *ctx, const struct column *c)
{
	if (!c->words)
		return "";
	if (!strcmp(c->spec->name, "region"))
		return ctx->who->region;
	return c->words->example;
}

static const char *first_word(struct arena *a, const char *alts)
{
	return arena_strndup(a, alts, strcspn(alts, "|"));
}

/* ID numbers, division codes and account numbers typed as numbers would
 * lose digits: their columns are text. */
static int text_column(const char *field)
{
	return strstr(field, "id_number") || !strcmp(field, "region") ||
	       !strcmp(field, "code") || !strcmp(field, "parent") ||
	       !strcmp(field, "credit_code") ||
	       !strcmp(field, "account_number") || strstr(field, "credit_code");
}

static struct column *columns(struct app_ctx *ctx, const char *kind,
                              const struct import_kind *k, size_t *n)
{
	size_t ns;
	const struct field_spec *specs = transfer_specs(kind, &ns);
	struct column *c = arena_alloc(ctx->arena, (ns + 1) * sizeof(*c));

	for (size_t i = 0; i < ns; i++) {
		c[i].spec = &specs[i];
		c[i].words = import_column_find(k, specs[i].name);
		c[i].head = c[i].words ? first_word(ctx->arena, c[i].words->zh)
		                       : specs[i].name;
		if (specs[i].flags & FF_REQUIRED)
			c[i].head =
			    arena_printf(ctx->arena, "%s（必填）", c[i].head);
		c[i].nlabels = import_labels(ctx->arena, kind, specs[i].name,
		                             &c[i].labels);
		if (!c[i].nlabels && specs[i].type == FT_BOOL) {
			/* the words the import reads for 1 and 0 */
			static const char *yes_no[] = { "是", "否", NULL };

			c[i].labels = yes_no;
			c[i].nlabels = 2;
		}
	}
	*n = ns;
	return c;
}

static int template_csv(struct app_ctx *ctx, struct column *c, size_t n,
                        char **out, size_t *len)
{
	struct abuf b;

	abuf_init(&b, ctx->arena);
	abuf_puts(&b, "\xEF\xBB\xBF");
	for (int row = 0; row < 2; row++) {
		for (size_t i = 0; i < n; i++) {
			if (i)
				abuf_puts(&b, ",");
			csv_write_field(&b, row == 0 ? c[i].head
			                             : example(ctx, &c[i]));
		}
		abuf_puts(&b, "\r\n");
	}
	*out = b.data;
	*len = b.len;
	return 0;
}

static void guide_sheet(struct app_ctx *ctx, lxw_workbook *wb, struct column *c,
                        size_t n, lxw_format *head)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "填写说明");
	static const char *const titles[] = { "列名", "是否必填", "填写格式",
		                              "可选值" };

	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 10, NULL);
	worksheet_set_column(ws, 2, 2, 44, NULL);
	worksheet_set_column(ws, 3, 3, 60, NULL);
	for (int j = 0; j < 4; j++)
		worksheet_write_string(ws, 0, (lxw_col_t)j, titles[j], head);
	for (size_t i = 0; i < n; i++) {
		struct abuf vals;
		lxw_row_t r = (lxw_row_t)(i + 1);

		abuf_init(&vals, ctx->arena);
		for (size_t k = 0; k < c[i].nlabels; k++) {
			if (k)
				abuf_puts(&vals, "、");
			abuf_puts(&vals, c[i].labels[k]);
		}
		worksheet_write_string(
		    ws, r, 0,
		    c[i].words ? first_word(ctx->arena, c[i].words->zh)
		               : c[i].spec->name,
		    NULL);
		worksheet_write_string(
		    ws, r, 1,
		    (c[i].spec->flags & FF_REQUIRED) ? "必填" : "选填", NULL);
		worksheet_write_string(
		    ws, r, 2, c[i].words ? c[i].words->format : "", NULL);
		worksheet_write_string(ws, r, 3, vals.data, NULL);
	}
	worksheet_write_string(
	    ws, (lxw_row_t)(n + 2), 0,
	    "第一张表第 1 行为列名，请勿修改；第 2 行为示例，请改为实际数据"
	    "或删除后填写。整个文件有一处错误则全部不导入，系统列出每一行的"
	    "错误。",
	    NULL);
}

static int template_xlsx(struct app_ctx *ctx, const struct import_kind *k,
                         struct column *c, size_t n, char **out, size_t *len)
{
	struct xlsx_file x;
	lxw_worksheet *ws;
	lxw_format *head, *text;

	if (xlsx_file_open(ctx, &x, 0))
		return -1;
	ws = workbook_add_worksheet(x.wb, k ? k->zh : "导入");
	head = workbook_add_format(x.wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_border(head, LXW_BORDER_THIN);
	text = workbook_add_format(x.wb);
	format_set_num_format(text, "@");
	for (size_t i = 0; i < n; i++) {
		lxw_col_t col = (lxw_col_t)i;
		const char *ex = example(ctx, &c[i]);

		worksheet_set_column(ws, col, col, 16,
		                     text_column(c[i].spec->name) ? text
		                                                  : NULL);
		worksheet_write_string(ws, 0, col, c[i].head, head);
		if (*ex)
			worksheet_write_string(ws, 1, col, ex, NULL);
		if (c[i].nlabels) {
			lxw_data_validation v = { 0 };

			v.validate = LXW_VALIDATION_TYPE_LIST;
			v.value_list = (char **)c[i].labels;
			worksheet_data_validation_range(ws, 1, col,
			                                TEMPLATE_ROWS, col, &v);
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	guide_sheet(ctx, x.wb, c, n, head);
	return xlsx_file_close(ctx, &x, out, len);
}

int app_import_template(struct app_ctx *ctx, const char *kind,
                        const char *format, char **out, size_t *len,
                        const char **filename)
{
	const struct import_kind *k = import_kind_find(kind);
	struct column *c;
	size_t n;
	int csv;

	if (!transfer_specs(kind, &n))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "kind",
		               "nothing to import as '%.30s'", kind);
	if (format && strcmp(format, "xlsx") && strcmp(format, "csv"))
		return lx_fail(&ctx->err, LX_EINVALID, "format",
		               "'format' must be xlsx or csv");
	csv = format && !strcmp(format, "csv");
	c = columns(ctx, kind, k, &n);
	*filename = arena_printf(ctx->arena, "%s导入模板.%s", k ? k->zh : kind,
	                         csv ? "csv" : "xlsx");
	return csv ? template_csv(ctx, c, n, out, len)
	           : template_xlsx(ctx, k, c, n, out, len);
}
