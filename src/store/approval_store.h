/* Three-step approval of runs: duties of accounts, batches with their
 * trial's lines (the 公示 list) and budgets. Lists are arena-owned. */
#ifndef LX_STORE_APPROVAL_STORE_H
#define LX_STORE_APPROVAL_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

/* The duties of an account, a bit per duty (1 prepare, 2 check, 4
 * approve). */
enum { DUTY_PREPARE = 1, DUTY_CHECK = 2, DUTY_APPROVE = 4 };
int approval_store_duties(struct db *db, long long account, int *duties,
                          struct lx_error *err);
/* Replaces the duties of an account. */
int approval_store_set_duties(struct db *db, long long account, int duties,
                              struct lx_error *err);

struct approval_batch {
	long long id;
	char scheme[64], period[8], region[13], status[10];
	char fingerprint[65];
	long long lines, total_fen, excluded;
	long long prepared_by, checked_by, approved_by, returned_by, run_id;
	char *prepared_at, *prepare_note, *checked_at, *check_note;
	char *approved_at, *approve_note, *returned_at, *return_note;
	char *prepared_name, *checked_name, *approved_name, *returned_name;
};

/* Inserts a batch as prepared (b->id set). */
int approval_store_insert(struct db *db, struct approval_batch *b,
                          const char *now, struct lx_error *err);
/* LX_ENOTFOUND when there is no batch id. */
int approval_store_get(struct db *db, struct arena *a, long long id,
                       struct approval_batch *out, struct lx_error *err);
/* Batches in the subtree of region (NULL: all), newest first; status
 * NULL for any. */
int approval_store_list(struct db *db, struct arena *a, const char *region,
                        const char *status, struct approval_batch **out,
                        size_t *n, struct lx_error *err);
/* The open (prepared or checked) batch of a scheme, period and region:
 * its id, or 0. */
int approval_store_open(struct db *db, const char *scheme, const char *period,
                        const char *region, long long *id,
                        struct lx_error *err);
/* Moves a batch from status from to status to, recording who, when and
 * the note of the step (to: checked, approved, returned); LX_ECONFLICT
 * when the batch is no longer in from. */
int approval_store_step(struct db *db, long long id, const char *from,
                        const char *to, long long by, const char *now,
                        const char *note, long long run_id,
                        struct lx_error *err);

struct approval_line {
	int excluded;
	long long seq;
	char kind[24], beneficiary_kind[12];
	long long beneficiary_id;
	char *name, *reason;
	char region[13];
	int64_t fen;
	/* read only: a person's sealed ID number, for the masked form the
	 * posted list shows (NULL for an institution) */
	unsigned char *id_sealed;
	size_t id_sealed_len;
};

int approval_store_add_line(struct db *db, long long batch,
                            const struct approval_line *l,
                            struct lx_error *err);
/* Lines (excluded 0) or exclusions (1) of a batch in order, each
 * person's with its sealed ID number (one query, not one a line); limit 0
 * for all. *total gets how many there are. */
int approval_store_lines(struct db *db, struct arena *a, long long batch,
                         int excluded, long long offset, long long limit,
                         struct approval_line **out, size_t *n,
                         long long *total, struct lx_error *err);

struct approval_town {
	char township[13];
	long long lines;
	int64_t fen;
};
/* The lines by township (the region code's first 9 digits). */
int approval_store_towns(struct db *db, struct arena *a, long long batch,
                         struct approval_town **out, size_t *n,
                         struct lx_error *err);

/* Reviews of an online application, a level at a time. */
struct app_review {
	char level[12];
	long long by;
	char *by_name, *at, *reason;
};
/* In the order they were made. */
int approval_store_app_reviews(struct db *db, struct arena *a,
                               long long application, struct app_review **out,
                               size_t *n, struct lx_error *err);
/* LX_ECONFLICT when the level has reviewed it already. */
int approval_store_app_review_add(struct db *db, long long application,
                                  const char *level, long long by,
                                  const char *now, const char *reason,
                                  struct lx_error *err);

/* Budgets. */
struct budget_row {
	char scheme[64], region[13];
	int year;
	int64_t fen;
	char *set_at;
};
int approval_store_budget_set(struct db *db, const struct budget_row *b,
                              long long by, const char *now,
                              struct lx_error *err);
/* The budget of a scheme and year nearest region: its own, else its
 * parent's, and so on (ancestors: the codes from region to the root).
 * *found 0 when none. */
int approval_store_budget_find(struct db *db, struct arena *a,
                               const char *scheme, int year,
                               const char *const *ancestors, size_t nanc,
                               struct budget_row *out, int *found,
                               struct lx_error *err);
int approval_store_budget_list(struct db *db, struct arena *a,
                               const char *region, int year,
                               struct budget_row **out, size_t *n,
                               struct lx_error *err);
/* What the ledger holds for a scheme in a year over the subtree of
 * region: every line's amount, reversals and adjustments included. */
int approval_store_spent(struct db *db, const char *scheme, int year,
                         const char *region, int64_t *fen,
                         struct lx_error *err);

#endif
