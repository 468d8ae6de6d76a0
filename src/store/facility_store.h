/* Facilities and their capacity history in the database. */
#ifndef LX_STORE_FACILITY_STORE_H
#define LX_STORE_FACILITY_STORE_H

#include "core/arena.h"
#include "core/facility.h"
#include "store/db.h"

/* Inserts f (its id is set) with its first capacity entry dated
 * f->cap.date. A taken credit code gives LX_ECONFLICT on "credit_code". */
int facility_store_insert(struct db *db, struct facility *f, const char *now,
                          long long by, struct lx_error *err);

/* Rewrites the facility's attributes; when with_capacity, also records
 * f->cap as the entry for f->cap.date (replacing one of the same date). */
int facility_store_update(struct db *db, const struct facility *f,
                          int with_capacity, const char *now, long long by,
                          struct lx_error *err);

/* Loads one facility with the capacity in force on as_of (NULL or "": the
 * latest). LX_ENOTFOUND if there is no such id. */
int facility_store_get(struct db *db, struct arena *a, long long id,
                       const char *as_of, struct facility *out,
                       struct lx_error *err);

enum facility_status { FSTATUS_OPEN, FSTATUS_CLOSED, FSTATUS_ALL };

struct facility_query {
	const char *region;          /* subtree; NULL = all */
	int kind, ownership, filing; /* -1 = any */
	int status;                  /* enum facility_status */
	const char *q;               /* name or address contains */
	const char *as_of;           /* capacity date and open-on date */
	const char *today;           /* for "open" without as_of */
	const char *sort;            /* see docs/api.md */
	long page, per_page;         /* page from 1; per_page 0 = all */
	int only_ids;                /* restrict to ids[] (operators) */
	size_t nids;
	const long long *ids;
};

/* Lists a page of matching facilities and the total count. Arena-owned.
 * An unknown sort key gives LX_EINVALID on "sort". */
int facility_store_list(struct db *db, struct arena *a,
                        const struct facility_query *q, struct facility **out,
                        size_t *n, long long *total, struct lx_error *err);

/* Capacity entries oldest first. */
int facility_store_history(struct db *db, struct arena *a, long long id,
                           struct capacity **out, size_t *n,
                           struct lx_error *err);

struct capacity_totals {
	long long count;
	long long beds, nursing_beds, occupied_beds;
	long long slots, affordable_slots, enrolled;
	long long affordable_beds;
};

/* Totals by kind over facilities open on as_of in the subtree of region,
 * with the capacity in force that day. by_kind has FK__MAX entries. */
int facility_store_summary(struct db *db, const char *region, const char *as_of,
                           struct capacity_totals *by_kind,
                           struct lx_error *err);

/* 1 if another facility (id != exclude) holds the credit code. */
int facility_store_credit_code_taken(struct db *db, const char *code,
                                     long long exclude);

#endif
