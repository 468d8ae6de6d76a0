/*
 * Government-purchased service entitlements in the database (table
 * entitlement, migration 18) and what orders drew from them (the
 * service_payment rows of source 'entitlement', migration 20). A draw and
 * a give-back are single conditional UPDATEs, so a balance holds between
 * 0 and the amount granted under concurrent requests on both backends.
 * Lists are arena-owned arrays.
 */
#ifndef LX_STORE_SERVICE_ENTITLEMENT_STORE_H
#define LX_STORE_SERVICE_ENTITLEMENT_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct entitlement_row {
	long long id;
	char *scheme;
	long long person_id;
	char *person_name; /* read only */
	char region[13];
	int year;
	long long granted_fen, used_fen;
	char *basis;
	long long granted_by; /* 0: none */
	char *granted_at;
};

/* Inserts r unless the person already has the scheme for the year;
 * *inserted 1 (r->id set) or 0. */
int entitlement_store_insert(struct db *db, struct entitlement_row *r,
                             int *inserted, struct lx_error *err);

/* LX_ENOTFOUND when absent. */
int entitlement_store_get(struct db *db, struct arena *a, long long id,
                          struct entitlement_row *out, struct lx_error *err);

/* The person's entitlements, of year (0: every year), newest year first. */
int entitlement_store_of_person(struct db *db, struct arena *a,
                                long long person_id, int year,
                                struct entitlement_row **out, size_t *n,
                                struct lx_error *err);

/* Entitlements of the region's subtree and year, by region then person;
 * at most limit rows after skipping offset. */
int entitlement_store_list(struct db *db, struct arena *a, const char *region,
                           int year, long offset, long limit,
                           struct entitlement_row **out, size_t *n,
                           struct lx_error *err);

/* used += fen when that keeps used within granted; *done 1 when it did,
 * 0 when the balance was short (nothing changed). */
int entitlement_store_draw(struct db *db, long long id, long long fen,
                           int *done, struct lx_error *err);

/* used -= fen when used holds that much; *done as above. */
int entitlement_store_give_back(struct db *db, long long id, long long fen,
                                int *done, struct lx_error *err);

/* The order's unreleased entitlement payment: *found 0 when none. */
int entitlement_store_payment(struct db *db, long long order_id,
                              long long *entitlement_id, long long *fen,
                              int *found, struct lx_error *err);

/* Marks the order's entitlement payment released, once: *done 1 for the
 * caller that changed it, 0 when it was released already. */
int entitlement_store_payment_release(struct db *db, long long order_id,
                                      int *done, struct lx_error *err);

/* One order's draw on an entitlement. */
struct entitlement_draw {
	long long order_id;
	char *item;
	char *status;
	long long total_fen, amount_fen;
	int released;
	char *created_at;
};

int entitlement_store_draws(struct db *db, struct arena *a,
                            long long entitlement_id,
                            struct entitlement_draw **out, size_t *n,
                            struct lx_error *err);

/* The year's figures of a region's subtree: persons with an
 * entitlement, fen granted, fen used. */
struct entitlement_totals {
	long long persons, granted_fen, used_fen;
};

int entitlement_store_totals(struct db *db, const char *region, int year,
                             struct entitlement_totals *out,
                             struct lx_error *err);

/* What the unreleased draws of the year paid, by item, in the region's
 * subtree. */
struct entitlement_item_use {
	char *item;
	long long orders, fen;
};

int entitlement_store_use_by_item(struct db *db, struct arena *a,
                                  const char *region, int year,
                                  struct entitlement_item_use **out, size_t *n,
                                  struct lx_error *err);

/* Whether the account is linked to the person as family (service_link,
 * migration 17): 1, 0, or -1 with err. */
int service_store_linked(struct db *db, long long account_id,
                         long long person_id, struct lx_error *err);

#endif
