/*
 * Facilities' posted prices and their history (table facility_price). An
 * entry is never changed: a new price is a new entry from its date; an
 * entry of the same facility, kind, code, mode and date is refused
 * (LX_ECONFLICT on "effective_date").
 */
#ifndef LX_STORE_PLACE_PRICE_STORE_H
#define LX_STORE_PLACE_PRICE_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "core/place_price.h"
#include "store/db.h"

#include <stddef.h>

/* Inserts p (its id is set). */
int place_price_store_add(struct db *db, struct place_price *p, long long by,
                          struct lx_error *err);

/* Every entry of one facility, by kind, code, mode, then date. */
int place_price_store_history(struct db *db, struct arena *a,
                              long long facility, struct place_price **out,
                              size_t *n, struct lx_error *err);

/* The prices in force on as_of (YYYY-MM-DD): for each facility, kind,
 * code and mode the latest entry on or before that day. Narrowed to one
 * facility (facility > 0) or to the facilities of a region's subtree
 * (region non-NULL), or neither; ordered by facility, kind, code, mode. */
int place_price_store_in_force(struct db *db, struct arena *a,
                               const char *region, long long facility,
                               const char *as_of, struct place_price **out,
                               size_t *n, struct lx_error *err);

#endif
