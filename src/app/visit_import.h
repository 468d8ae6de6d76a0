/* Visits done on paper, imported from CSV (docs/api.md "Visits"): all or
 * nothing, each row through the same checks as a visit recorded in the
 * app, errors by row and column. */
#ifndef LX_APP_VISIT_IMPORT_H
#define LX_APP_VISIT_IMPORT_H

#include "app/ctx.h"

#include <stddef.h>

/* Returns {"imported": n, "encoding"}; on bad rows NULL with ctx->err
 * naming the first "row R, column C" and ctx->details {"errors": [...]}. */
json_t *app_visit_import(struct app_ctx *ctx, const char *buf, size_t len);

#endif
