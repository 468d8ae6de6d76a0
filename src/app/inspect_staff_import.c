#include "app/inspect_staff_import.h"
#include "app/import_table.h"

#include "app/import_errors.h"
#include "app/indicators.h"
#include "app/inspect_staff.h"
#include "app/inspect_staff_policy.h"
#include "app/policy.h"
#include "core/csv.h"
#include "core/role.h"
#include "core/text.h"
#include "store/facility_store.h"

#include <stdlib.h>
#include <string.h>

/* The columns, each by its English name or its Chinese heading; the
 * first name is the API's field. */
enum col {
	C_FACILITY,
	C_ID_NUMBER,
	C_NAME,
	C_OCCUPATION,
	C_CERTIFICATE,
	C_LEVEL,
	C_FROM,
	C_TO,
	C__MAX
};

static const char *const col_names[C__MAX][3] = {
	[C_FACILITY] = { "facility_id", "机构编号", NULL },
	[C_ID_NUMBER] = { "id_number", "身份证号", NULL },
	[C_NAME] = { "name", "姓名", NULL },
	[C_OCCUPATION] = { "occupation", "职业", NULL },
	[C_CERTIFICATE] = { "certificate", "证书", NULL },
	[C_LEVEL] = { "cert_level", "证书等级", NULL },
	[C_FROM] = { "contract_from", "合同起始", NULL },
	[C_TO] = { "contract_to", "合同终止", NULL },
};

struct import {
	const struct csv_table *t;
	int col[C__MAX];
	struct import_errors found;
	long imported;
};

static const char *cell(const struct csv_row *r, int c)
{
	return c >= 0 && (size_t)c < r->nfields ? r->fields[c] : "";
}

/* The column an error's field names, as the file heads it. */
static const char *column_of(const struct import *im, const char *field)
{
	for (int k = 0; k < C__MAX; k++)
		if (!strcmp(field, col_names[k][0]))
			return im->col[k] >= 0
			           ? im->t->rows[0].fields[im->col[k]]
			           : col_names[k][1];
	return field;
}

/* An occupation or level given by its Chinese name, as its code. */
static const char *code_of(struct app_ctx *ctx, long long facility,
                           const char *s, int level)
{
	struct facility f;
	struct policy_view v;
	struct lx_error saved = ctx->err;

	if (!*s ||
	    facility_store_get(ctx->db, ctx->arena, facility, NULL, &f,
	                       &ctx->err) ||
	    app_policy_view(ctx, f.region, &v) || !v.staff) {
		ctx->err = saved;
		return s;
	}
	if (level) {
		for (size_t i = 0; i < v.staff->nlevels; i++)
			if (!strcmp(v.staff->levels[i].name, s))
				return v.staff->levels[i].code;
	} else {
		for (size_t i = 0; i < v.staff->noccupations; i++)
			if (!strcmp(v.staff->occupations[i].name, s))
				return v.staff->occupations[i].code;
	}
	return s;
}

static json_t *row_body(struct app_ctx *ctx, const struct import *im,
                        const struct csv_row *row)
{
	const char *fid = cell(row, im->col[C_FACILITY]);
	long long facility = atoll(fid);
	json_t *b = json_object();

	json_object_set_new(b, "facility_id",
	                    *fid ? json_integer(facility) : json_null());
	for (int k = C_ID_NUMBER; k < C__MAX; k++) {
		const char *v = cell(row, im->col[k]);

		if (!*v)
			continue;
		if (k == C_OCCUPATION || k == C_LEVEL)
			v = code_of(ctx, facility, v, k == C_LEVEL);
		json_object_set_new(b, col_names[k][0], json_string(v));
	}
	return b;
}

static int import_rows(struct app_ctx *ctx, void *arg)
{
	struct import *im = arg;

	for (size_t i = 1; i < im->t->nrows; i++) {
		const struct csv_row *row = &im->t->rows[i];
		struct lx_error saved = ctx->err;
		json_t *body = row_body(ctx, im, row);

		if (app_inspect_staff_add_tx(ctx, body))
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
	return import_errors_finish(&im->found, ctx, "staff", im->imported);
}

static int header(struct import *im)
{
	const struct csv_row *hdr = &im->t->rows[0];

	for (int k = 0; k < C__MAX; k++)
		im->col[k] = -1;
	for (size_t c = 0; c < hdr->nfields; c++) {
		int found = -1;

		for (int k = 0; k < C__MAX && found < 0; k++)
			for (int j = 0; col_names[k][j]; j++)
				if (!strcmp(hdr->fields[c], col_names[k][j]))
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
	for (int k = 0; k <= C_FROM; k++)
		if (k != C_CERTIFICATE && k != C_LEVEL && im->col[k] < 0)
			import_errors_add(&im->found, hdr->line,
			                  col_names[k][1],
			                  "required column is missing");
	return im->found.first_row ? -1 : 0;
}

json_t *app_inspect_staff_import(struct app_ctx *ctx, const char *buf,
                                 size_t len)
{
	struct import im;
	struct csv_table t;
	const char *enc = "";

	memset(&im, 0, sizeof(im));
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
	if (header(&im)) {
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
