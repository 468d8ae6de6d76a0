/*
 * Canteens' food-safety grades (table food_grade, migration 28). An entry
 * is never changed; a new grade is a new entry, so the history stays.
 */
#ifndef LX_STORE_INSPECT_FOOD_STORE_H
#define LX_STORE_INSPECT_FOOD_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "core/inspect_food.h"
#include "store/db.h"

#include <stddef.h>

/* Inserts g (its id is set), recorded by account by (0: none) at
 * g->recorded_at. */
int inspect_food_store_add(struct db *db, struct food_grade_rec *g,
                           long long by, struct lx_error *err);

/* Every grade of one facility (facility > 0), or of every facility in
 * region's subtree (region non-NULL), graded on or before day when day is
 * given; ordered by facility, then the latest graded first (the higher id
 * first on a day). Arena-owned. */
int inspect_food_store_list(struct db *db, struct arena *a, long long facility,
                            const char *region, const char *day,
                            struct food_grade_rec **out, size_t *n,
                            struct lx_error *err);

#endif
