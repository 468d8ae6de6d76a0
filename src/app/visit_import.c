#include "app/visit_import.h"
#include "app/import_table.h"

#include "app/import_errors.h"
#include "app/people.h"
#include "app/policy.h"
#include "app/transfer.h"
#include "app/visit_targets.h"
#include "app/visits.h"
#include "core/csv.h"
#include "core/text.h"
#include "core/visit.h"
#include "store/person_store.h"
#include "store/visit_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fixed columns, each by its English name or a Chinese heading, as a
 * paper form or a spreadsheet has them. */
enum col {
	C_PERSON_ID,
	C_ID_NUMBER,
	C_VISITED_AT,
	C_MODE,
	C_VISITOR,
	C_RISK,
	C_NOTE,
	C__MAX
};

static const char *const col_names[C__MAX][4] = {
	[C_PERSON_ID] = { "person_id", "人员编号", NULL },
	[C_ID_NUMBER] = { "id_number", "身份证号", "公民身份号码", NULL },
	[C_VISITED_AT] = { "visited_at", "探访时间", NULL },
	[C_MODE] = { "mode", "方式", "探访方式", NULL },
	[C_VISITOR] = { "visitor", "巡访员", NULL },
	[C_RISK] = { "risk", "风险等级", NULL },
	[C_NOTE] = { "note", "情况", "备注", NULL },
};

enum { MAX_ASPECT_COLS = 32 };

struct import {
	const struct csv_table *t;
	int col[C__MAX];
	size_t naspects;
	int aspect_col[MAX_ASPECT_COLS];
	const char *aspect_head[MAX_ASPECT_COLS];
	struct import_errors found;
	long imported;
};

static const char *cell(const struct csv_row *r, int c)
{
	return c >= 0 && (size_t)c < r->nfields ? r->fields[c] : "";
}

/* The heading of column k as the file has it (for errors). */
static const char *head(const struct import *im, int k)
{
	return im->col[k] >= 0 ? im->t->rows[0].fields[im->col[k]]
	                       : col_names[k][0];
}

/* Whether some loaded policy lists an aspect with this code or label. */
static int known_aspect(struct app_ctx *ctx, const char *h)
{
	for (size_t i = 0; i < policy_set_count(ctx->policies); i++) {
		const struct visit_policy *vp =
		    policy_set_at(ctx->policies, i)->visits;

		for (size_t k = 0; vp && k < vp->naspects; k++)
			if (!strcmp(vp->aspects[k].code, h) ||
			    !strcmp(vp->aspects[k].label, h))
				return 1;
	}
	return 0;
}

/* A code from its code or its label. */
static const char *code_of(const struct visit_choice *c, size_t n,
                           const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(c[i].code, s) || !strcmp(c[i].label, s))
			return c[i].code;
	return s;
}

static const char *risk_code(const char *s)
{
	static const char *const zh[][2] = { { "低", "low" },
		                             { "中", "medium" },
		                             { "高", "high" } };

	for (int i = 0; i < 3; i++)
		if (!strcmp(s, zh[i][0]))
			return zh[i][1];
	return s;
}

static const char *finding_code(const char *s)
{
	static const char *const zh[][2] = { { "正常", "ok" },
		                             { "关注", "concern" },
		                             { "紧急", "urgent" } };

	for (int i = 0; i < 3; i++)
		if (!strcmp(s, zh[i][0]))
			return zh[i][1];
	return s;
}

/* "YYYY-MM-DD HH:MM" as spreadsheets write it, or the API's form. */
static const char *time_of(struct app_ctx *ctx, const char *s)
{
	char *t = arena_strdup(ctx->arena, s);

	if (strlen(t) == 16 && t[10] == ' ')
		t[10] = 'T';
	return t;
}

/* The column an error names: the field's column, the person's for
 * anything about who was visited. */
static const char *column_of(const struct import *im, const char *field)
{
	static const struct {
		const char *field;
		int col;
	} map[] = { { "visited_at", C_VISITED_AT },
		    { "mode", C_MODE },
		    { "visitor", C_VISITOR },
		    { "risk", C_RISK },
		    { "note", C_NOTE } };

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(field, map[i].field))
			return head(im, map[i].col);
	if (!strncmp(field, "findings.", 9)) {
		const char *aspect = field + 9;

		for (size_t k = 0; k < im->naspects; k++)
			if (!strncmp(aspect, im->aspect_head[k],
			             strcspn(aspect, ".")))
				return im->aspect_head[k];
		return "findings";
	}
	return im->col[C_ID_NUMBER] >= 0 ? head(im, C_ID_NUMBER)
	                                 : head(im, C_PERSON_ID);
}

/* The row as a visit body; 0, or -1 with ctx->err (field named). */
static int row_body(struct app_ctx *ctx, struct import *im,
                    const struct csv_row *row, json_t *body, long long *visitor)
{
	const char *num = cell(row, im->col[C_ID_NUMBER]);
	const char *pid = cell(row, im->col[C_PERSON_ID]);
	const char *who = cell(row, im->col[C_VISITOR]);
	const struct visit_policy *vp;
	struct person p;
	long long id = 0;
	json_t *f = json_object();

	json_object_set_new(body, "findings", f);
	if (*num) {
		id = app_person_by_number(ctx, num);
		if (!id)
			return -1;
	} else {
		char *end;

		id = strtoll(pid, &end, 10);
		if (!*pid || *end || id <= 0)
			return lx_fail(&ctx->err, LX_EINVALID, "person_id",
			               "give the person's ID number or id");
	}
	if (person_store_get(ctx->db, ctx->arena, id, &p, &ctx->err))
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "no person %lld in your area", id);
	vp = app_visit_policy_for(ctx, p.region);
	json_object_set_new(body, "person_id", json_integer(id));
	json_object_set_new(
	    body, "visited_at",
	    json_string(time_of(ctx, cell(row, im->col[C_VISITED_AT]))));
	json_object_set_new(body, "mode",
	                    json_string(vp ? code_of(vp->modes, vp->nmodes,
	                                             cell(row, im->col[C_MODE]))
	                                   : cell(row, im->col[C_MODE])));
	if (*cell(row, im->col[C_RISK]))
		json_object_set_new(
		    body, "risk",
		    json_string(risk_code(cell(row, im->col[C_RISK]))));
	if (*cell(row, im->col[C_NOTE]))
		json_object_set_new(body, "note",
		                    json_string(cell(row, im->col[C_NOTE])));
	for (size_t k = 0; k < im->naspects; k++) {
		const char *v = cell(row, im->aspect_col[k]);

		if (!*v)
			continue;
		json_object_set_new(
		    f,
		    vp ? code_of(vp->aspects, vp->naspects, im->aspect_head[k])
		       : im->aspect_head[k],
		    json_pack("{s:s}", "status", finding_code(v)));
	}
	/* a visitor imports its own visits; an official names the visitor */
	*visitor = 0;
	if (ctx->who->role == ROLE_VISITOR) {
		if (*who && strcmp(who, ctx->who->username))
			return lx_fail(&ctx->err, LX_EINVALID, "visitor",
			               "a visitor imports only its own visits");
	} else if (!*who) {
		return lx_fail(&ctx->err, LX_EINVALID, "visitor",
		               "give the visitor's user name");
	} else if (!(*visitor = visit_store_visitor_by_name(ctx->db, who))) {
		return lx_fail(&ctx->err, LX_EINVALID, "visitor",
		               "no active visitor '%.40s'", who);
	}
	return 0;
}

static int import_rows(struct app_ctx *ctx, void *arg)
{
	struct import *im = arg;

	for (size_t i = 1; i < im->t->nrows; i++) {
		const struct csv_row *row = &im->t->rows[i];
		struct lx_error saved = ctx->err;
		json_t *body = json_object();
		long long visitor, id;

		if (row_body(ctx, im, row, body, &visitor) ||
		    app_visit_record_tx(ctx, body, visitor, "import", &id))
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
	return import_errors_finish(&im->found, ctx, "visits", im->imported);
}

static int header(struct app_ctx *ctx, struct import *im)
{
	const struct csv_row *hdr = &im->t->rows[0];

	for (int k = 0; k < C__MAX; k++)
		im->col[k] = -1;
	for (size_t c = 0; c < hdr->nfields; c++) {
		const char *h = hdr->fields[c];
		int k = 0, found = -1;

		for (; k < C__MAX && found < 0; k++)
			for (int j = 0; col_names[k][j]; j++)
				if (!strcmp(h, col_names[k][j]))
					found = k;
		if (found >= 0) {
			if (im->col[found] >= 0)
				import_errors_add(&im->found, hdr->line, h,
				                  "column appears twice");
			im->col[found] = (int)c;
		} else if (known_aspect(ctx, h) &&
		           im->naspects < MAX_ASPECT_COLS) {
			im->aspect_col[im->naspects] = (int)c;
			im->aspect_head[im->naspects++] = h;
		} else {
			import_errors_add(&im->found, hdr->line, h,
			                  "unknown column");
		}
	}
	if (im->col[C_ID_NUMBER] < 0 && im->col[C_PERSON_ID] < 0)
		import_errors_add(
		    &im->found, hdr->line, "身份证号",
		    "required column is missing: 身份证号 (id_number) "
		    "or person_id");
	if (im->col[C_VISITED_AT] < 0)
		import_errors_add(
		    &im->found, hdr->line, "探访时间",
		    "required column is missing: 探访时间 (visited_at)");
	if (im->col[C_MODE] < 0)
		import_errors_add(&im->found, hdr->line, "方式",
		                  "required column is missing: 方式 (mode)");
	return im->found.first_row ? -1 : 0;
}

json_t *app_visit_import(struct app_ctx *ctx, const char *buf, size_t len)
{
	struct import im;
	struct csv_table t;
	const char *enc = "";

	memset(&im, 0, sizeof(im));
	if (ctx->who->role != ROLE_ADMIN &&
	    ctx->who->role != ROLE_CITY_OFFICIAL &&
	    ctx->who->role != ROLE_COUNTY_OFFICIAL &&
	    ctx->who->role != ROLE_VISITOR && ctx->who->role != ROLE_TOWNSHIP)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role may not record visits"),
		       NULL;
	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded"),
		       NULL;
	if (import_table_read(ctx->arena, buf, len, &t, &enc, &ctx->err))
		return NULL;
	if (t.nrows < 1)
		return lx_fail(&ctx->err, LX_EINVALID, "row 1",
		               "the file is empty: it needs a header row"),
		       NULL;
	im.t = &t;
	im.found.list = json_array();
	if (header(ctx, &im)) {
		import_errors_fail(&im.found, ctx);
	} else if (!app_transaction(ctx, import_rows, &im)) {
		json_decref(im.found.list);
		return json_pack("{s:I, s:s}", "imported",
		                 (json_int_t)im.imported, "encoding", enc);
	}
	json_decref(ctx->details); /* any earlier one is replaced */
	ctx->details = json_pack("{s:o}", "errors", im.found.list);
	return NULL;
}
