/* Subsidy runs and the payment ledger. Lines are only ever added. */
#ifndef LX_STORE_LEDGER_STORE_H
#define LX_STORE_LEDGER_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stdint.h>

struct ledger_line {
	long long id, run_id;
	char *scheme;
	char period[8];
	char beneficiary_kind[12];
	long long beneficiary_id;
	char region[13];
	char kind[12]; /* payment, adjustment, reversal */
	int64_t fen;
	char *reason;
	long long reverses; /* 0 for none */
	char *created_at;
};

/* What has been paid so far to each beneficiary of a scheme and period. */
struct ledger_sum {
	char beneficiary_kind[12];
	long long beneficiary_id;
	int64_t fen;
	long lines;
};

int ledger_store_sums(struct db *db, struct arena *a, const char *scheme,
                      const char *period, struct ledger_sum **out, size_t *n,
                      struct lx_error *err);

int ledger_store_run(struct db *db, const char *scheme, const char *period,
                     const char *region, long long by, const char *now,
                     long long *id, struct lx_error *err);
int ledger_store_run_done(struct db *db, long long id, long lines,
                          int64_t total, struct lx_error *err);

int ledger_store_add(struct db *db, struct ledger_line *l, long long by,
                     const char *now, struct lx_error *err);

int ledger_store_get(struct db *db, struct arena *a, long long id,
                     struct ledger_line *out, struct lx_error *err);

/* Lines of a scheme and period (all when scheme is NULL), in the subtree
 * of region, ordered by id. */
int ledger_store_list(struct db *db, struct arena *a, const char *scheme,
                      const char *period, const char *region,
                      struct ledger_line **out, size_t *n,
                      struct lx_error *err);

#endif
