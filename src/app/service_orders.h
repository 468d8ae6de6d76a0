/*
 * Orders of home and community services (DESIGN.md module 8; docs/api.md
 * "Services: offers and orders"): placed for a person by a linked family
 * account, a visitor of the person's village or an official in scope,
 * taken by the provider step by step (accept, schedule, check in, check
 * out), rated by whoever placed it, or cancelled with a reason; every
 * step a row of the order's history and an audit record. Payment beyond
 * the person's own share is drawn, inside the placing transaction, from
 * the sources of app/service_pay.h and given back on cancellation.
 */
#ifndef LX_APP_SERVICE_ORDERS_H
#define LX_APP_SERVICE_ORDERS_H

#include "app/ctx.h"

/* body {person_id, item, quantity?, offer_id?, facility_id?, wanted_at?,
 * address?, note?, payments?}: places the order (201) with the offer
 * named, or the cheapest in force today that serves the person's
 * village (of facility_id when given). payments: [{source:
 * "entitlement", amount_fen} | {source: "voucher", voucher_id} |
 * {source: "timebank", account_id, minutes}]; the rest is the person's
 * own. A refused draw leaves nothing behind. */
json_t *app_service_order_place(struct app_ctx *ctx, json_t *body);

/* step "accept", "schedule" {at}, "start" {at?, lat?, lon?}, "finish"
 * {at?, lat?, lon?}, "rate" {rating, note?}, "cancel" {reason}; every
 * step takes a note. Returns the order with its steps and payments. */
json_t *app_service_order_step(struct app_ctx *ctx, long long id,
                               const char *step, json_t *body);

/* The order with its steps and payments (404 when the caller may not
 * see it). */
json_t *app_service_order_get(struct app_ctx *ctx, long long id);

#endif
