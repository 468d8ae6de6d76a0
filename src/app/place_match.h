/*
 * Matching a need to a facility (docs/api.md "Matching and the public
 * search"): the open, filed facilities with room on the day, ranked by
 * the rule of core/place_match.h, each with why it is there and why it
 * stands below the one above. Returns a new JSON reference (caller
 * decrefs) or NULL with ctx->err set.
 */
#ifndef LX_APP_PLACE_MATCH_H
#define LX_APP_PLACE_MATCH_H

#include "app/ctx.h"

/* params: person_id, or kind (elderly|childcare) with care_level
 * (self|partly|disabled) or age_months; lat and lon, or region; budget_yuan,
 * affordable_only, as_of, radius_km, limit. */
json_t *app_place_match(struct app_ctx *ctx, json_t *params);

#endif
