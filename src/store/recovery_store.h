/* Recovery of overpayments (追缴). A group is one beneficiary's lines of a
 * scheme and period. Its cash is the sum of its lines less what was
 * withheld from it (offsets); its sent is what bank files recorded as sent
 * for it. A bank file pays cash − sent where that is above zero. Where sent
 * exceeds cash (a reversal or a lower entitlement after the money went
 * out), the group was overpaid by the difference: owed until set against
 * a later payment (an offset) or paid back (a repayment). So, for every
 * beneficiary: sent + still to send − owed − repaid = the sum of its
 * lines. */
#ifndef LX_STORE_RECOVERY_STORE_H
#define LX_STORE_RECOVERY_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stdint.h>

/* A beneficiary's account: overpaid (Σ over its groups of what was paid
 * beyond the lines), offset and repaid; owed = overpaid − offset − repaid.
 * region: that of its latest line. */
struct owed_row {
	char beneficiary_kind[12];
	long long beneficiary_id;
	char region[13];
	int64_t overpaid, offset, repaid;
};

/* Beneficiaries with anything overpaid, in the subtree of region (all when
 * NULL or ""), or the one named by kind and id; ordered by kind and id. */
int recovery_store_owed(struct db *db, struct arena *a, const char *region,
                        const char *kind, long long id, struct owed_row **out,
                        size_t *n, struct lx_error *err);

/* What was withheld from one group so far (*offset) and what bank files
 * sent for it (*sent). */
int recovery_store_group_offset(struct db *db, const char *scheme,
                                const char *period, const char *kind,
                                long long id, int64_t *offset, int64_t *sent,
                                struct lx_error *err);

/* Records fen (> 0) withheld from the group of line line_id. */
int recovery_store_offset(struct db *db, long long run_id, long long line_id,
                          const char *scheme, const char *period,
                          const char *kind, long long id, const char *region,
                          int64_t fen, const char *reason, long long by,
                          const char *now, struct lx_error *err);

int recovery_store_repaid(struct db *db, const char *kind, long long id,
                          const char *region, int64_t fen, const char *reason,
                          long long by, const char *now, struct lx_error *err);

/* Offsets of the groups of a scheme and period (all when NULL) in the
 * subtree of region, summed per group. */
struct offset_sum {
	char *scheme;
	char period[8];
	char beneficiary_kind[12];
	long long beneficiary_id;
	int64_t fen;
};

int recovery_store_offsets(struct db *db, struct arena *a, const char *scheme,
                           const char *period, const char *region,
                           struct offset_sum **out, size_t *n,
                           struct lx_error *err);

/* The same for what bank files sent (fen: the sum sent per group). */
int recovery_store_sent(struct db *db, struct arena *a, const char *scheme,
                        const char *period, const char *region,
                        struct offset_sum **out, size_t *n,
                        struct lx_error *err);

/* A row of a bank file being sent. */
struct sent_row {
	const char *scheme, *period, *kind, *region;
	long long id;
	int64_t fen; /* > 0 */
};

/* Records a bank file as sent: its filter, its rows; *id its number. */
int recovery_store_export(struct db *db, const char *region, const char *scheme,
                          const char *period, const struct sent_row *rows,
                          size_t n, int64_t total, long long by,
                          const char *now, long long *id, struct lx_error *err);

#endif
