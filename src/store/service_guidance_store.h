/*
 * Parenting-guidance activities and the infants each reached (tables
 * guidance_activity, guidance_reach). An infant is reached once per
 * activity (the primary key).
 */
#ifndef LX_STORE_SERVICE_GUIDANCE_STORE_H
#define LX_STORE_SERVICE_GUIDANCE_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct guidance_row {
	long long id, facility_id; /* 0: no facility */
	char *kind, *title, *provider, *note;
	char region[13];
	char *region_name, *facility_name; /* read only */
	char held_on[11];
	long long families, reached; /* reached: read only */
	char recorded_at[21];
};

struct guidance_infant {
	long long person_id;
	char *name;
	char region[13];
	char birth_date[11];
};

/* Inserts the activity (a->id set) and its infants ids[0..n). */
int guidance_store_add(struct db *db, struct guidance_row *a,
                       const long long *ids, size_t n, long long by,
                       struct lx_error *err);

/* The activity; LX_ENOTFOUND when there is none. Arena-owned. */
int guidance_store_get(struct db *db, struct arena *a, long long id,
                       struct guidance_row *out, struct lx_error *err);

/* The infants an activity reached, by name. Arena-owned. */
int guidance_store_infants(struct db *db, struct arena *a, long long id,
                           struct guidance_infant **out, size_t *n,
                           struct lx_error *err);

/* Activities held in the subtree of region (NULL any) from from to to
 * (NULL: open), of facility (0 any), latest first; *total all matching. */
int guidance_store_list(struct db *db, struct arena *a, const char *region,
                        long long facility, const char *from, const char *to,
                        long limit, long offset, struct guidance_row **out,
                        size_t *n, long long *total, struct lx_error *err);

#endif
