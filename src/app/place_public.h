/*
 * The public search for a place (找床位 · 找托位), answered without a login
 * (docs/api.md "Matching and the public search"): open, filed facilities
 * with their vacancy, prices in force, 普惠 and rating, and the regions to
 * pick from. Registry facts about facilities only: nothing about a person
 * is read. The answers are cached (app/result_cache.h) per query and day.
 */
#ifndef LX_APP_PLACE_PUBLIC_H
#define LX_APP_PLACE_PUBLIC_H

#include "app/ctx.h"

#include <stddef.h>

/* params: kind (elderly|childcare), region, lat, lon, class_type,
 * age_months, affordable, page. *text is the JSON answer (arena-owned);
 * *hit says whether it came from the cache. 0, or -1 with ctx->err. */
int app_place_public_search(struct app_ctx *ctx, json_t *params, char **text,
                            size_t *len, int *hit);

/* The counties and townships (街道) to pick from, by code, with names. */
int app_place_public_regions(struct app_ctx *ctx, json_t *params, char **text,
                             size_t *len, int *hit);

#endif
