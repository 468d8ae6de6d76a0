/*
 * Finding a place in a synthetic city (docs/synth.md "Finding a place"):
 * posted prices for its institutions and childcare facilities and
 * ratings for some of the filed ones, so the matching, the public search
 * and their benchmark have something to rank. Written through the price
 * and rating stores; draws come from a stream of their own.
 */
#ifndef LX_APP_SYNTH_PLACES_H
#define LX_APP_SYNTH_PLACES_H

#include "app/ctx.h"

#include <stddef.h>
#include <stdint.h>

struct synth_places_made {
	size_t prices, ratings;
};

/* For the open facilities of root's subtree on the reference day ref
 * (YYYY-MM-DD). Run inside synth's transaction. 0, or -1 with ctx->err. */
int synth_places(struct app_ctx *ctx, uint64_t seed, const char *root,
                 const char *ref, struct synth_places_made *made);

#endif
