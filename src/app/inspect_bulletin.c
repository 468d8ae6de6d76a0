#include "app/inspect_bulletin.h"

#include "app/params.h"
#include "app/xlsx_file.h"
#include "core/csv.h"
#include "core/media_type.h"
#include "core/period.h"
#include "core/role.h"
#include "core/text.h"
#include "store/inspect_bulletin_store.h"
#include "store/region_store.h"

#include <stdlib.h>
#include <string.h>

static const char *domain_zh(const char *d)
{
	static const char *const map[][2] = {
		{ "building", "建筑" },
		{ "fire", "消防" },
		{ "food", "食品" },
		{ "medical_hygiene", "医疗卫生" },
		{ "special_equipment", "特种设备" },
		{ "video", "视频监控" },
		{ "funds", "补贴和医保基金" },
		{ "premises", "场地挪用" },
		{ "unlicensed", "无证无照" },
		{ "prepaid", "预付费" },
		{ "fundraising", "非法集资" },
		{ "water", "水质" },
		{ "hygiene", "环境卫生" },
		{ "general", "综合" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (!strcmp(map[i][0], d))
			return map[i][1];
	return d;
}

static char *period_zh(struct app_ctx *ctx, struct period p)
{
	static const char *const q[] = { "", "一", "二", "三", "四" };

	if (p.kind == PERIOD_YEAR)
		return arena_printf(ctx->arena, "%d年度", p.year);
	if (p.kind == PERIOD_QUARTER)
		return arena_printf(ctx->arena, "%d年第%s季度", p.year,
		                    q[p.index]);
	return arena_printf(ctx->arena, "%d年%d月", p.year, p.index);
}

static json_t *row_of(struct app_ctx *ctx, const struct region *r,
                      const char *from, const char *to)
{
	struct inspect_bulletin_counts c = { 0 };
	struct inspect_bulletin_domain *d;
	long long found = 0, closed = 0, overdue = 0;
	size_t n;
	json_t *dom;

	if (inspect_bulletin_checks(ctx->db, r->code, from, to, &c,
	                            &ctx->err) ||
	    inspect_bulletin_hazards(ctx->db, ctx->arena, r->code, from, to, &d,
	                             &n, &ctx->err))
		return NULL;
	dom = json_array();
	for (size_t i = 0; i < n; i++) {
		found += d[i].found;
		closed += d[i].closed;
		overdue += d[i].overdue;
		json_array_append_new(
		    dom, json_pack("{ss ss sI sI sI}", "domain", d[i].domain,
		                   "label", domain_zh(d[i].domain), "found",
		                   (json_int_t)d[i].found, "closed",
		                   (json_int_t)d[i].closed, "overdue",
		                   (json_int_t)d[i].overdue));
	}
	return json_pack("{ss ss sI sI sI sI sI sI so}", "region", r->code,
	                 "region_name", r->name, "plans", (json_int_t)c.plans,
	                 "checks_scheduled", (json_int_t)c.checks_scheduled,
	                 "checks_done", (json_int_t)c.checks_done,
	                 "hazards_found", (json_int_t)found, "hazards_closed",
	                 (json_int_t)closed, "hazards_overdue",
	                 (json_int_t)overdue, "by_domain", dom);
}

json_t *app_inspect_bulletin(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "period", "format",
		                               NULL };
	const char *code;
	struct region r, *kids;
	struct period p;
	char from[11], to[11], canon[8];
	size_t nk;
	json_t *rows, *row;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &code, &ctx->err))
		return NULL;
	if (!code)
		code = ctx->who->region[0] ? ctx->who->region : NULL;
	if (!code)
		return lx_fail(&ctx->err, LX_EMALFORMED, "region",
		               "'region' is required"),
		       NULL;
	if (!principal_sees_region(ctx->who, code))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region %s is outside your scope", code),
		       NULL;
	if (period_parse(param_str(params, "period"), &p, &ctx->err, "period"))
		return NULL;
	if (region_store_get(ctx->db, ctx->arena, code, &r, &ctx->err) ||
	    region_store_children(ctx->db, ctx->arena, code, &kids, &nk,
	                          &ctx->err))
		return NULL;
	period_first_day(p, from);
	period_last_day(p, to);
	period_format(p, canon);
	rows = json_array();
	if (!(row = row_of(ctx, &r, from, to))) {
		json_decref(rows);
		return NULL;
	}
	json_array_append_new(rows, row);
	for (size_t i = 0; i < nk; i++) {
		if (!(row = row_of(ctx, &kids[i], from, to))) {
			json_decref(rows);
			return NULL;
		}
		json_array_append_new(rows, row);
	}
	return json_pack(
	    "{ss ss ss ss ss ss so ss}", "region", r.code, "region_name",
	    r.name, "period", canon, "title",
	    arena_printf(ctx->arena, "%s养老托育机构监督检查通报（%s）", r.name,
	                 period_zh(ctx, p)),
	    "from", from, "to", to, "rows", rows, "note",
	    "计划数按抽取日期计；检查按计划日期（已取消的不计）和完成日期计；"
	    "隐患按发现日期和销号日期计；逾期未整改为期末仍未销号且整改期限"
	    "已过的隐患。第一行为本地区合计，其后为各下级地区。");
}

static const char *const headers[] = { "地区",     "领域",      "抽查计划",
	                               "计划检查", "完成检查",  "发现隐患",
	                               "整改销号", "逾期未整改" };
enum { NCOLS = 8 };

/* the table's rows: each region's totals, then its domains */
static void cells(struct app_ctx *ctx, json_t *row, json_t *dom,
                  const char *c[NCOLS])
{
	c[0] = json_string_value(json_object_get(row, "region_name"));
	c[1] = dom ? json_string_value(json_object_get(dom, "label")) : "合计";
	c[2] = dom ? ""
	           : arena_printf(ctx->arena, "%lld",
	                          (long long)json_integer_value(
	                              json_object_get(row, "plans")));
	c[3] = dom ? ""
	           : arena_printf(ctx->arena, "%lld",
	                          (long long)json_integer_value(json_object_get(
	                              row, "checks_scheduled")));
	c[4] = dom ? ""
	           : arena_printf(ctx->arena, "%lld",
	                          (long long)json_integer_value(
	                              json_object_get(row, "checks_done")));
	c[5] = arena_printf(
	    ctx->arena, "%lld",
	    (long long)json_integer_value(json_object_get(
	        dom ? dom : row, dom ? "found" : "hazards_found")));
	c[6] = arena_printf(
	    ctx->arena, "%lld",
	    (long long)json_integer_value(json_object_get(
	        dom ? dom : row, dom ? "closed" : "hazards_closed")));
	c[7] = arena_printf(
	    ctx->arena, "%lld",
	    (long long)json_integer_value(json_object_get(
	        dom ? dom : row, dom ? "overdue" : "hazards_overdue")));
}

typedef void (*emit_fn)(struct app_ctx *ctx, void *sink, int row,
                        const char *c[NCOLS]);

static void each_row(struct app_ctx *ctx, json_t *doc, emit_fn emit, void *sink)
{
	json_t *row, *dom;
	size_t i, k;
	const char *c[NCOLS];
	int n = 0;

	json_array_foreach(json_object_get(doc, "rows"), i, row)
	{
		cells(ctx, row, NULL, c);
		emit(ctx, sink, n++, c);
		json_array_foreach(json_object_get(row, "by_domain"), k, dom)
		{
			cells(ctx, row, dom, c);
			emit(ctx, sink, n++, c);
		}
	}
}

static void emit_csv(struct app_ctx *ctx, void *sink, int row,
                     const char *c[NCOLS])
{
	struct abuf *b = sink;

	(void)ctx;
	(void)row;
	for (int k = 0; k < NCOLS; k++) {
		if (k)
			abuf_puts(b, ",");
		csv_write_field(b, c[k]);
	}
	abuf_puts(b, "\r\n");
}

static void emit_html(struct app_ctx *ctx, void *sink, int row,
                      const char *c[NCOLS])
{
	struct abuf *b = sink;

	(void)ctx;
	(void)row;
	abuf_puts(b, "<tr>");
	for (int k = 0; k < NCOLS; k++) {
		abuf_puts(b, k >= 2 ? "<td class=\"n\">" : "<td>");
		text_html_escape(b, c[k]);
		abuf_puts(b, "</td>");
	}
	abuf_puts(b, "</tr>\n");
}

struct xsink {
	lxw_worksheet *ws;
};

static void emit_xlsx(struct app_ctx *ctx, void *sink, int row,
                      const char *c[NCOLS])
{
	struct xsink *x = sink;

	(void)ctx;
	for (int k = 0; k < NCOLS; k++) {
		if (k >= 2 && c[k][0])
			worksheet_write_number(x->ws, (lxw_row_t)(row + 2),
			                       (lxw_col_t)k,
			                       (double)atoll(c[k]), NULL);
		else
			worksheet_write_string(x->ws, (lxw_row_t)(row + 2),
			                       (lxw_col_t)k, c[k], NULL);
	}
}

int app_inspect_bulletin_file(struct app_ctx *ctx, json_t *params,
                              const char *format, char **out, size_t *len,
                              const char **type, const char **ext)
{
	json_t *doc = app_inspect_bulletin(ctx, params);
	const char *title;
	struct abuf b;
	int ret = 0;

	if (!doc)
		return -1;
	title = json_string_value(json_object_get(doc, "title"));
	abuf_init(&b, ctx->arena);
	if (!strcmp(format, "csv")) {
		abuf_puts(&b, "\xEF\xBB\xBF");
		emit_csv(ctx, &b, -1, (const char **)headers);
		each_row(ctx, doc, emit_csv, &b);
		*type = "text/csv; charset=utf-8";
		*ext = "csv";
	} else if (!strcmp(format, "html")) {
		abuf_puts(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
		              "<meta charset=\"utf-8\"><title>");
		text_html_escape(&b, title);
		abuf_puts(&b,
		          "</title><style>body{font-family:sans-serif;"
		          "margin:1.5em}table{border-collapse:collapse}"
		          "td,th{border:1px solid #ccc;padding:4px 8px}"
		          "td.n{text-align:right}</style></head><body><h1>");
		text_html_escape(&b, title);
		abuf_puts(&b, "</h1>\n<table><thead><tr>");
		for (int k = 0; k < NCOLS; k++) {
			abuf_puts(&b, "<th>");
			text_html_escape(&b, headers[k]);
			abuf_puts(&b, "</th>");
		}
		abuf_puts(&b, "</tr></thead><tbody>\n");
		each_row(ctx, doc, emit_html, &b);
		abuf_puts(&b, "</tbody></table>\n<p><small>");
		text_html_escape(
		    &b, json_string_value(json_object_get(doc, "note")));
		abuf_puts(&b, "</small></p>\n</body></html>\n");
		*type = "text/html; charset=utf-8";
		*ext = "html";
	} else if (!strcmp(format, "xlsx")) {
		struct xlsx_file x;
		struct xsink s;
		lxw_format *bold;

		if (xlsx_file_open(ctx, &x, 0)) {
			json_decref(doc);
			return -1;
		}
		s.ws = workbook_add_worksheet(x.wb, "监督检查通报");
		bold = workbook_add_format(x.wb);
		format_set_bold(bold);
		worksheet_write_string(s.ws, 0, 0, title, bold);
		for (int k = 0; k < NCOLS; k++)
			worksheet_write_string(s.ws, 1, (lxw_col_t)k,
			                       headers[k], bold);
		worksheet_set_column(s.ws, 0, 1, 18, NULL);
		each_row(ctx, doc, emit_xlsx, &s);
		ret = xlsx_file_close(ctx, &x, &b.data, &b.len);
		*type = MEDIA_TYPE_XLSX;
		*ext = "xlsx";
	} else {
		json_decref(doc);
		return lx_fail(&ctx->err, LX_EMALFORMED, "format",
		               "'format' must be json, html, csv or xlsx");
	}
	*out = b.data;
	*len = b.len;
	json_decref(doc);
	return ret;
}
