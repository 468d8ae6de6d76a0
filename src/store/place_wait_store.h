/*
 * Waiting lists (轮候) in the database (migration 25): applications,
 * offers and the history of each application. Every change of state is a
 * conditional UPDATE on the row's status (and the application's version),
 * checked by its changed-row count, so an application is offered, taken
 * or answered once whatever runs at the same time; one open application
 * a person per list and one open offer an application are UNIQUE indexes.
 */
#ifndef LX_STORE_PLACE_WAIT_STORE_H
#define LX_STORE_PLACE_WAIT_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

struct wait_app_row {
	long long id, person_id;
	char region[13];       /* the applicant's region when applying */
	char list_key[40];     /* "f:<facility>" or "r:<region>" */
	char list_region[13];  /* the institution's region, or the region */
	long long facility_id; /* 0 for a region's list */
	char tier[40];         /* the tier code when applying */
	int care_level;        /* when applying; -1 none */
	char *declared, *declared_note; /* flags, comma-separated */
	int willing;
	char status[12]; /* waiting, offered, admitted, withdrawn */
	char *on_hold;   /* 暂缓: the reason, "" when not held */
	char applied_on[11], applied_at[21], waiting_since[11];
	int declines;
	long long placed_facility_id;
	char placed_on[11];
	char closed_on[11]; /* withdrawn or closed that day; "" while open */
	char *note;
	long long version;
	char updated_at[21];
	/* read only */
	char *person_name, *facility_name, *placed_facility_name;
	char *region_name, *list_region_name;
};

struct wait_offer_row {
	long long id, application_id, facility_id;
	char offered_on[11], respond_by[11];
	char status[12]; /* open, accepted, declined, expired, withdrawn */
	char responded_on[11];
	char *reason, *skip_reason;
	char offered_at[21];
	char *facility_name; /* read only */
};

struct wait_event_row {
	long long id, application_id;
	char at[21];
	char *kind, *detail;
	char *by_name; /* the account's username; NULL for the system */
};

/* Inserts r (r->id set); status 'waiting', version 1. An open
 * application of the person on the same list: LX_ECONFLICT on
 * "person_id". */
int wait_store_apply(struct db *db, struct wait_app_row *r, long long by,
                     struct lx_error *err);

/* One application. LX_ENOTFOUND on "id". Arena-owned strings. */
int wait_store_get(struct db *db, struct arena *a, long long id,
                   struct wait_app_row *out, struct lx_error *err);

/* The open (waiting or offered) applications of a list, in no order
 * (core/place_wait.c orders them). Arena-owned. */
int wait_store_list(struct db *db, struct arena *a, const char *list_key,
                    struct wait_app_row **out, size_t *n, struct lx_error *err);

/* Applications of any status whose applicant's region is in region's
 * subtree (NULL: all), or, with linked_to, of the persons linked to that
 * family account; newest first, at most limit. Arena-owned. */
int wait_store_find(struct db *db, struct arena *a, const char *region,
                    long long linked_to, long long person_id, long limit,
                    struct wait_app_row **out, size_t *n, struct lx_error *err);

/* The open applications of willing applicants (有集中供养意愿) of tier
 * code when applying (NULL: any tier) whose list lies in region's
 * subtree. Arena-owned. */
int wait_store_must_place(struct db *db, struct arena *a, const char *region,
                          const char *tier, struct wait_app_row **out,
                          size_t *n, struct lx_error *err);

/* Writes r's status, on_hold, waiting_since, declines, placement,
 * closed_on, updated_at and version + 1 where the row still has status from and
 * version r->version; otherwise LX_ECONFLICT on "status". */
int wait_store_move(struct db *db, const struct wait_app_row *r,
                    const char *from, struct lx_error *err);

/* Inserts an open offer (o->id set). A second open offer for the
 * application: LX_ECONFLICT on "id". */
int wait_store_offer_add(struct db *db, struct wait_offer_row *o, long long by,
                         const char *now, struct lx_error *err);

/* The application's open offer; LX_ECONFLICT on "status" when none. */
int wait_store_offer_open(struct db *db, struct arena *a, long long app_id,
                          struct wait_offer_row *out, struct lx_error *err);

/* The application's offers, oldest first. Arena-owned. */
int wait_store_offers(struct db *db, struct arena *a, long long app_id,
                      struct wait_offer_row **out, size_t *n,
                      struct lx_error *err);

/* Closes an open offer as status on day with reason; LX_ECONFLICT on
 * "status" when it is no longer open. */
int wait_store_offer_close(struct db *db, long long offer_id,
                           const char *status, const char *day,
                           const char *reason, long long by,
                           struct lx_error *err);

/* Open offers at a facility (places promised, not yet taken). */
int wait_store_open_offers_at(struct db *db, long long facility_id,
                              long long *n, struct lx_error *err);

/* Applications with an open offer whose respond_by is before today;
 * with list_key (NULL: any list) only that list's, with region (NULL:
 * all) only lists in its subtree. Arena-owned ids. */
int wait_store_overdue(struct db *db, struct arena *a, const char *today,
                       const char *list_key, const char *region,
                       long long **ids, size_t *n, struct lx_error *err);

/* Appends to an application's history; by 0 for the system. */
int wait_store_event(struct db *db, long long app_id, const char *at,
                     const char *kind, const char *detail, long long by,
                     struct lx_error *err);

int wait_store_events(struct db *db, struct arena *a, long long app_id,
                      struct wait_event_row **out, size_t *n,
                      struct lx_error *err);

/* The person now lives in the institution (residence 'institution',
 * facility_id). */
int wait_store_place_person(struct db *db, long long person_id,
                            long long facility_id, const char *now,
                            struct lx_error *err);

#endif
