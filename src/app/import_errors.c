#include "app/import_errors.h"

#include "app/audit.h"
#include "core/text.h"
#include "store/db.h"

#include <stdio.h>

void import_errors_add(struct import_errors *e, long row, const char *column,
                       const char *message)
{
	import_errors_add_field(e, row, column, NULL, NULL, message);
}

void import_errors_add_field(struct import_errors *e, long row,
                             const char *column, const char *field,
                             const char *label, const char *message)
{
	e->total++;
	if (!e->first_row) {
		e->first_row = row;
		/* cut between characters: a Chinese header is no ASCII */
		text_excerpt(column, sizeof(e->first_col) - 4, e->first_col,
		             sizeof(e->first_col));
		text_excerpt(message, sizeof(e->first_msg) - 4, e->first_msg,
		             sizeof(e->first_msg));
	}
	if (json_array_size(e->list) < IMPORT_MAX_REPORTED_ERRORS)
		json_array_append_new(
		    e->list,
		    json_pack("{s:I, s:s, s:s, s:s?, s:s?}", "row",
		              (json_int_t)row, "column", column, "message",
		              message, "field", field, "label", label));
}

json_t *import_errors_details(struct import_errors *e)
{
	json_t *d = json_pack("{s:o, s:I, s:i}", "errors", e->list, "total",
	                      (json_int_t)e->total, "listed_at_most",
	                      IMPORT_MAX_REPORTED_ERRORS);

	e->list = NULL;
	return d;
}

int import_errors_fail(const struct import_errors *e, struct app_ctx *ctx)
{
	if (!e->first_row)
		return 0;
	return lx_fail(&ctx->err, LX_EINVALID,
	               arena_printf(ctx->arena, "row %ld, column %s",
	                            e->first_row, e->first_col),
	               "row %ld, column '%s': %s", e->first_row, e->first_col,
	               e->first_msg);
}

int import_errors_finish(const struct import_errors *e, struct app_ctx *ctx,
                         const char *kind, long imported)
{
	json_t *after;
	int ret;

	if (import_errors_fail(e, ctx))
		return -1;
	after = json_pack("{s:I}", "rows", (json_int_t)imported);
	ret = app_audit(ctx, "import", kind, "", NULL, after);
	json_decref(after);
	return ret;
}

int import_still_open(struct app_ctx *ctx, long row)
{
	if (db_in_transaction(ctx->db))
		return 0;
	return lx_fail(&ctx->err, LX_EINTERNAL,
	               arena_printf(ctx->arena, "row %ld", row),
	               "the database stopped the import at row %ld; nothing "
	               "was imported",
	               row);
}
