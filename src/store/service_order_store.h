/* Service orders, their steps and how each was paid: tables
 * service_order, service_order_step (migration 17) and service_payment
 * (migration 20). An order's row holds its status now; every step, from
 * being placed to a rating or a cancellation, is a row of
 * service_order_step, never changed after. */
#ifndef LX_STORE_SERVICE_ORDER_STORE_H
#define LX_STORE_SERVICE_ORDER_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

struct service_order_row {
	long long id, person_id;
	char region[13];
	long long offer_id, facility_id;
	char item[40];
	long long quantity, unit_fen, total_fen;
	long long placed_by; /* 0 none (the command line) */
	char placed_as[10];
	char *relation;
	char status[12];
	char *wanted_at;
	char scheduled_at[21], started_at[21], finished_at[21]; /* "" none */
	char start_lat[16], start_lon[16], finish_lat[16], finish_lon[16];
	int rating; /* 0 none */
	char *rating_note, *cancel_reason, *address, *note;
	int year;
	char *created_at, *updated_at;
	/* read only, joined */
	char *person_name, *region_name, *facility_name, *placed_by_name;
	char person_kind[8];
};

struct service_order_step_row {
	int seq;
	char step[12];
	long long by;
	char *by_name; /* "" when none */
	char *at, *note;
};

struct service_payment_row {
	char source[12];
	long long amount_fen, minutes;
	long long entitlement_id, voucher_id, timebank_account; /* 0 none */
	int released;
};

/* Inserts o (o->id set) with status "placed" and its first step,
 * "placed", by o->placed_by at o->created_at. Run inside a
 * transaction. */
int service_order_store_add(struct db *db, struct service_order_row *o,
                            struct lx_error *err);

/* LX_ENOTFOUND (field "id") when there is none. Strings arena-owned. */
int service_order_store_get(struct db *db, struct arena *a, long long id,
                            struct service_order_row *out,
                            struct lx_error *err);

int service_order_store_steps(struct db *db, struct arena *a, long long id,
                              struct service_order_step_row **out, size_t *n,
                              struct lx_error *err);

/* What a step changes besides the status; NULL (or 0) leaves a column
 * as it is. */
struct service_order_change {
	const char *scheduled_at, *started_at, *finished_at;
	const char *start_lat, *start_lon, *finish_lat, *finish_lon;
	int rating;
	const char *rating_note, *cancel_reason;
};

/* Moves order id from status from to status to with the change c,
 * recording step (a status name) by account by at moment at with note.
 * LX_ECONFLICT naming "status" when the order is no longer in status
 * from: another step came first. Run inside a transaction. */
int service_order_store_step(struct db *db, long long id, const char *from,
                             const char *to,
                             const struct service_order_change *c, long long by,
                             const char *at, const char *note,
                             struct lx_error *err);

/* Adds a payment row of the order. */
int service_payment_store_add(struct db *db, long long order,
                              const struct service_payment_row *p,
                              struct lx_error *err);
int service_payment_store_list(struct db *db, struct arena *a, long long order,
                               struct service_payment_row **out, size_t *n,
                               struct lx_error *err);
/* Marks every payment row of the order released. */
int service_payment_store_release(struct db *db, long long order,
                                  struct lx_error *err);

struct service_order_query {
	const char *region;    /* subtree; NULL all */
	const char *status;    /* NULL all; "open": placed to started */
	const char *item;      /* NULL all */
	long long facility_id; /* 0 all */
	const char *month;     /* "YYYY-MM" placed in; NULL all */
	long long person_id;   /* 0 all */
	long long linked_to;   /* 0 all: persons linked to this account */
	size_t nfacilities;    /* an operator's: only these when set */
	const long long *facilities;
};

/* Orders matching q, newest first. Arena-owned. */
int service_order_store_list(struct db *db, struct arena *a,
                             const struct service_order_query *q,
                             struct service_order_row **out, size_t *n,
                             struct lx_error *err);

/* One line of the use report: finished (or rated) orders of an item in
 * a region, and what each source paid (released payments left out). */
struct service_use_row {
	char region[13];
	char *region_name;
	char item[40];
	long long orders, quantity, total_fen;
	long long self_fen, entitlement_fen, voucher_fen, timebank_fen;
	long long timebank_minutes;
};

/* Lines for orders finished in period (a "YYYY" or "YYYY-MM" prefix of
 * the check-out moment) of persons in the subtree of region, by region
 * and item. Arena-owned. */
int service_use_store_report(struct db *db, struct arena *a, const char *region,
                             const char *period, struct service_use_row **out,
                             size_t *n, struct lx_error *err);

/* The categories person holds on day (YYYY-MM-DD), as names; arena. */
int service_order_store_categories(struct db *db, struct arena *a,
                                   long long person, const char *day,
                                   char ***out, size_t *n,
                                   struct lx_error *err);

#endif
