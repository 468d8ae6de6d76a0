/* Holds (暂停发放): a beneficiary's payments stopped from a date, for one
 * scheme or all, until an official lifts the hold. Rows are never deleted;
 * a lift fills the lift columns once. */
#ifndef LX_STORE_HOLD_STORE_H
#define LX_STORE_HOLD_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct hold_row {
	long long id;
	char beneficiary_kind[12];
	long long beneficiary_id;
	char region[13];
	char *scheme; /* NULL: every scheme */
	char from_date[11];
	char *reason;
	char *created_at;
	char lifted_on[11]; /* "" while in force */
	int back_pay;       /* when lifted: the held periods are paid */
	char *lift_reason;  /* NULL while in force */
};

int hold_store_add(struct db *db, struct hold_row *h, long long by,
                   const char *now, struct lx_error *err);

/* LX_ENOTFOUND for no such hold, LX_ECONFLICT when already lifted. */
int hold_store_lift(struct db *db, long long id, const char *lifted_on,
                    int back_pay, const char *reason, long long by,
                    const char *now, struct lx_error *err);

int hold_store_get(struct db *db, struct arena *a, long long id,
                   struct hold_row *out, struct lx_error *err);

/* Holds of beneficiaries in the subtree of region (all when NULL or ""),
 * of one beneficiary when kind is not NULL; ordered by kind, id and hold
 * id. */
int hold_store_list(struct db *db, struct arena *a, const char *region,
                    const char *kind, long long id, struct hold_row **out,
                    size_t *n, struct lx_error *err);

#endif
