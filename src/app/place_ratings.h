/*
 * Facility ratings (docs/api.md "Matching and the public search"):
 * officials of the facility's region record a grade or star rating; anyone
 * who sees the facility reads them, the one in force marked. Each returns
 * a new JSON reference (caller decrefs) or NULL with ctx->err set.
 */
#ifndef LX_APP_PLACE_RATINGS_H
#define LX_APP_PLACE_RATINGS_H

#include "app/ctx.h"
#include "core/place_rating.h"

/* body {scheme, level, rated_on, valid_until, note}: records a rating of
 * a filed facility (201). */
json_t *app_place_rating_add(struct app_ctx *ctx, long long facility,
                             json_t *body);

/* {current, items}: every rating, latest first, each with its state on
 * as_of (default today); current is the one in force or null. */
json_t *app_place_rating_list(struct app_ctx *ctx, long long facility,
                              json_t *params);

/* One rating as JSON with its state on day: {scheme, scheme_label,
 * level, label ("二级"), rated_on, valid_until, state, state_label}. */
json_t *place_rating_to_json(const struct place_rating *r, const char *day);

/* The same without the id and the note, for the public search. */
json_t *place_rating_to_json_public(const struct place_rating *r,
                                    const char *day);

#endif
