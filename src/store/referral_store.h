/* Referrals (转介) and their steps: tables referral and referral_step
 * (migration 15). A referral's row holds its status now; every step,
 * from being raised ("assigned") to closing and reopening, is a row of
 * referral_step, never changed after. */
#ifndef LX_STORE_REFERRAL_STORE_H
#define LX_STORE_REFERRAL_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

struct referral_row {
	long long id;
	long long visit_id; /* 0 when raised without a visit */
	long long person_id;
	char region[13]; /* the person's, when raised */
	char *need, *severity, *detail;
	char to_kind[12];
	char *to_name;
	long long to_facility; /* 0 when none */
	char status[12];
	char due_at[21];
	long long created_by; /* 0 when none (the command line) */
	char *created_at, *updated_at;
	/* read only, joined */
	char *person_name, *region_name, *facility_name, *created_by_name;
};

struct referral_step_row {
	int seq;
	char step[12];
	long long by;  /* 0 when none */
	char *by_name; /* the account's username, "" when none */
	char *at, *note;
};

/* Inserts r (r->id set) and its first step, "assigned", by r->created_by
 * at r->created_at. Run inside a transaction. */
int referral_store_add(struct db *db, struct referral_row *r,
                       struct lx_error *err);

/* LX_ENOTFOUND (field "id") when there is none. Strings arena-owned. */
int referral_store_get(struct db *db, struct arena *a, long long id,
                       struct referral_row *out, struct lx_error *err);

/* The steps in order. */
int referral_store_steps(struct db *db, struct arena *a, long long id,
                         struct referral_step_row **out, size_t *n,
                         struct lx_error *err);

/* Moves referral id from status from to status to, recording the step
 * (record: "accepted", "reopened" …) by account by (0: none) at moment
 * at with note; due_at, when not NULL, is the new deadline. LX_ECONFLICT
 * when the referral is no longer in status from (another step came
 * first). Run inside a transaction. */
int referral_store_step(struct db *db, long long id, const char *from,
                        const char *to, const char *record, const char *due_at,
                        long long by, const char *at, const char *note,
                        struct lx_error *err);

/* *person: the person visit id was of. LX_EINVALID (field "visit_id")
 * when there is no such visit. */
int referral_store_visit_person(struct db *db, long long visit,
                                long long *person, struct lx_error *err);

struct referral_query {
	const char *region;   /* subtree; NULL for all */
	const char *status;   /* NULL for all, "open" for all but closed */
	long long person_id;  /* 0 for all */
	long long visit_id;   /* 0 for all */
	long long created_by; /* 0 for all */
};

/* Referrals matching q, the earliest deadline first. */
int referral_store_list(struct db *db, struct arena *a,
                        const struct referral_query *q,
                        struct referral_row **out, size_t *n,
                        struct lx_error *err);

#endif
