/*
 * Complaints and their steps: tables complaint and complaint_step
 * (migration 31). A complaint's row holds its state now; each step taken
 * is a row of complaint_step carrying the version it made, so a step is
 * taken once: the UPDATE is conditional on the version read, and the
 * step row is UNIQUE on (complaint, version).
 */
#ifndef LX_STORE_COMPLAINT_STORE_H
#define LX_STORE_COMPLAINT_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct complaint_row {
	long long id, facility_id, hazard_id, filed_by, version;
	char channel[16], category[32], status[16], region[13];
	char received_on[11], deadline[11], answered_on[11];
	char called_back_on[11], closed_on[11];
	int serious, satisfaction; /* 0: not rated */
	int reopened;              /* times reopened */
	int on_time;               /* -1 not answered yet */
	char *summary, *complainant, *assignee, *answer, *created_at;
	const unsigned char *phone_sealed; /* NULL: none */
	size_t phone_sealed_len;
	const unsigned char *phone_hash; /* PII_HASH_BYTES, or NULL */
	char *facility_name, *region_name, *filed_by_name;
	int filed_by_family; /* the filing account is a family account */
};

struct complaint_step_row {
	long long version, account_id;
	char step[16];
	char *note, *at, *by_name;
};

/* Inserts c as received (c->id set, version 1) with its first step.
 * hash_len is the phone hash's length (0: none). */
int complaint_store_add(struct db *db, struct complaint_row *c, size_t hash_len,
                        struct lx_error *err);

/* LX_ENOTFOUND (field "id") when there is none. Arena-owned strings. */
int complaint_store_get(struct db *db, struct arena *a, long long id,
                        struct complaint_row *out, struct lx_error *err);

int complaint_store_steps(struct db *db, struct arena *a, long long id,
                          struct complaint_step_row **out, size_t *n,
                          struct lx_error *err);

/* What a step changes: NULL strings and negative numbers leave the
 * column as it is. */
struct complaint_change {
	const char *status, *assignee, *deadline, *answered_on, *answer;
	const char *called_back_on, *closed_on;
	int satisfaction; /* -1 keep, 0 clear */
	int on_time;      /* -1 keep, -2 clear */
	int reopen;       /* 1: clears the answer and call-back, counts */
};

/* Applies ch to complaint id if its version is still version, and records
 * step (named, with note, by account at moment at). LX_ECONFLICT (field
 * "version") when another step came first. */
int complaint_store_step(struct db *db, long long id, long long version,
                         const struct complaint_change *ch, const char *step,
                         const char *note, long long by, const char *at,
                         struct lx_error *err);

/* Records the hazard a serious complaint opened. */
int complaint_store_set_hazard(struct db *db, long long id, long long hazard,
                               struct lx_error *err);

struct complaint_query {
	const char *region;          /* subtree; NULL every region */
	const char *status;          /* NULL any; "open": not closed */
	const char *from, *to;       /* received_on range; NULL open */
	const char *category;        /* NULL any */
	long long facility_id;       /* 0 any */
	long long filed_by;          /* 0 any */
	const long long *facilities; /* an operator's: only these */
	size_t nfacilities;
};

/* Complaints matching q, newest received first. */
int complaint_store_list(struct db *db, struct arena *a,
                         const struct complaint_query *q,
                         struct complaint_row **out, size_t *n,
                         struct lx_error *err);

/* Public per-facility counts (no personal data) of complaints received
 * in [from, to] about facilities in region's subtree: for the disclosure
 * site. Rates are the caller's, from the policy's satisfied levels. */
struct complaint_public_row {
	long long facility_id;
	char *facility_name;
	char region[13];
	long received, answered, on_time, closed, called_back;
	long by_level[6]; /* call-backs rated 1..5 */
};

int complaint_store_public_stats(struct db *db, struct arena *a,
                                 const char *region, const char *from,
                                 const char *to,
                                 struct complaint_public_row **out, size_t *n,
                                 struct lx_error *err);

#endif
