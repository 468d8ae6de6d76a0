/*
 * The three lists (三个清单, 001 line 235): the same hazards seen three
 * ways — 隐患清单 (what, where, severity, found), 整改清单 (order,
 * deadline, status, overdue, rectification), 责任清单 (facility, the
 * responsible person, the department owning the domain) — as JSON, CSV or
 * a workbook.
 */
#ifndef LX_APP_INSPECT_HAZARD_LISTS_H
#define LX_APP_INSPECT_HAZARD_LISTS_H

#include "app/ctx.h"

#include <jansson.h>
#include <stddef.h>

/* Query: list (hazards|rectifications|responsibilities, default
 * hazards), region, facility, status (found|ordered|answered|closed|open|
 * overdue), format (json|csv|xlsx). For json *json is set; else *text,
 * *len, *type and *ext. 0 or -1 with ctx->err. Overdue hazards in the
 * list are escalated first (lazily). */
int app_hazard_lists(struct app_ctx *ctx, json_t *query, json_t **json,
                     char **text, size_t *len, const char **type,
                     const char **ext);

#endif
