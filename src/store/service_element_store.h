/*
 * Counts behind the services module's indicator elements
 * (core/service_element.h), per region of a subtree on a day, ordered by
 * region; regions counting nothing are left out. One grouped query each;
 * the indicator tree sums each node's subtree range.
 */
#ifndef LX_STORE_SERVICE_ELEMENT_STORE_H
#define LX_STORE_SERVICE_ELEMENT_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"
#include "store/person_store.h"

#include <stddef.h>

/* What the counts depend on besides the day: the village-code range and
 * the covering facility kinds (names, NULL for unused slots) for
 * villages; the first day of the guidance window for infants. */
struct service_count_args {
	int village_from, village_to;
	const char *point_kind[2];
	const char *reach_from;
};

/* The counts of element e (enum service_element) at as_of under root.
 * Arena-owned. */
int service_element_store_count(struct db *db, struct arena *a, int e,
                                const char *root, const char *as_of,
                                const struct service_count_args *args,
                                struct region_count **out, size_t *n,
                                struct lx_error *err);

#endif
