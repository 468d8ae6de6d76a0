/* The time bank's tables (migration 19): volunteers, their kin, the
 * services that earn minutes, accounts, the ledger of movements and the
 * trace of each movement to the services whose minutes it moved.
 * Identifiers arrive sealed and hashed (app/pii.c). Strings arena-owned. */
#ifndef LX_STORE_SERVICE_TIMEBANK_STORE_H
#define LX_STORE_SERVICE_TIMEBANK_STORE_H

#include "core/arena.h"
#include "core/service_timebank.h"
#include "store/db.h"

#include <stddef.h>

struct volunteer_row {
	long long id;
	unsigned char id_hash[32];
	unsigned char *id_sealed;
	size_t id_sealed_len;
	char id_masked[19];
	char *name;
	char sex[2];
	char birth_date[11];
	char region[13];
	unsigned char *phone_sealed; /* NULL when none */
	size_t phone_sealed_len;
	char *phone_masked;
	long long person_id;   /* 0 when not in the registry */
	long long facility_id; /* 0 when none */
	char *team;
	char registered_on[11];
	char left_on[11]; /* "" while registered */
	long long created_by;
	char *created_at;
	/* read only, joined */
	char *region_name, *facility_name;
	long long account_id, balance; /* 0 when no account yet */
};

/* Inserts v (v->id set); a taken id_hash is LX_ECONFLICT "id_number". */
int tb_store_volunteer_add(struct db *db, struct volunteer_row *v,
                           struct lx_error *err);
/* LX_ENOTFOUND "id" when there is none. */
int tb_store_volunteer_get(struct db *db, struct arena *a, long long id,
                           struct volunteer_row *out, struct lx_error *err);

struct volunteer_query {
	const char *region;    /* subtree; NULL for all */
	long long facility_id; /* 0 for all */
	const char *on;        /* registered on that day; NULL for all */
};

/* Volunteers, by region then id. */
int tb_store_volunteer_list(struct db *db, struct arena *a,
                            const struct volunteer_query *q,
                            struct volunteer_row **out, size_t *n,
                            struct lx_error *err);

/* Volunteers of region's subtree (NULL all) registered on day (YYYY-MM-DD:
 * registered_on <= day and left_on null or after day); with elderly, only
 * those aged 60 or more on day (born on or before the same day 60 years
 * earlier; born on 29 February, 60 on 1 March in a common year). */
int tb_store_volunteer_count(struct db *db, const char *region, const char *day,
                             int elderly, long long *n, struct lx_error *err);

/* Sets left_on = day while the volunteer has not left and registered
 * before day; LX_ECONFLICT "left_on" otherwise. */
int tb_store_volunteer_leave(struct db *db, long long id, const char *day,
                             struct lx_error *err);

struct kin_row {
	long long volunteer_id, person_id;
	char relation[16];
	char *person_name;
	char birth_date[11], region[13];
	char *recorded_at;
};

/* LX_ECONFLICT "person_id" when the pair is recorded already. */
int tb_store_kin_add(struct db *db, long long volunteer, long long person,
                     const char *relation, long long by, const char *at,
                     struct lx_error *err);
int tb_store_kin_list(struct db *db, struct arena *a, long long volunteer,
                      struct kin_row **out, size_t *n, struct lx_error *err);
/* 1 with relation filled when person is recorded kin of volunteer, 0
 * when not, -1 on error. */
int tb_store_kin_of(struct db *db, long long volunteer, long long person,
                    char relation[16], struct lx_error *err);

struct vservice_row {
	long long id, volunteer_id, person_id; /* person 0 when none */
	char *item;
	char region[13];
	char *started_at, *finished_at;
	long long minutes;
	char *note;
	long long recorded_by;
	char *recorded_at;
	long long decided_by; /* verified_by: who verified or rejected */
	char *decided_at;     /* NULL while waiting */
	char *rejected_reason;
	char status[10]; /* recorded, verified, rejected */
	/* read only, joined */
	char *volunteer_name, *person_name;
	char volunteer_region[13]; /* the volunteer's, for scope */
	long long facility_id;     /* the volunteer's */
	long long deposited;       /* minutes deposited for it: 0 or minutes */
};

/* Inserts s (s->id set), in one statement: refused with LX_ECONFLICT
 * "started_at", nothing inserted, when another service of the volunteer
 * that is not rejected overlaps [started_at, finished_at) (one ending
 * when the other starts does not). */
int tb_store_service_add(struct db *db, struct vservice_row *s,
                         struct lx_error *err);
int tb_store_service_get(struct db *db, struct arena *a, long long id,
                         struct vservice_row *out, struct lx_error *err);

struct vservice_query {
	const char *region;     /* subtree; NULL for all */
	long long volunteer_id; /* 0 for all */
	const char *status;     /* NULL for all */
};

int tb_store_service_list(struct db *db, struct arena *a,
                          const struct vservice_query *q,
                          struct vservice_row **out, size_t *n,
                          struct lx_error *err);

/* Records the decision on a waiting service: verified (reason NULL) or
 * rejected with reason. LX_ECONFLICT "id" when it was decided already
 * (by a concurrent request too). */
int tb_store_service_decide(struct db *db, long long id, long long by,
                            const char *at, const char *reason,
                            struct lx_error *err);

struct tb_account_row {
	long long id, volunteer_id, person_id; /* one of them 0 */
	long long balance;
	char *created_at;
	/* the holder's, joined */
	char *name;
	char region[13];
	char birth_date[11];
	long long holder_person; /* the volunteer's person record or person */
	long long facility_id;   /* the volunteer's; 0 for a person */
};

/* The account of a volunteer (person 0) or a person (volunteer 0),
 * created on first use: *id. */
int tb_store_account_of(struct db *db, long long volunteer, long long person,
                        const char *at, long long *id, struct lx_error *err);
int tb_store_account_get(struct db *db, struct arena *a, long long id,
                         struct tb_account_row *out, struct lx_error *err);
/* Accounts whose holder lives in region's subtree (NULL all). */
int tb_store_account_list(struct db *db, struct arena *a, const char *region,
                          struct tb_account_row **out, size_t *n,
                          struct lx_error *err);

/* Adds delta to the balance in one conditional UPDATE: refused (returns
 * 1, nothing changed) when the balance would go below 0 or, with cap >
 * 0, above cap. 0 when moved, -1 on error. */
int tb_store_account_move(struct db *db, long long id, long long delta,
                          long long cap, struct lx_error *err);

struct tb_entry_row {
	long long id, account_id;
	char kind[14];
	long long minutes; /* signed: out of the account is negative */
	long long service_id, order_id, counterpart, by;
	char *at;
};

/* Inserts e (e->id set). A second deposit of a service, or a second
 * redeem or refund of an order, is LX_ECONFLICT. */
int tb_store_entry_add(struct db *db, struct tb_entry_row *e,
                       struct lx_error *err);
/* minutes signed as the entry's. */
int tb_store_trace_add(struct db *db, long long entry, long long service,
                       long long minutes, struct lx_error *err);

/* The lots account holds, oldest service first (by when it finished). */
int tb_store_lots(struct db *db, struct arena *a, long long account,
                  struct timebank_lot **out, size_t *n, struct lx_error *err);

/* The account's entries, newest first. */
int tb_store_entries(struct db *db, struct arena *a, long long account,
                     struct tb_entry_row **out, size_t *n,
                     struct lx_error *err);

struct tb_trace_row {
	long long entry_id, service_id, minutes;
	char *item, *volunteer_name, *finished_at;
};

/* The traces of the account's entries (entry 0: all of them). */
int tb_store_traces(struct db *db, struct arena *a, long long account,
                    struct tb_trace_row **out, size_t *n, struct lx_error *err);

/* The order's redeem entry with its traces: 1 when there is one not yet
 * refunded, 0 when none (nothing to give back), -1 on error. */
int tb_store_order_redeemed(struct db *db, struct arena *a, long long order,
                            struct tb_entry_row *e, struct tb_trace_row **tr,
                            size_t *ntr, struct lx_error *err);

/* The order's item and region; LX_EINVALID "payment.timebank" when there
 * is no such order. */
int tb_store_order_item(struct db *db, struct arena *a, long long order,
                        char **item, char region[13], struct lx_error *err);

#endif
