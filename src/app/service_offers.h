/*
 * Providers' offers (docs/api.md "Services: offers and orders"): a
 * facility's price for a catalogue item over a service area from a date.
 * A new price of the same facility, item and area closes the one before
 * on the eve of its first day, so the price on any date stays answerable.
 */
#ifndef LX_APP_SERVICE_OFFERS_H
#define LX_APP_SERVICE_OFFERS_H

#include "app/ctx.h"

/* body {facility_id, item, price_fen, area, valid_from?, note?}: adds the
 * offer (201). An operator offers for its own facilities, an official
 * for facilities in scope; the area must be in the caller's scope. */
json_t *app_service_offer_add(struct app_ctx *ctx, json_t *body);

/* params facility?, item?, area?, on? (a date: in force that day),
 * serves? (a region code: offers whose area holds it, in force on "on"
 * or today), region? (facilities in the subtree): the offers, with the
 * item's name and unit. Prices are public: any logged-in role reads. */
json_t *app_service_offer_list(struct app_ctx *ctx, json_t *params);

#endif
