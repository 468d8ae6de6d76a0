/*
 * Service vouchers in the database (voucher_batch, voucher; migration
 * 18). A voucher pays once: redeeming is one conditional UPDATE on
 * "redeemed_order IS NULL", so of two concurrent redemptions one changes
 * the row and the other changes nothing, on both backends. Lists are
 * arena-owned arrays.
 */
#ifndef LX_STORE_SERVICE_VOUCHER_STORE_H
#define LX_STORE_SERVICE_VOUCHER_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct voucher_batch_row {
	long long id;
	char *kind, *name;
	char region[13];
	long long face_fen, min_order_fen;
	char *items; /* catalogue codes separated by commas, "" any */
	char issued_on[11], expires_on[11];
	long long issued_count;
	long long created_by;
	char *created_at;
};

/* Inserts b (b->id set). */
int voucher_store_batch_insert(struct db *db, struct voucher_batch_row *b,
                               struct lx_error *err);
/* Sets the batch's issued_count. */
int voucher_store_batch_counted(struct db *db, long long id, long long count,
                                struct lx_error *err);
int voucher_store_batch_get(struct db *db, struct arena *a, long long id,
                            struct voucher_batch_row *out,
                            struct lx_error *err);
/* Batches issued for a region in the subtree of region, or holding a
 * voucher of someone there (a city's batch seen from a county), newest
 * first. */
int voucher_store_batches(struct db *db, struct arena *a, const char *region,
                          struct voucher_batch_row **out, size_t *n,
                          struct lx_error *err);

/* One voucher for the person in the batch; a code taken already or a
 * second voucher of the batch for the person is LX_ECONFLICT. */
int voucher_store_insert(struct db *db, long long batch_id, long long person_id,
                         const char *region, const char *code,
                         struct lx_error *err);

struct voucher_row {
	long long id, batch_id, person_id;
	char *person_name; /* read only */
	char region[13];
	char *code;
	long long redeemed_order; /* 0 while unredeemed */
	long long redeemed_fen;
	char *redeemed_at;
	struct voucher_batch_row batch;
};

int voucher_store_get(struct db *db, struct arena *a, long long id,
                      struct voucher_row *out, struct lx_error *err);
/* The person's vouchers, newest batch first. */
int voucher_store_of_person(struct db *db, struct arena *a, long long person_id,
                            struct voucher_row **out, size_t *n,
                            struct lx_error *err);

/* Marks the voucher redeemed by the order when no order has it yet:
 * *done 1 for the caller that did, 0 when it was redeemed already. */
int voucher_store_redeem(struct db *db, long long id, long long order_id,
                         long long fen, const char *at, int *done,
                         struct lx_error *err);

/* Takes the order's vouchers off it (an expired one stays unusable and
 * counts as expired, not as used); *n how many. */
int voucher_store_release(struct db *db, long long order_id, long long *n,
                          struct lx_error *err);

/* The counts of vouchers held in the region's subtree (of one batch, or
 * of every batch when batch_id is 0), on day. */
struct voucher_counts {
	long long issued, redeemed, redeemed_fen, unused, expired;
};

int voucher_store_counts(struct db *db, long long batch_id, const char *region,
                         const char *day, struct voucher_counts *out,
                         struct lx_error *err);

#endif
