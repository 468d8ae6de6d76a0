/*
 * The home-and-community services of a synthetic city beyond its
 * providers' offers (docs/synth.md "Services"): parenting-guidance
 * activities in each township in the year after the reference day,
 * each reaching a share of the township's infants, and family care beds
 * for some of the persons a plan makes eligible, set up by a provider of
 * their township and logged month by month. Made through the same use
 * cases an official would use, so every rule holds; draws come from a
 * stream of their own.
 */
#ifndef LX_APP_SYNTH_SERVICES_H
#define LX_APP_SYNTH_SERVICES_H

#include "app/ctx.h"

#include <stddef.h>
#include <stdint.h>

struct synth_services_made {
	size_t activities, infants_reached, beds;
};

/* For the townships of root's subtree, from the reference day ref
 * (YYYY-MM-DD). Run inside synth's transaction. 0, or -1 with ctx->err. */
int synth_services(struct app_ctx *ctx, uint64_t seed, const char *root,
                   const char *ref, struct synth_services_made *made);

#endif
