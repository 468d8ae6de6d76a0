/*
 * Inspection plans and their random draw (双随机、一公开), the public
 * page of a draw, re-drawing to verify, and checks (drawn or created by
 * officials) as an inspector's day sees them (docs/api.md "Inspectors,
 * plans and the random draw").
 */
#ifndef LX_APP_INSPECT_PLANS_H
#define LX_APP_INSPECT_PLANS_H

#include "app/ctx.h"

#include <jansson.h>

/* POST /api/v1/inspect/plans {region, period, title?, seed?}: draws and
 * records the plan with its checks; the plan with its checks. */
json_t *app_inspect_plan_create(struct app_ctx *ctx, json_t *body);
json_t *app_inspect_plans(struct app_ctx *ctx, json_t *params);
json_t *app_inspect_plan_get(struct app_ctx *ctx, long long id);
/* Re-draws from the plan's recorded inputs and seed and compares with
 * its recorded checks: {"matches", "digest_matches", "checks_match"}. */
json_t *app_inspect_plan_verify(struct app_ctx *ctx, long long id);
/* drawn → published */
json_t *app_inspect_plan_publish(struct app_ctx *ctx, long long id);
/* The publication of a published plan, for anyone (no login). */
json_t *app_inspect_public_plan(struct app_ctx *ctx, long long id);
/* GET /api/v1/inspect/checks?mine=&day=&from=&to=&plan=&region= */
json_t *app_inspect_checks(struct app_ctx *ctx, json_t *params);
/* POST /api/v1/inspect/checks: a check not drawn (daily, special, case)
 * {facility_id, kind, items, scheduled_on, inspectors, note?}. */
json_t *app_inspect_check_create(struct app_ctx *ctx, json_t *body);

#endif
