/*
 * Hazards rectified in a closed loop (docs/api.md "Checks, checklists and
 * hazards"): found by an inspector → ordered (整改通知: the deadline by
 * severity, the head of the institution as first responsible) → answered
 * by the operator → re-checked by an inspector or an official (passed:
 * closed; failed: ordered again with a new deadline). Nothing else closes
 * a hazard. Overdue ones escalate to the county, then the city, lazily on
 * read and by a run. Every step is audited and kept in hazard_step.
 */
#ifndef LX_APP_INSPECT_HAZARDS_H
#define LX_APP_INSPECT_HAZARDS_H

#include "app/ctx.h"

#include <jansson.h>

/* A hazard with its steps. */
json_t *app_hazard_get(struct app_ctx *ctx, long long id);

/* A step: "order" {responsible}, "answer" {rectification, rectified_on,
 * note}, "recheck" {passed, note}; each may carry "version" (the version
 * read: a stale one is LX_ECONFLICT). */
json_t *app_hazard_step(struct app_ctx *ctx, long long id, const char *step,
                        json_t *body);

/* Adds a hazard to a check by hand: {domain, severity, description,
 * item?}. */
json_t *app_hazard_add(struct app_ctx *ctx, long long check, json_t *body);

/* Escalates every overdue hazard in the caller's scope: {escalated: n}. */
json_t *app_hazard_escalate(struct app_ctx *ctx, json_t *body);

#endif
