/*
 * The periodic supervision bulletin (监督检查通报, monthly, quarterly or
 * yearly: 004 第241行): for a region and each of its child regions, plans
 * drawn, checks scheduled and done, hazards found, closed and overdue by
 * domain. JSON, or rendered as HTML, CSV or XLSX (docs/api.md
 * "Supervision bulletins").
 */
#ifndef LX_APP_INSPECT_BULLETIN_H
#define LX_APP_INSPECT_BULLETIN_H

#include "app/ctx.h"

#include <jansson.h>
#include <stddef.h>

/* params: region, period (2025-03, 2025Q1 or 2025). */
json_t *app_inspect_bulletin(struct app_ctx *ctx, json_t *params);

/* The same with format html, csv or xlsx: *out arena-owned, *type the
 * MIME type, *ext the extension. */
int app_inspect_bulletin_file(struct app_ctx *ctx, json_t *params,
                              const char *format, char **out, size_t *len,
                              const char **type, const char **ext);

#endif
