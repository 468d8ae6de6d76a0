/*
 * Staff from a CSV file (docs/api.md "Food safety and staff"): all or
 * nothing, each bad row reported by row and column; every row is checked
 * as POST /api/v1/inspect/staff checks one.
 */
#ifndef LX_APP_INSPECT_STAFF_IMPORT_H
#define LX_APP_INSPECT_STAFF_IMPORT_H

#include "app/ctx.h"

/* buf: UTF-8 (with or without BOM) or GB18030 CSV with a header row.
 * {imported, encoding}, or NULL with ctx->err (and ctx->details
 * {"errors": [{row, column, message}]}). */
json_t *app_inspect_staff_import(struct app_ctx *ctx, const char *buf,
                                 size_t len);

#endif
