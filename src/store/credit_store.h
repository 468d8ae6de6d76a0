/*
 * Credit files (tables credit_record, credit_listing, credit_listing_step,
 * prepaid_report and facility.membership, migration 30). Records and steps
 * are never changed; a listing moves only by credit_store_listing_move,
 * which takes a step once (a conditional UPDATE on its version).
 * Everything returned is arena-owned.
 */
#ifndef LX_STORE_CREDIT_STORE_H
#define LX_STORE_CREDIT_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

struct credit_record_row {
	long long id;
	const char *subject_kind; /* "facility" or "staff" */
	long long subject_id, facility_id;
	const char *kind, *happened_on, *summary, *authority, *document;
	const char *public_until; /* NULL: no end */
	const char *recorded_at;
	const char *subject_name; /* the facility's or the staff's name */
};

struct credit_listing_row {
	long long id;
	const char *subject_kind;
	long long subject_id, facility_id;
	const char *list, *ground, *facts, *status;
	const char *noticed_on, *hearing, *listed_on, *published_on;
	const char *removed_on, *removal_reason, *authority, *created_at;
	long long version;
	const char *subject_name, *facility_name, *region;
};

struct credit_step_row {
	long long id, listing_id, account_id;
	const char *step, *on_day, *note, *at;
};

struct credit_prepaid_row {
	long long id, facility_id, members;
	int64_t balance_fen, custody_fen;
	const char *as_of, *custody_bank, *recorded_at;
	const char *facility_name, *region;
	int membership;
};

/* A staff member's facility and name; LX_ENOTFOUND field "subject_id"
 * when there is none. */
int credit_store_staff(struct db *db, struct arena *a, long long staff,
                       long long *facility, const char **name,
                       struct lx_error *err);

/* Inserts r (id set), recorded by account by at r->recorded_at. */
int credit_store_record_add(struct db *db, struct credit_record_row *r,
                            long long by, struct lx_error *err);

/* The records of one subject, or (subject_kind NULL) every record tied to
 * facility (its own and its staff's); latest first. */
int credit_store_records(struct db *db, struct arena *a,
                         const char *subject_kind, long long subject_id,
                         long long facility, struct credit_record_row **out,
                         size_t *n, struct lx_error *err);

/* Inserts a proposed listing (id set, version 1). */
int credit_store_listing_add(struct db *db, struct credit_listing_row *l,
                             long long by, struct lx_error *err);

/* One listing; LX_ENOTFOUND field "id" when none. */
int credit_store_listing_get(struct db *db, struct arena *a, long long id,
                             struct credit_listing_row *out,
                             struct lx_error *err);

/* Listings of facilities in region's subtree (NULL: all) or of one
 * facility (facility > 0), filtered by list and status when given;
 * latest first. */
int credit_store_listings(struct db *db, struct arena *a, const char *region,
                          long long facility, const char *list,
                          const char *status, struct credit_listing_row **out,
                          size_t *n, struct lx_error *err);

/* Moves listing l->id from status from at version l->version to l's
 * status and non-NULL dates (noticed_on, hearing, listed_on,
 * published_on, removed_on, removal_reason), raising the version. Sets
 * *moved to 1 when the row changed, 0 when another step came first. */
int credit_store_listing_move(struct db *db, const struct credit_listing_row *l,
                              const char *from, int *moved,
                              struct lx_error *err);

int credit_store_step_add(struct db *db, long long listing, const char *step,
                          const char *on_day, const char *note, long long by,
                          const char *at, struct lx_error *err);

/* A listing's steps in order. */
int credit_store_steps(struct db *db, struct arena *a, long long listing,
                       struct credit_step_row **out, size_t *n,
                       struct lx_error *err);

/* Inserts a prepaid report; LX_ECONFLICT field "as_of" when the facility
 * already reported that day. */
int credit_store_prepaid_add(struct db *db, struct credit_prepaid_row *p,
                             long long by, struct lx_error *err);

/* The latest report on or before day of each facility in region's
 * subtree (NULL: all), or of the one facility (> 0); by facility id. */
int credit_store_prepaid_latest(struct db *db, struct arena *a,
                                const char *region, long long facility,
                                const char *day,
                                struct credit_prepaid_row **out, size_t *n,
                                struct lx_error *err);

/* Sets facility.membership (会员制) to 0 or 1. */
int credit_store_membership_set(struct db *db, long long facility, int on,
                                struct lx_error *err);

/* facility.membership of one facility (0 when none). */
int credit_store_membership(struct db *db, long long facility, int *on,
                            struct lx_error *err);

#endif
