/* What an all-or-nothing CSV import found wrong: each bad row's error
 * (the first IMPORT_MAX_REPORTED_ERRORS of them) for the answer's details,
 * and the first one for the error itself. Shared by every import (places,
 * verifications, visits), so they all refuse a file the same way. */
#ifndef LX_APP_IMPORT_ERRORS_H
#define LX_APP_IMPORT_ERRORS_H

#include "app/ctx.h"

/* Every error of every row is counted; the answer lists the first 200
 * (docs/api.md), with the total beside them. */
enum { IMPORT_MAX_REPORTED_ERRORS = 200 };

struct import_errors {
	json_t *list;   /* [{"row", "column", "message"[, "field", "label"]}];
	                   the caller's */
	long total;     /* errors found, listed or not */
	long first_row; /* 0 while none */
	char first_col[64], first_msg[256];
};

void import_errors_add(struct import_errors *e, long row, const char *column,
                       const char *message);

/* The same, for a column the file headed in its own words: column is the
 * header as the file wrote it, field the code it stands for and label
 * the field's name in Chinese (NULL when it has none). */
void import_errors_add_field(struct import_errors *e, long row,
                             const char *column, const char *field,
                             const char *label, const char *message);

/* {"errors": [...], "total": n, "listed_at_most": cap}; takes the list. */
json_t *import_errors_details(struct import_errors *e);

/* LX_EINVALID naming "row R, column C" of the first error and returning
 * -1; 0 when there is none. */
int import_errors_fail(const struct import_errors *e, struct app_ctx *ctx);

/* After the last row, inside the import's transaction: the first error,
 * or the import audited (action "import" on kind) with its row count. */
int import_errors_finish(const struct import_errors *e, struct app_ctx *ctx,
                         const char *kind, long imported);

/* Whether the database still holds the import's transaction after row
 * (a failed statement may have ended it): -1 with ctx->err saying that
 * nothing was imported when it does not. */
int import_still_open(struct app_ctx *ctx, long row);

#endif
