/*
 * Every wrong field of one request, not only the first: a form learns of
 * all its mistakes in one answer. The first error stays the answer's
 * headline (its status and "error"); all of them go in ctx->details as
 * "errors": [{"field", "message"}, ...] (docs/api.md, facilities and
 * persons).
 */
#ifndef LX_APP_FIELD_ERRORS_H
#define LX_APP_FIELD_ERRORS_H

#include "app/ctx.h"

struct field_errors {
	json_t *list;
	struct lx_error first;
};

/* -1 with ctx->err when out of memory. */
int field_errors_init(struct app_ctx *ctx, struct field_errors *fe);

/* Keeps ctx->err as one of the errors and clears it, so the caller can go
 * on to the next field. */
void field_errors_take(struct app_ctx *ctx, struct field_errors *fe);

/* 0 when nothing was kept; else -1 with ctx->err the first error and
 * ctx->details the list. Frees what it must either way. */
int field_errors_finish(struct app_ctx *ctx, struct field_errors *fe);

#endif
