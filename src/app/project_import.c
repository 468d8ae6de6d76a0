#include "app/project_import.h"
#include "app/import_table.h"

#include "app/import_errors.h"
#include "app/params.h"
#include "app/project_records.h"
#include "core/csv.h"
#include "core/project.h"
#include "core/role.h"
#include "core/text.h"
#include "store/project_store.h"

#include <stdio.h>
#include <string.h>

enum col {
	C_NUMBER,
	C_NAME,
	C_TYPE,
	C_SCHEDULE,
	C_PLACE,
	C_CONTENT,
	C_INVESTMENT,
	C_IMPLEMENTER,
	C__MAX
};

/* Each column's API field, then the headings the plans use for it
 * (004 T11 first, then 001 T4), compared without spaces and with
 * full-width brackets made half-width. The first heading is the one an
 * export writes. */
static const char *const col_names[C__MAX][5] = {
	[C_NUMBER] = { "number", "序号", NULL },
	[C_NAME] = { "name", "项目名称", NULL },
	[C_TYPE] = { "type", "项目类型", "建设性质", NULL },
	[C_SCHEDULE] = { "schedule", "建设期限", "建设年限", NULL },
	[C_PLACE] = { "place", "建设地点", NULL },
	[C_CONTENT] = { "content", "建设内容和规模", "建设规模", "建设内容",
	                NULL },
	[C_INVESTMENT] = { "investment", "总投资(万元)", "计划投资(万元)",
	                   "投资(万元)", NULL },
	[C_IMPLEMENTER] = { "implementer", "组织实施单位", "责任单位",
	                    "实施单位", NULL },
};

/* A heading without spaces (ASCII, ideographic, line breaks) and with
 * （） made (). */
static char *heading_key(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, n + 1), *o = out;

	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			s++;
		} else if (!strncmp(s, "\xE3\x80\x80", 3)) {
			s += 3;
		} else if (!strncmp(s, "（", 3)) {
			*o++ = '(';
			s += 3;
		} else if (!strncmp(s, "）", 3)) {
			*o++ = ')';
			s += 3;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

struct import {
	const struct csv_table *t;
	const char *region;
	int col[C__MAX];
	struct import_errors found;
	long imported;
	json_t *skipped;
};

/* s without leading and trailing ASCII and ideographic spaces. */
static const char *trim(struct arena *a, const char *s)
{
	size_t n;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (!strncmp(s, "\xE3\x80\x80", 3))
			s += 3;
		else
			break;
	}
	n = strlen(s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		          s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		else if (n >= 3 && !strncmp(s + n - 3, "\xE3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	return arena_strndup(a, s, n);
}

static const char *cell(struct arena *a, const struct csv_row *r, int c)
{
	return c >= 0 && (size_t)c < r->nfields ? trim(a, r->fields[c]) : "";
}

static const char *column_of(const struct import *im, const char *field)
{
	for (int k = 0; k < C__MAX; k++)
		if (!strcmp(field, col_names[k][0]))
			return im->col[k] >= 0
			           ? im->t->rows[0].fields[im->col[k]]
			           : col_names[k][1];
	return field;
}

/* A row that is not a project: a header repeated at a page break, a
 * total (合计, 总计, 小计) or an empty line. */
static const char *not_a_project(struct app_ctx *ctx, const struct import *im,
                                 const struct csv_row *row)
{
	const char *first =
	    row->nfields ? trim(ctx->arena, row->fields[0]) : "";
	const char *name = cell(ctx->arena, row, im->col[C_NAME]);
	int empty = 1;

	if (!strcmp(heading_key(ctx->arena, first), "序号"))
		return "repeated header";
	if (strstr(first, "合计") || strstr(first, "总计") ||
	    strstr(first, "小计") || strstr(name, "合计") ||
	    strstr(name, "总计"))
		return "total";
	for (size_t c = 0; c < row->nfields; c++)
		if (*trim(ctx->arena, row->fields[c]))
			empty = 0;
	return empty ? "empty" : NULL;
}

static int import_rows(struct app_ctx *ctx, void *arg)
{
	struct import *im = arg;

	for (size_t i = 1; i < im->t->nrows; i++) {
		const struct csv_row *row = &im->t->rows[i];
		struct lx_error saved = ctx->err;
		const char *why = not_a_project(ctx, im, row);
		json_t *body;
		long long id;

		if (why) {
			json_array_append_new(im->skipped,
			                      json_pack("{s:I, s:s}", "row",
			                                (json_int_t)row->line,
			                                "reason", why));
			continue;
		}
		body = json_object();
		for (int k = 0; k < C__MAX; k++) {
			const char *v = cell(ctx->arena, row, im->col[k]);

			if (*v)
				json_object_set_new(body, col_names[k][0],
				                    json_string(v));
		}
		if (project_create_tx(ctx, im->region, body, &id))
			import_errors_add(&im->found, row->line,
			                  column_of(im, ctx->err.field),
			                  ctx->err.message);
		else
			im->imported++;
		json_decref(body);
		ctx->err = saved;
		if (import_still_open(ctx, row->line))
			return -1;
	}
	return import_errors_finish(&im->found, ctx, "project", im->imported);
}

static int header(struct app_ctx *ctx, struct import *im)
{
	const struct csv_row *hdr = &im->t->rows[0];

	for (int k = 0; k < C__MAX; k++)
		im->col[k] = -1;
	for (size_t c = 0; c < hdr->nfields; c++) {
		const char *key = heading_key(ctx->arena, hdr->fields[c]);
		int found = -1;

		for (int k = 0; k < C__MAX && found < 0; k++)
			for (int j = 0; col_names[k][j]; j++)
				if (!strcmp(key, col_names[k][j]))
					found = k;
		if (found < 0)
			import_errors_add(&im->found, hdr->line, hdr->fields[c],
			                  "unknown column");
		else if (im->col[found] >= 0)
			import_errors_add(&im->found, hdr->line, hdr->fields[c],
			                  "column appears twice");
		else
			im->col[found] = (int)c;
	}
	if (im->col[C_NAME] < 0)
		import_errors_add(&im->found, hdr->line, "项目名称",
		                  "required column is missing");
	if (im->col[C_TYPE] < 0)
		import_errors_add(&im->found, hdr->line, "项目类型",
		                  "required column is missing");
	return im->found.first_row ? -1 : 0;
}

json_t *app_project_import(struct app_ctx *ctx, const char *region,
                           const char *buf, size_t len)
{
	struct import im;
	struct csv_table t;
	const char *enc = "";

	memset(&im, 0, sizeof(im));
	if (!region || !*region)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "'region' is required"),
		       NULL;
	if (import_table_read(ctx->arena, buf, len, &t, &enc, &ctx->err))
		return NULL;
	if (t.nrows < 1)
		return lx_fail(&ctx->err, LX_EINVALID, "row 1",
		               "the file is empty: it needs a header row"),
		       NULL;
	im.t = &t;
	im.region = region;
	im.found.list = json_array();
	im.skipped = json_array();
	if (header(ctx, &im)) {
		import_errors_fail(&im.found, ctx);
	} else if (!app_transaction(ctx, import_rows, &im)) {
		json_decref(im.found.list);
		return json_pack("{s:I, s:o, s:s}", "imported",
		                 (json_int_t)im.imported, "skipped", im.skipped,
		                 "encoding", enc);
	}
	json_decref(im.skipped);
	json_decref(ctx->details); /* any earlier one is replaced */
	ctx->details = json_pack("{s:o}", "errors", im.found.list);
	return NULL;
}

/* The schedule cell as the plans write it. */
static const char *schedule_text(struct arena *a, const struct project_row *p)
{
	if (p->start_year && p->end_year && p->start_year != p->end_year)
		return arena_printf(a, "%d-%d", p->start_year, p->end_year);
	if (p->start_year)
		return arena_printf(a, "%d", p->start_year);
	if (p->duration_years)
		return arena_printf(a, "%d年", p->duration_years);
	return "";
}

char *app_project_export(struct app_ctx *ctx, json_t *params, size_t *len)
{
	static const char *const allowed[] = { "region", "plan", NULL };
	const char *region;
	long plan;
	struct project_row *rows = NULL;
	size_t n = 0;
	struct abuf b;
	const struct project_policy *pol;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "plan", 0, 0, 2147483647L, &plan, &ctx->err))
		return NULL;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", region),
		       NULL;
	if (project_store_list(ctx->db, ctx->arena, region, plan, &rows, &n,
	                       &ctx->err))
		return NULL;
	abuf_init(&b, ctx->arena);
	for (int k = 0; k < C__MAX; k++) {
		if (k)
			abuf_puts(&b, ",");
		csv_write_field(&b, col_names[k][1]);
	}
	abuf_puts(&b, "\n");
	for (size_t i = 0; i < n; i++) {
		const struct project_row *p = &rows[i];
		char wan[32];
		const char *type = p->type;
		struct lx_error saved = ctx->err;
		const char *cells[C__MAX];

		if (!project_policy_for(ctx, p->region, &pol)) {
			int t = project_policy_type(pol, p->type);

			if (t >= 0)
				type = pol->types[t].name;
		}
		ctx->err = saved;
		cells[C_NUMBER] = p->number;
		cells[C_NAME] = p->name;
		cells[C_TYPE] = type;
		cells[C_SCHEDULE] = schedule_text(ctx->arena, p);
		cells[C_PLACE] = p->place;
		cells[C_CONTENT] = p->content;
		cells[C_INVESTMENT] =
		    p->has_investment
		        ? project_wan_format(p->investment_fen, wan, 32)
		        : "";
		cells[C_IMPLEMENTER] = p->implementer;
		for (int k = 0; k < C__MAX; k++) {
			if (k)
				abuf_puts(&b, ",");
			csv_write_field(&b, cells[k]);
		}
		abuf_puts(&b, "\n");
	}
	*len = b.len;
	return b.data;
}
