#include "app/approval_notice.h"
#include "app/xlsx_file.h"

#include "app/approval.h"
#include "app/indicators.h"
#include "app/params.h"
#include "app/pii.h"
#include "app/policy.h"
#include "core/csv.h"
#include "core/id_number.h"
#include "core/media_type.h"
#include "core/subsidy.h"
#include "store/approval_store.h"
#include "store/region_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One row of the notice as people read it. */
struct nrow {
	const char *name, *id_masked, *village, *township, *kind, *reason;
	char yuan[32];
};

/* Region names met so far: a list has many lines per village. */
struct names {
	char (*code)[13];
	const char **name;
	size_t n, cap;
};

static const char *region_name(struct app_ctx *ctx, struct names *c,
                               const char *code)
{
	struct region r;
	const char *name;

	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->code[i], code))
			return c->name[i];
	name = region_store_get(ctx->db, ctx->arena, code, &r, NULL)
	           ? arena_strdup(ctx->arena, code)
	           : r.name;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		char(*codes)[13] =
		    arena_alloc(ctx->arena, cap * sizeof(*codes));
		const char **names =
		    arena_alloc(ctx->arena, cap * sizeof(*names));

		if (c->n) {
			memcpy(codes, c->code, c->n * sizeof(*codes));
			memcpy(names, c->name, c->n * sizeof(*names));
		}
		c->code = codes;
		c->name = names;
		c->cap = cap;
	}
	snprintf(c->code[c->n], 13, "%s", code);
	c->name[c->n++] = name;
	return name;
}

/* The masked ID number of a person: always masked, the list is posted.
 * The sealed number comes with the line. */
static const char *masked_id(struct app_ctx *ctx, const struct approval_line *l)
{
	char *plain, *out;

	if (strcmp(l->beneficiary_kind, "person"))
		return "";
	if (!ctx->keys || !l->id_sealed)
		return "******************";
	plain = pii_open(ctx->keys, ctx->arena, l->id_sealed, l->id_sealed_len);
	out = arena_alloc(ctx->arena, 19);
	if (!plain || id_number_mask(plain, out, 19))
		return "******************";
	return out;
}

static const char *kind_zh(const char *kind)
{
	return !strcmp(kind, "payment")            ? "发放"
	       : !strcmp(kind, "adjustment")       ? "调整"
	       : !strcmp(kind, "hold")             ? "暂停发放"
	       : !strcmp(kind, "reversed")         ? "已冲正"
	       : !strcmp(kind, "assessment_stale") ? "评估逾期"
	       : !strcmp(kind, "category_missing") ? "类别缺失"
	                                           : kind;
}

/* fen as yuan to two decimals (60.00): a posted list and a bank agree on
 * the figure to the 分. */
static char *yuan2(int64_t fen, char out[32])
{
	int64_t a = fen < 0 ? -fen : fen;

	snprintf(out, 32, "%s%lld.%02lld", fen < 0 ? "-" : "",
	         (long long)(a / 100), (long long)(a % 100));
	return out;
}

static void fill_row(struct app_ctx *ctx, struct names *names,
                     const struct approval_line *l, struct nrow *r)
{
	char town[13];

	snprintf(town, sizeof(town), "%.9s000", l->region);
	r->name = l->name;
	r->id_masked = masked_id(ctx, l);
	r->village = region_name(ctx, names, l->region);
	r->township = region_name(ctx, names, town);
	r->kind = kind_zh(l->kind);
	r->reason = l->reason;
	yuan2(l->fen, r->yuan);
}

static const char *scheme_name(struct app_ctx *ctx,
                               const struct approval_batch *b)
{
	struct policy_view view;
	const struct subsidy_scheme *sc;

	if (app_policy_view(ctx, b->region, &view) ||
	    !(sc = policy_view_scheme(&view, b->scheme))) {
		lx_error_clear(&ctx->err);
		return b->scheme;
	}
	return sc->name_zh;
}

static json_t *towns_json(struct app_ctx *ctx, struct names *names,
                          const struct approval_town *t, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		char y[32];

		json_array_append_new(
		    a, json_pack("{s:s, s:s, s:I, s:I, s:s}", "township",
		                 t[i].township, "name",
		                 region_name(ctx, names, t[i].township),
		                 "lines", (json_int_t)t[i].lines, "fen",
		                 (json_int_t)t[i].fen, "yuan",
		                 yuan2(t[i].fen, y)));
	}
	return a;
}

json_t *app_batch_notice(struct app_ctx *ctx, long long id, json_t *params)
{
	static const char *const allowed[] = { "list", "page", "per_page",
		                               NULL };
	struct approval_batch b;
	struct approval_line *v;
	struct approval_town *t;
	struct names names = { 0 };
	size_t n, nt;
	long page, per;
	long long total;
	const char *list = param_str(params, "list");
	const char *sname;
	json_t *items;
	int excluded;
	char y[32];

	if (approval_batch_load(ctx, id, &b) ||
	    param_only(params, allowed, &ctx->err) ||
	    param_long(params, "page", 1, 1, 1000000, &page, &ctx->err) ||
	    param_long(params, "per_page", 50, 1, 500, &per, &ctx->err))
		return NULL;
	if (list && strcmp(list, "lines") && strcmp(list, "excluded"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "list",
		               "list is \"lines\" or \"excluded\""),
		       NULL;
	excluded = list && !strcmp(list, "excluded");
	if (approval_store_lines(ctx->db, ctx->arena, id, excluded,
	                         (long long)(page - 1) * per, per, &v, &n,
	                         &total, &ctx->err) ||
	    approval_store_towns(ctx->db, ctx->arena, id, &t, &nt, &ctx->err))
		return NULL;
	sname = scheme_name(ctx, &b);
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct nrow r;

		fill_row(ctx, &names, &v[i], &r);
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I,"
		              " s:s, s:s}",
		              "seq", (json_int_t)v[i].seq, "name", r.name,
		              "id_masked", r.id_masked, "village", r.village,
		              "township", r.township, "scheme", sname, "kind",
		              r.kind, "region", v[i].region, "fen",
		              (json_int_t)v[i].fen, "yuan", r.yuan, "reason",
		              r.reason));
	}
	return json_pack(
	    "{s:I, s:s, s:s, s:o, s:I, s:i, s:i, s:I, s:o, s:I,"
	    " s:I, s:s, s:I}",
	    "batch", (json_int_t)id, "list", excluded ? "excluded" : "lines",
	    "scheme_name", sname, "items", items, "total", (json_int_t)total,
	    "page", (int)page, "per_page", (int)per, "pages",
	    (json_int_t)((total + per - 1) / per), "townships",
	    towns_json(ctx, &names, t, nt), "lines", (json_int_t)b.lines,
	    "total_fen", (json_int_t)b.total_fen, "total_yuan",
	    yuan2(b.total_fen, y), "excluded_count", (json_int_t)b.excluded);
}

static const char *const heads[] = { "序号",       "姓名",         "身份证号",
	                             "村（社区）", "乡镇（街道）", "项目",
	                             "类别",       "金额（元）",   "说明" };
enum { NHEADS = sizeof(heads) / sizeof(*heads) };

/* Everything a file holds: both lists and the townships. */
struct whole {
	struct approval_batch b;
	const char *sname;
	struct approval_line *v[2];
	size_t n[2];
	struct approval_town *t;
	size_t nt;
	struct names names;
};

static int load_whole(struct app_ctx *ctx, long long id, struct whole *w)
{
	long long total;

	memset(w, 0, sizeof(*w));
	if (approval_batch_load(ctx, id, &w->b))
		return -1;
	for (int k = 0; k < 2; k++)
		if (approval_store_lines(ctx->db, ctx->arena, id, k, 0, 0,
		                         &w->v[k], &w->n[k], &total, &ctx->err))
			return -1;
	if (approval_store_towns(ctx->db, ctx->arena, id, &w->t, &w->nt,
	                         &ctx->err))
		return -1;
	w->sname = scheme_name(ctx, &w->b);
	return 0;
}

static void cells(struct app_ctx *ctx, struct whole *w,
                  const struct approval_line *l, const char **c)
{
	struct nrow r;

	fill_row(ctx, &w->names, l, &r);
	c[0] = arena_printf(ctx->arena, "%lld", l->seq);
	c[1] = r.name;
	c[2] = r.id_masked;
	c[3] = r.village;
	c[4] = r.township;
	c[5] = w->sname;
	c[6] = r.kind;
	c[7] = l->excluded ? "" : arena_strdup(ctx->arena, r.yuan);
	c[8] = r.reason;
}

static void csv_row(struct abuf *b, const char *const *c, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			abuf_puts(b, ",");
		csv_write_field(b, c[i] ? c[i] : "");
	}
	abuf_puts(b, "\r\n");
}

static int render_csv(struct app_ctx *ctx, struct whole *w, char **out,
                      size_t *len)
{
	struct abuf b;
	const char *c[NHEADS];
	char y[32];

	abuf_init(&b, ctx->arena);
	abuf_puts(&b, "\xEF\xBB\xBF");
	csv_row(&b, heads, NHEADS);
	for (int k = 0; k < 2; k++) {
		if (k) {
			/* the exclusions follow under a title row of their
			 * own */
			const char *t[1] = { "未发放名单（数据原因）" };

			abuf_puts(&b, "\r\n");
			csv_row(&b, t, 1);
			csv_row(&b, heads, NHEADS);
		}
		for (size_t i = 0; i < w->n[k]; i++) {
			cells(ctx, w, &w->v[k][i], c);
			csv_row(&b, c, NHEADS);
		}
	}
	abuf_puts(&b, "\r\n");
	{
		const char *t[3] = { "乡镇（街道）", "人数", "金额（元）" };

		csv_row(&b, t, 3);
	}
	for (size_t i = 0; i < w->nt; i++) {
		const char *t[3] = {
			region_name(ctx, &w->names, w->t[i].township),
			arena_printf(ctx->arena, "%lld", w->t[i].lines),
			arena_strdup(ctx->arena, yuan2(w->t[i].fen, y))
		};

		csv_row(&b, t, 3);
	}
	{
		const char *t[3] = {
			"合计", arena_printf(ctx->arena, "%lld", w->b.lines),
			yuan2(w->b.total_fen, y)
		};

		csv_row(&b, t, 3);
	}
	*out = b.data;
	*len = b.len;
	return 0;
}

static void sheet_rows(struct app_ctx *ctx, struct whole *w, lxw_worksheet *ws,
                       lxw_format *head, int k)
{
	const char *c[NHEADS];

	for (int j = 0; j < NHEADS; j++)
		worksheet_write_string(ws, 0, (lxw_col_t)j, heads[j], head);
	for (size_t i = 0; i < w->n[k]; i++) {
		cells(ctx, w, &w->v[k][i], c);
		for (int j = 0; j < NHEADS; j++)
			worksheet_write_string(ws, (lxw_row_t)(i + 1),
			                       (lxw_col_t)j, c[j], NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

/* The workbook through app/xlsx_file.h. Amounts are written as text of two
 * decimals, so that the sheet holds exactly what the list says (no binary
 * fraction). */
static int render_xlsx(struct app_ctx *ctx, struct whole *w, char **out,
                       size_t *len)
{
	struct xlsx_file x;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head;
	char y[32];

	if (xlsx_file_open(ctx, &x, 0))
		return -1;
	wb = x.wb;
	head = workbook_add_format(wb);
	format_set_bold(head);
	sheet_rows(ctx, w, workbook_add_worksheet(wb, "公示名单"), head, 0);
	sheet_rows(ctx, w, workbook_add_worksheet(wb, "未发放名单"), head, 1);
	ws = workbook_add_worksheet(wb, "乡镇汇总");
	worksheet_write_string(ws, 0, 0, "乡镇（街道）", head);
	worksheet_write_string(ws, 0, 1, "人数", head);
	worksheet_write_string(ws, 0, 2, "金额（元）", head);
	for (size_t i = 0; i < w->nt; i++) {
		worksheet_write_string(
		    ws, (lxw_row_t)(i + 1), 0,
		    region_name(ctx, &w->names, w->t[i].township), NULL);
		worksheet_write_number(ws, (lxw_row_t)(i + 1), 1,
		                       (double)w->t[i].lines, NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 2,
		                       yuan2(w->t[i].fen, y), NULL);
	}
	worksheet_write_string(ws, (lxw_row_t)(w->nt + 1), 0, "合计", head);
	worksheet_write_number(ws, (lxw_row_t)(w->nt + 1), 1,
	                       (double)w->b.lines, head);
	worksheet_write_string(ws, (lxw_row_t)(w->nt + 1), 2,
	                       yuan2(w->b.total_fen, y), head);
	return xlsx_file_close(ctx, &x, out, len);
}

int app_batch_notice_file(struct app_ctx *ctx, long long id, json_t *params,
                          char **out, size_t *len, const char **type,
                          const char **ext)
{
	static const char *const allowed[] = { "format", NULL };
	const char *format = param_str(params, "format");
	struct whole w;

	if (param_only(params, allowed, &ctx->err))
		return -1;
	if (!format || (strcmp(format, "csv") && strcmp(format, "xlsx")))
		return lx_fail(&ctx->err, LX_EMALFORMED, "format",
		               "format is \"csv\" or \"xlsx\"");
	if (load_whole(ctx, id, &w))
		return -1;
	if (!strcmp(format, "csv")) {
		*type = "text/csv; charset=utf-8";
		*ext = "csv";
		return render_csv(ctx, &w, out, len);
	}
	*type = MEDIA_TYPE_XLSX;
	*ext = "xlsx";
	return render_xlsx(ctx, &w, out, len);
}
