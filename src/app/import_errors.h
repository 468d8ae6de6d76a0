/* What an all-or-nothing CSV import found wrong: each bad row's error
 * (the first IMPORT_MAX_REPORTED_ERRORS of them) for the answer's details,
 * and the first one for the error itself. Shared by every import (places,
 * verifications, visits), so they all refuse a file the same way. */
#ifndef LX_APP_IMPORT_ERRORS_H
#define LX_APP_IMPORT_ERRORS_H

#include "app/ctx.h"

enum { IMPORT_MAX_REPORTED_ERRORS = 100 };

struct import_errors {
	json_t *list;   /* [{"row", "column", "message"}]; the caller's */
	long first_row; /* 0 while none */
	char first_col[64], first_msg[256];
};

void import_errors_add(struct import_errors *e, long row, const char *column,
                       const char *message);

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
