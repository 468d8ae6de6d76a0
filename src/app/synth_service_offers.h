/*
 * The providers of a synthetic city (docs/synth.md): each open community
 * facility, elderly-care institution and childcare facility offers the
 * catalogue items its kind delivers, over its township (or its own area
 * when larger), from the reference day, at a price drawn around a base of
 * its item. Draws come from a stream of their own, so the rest of the
 * city is the same with or without them.
 */
#ifndef LX_APP_SYNTH_SERVICE_OFFERS_H
#define LX_APP_SYNTH_SERVICE_OFFERS_H

#include "app/ctx.h"

#include <stddef.h>
#include <stdint.h>

/* Adds the offers of the facilities in the subtree of root, from day
 * from (YYYY-MM-DD); *made counts them. Run inside synth's transaction.
 * 0, or -1 with ctx->err. */
int synth_service_offers(struct app_ctx *ctx, uint64_t seed, const char *root,
                         const char *from, size_t *made);

#endif
