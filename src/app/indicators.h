/* Indicators against the plan targets (DESIGN.md module 5): values
 * computed from the registry, population and reported data, status, time
 * series, and reported values entered by departments. */
#ifndef LX_APP_INDICATORS_H
#define LX_APP_INDICATORS_H

#include "app/ctx.h"

/* Every indicator for params region and period: {"region", "period",
 * "as_of", "jurisdiction", "groups": [...], "indicators": [...]}. */
json_t *app_indicators(struct app_ctx *ctx, json_t *params);

/* The same document as JSON text, kept in the result cache between
 * requests until something is written (app/result_cache.h): what the
 * dashboard asks for again and again. *hit says whether it was cached. */
int app_indicators_cached(struct app_ctx *ctx, json_t *params, char **text,
                          size_t *len, int *hit);

/* One indicator over periods: params region, and either from/to periods
 * of one kind or nothing (every year from the base year to this one). */
json_t *app_indicator_series(struct app_ctx *ctx, const char *id,
                             json_t *params);

/* Any expression for a region and period, as an analyst asks "what is
 * nursing_beds.private / beds.private here?": params region, period,
 * numerator, denominator (optional), factor (optional, default 1). Returns
 * {"value", "display", "numerator", "denominator", "elements": {name:
 * value or null}}; a malformed expression is LX_EINVALID naming the
 * parameter, with the position. */
json_t *app_evaluate(struct app_ctx *ctx, json_t *params);

struct policy_view;

/* The policies that apply to a region (its path from the root). */
int app_policy_view(struct app_ctx *ctx, const char *region,
                    struct policy_view *view);

/* The "region" parameter: present, a code, existing and in the caller's
 * scope (LX_ENOTFOUND otherwise, so scope does not leak existence). */
int app_visible_region(struct app_ctx *ctx, json_t *params,
                       const char **region);

/* Sets a reported value: {"element", "region", "period", "value" | "text",
 * "source"}. */
json_t *app_reported_put(struct app_ctx *ctx, json_t *body);

/* The same inside the caller's transaction (import). */
json_t *app_reported_check_and_put(struct app_ctx *ctx, json_t *body);

/* Loads every policy's "facts" as reported values, in one transaction
 * (used by init so a new platform shows the plans' stated figures). */
int app_load_policy_facts(struct app_ctx *ctx);

#endif
