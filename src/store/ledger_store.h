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
	/* read only: the units the line paid, "unit:count" joined by ","
	 * in unit order; NULL for none */
	char *units;
	int lifted;   /* read only: a reversal an official has lifted */
	int reversed; /* read only: a line a reversal has taken back */
};

/* What has been paid so far to each beneficiary of a scheme and period,
 * with the region of its latest line. */
struct ledger_sum {
	char beneficiary_kind[12];
	long long beneficiary_id;
	int64_t fen;
	long lines;
	char region[13];
};

/* The sums of the lines of a scheme and period whose region is in the
 * subtree of region (every line when region is NULL or ""), ordered by
 * kind and id. */
int ledger_store_sums(struct db *db, struct arena *a, const char *scheme,
                      const char *period, const char *region,
                      struct ledger_sum **out, size_t *n, struct lx_error *err);

/* The units the lines of a one-off scheme paid a beneficiary: in periods
 * before the given one (as period names sort), in it, and after it.
 * Ordered by kind, id and unit. */
struct ledger_unit_sum {
	char beneficiary_kind[12];
	long long beneficiary_id;
	char *unit;
	int64_t earlier, here, later;
};

int ledger_store_unit_sums(struct db *db, struct arena *a, const char *scheme,
                           const char *period, struct ledger_unit_sum **out,
                           size_t *n, struct lx_error *err);

/* Records the units line line_id paid (count may be negative: a
 * reduction or a reversal). */
int ledger_store_add_unit(struct db *db, long long line_id, const char *unit,
                          int64_t count, struct lx_error *err);

/* The units of one line, ordered by unit. */
struct ledger_unit {
	char *unit;
	int64_t count;
};

int ledger_store_units(struct db *db, struct arena *a, long long line_id,
                       struct ledger_unit **out, size_t *n,
                       struct lx_error *err);

/* Beneficiaries of a scheme and period with a reversal not lifted (恢复发
 * 放): runs leave them as they are. Ordered by kind and id; fen unused,
 * lines the reversal's id. */
int ledger_store_blocked(struct db *db, struct arena *a, const char *scheme,
                         const char *period, struct ledger_sum **out, size_t *n,
                         struct lx_error *err);

/* A certificate counted for a one-off scheme paying per trainee: its
 * number and level; here and elsewhere: how many times lines of the scheme
 * paid it in the period and in other periods (net, 0 or 1 normally). */
struct ledger_cert {
	char *cert_no;
	char level[16];
	long here, elsewhere;
};

/* The certificates of provider dated from..to (inclusive) with what lines
 * of scheme paid for each, ordered by number. */
int ledger_store_certs(struct db *db, struct arena *a, const char *scheme,
                       const char *period, long long provider, const char *from,
                       const char *to, struct ledger_cert **out, size_t *n,
                       struct lx_error *err);

/* Records that line line_id paid (1) or took back (-1) certificate
 * cert_no. */
int ledger_store_add_cert(struct db *db, long long line_id, const char *cert_no,
                          int count, struct lx_error *err);

/* The certificates of one line with their counts ("cert_no", count in
 * the unit field's place), ordered by number. */
int ledger_store_line_certs(struct db *db, struct arena *a, long long line_id,
                            struct ledger_unit **out, size_t *n,
                            struct lx_error *err);

/* People who moved out of the subtree of region after day (a move dated
 * after it from a region within): ids ascending, without repeats. */
int ledger_store_movers(struct db *db, struct arena *a, const char *region,
                        const char *day, long long **out, size_t *n,
                        struct lx_error *err);

/* The id of the line reversing line id, or 0 in *rev. */
int ledger_store_reversal_of(struct db *db, long long id, long long *rev,
                             struct lx_error *err);

/* Records the lift of reversal line reversal_id. LX_ECONFLICT when it is
 * already lifted. */
int ledger_store_lift(struct db *db, long long reversal_id, const char *reason,
                      long long by, const char *now, struct lx_error *err);

int ledger_store_run(struct db *db, const char *scheme, const char *period,
                     const char *region, long long by, const char *now,
                     long long *id, struct lx_error *err);
int ledger_store_run_done(struct db *db, long long id, long lines,
                          int64_t total, struct lx_error *err);

int ledger_store_add(struct db *db, struct ledger_line *l, long long by,
                     const char *now, struct lx_error *err);

/* Lines written many to a statement: a run's lines whose ids nobody asks
 * for. On a database server each statement is a round trip; on SQLite
 * each opens and closes a cursor on the ledger and its indexes. The
 * texts are copied into a (the caller's request arena), so a line may
 * point into scratch memory. Flush before anything reads the ledger. */
enum { LEDGER_BATCH = 64 };
struct ledger_batch {
	struct ledger_line rows[LEDGER_BATCH];
	size_t n;
	long long by;
	const char *now;
};

int ledger_store_add_later(struct db *db, struct arena *a,
                           struct ledger_batch *b, const struct ledger_line *l,
                           long long by, const char *now, struct lx_error *err);
int ledger_store_flush(struct db *db, struct ledger_batch *b,
                       struct lx_error *err);

int ledger_store_get(struct db *db, struct arena *a, long long id,
                     struct ledger_line *out, struct lx_error *err);

/* Lines of a scheme and period (all when scheme is NULL), in the subtree
 * of region, ordered by id. */
int ledger_store_list(struct db *db, struct arena *a, const char *scheme,
                      const char *period, const char *region,
                      struct ledger_line **out, size_t *n,
                      struct lx_error *err);

#endif
