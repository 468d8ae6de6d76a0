/*
 * The rosters of inspection (两库: inspectors and their ties; the target
 * facilities with their credit-risk class), inspection plans with their
 * published draw, and checks with their inspectors (tables of migration
 * 26). A plan and its checks are written once, in one transaction.
 */
#ifndef LX_STORE_INSPECT_PLAN_STORE_H
#define LX_STORE_INSPECT_PLAN_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct inspect_inspector_row {
	long long account_id;
	const char *username, *display_name, *department, *region;
	int active;
};

struct inspect_tie_row {
	long long account_id, facility_id;
	const char *reason, *facility_name;
};

struct inspect_target_row {
	long long id;
	const char *name, *kind, *region, *address, *risk_class;
	int checked_in_year; /* a check not cancelled in the year */
};

struct inspect_plan_row {
	long long id;
	const char *region, *period, *title, *seed, *algorithm, *inputs;
	const char *digest, *status, *drawn_at;
	long long drawn_by;
};

struct inspect_check_row {
	long long id, plan_id, facility_id;
	const char *facility_name, *address, *region;
	const char *kind, *items, *scheduled_on, *notice_on, *status;
	const char *done_on, *note;
};

struct inspect_check_person {
	long long check_id, account_id;
	const char *display_name, *department;
};

/* Puts the account on the roster (or changes its department, region and
 * active flag). */
int inspect_store_inspector_put(struct db *db, long long account,
                                const char *department, const char *region,
                                int active, const char *at,
                                struct lx_error *err);

/* Inspectors whose roster region is in region's subtree (NULL: all),
 * active ones only when active_only, by account id. */
int inspect_store_inspectors(struct db *db, struct arena *a, const char *region,
                             int active_only,
                             struct inspect_inspector_row **out, size_t *n,
                             struct lx_error *err);

/* One inspector's roster row: 0, or -1 LX_ENOTFOUND. */
int inspect_store_inspector_get(struct db *db, struct arena *a,
                                long long account,
                                struct inspect_inspector_row *out,
                                struct lx_error *err);

/* A tie: LX_ECONFLICT when the pair is already tied. */
int inspect_store_tie_add(struct db *db, long long account, long long facility,
                          const char *reason, struct lx_error *err);
/* LX_ENOTFOUND when the pair was not tied. */
int inspect_store_tie_remove(struct db *db, long long account,
                             long long facility, struct lx_error *err);
/* Ties of the inspectors on the roster in region's subtree, by account
 * then facility. */
int inspect_store_ties(struct db *db, struct arena *a, const char *region,
                       struct inspect_tie_row **out, size_t *n,
                       struct lx_error *err);

/* Filed facilities of region's subtree open on day (opened on or before
 * it, not closed by it), by id, with their risk class ("unclassified"
 * without one) and whether a check not cancelled falls in year_from ..
 * year_to. */
int inspect_store_targets(struct db *db, struct arena *a, const char *region,
                          const char *day, const char *year_from,
                          const char *year_to, struct inspect_target_row **out,
                          size_t *n, struct lx_error *err);

int inspect_store_risk_set(struct db *db, long long facility,
                           const char *risk_class, long long by, const char *at,
                           struct lx_error *err);

/* Inserts the plan (its id is set). */
int inspect_store_plan_add(struct db *db, struct inspect_plan_row *p,
                           struct lx_error *err);
/* Plans of region's subtree (NULL: all), the latest first. */
int inspect_store_plans(struct db *db, struct arena *a, const char *region,
                        struct inspect_plan_row **out, size_t *n,
                        struct lx_error *err);
int inspect_store_plan_get(struct db *db, struct arena *a, long long id,
                           struct inspect_plan_row *out, struct lx_error *err);
/* Sets the status from one value to another: LX_ECONFLICT when it was
 * not `from`. */
int inspect_store_plan_status(struct db *db, long long id, const char *from,
                              const char *to, struct lx_error *err);

/* Inserts a check (its id is set), created by account by at. */
int inspect_store_check_add(struct db *db, struct inspect_check_row *c,
                            long long by, const char *at, struct lx_error *err);
int inspect_store_check_inspector_add(struct db *db, long long check,
                                      long long account, struct lx_error *err);

struct inspect_check_filter {
	long long plan_id;             /* 0: any */
	long long account_id;          /* 0: any; else checks it is on */
	const char *region;            /* facility in the subtree; NULL: any */
	const char *day_from, *day_to; /* scheduled_on range; NULL: open */
};

/* Checks matching the filter, by scheduled_on then id. */
int inspect_store_checks(struct db *db, struct arena *a,
                         const struct inspect_check_filter *f,
                         struct inspect_check_row **out, size_t *n,
                         struct lx_error *err);

/* The inspectors of the checks matching the filter, by check then
 * account. */
int inspect_store_check_people(struct db *db, struct arena *a,
                               const struct inspect_check_filter *f,
                               struct inspect_check_person **out, size_t *n,
                               struct lx_error *err);

#endif
