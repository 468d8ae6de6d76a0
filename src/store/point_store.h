/* Residential points: where people live, with how many, for the 15-minute
 * service circle. */
#ifndef LX_STORE_POINT_STORE_H
#define LX_STORE_POINT_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct res_point {
	long long id;
	char region[13];
	char *name; /* arena-owned */
	double lat, lon;
	long long population;
	char *source;
};

int point_store_insert(struct db *db, struct res_point *p,
                       struct lx_error *err);

/* Points in the subtree of region, ordered by id; arena-owned. */
int point_store_subtree(struct db *db, struct arena *a, const char *region,
                        struct res_point **out, size_t *n,
                        struct lx_error *err);

/* Open facilities of the given kinds (facility_kind indexes; n 0 = all)
 * with coordinates in the subtree as of a day: ids and coordinates. */
struct site_row {
	long long id;
	int kind;
	double lat, lon;
	char *name;
};
int point_store_sites(struct db *db, struct arena *a, const char *region,
                      const char *as_of, const int *kinds, size_t nkinds,
                      struct site_row **out, size_t *n, struct lx_error *err);

#endif
