/*
 * Facilities' ratings (table facility_rating, migration 24). An entry is
 * never changed; a new rating is a new entry.
 */
#ifndef LX_STORE_PLACE_RATING_STORE_H
#define LX_STORE_PLACE_RATING_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "core/place_rating.h"
#include "store/db.h"

#include <stddef.h>

/* Inserts r (its id is set), recorded by account by (0: none) at
 * r->recorded_at. */
int place_rating_store_add(struct db *db, struct place_rating *r, long long by,
                           struct lx_error *err);

/* Every rating of one facility under the national grade or the childcare
 * star scheme, the latest given first. Arena-owned. */
int place_rating_store_list(struct db *db, struct arena *a, long long facility,
                            struct place_rating **out, size_t *n,
                            struct lx_error *err);

/* The rating in force on day for each facility (in region's subtree when
 * region is given, or the one facility when facility > 0), under the
 * national grade or the childcare star scheme: the latest
 * rated_on with rated_on <= day <= valid_until (the higher id on a tie),
 * ordered by facility. */
int place_rating_store_in_force(struct db *db, struct arena *a,
                                const char *region, long long facility,
                                const char *day, struct place_rating **out,
                                size_t *n, struct lx_error *err);

#endif
