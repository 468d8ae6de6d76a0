/*
 * Facilities' prices (收费标准) with their history, and the checks on the
 * prices in force: the childcare fee caps and the review of affordable
 * prices of the region's "childcare" policy section (docs/api.md
 * "Vacancy, prices and caps"). An operator posts prices for its own
 * facilities, officials for the facilities of their scope.
 */
#ifndef LX_APP_PLACE_PRICES_H
#define LX_APP_PLACE_PRICES_H

#include "app/ctx.h"

#include <jansson.h>

/* POST /facilities/{id}/prices: body kind, code, mode, amount_yuan
 * (text, at most two decimals), affordable, effective_date, basis. The
 * new entry with its flags, or NULL with ctx->err (the field named). */
json_t *app_place_price_add(struct app_ctx *ctx, long long facility,
                            json_t *body);

/* GET /facilities/{id}/prices: every entry ("history") and the prices in
 * force on as_of (default today) with their flags ("in_force"). */
json_t *app_place_price_history(struct app_ctx *ctx, long long facility,
                                json_t *params);

/* GET /places/prices: the prices in force on as_of of the open
 * facilities in a region's subtree (an operator: its own), each with its
 * flags; flagged=1 keeps the flagged ones only. */
json_t *app_place_prices(struct app_ctx *ctx, json_t *params);

#endif
