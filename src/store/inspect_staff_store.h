/*
 * Facility staff (tables staff, staff_training, staff_health_check,
 * migration 28). The ID number is kept as a keyed hash (to find the same
 * person at two facilities) and a sealed blob (app/pii.c), never in
 * clear.
 */
#ifndef LX_STORE_INSPECT_STAFF_STORE_H
#define LX_STORE_INSPECT_STAFF_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "core/inspect_staff.h"
#include "store/db.h"

#include <stddef.h>

struct staff_rec {
	long long id, facility_id;
	char *facility_name, *region;
	int facility_kind;
	unsigned char hash[STAFF_HASH_BYTES];
	unsigned char *sealed;
	size_t sealed_len;
	char *name, *occupation, *certificate, *cert_level;
	char contract_from[11], contract_to[11]; /* to "" when open */
	char recorded_at[21];
};

/* A training event or a health check of one staff member. */
struct staff_event {
	long long id, staff_id;
	char kind[32]; /* a training kind; "health_check" for a check */
	char on[11];
	long long hours;
	char *text; /* provider, or the check's result */
};

int inspect_staff_store_add(struct db *db, struct staff_rec *s,
                            struct lx_error *err);

/* Sets the contract's end; LX_ENOTFOUND when there is no such staff. */
int inspect_staff_store_end(struct db *db, long long id, const char *to,
                            struct lx_error *err);

/* One staff member (LX_ENOTFOUND when none). */
int inspect_staff_store_get(struct db *db, struct arena *a, long long id,
                            struct staff_rec *out, struct lx_error *err);

/* Staff of one facility (facility > 0) or of every facility in region's
 * subtree (region non-NULL); with same_persons, also every contract
 * elsewhere of a person who has one there (to find 重复在岗). Ordered by
 * facility, name, id. */
int inspect_staff_store_list(struct db *db, struct arena *a, long long facility,
                             const char *region, int same_persons,
                             struct staff_rec **out, size_t *n,
                             struct lx_error *err);

int inspect_staff_store_add_training(struct db *db, struct staff_event *e,
                                     struct lx_error *err);
int inspect_staff_store_add_check(struct db *db, struct staff_event *e,
                                  struct lx_error *err);

/* Trainings and health checks (kind "health_check") of the staff of one
 * staff member (staff > 0), one facility (facility > 0), or a region's
 * subtree, held on or before day when given; ordered by staff, date. */
int inspect_staff_store_events(struct db *db, struct arena *a, long long staff,
                               long long facility, const char *region,
                               const char *day, struct staff_event **out,
                               size_t *n, struct lx_error *err);

/* Where staff's events begin among n events as inspect_staff_store_events
 * orders them (by staff member): the first index whose staff_id is not
 * below staff, by binary search, so a list of staff in another order
 * finds each one's events in log n. */
size_t inspect_staff_events_from(const struct staff_event *e, size_t n,
                                 long long staff);

#endif
