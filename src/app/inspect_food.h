/*
 * Canteens' food-safety grades (docs/api.md "Food safety and staff"):
 * officials in scope (a department's too) record a facility's grade with
 * its date, the history kept; the grade in force and the share of graded
 * facilities at B or better, by region. Each returns a new JSON reference
 * (caller decrefs) or NULL with ctx->err set.
 */
#ifndef LX_APP_INSPECT_FOOD_H
#define LX_APP_INSPECT_FOOD_H

#include "app/ctx.h"

/* body {grade, graded_on, note}: records a grade (201). */
json_t *app_inspect_food_add(struct app_ctx *ctx, long long facility,
                             json_t *body);

/* {as_of, current, items}: every grade of the facility, latest first;
 * current is the grade in force on as_of (default today) or null. */
json_t *app_inspect_food_list(struct app_ctx *ctx, long long facility,
                              json_t *params);

/* params region, as_of, kind: {as_of, region, facilities, graded, good,
 * share {numerator, denominator, percent, rounding}, by_region [...],
 * items [...]}: each open facility in scope with its grade in force. */
json_t *app_inspect_food_shares(struct app_ctx *ctx, json_t *params);

#endif
