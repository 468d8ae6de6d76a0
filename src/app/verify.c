#include "app/verify.h"
#include "app/import_table.h"

#include "app/import_errors.h"
#include "app/params.h"
#include "app/people.h"
#include "app/transfer.h"
#include "core/bounds.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/subsidy_verify.h"
#include "core/text.h"
#include "store/person_store.h"
#include "store/verify_store.h"

#include <stdio.h>
#include <string.h>

/* The person if the caller may see them (app_person_get says so, with
 * its 404), read from the store for the dates the checks need. */
static int load_person(struct app_ctx *ctx, long long id, struct person *p)
{
	json_t *q = json_object();
	json_t *seen = app_person_get(ctx, id, q);

	json_decref(q);
	if (!seen)
		return -1;
	json_decref(seen);
	return person_store_get(ctx->db, ctx->arena, id, p, &ctx->err);
}

static int may_record(const struct app_ctx *ctx)
{
	return ctx->who->role != ROLE_READONLY &&
	       ctx->who->role != ROLE_DEPT_OFFICIAL &&
	       ctx->who->role != ROLE_FAMILY;
}

static int method_of(const char *s)
{
	const struct enum_names *t = &subsidy_verify_method_names;
	int m = enum_lookup(t, s ? s : "");

	for (int i = 0; m < 0 && s && i < t->count; i++)
		if (!strcmp(t->labels_zh[i], s))
			m = i;
	return m;
}

static json_t *row_json(const struct verify_row *r)
{
	int m = method_of(r->method);

	return json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id,
	    "person_id", (json_int_t)r->person_id, "verified_on",
	    r->verified_on, "method", r->method, "method_zh",
	    m >= 0 ? subsidy_verify_method_names.labels_zh[m] : r->method,
	    "note", r->note ? r->note : "", "recorded_by",
	    r->recorded_by ? r->recorded_by : "", "recorded_at",
	    r->recorded_at ? r->recorded_at : "");
}

/* Checks body against person p into r; 0 or -1 with ctx->err on the
 * field. */
static int read_body(struct app_ctx *ctx, const struct person *p, json_t *body,
                     struct verify_row *r)
{
	static const char *const keys[] = { "verified_on", "method", "note",
		                            NULL };
	json_t *on = json_object_get(body, "verified_on");
	json_t *method = json_object_get(body, "method");
	json_t *note = json_object_get(body, "note");
	struct lx_date d;
	int m;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (body_only(body, keys, &ctx->err))
		return -1;
	memset(r, 0, sizeof(*r));
	r->person_id = p->id;
	if (!json_is_string(on))
		return lx_fail(&ctx->err, LX_EINVALID, "verified_on",
		               "give 'verified_on', the day of the "
		               "verification (YYYY-MM-DD)");
	if (date_parse_field(json_string_value(on), &d, &ctx->err,
	                     "verified_on"))
		return -1;
	date_format(d, r->verified_on);
	if (strcmp(r->verified_on, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "verified_on",
		               "'verified_on' %s is after today (%s)",
		               r->verified_on, ctx->today);
	if (strcmp(r->verified_on, p->birth_date) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "verified_on",
		               "'verified_on' %s is before the person's "
		               "birth",
		               r->verified_on);
	if (p->deceased_on[0] && strcmp(r->verified_on, p->deceased_on) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "verified_on",
		               "the person died on %s, before %s",
		               p->deceased_on, r->verified_on);
	m = json_is_string(method) ? method_of(json_string_value(method)) : -1;
	if (m < 0)
		return lx_fail(
		    &ctx->err, LX_EINVALID, "method",
		    "'method' must be face (人脸识别), visit (上门), "
		    "in_person (到场) or other (其他)");
	snprintf(r->method, sizeof(r->method), "%s",
	         subsidy_verify_method_names.names[m]);
	if (note && !json_is_null(note)) {
		if (!json_is_string(note))
			return lx_fail(&ctx->err, LX_EINVALID, "note",
			               "'note' must be text");
		if (text_utf8_length(json_string_value(note)) >
		    LX_TEXT_CHARS_MAX)
			return lx_fail(&ctx->err, LX_EINVALID, "note",
			               "'note' is longer than %d characters",
			               LX_TEXT_CHARS_MAX);
		r->note = arena_strdup(ctx->arena, json_string_value(note));
	}
	return 0;
}

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct verify_row *r = arg;
	json_t *after;
	int ret;

	if (verify_store_add(ctx->db, r, ctx->who->account_id, ctx->now,
	                     &ctx->err))
		return -1;
	after =
	    json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)r->person_id,
	              "verified_on", r->verified_on, "method", r->method);
	ret = app_audit(ctx, "create", "verification",
	                arena_printf(ctx->arena, "%lld", r->id), NULL, after);
	json_decref(after);
	return ret;
}

/* The whole of a recording, inside the caller's transaction or its own. */
static int add(struct app_ctx *ctx, long long person, json_t *body,
               struct verify_row *r)
{
	struct person p;

	if (!may_record(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role may not record verifications");
	if (load_person(ctx, person, &p) || read_body(ctx, &p, body, r))
		return -1;
	r->recorded_by = (char *)ctx->who->username;
	r->recorded_at = ctx->now;
	return app_transaction(ctx, add_in_tx, r);
}

json_t *app_verify_add(struct app_ctx *ctx, long long person, json_t *body)
{
	struct verify_row r;

	if (add(ctx, person, body, &r))
		return NULL;
	return row_json(&r);
}

json_t *app_verify_list(struct app_ctx *ctx, long long person)
{
	struct person p;
	struct verify_row *v;
	size_t n;
	json_t *items;

	if (load_person(ctx, person, &p) ||
	    verify_store_list(ctx->db, ctx->arena, person, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, row_json(&v[i]));
	return json_pack("{s:I, s:o, s:s?, s:I}", "person_id",
	                 (json_int_t)person, "items", items, "last",
	                 n ? v[0].verified_on : NULL, "count", (json_int_t)n);
}

/* ---- import ---- */

static const char *const columns[] = { "id_number", "verified_on", "method",
	                               "note" };
enum { NCOLUMNS = 4, NREQUIRED = 3 };

struct import {
	const struct csv_table *t;
	int col[NCOLUMNS]; /* column index of each, -1 when absent */
	struct import_errors found;
	long imported;
};

static const char *cell(const struct import *im, const struct csv_row *r, int k)
{
	int c = im->col[k];

	return c >= 0 && (size_t)c < r->nfields ? r->fields[c] : "";
}

/* The column a field error names: the field itself, or the person's
 * number when the person is at fault. */
static const char *column_of(const char *field)
{
	for (int k = 0; k < NCOLUMNS; k++)
		if (!strcmp(field, columns[k]))
			return columns[k];
	return "id_number";
}

static int import_rows(struct app_ctx *ctx, void *arg)
{
	struct import *im = arg;

	for (size_t i = 1; i < im->t->nrows; i++) {
		const struct csv_row *row = &im->t->rows[i];
		struct lx_error saved = ctx->err;
		json_t *body = json_object();
		struct verify_row r;
		long long id = app_person_by_number(ctx, cell(im, row, 0));

		json_object_set_new(body, "verified_on",
		                    json_string(cell(im, row, 1)));
		json_object_set_new(body, "method",
		                    json_string(cell(im, row, 2)));
		if (*cell(im, row, 3))
			json_object_set_new(body, "note",
			                    json_string(cell(im, row, 3)));
		if (!id || add(ctx, id, body, &r))
			import_errors_add(&im->found, row->line,
			                  column_of(ctx->err.field),
			                  ctx->err.message);
		else
			im->imported++;
		json_decref(body);
		ctx->err = saved;
		if (import_still_open(ctx, row->line))
			return -1;
	}
	return import_errors_finish(&im->found, ctx, "verifications",
	                            im->imported);
}

json_t *app_verify_import(struct app_ctx *ctx, const char *buf, size_t len)
{
	struct import im = { 0 };
	struct csv_table t;
	const char *enc = "";
	const struct csv_row *hdr;

	if (!may_record(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role may not record verifications"),
		       NULL;
	if (import_table_read(ctx->arena, buf, len, &t, &enc, &ctx->err))
		return NULL;
	if (t.nrows < 1)
		return lx_fail(&ctx->err, LX_EINVALID, "row 1",
		               "the file is empty: it needs a header row"),
		       NULL;
	im.t = &t;
	im.found.list = json_array();
	hdr = &t.rows[0];
	for (int k = 0; k < NCOLUMNS; k++)
		im.col[k] = -1;
	for (size_t c = 0; c < hdr->nfields; c++) {
		int k = 0;

		while (k < NCOLUMNS && strcmp(hdr->fields[c], columns[k]))
			k++;
		if (k == NCOLUMNS)
			import_errors_add(&im.found, hdr->line, hdr->fields[c],
			                  "unknown column");
		else if (im.col[k] >= 0)
			import_errors_add(&im.found, hdr->line, hdr->fields[c],
			                  "column appears twice");
		else
			im.col[k] = (int)c;
	}
	for (int k = 0; k < NREQUIRED; k++)
		if (im.col[k] < 0)
			import_errors_add(&im.found, hdr->line, columns[k],
			                  "required column is missing");
	if (!import_errors_fail(&im.found, ctx) &&
	    !app_transaction(ctx, import_rows, &im)) {
		json_decref(im.found.list);
		return json_pack("{s:I, s:s}", "imported",
		                 (json_int_t)im.imported, "encoding", enc);
	}
	json_decref(ctx->details); /* any earlier one is replaced */
	ctx->details = json_pack("{s:o}", "errors", im.found.list);
	return NULL;
}
