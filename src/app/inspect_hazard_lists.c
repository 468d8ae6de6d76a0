#include "app/inspect_hazard_lists.h"

#include "app/inspect_common.h"
#include "app/inspect_hazard_found.h"
#include "app/xlsx_file.h"
#include "core/csv.h"
#include "core/media_type.h"

#include <stdlib.h>
#include <string.h>

enum { NCOLS_MAX = 13 };

static const struct list_def {
	const char *code, *label;
	const char *columns[NCOLS_MAX + 1];
	/* the hazard JSON key of each column */
	const char *keys[NCOLS_MAX + 1];
} lists[] = {
	{ "hazards",
	  "隐患清单",
	  { "编号", "机构", "地区", "领域", "隐患描述", "等级", "发现日期",
	    "状态", NULL },
	  { "id", "facility.name", "facility.region_name", "domain_label",
	    "description", "severity_label", "found_on", "status_label",
	    NULL } },
	{ "rectifications",
	  "整改清单",
	  { "编号", "机构", "隐患描述", "等级", "下达整改日期", "整改期限",
	    "状态", "逾期天数", "上报", "整改情况", "整改完成日期",
	    "复查销号日期", NULL },
	  { "id", "facility.name", "description", "severity_label",
	    "ordered_on", "deadline", "status_label", "days_overdue",
	    "escalated_label", "rectification", "rectified_on", "closed_on",
	    NULL } },
	{ "responsibilities",
	  "责任清单",
	  { "编号", "机构", "地区", "领域", "主管部门", "责任人（主要负责人）",
	    "整改期限", "状态", NULL },
	  { "id", "facility.name", "facility.region_name", "domain_label",
	    "department", "responsible", "deadline", "status_label", NULL } },
};

static const char *param(json_t *q, const char *key)
{
	return json_string_value(json_object_get(q, key));
}

/* A cell of a hazard's JSON as text ("a.b" reads a member's member). */
static const char *cell(struct app_ctx *ctx, json_t *h, const char *key)
{
	const char *dot = strchr(key, '.');
	json_t *v =
	    dot ? json_object_get(
	              json_object_get(h, arena_printf(ctx->arena, "%.*s",
	                                              (int)(dot - key), key)),
	              dot + 1)
	        : json_object_get(h, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(ctx->arena, "%lld",
		                    (long long)json_integer_value(v));
	return "";
}

static void render_csv(struct app_ctx *ctx, const struct list_def *l,
                       json_t *rows, struct abuf *b)
{
	size_t i;
	json_t *h;

	abuf_puts(b, "\xEF\xBB\xBF");
	for (int k = 0; l->columns[k]; k++) {
		if (k)
			abuf_puts(b, ",");
		csv_write_field(b, l->columns[k]);
	}
	abuf_puts(b, "\r\n");
	json_array_foreach(rows, i, h)
	{
		for (int k = 0; l->keys[k]; k++) {
			if (k)
				abuf_puts(b, ",");
			csv_write_field(b, cell(ctx, h, l->keys[k]));
		}
		abuf_puts(b, "\r\n");
	}
}

static int render_xlsx(struct app_ctx *ctx, const struct list_def *l,
                       json_t *rows, const char *as_of, char **out, size_t *len)
{
	struct xlsx_file x;
	lxw_worksheet *ws;
	lxw_format *head, *title;
	size_t i;
	json_t *h;

	if (xlsx_file_open(ctx, &x, 0))
		return -1;
	ws = workbook_add_worksheet(x.wb, l->label);
	title = workbook_add_format(x.wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	head = workbook_add_format(x.wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xF3F4F6);
	format_set_border(head, LXW_BORDER_THIN);
	worksheet_write_string(
	    ws, 0, 0,
	    arena_printf(ctx->arena, "%s（截至 %s）", l->label, as_of), title);
	for (int k = 0; l->columns[k]; k++)
		worksheet_write_string(ws, 1, (lxw_col_t)k, l->columns[k],
		                       head);
	worksheet_set_column(ws, 1, 2, 24, NULL);
	json_array_foreach(rows, i, h)
	{
		for (int k = 0; l->keys[k]; k++) {
			json_t *v = json_object_get(h, l->keys[k]);

			if (json_is_integer(v))
				worksheet_write_number(
				    ws, (lxw_row_t)(i + 2), (lxw_col_t)k,
				    (double)json_integer_value(v), NULL);
			else
				worksheet_write_string(
				    ws, (lxw_row_t)(i + 2), (lxw_col_t)k,
				    cell(ctx, h, l->keys[k]), NULL);
		}
	}
	worksheet_freeze_panes(ws, 2, 2);
	return xlsx_file_close(ctx, &x, out, len);
}

int app_hazard_lists(struct app_ctx *ctx, json_t *query, json_t **json,
                     char **text, size_t *len, const char **type,
                     const char **ext)
{
	static const char *const statuses[] = { "found",  "ordered", "answered",
		                                "closed", "open",    "overdue",
		                                NULL };
	const char *list = param(query, "list"),
	           *format = param(query, "format");
	const char *region = param(query, "region"),
	           *status = param(query, "status");
	const char *fac = param(query, "facility");
	const struct list_def *l = NULL;
	struct hazard_row *h;
	long long facility = 0;
	size_t n;
	int overdue_only = 0, ok = 0;
	json_t *rows;

	*json = NULL;
	if (!list)
		list = "hazards";
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (!strcmp(lists[i].code, list))
			l = &lists[i];
	if (!l)
		return lx_fail(&ctx->err, LX_EINVALID, "list",
		               "'list' must be hazards, rectifications or "
		               "responsibilities");
	if (!format)
		format = "json";
	if (strcmp(format, "json") && strcmp(format, "csv") &&
	    strcmp(format, "xlsx"))
		return lx_fail(&ctx->err, LX_EINVALID, "format",
		               "'format' must be json, csv or xlsx");
	if (status) {
		for (size_t i = 0; statuses[i]; i++)
			ok |= !strcmp(statuses[i], status);
		if (!ok)
			return lx_fail(&ctx->err, LX_EINVALID, "status",
			               "'status' must be found, ordered, "
			               "answered, closed, open or overdue");
		if (!strcmp(status, "overdue")) {
			overdue_only = 1;
			status = "open";
		}
	}
	if (fac) {
		char *end;

		facility = strtoll(fac, &end, 10);
		if (*end || facility <= 0)
			return lx_fail(&ctx->err, LX_EINVALID, "facility",
			               "'facility' must be a facility id");
	}
	if (region && !principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s' in your scope", region);
	if (!region && ctx->who->region[0] && ctx->who->role != ROLE_OPERATOR)
		region = ctx->who->region;
	if (hazard_store_list(ctx->db, ctx->arena, region, facility, 0, status,
	                      &h, &n, &ctx->err))
		return -1;
	rows = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o;
		int raised;

		if (!inspect_may_see_hazard(ctx->who, &h[i]))
			continue;
		if (inspect_escalate_due(ctx, &h[i], &raised) ||
		    !(o = inspect_hazard_json(ctx, &h[i]))) {
			json_decref(rows);
			return -1;
		}
		if (overdue_only &&
		    !json_is_true(json_object_get(o, "overdue")))
			json_decref(o);
		else
			json_array_append_new(rows, o);
	}
	if (!strcmp(format, "json")) {
		json_t *cols = json_array();

		for (int k = 0; l->columns[k]; k++)
			json_array_append_new(
			    cols, json_pack("{s:s, s:s}", "key", l->keys[k],
			                    "label", l->columns[k]));
		*json = json_pack(
		    "{s:s, s:s, s:s, s:o, s:I, s:o}", "list", l->code, "label",
		    l->label, "as_of", ctx->today, "columns", cols, "count",
		    (json_int_t)json_array_size(rows), "items", rows);
		return 0;
	}
	if (!strcmp(format, "csv")) {
		struct abuf b;

		abuf_init(&b, ctx->arena);
		render_csv(ctx, l, rows, &b);
		json_decref(rows);
		*text = b.data;
		*len = b.len;
		*type = "text/csv; charset=utf-8";
		*ext = "csv";
		return 0;
	}
	if (render_xlsx(ctx, l, rows, ctx->today, text, len)) {
		json_decref(rows);
		return -1;
	}
	json_decref(rows);
	*type = MEDIA_TYPE_XLSX;
	*ext = "xlsx";
	return 0;
}
