/*
 * The roster of inspectors (检查人员名录库) and facilities' credit-risk
 * classes (docs/api.md "Inspectors, plans and the random draw"): officials
 * put inspector accounts of their region on the roster with a department,
 * record ties for recusal, and set the risk class the draw weighs by.
 */
#ifndef LX_APP_INSPECT_ROSTER_H
#define LX_APP_INSPECT_ROSTER_H

#include "app/ctx.h"

#include <jansson.h>

/* GET /api/v1/inspectors?region= : {"items": [inspector with ties]}. */
json_t *app_inspect_inspectors(struct app_ctx *ctx, json_t *params);
/* PUT /api/v1/inspectors/{account}: {department, region?, active?}. */
json_t *app_inspect_inspector_put(struct app_ctx *ctx, long long account,
                                  json_t *body);
/* POST /api/v1/inspectors/{account}/ties: {facility_id, reason}. */
json_t *app_inspect_tie_add(struct app_ctx *ctx, long long account,
                            json_t *body);
/* DELETE /api/v1/inspectors/{account}/ties: {facility_id}. */
json_t *app_inspect_tie_remove(struct app_ctx *ctx, long long account,
                               json_t *body);
/* PUT /api/v1/inspect/facilities/{id}/risk: {risk_class}. */
json_t *app_inspect_risk_set(struct app_ctx *ctx, long long facility,
                             json_t *body);

#endif
