#include "store/recovery_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

static void read_owed(struct arena *a, struct stmt *st, void *elem)
{
	struct owed_row *o = elem;

	(void)a;
	db_col_copy(o->beneficiary_kind, sizeof(o->beneficiary_kind), st, 0);
	o->beneficiary_id = db_col_int64(st, 1);
	db_col_copy(o->region, sizeof(o->region), st, 2);
	o->overpaid = db_col_int64(st, 3);
	o->offset = db_col_int64(st, 4);
	o->repaid = db_col_int64(st, 5);
}

int recovery_store_owed(struct db *db, struct arena *a, const char *region,
                        const char *kind, long long id, struct owed_row **out,
                        size_t *n, struct lx_error *err)
{
	/* only beneficiaries with a negative line or an offset can owe (w):
	 * cash falls below what was sent only through those. Per group of
	 * theirs: the lines' sum (g), the offsets (o), what was sent (s);
	 * overpaid is how far sent exceeds cash, summed per beneficiary */
	struct stmt *st = db_prepare(
	    db,
	    "WITH w AS (SELECT beneficiary_kind k, beneficiary_id i FROM ledger"
	    "   WHERE amount_fen < 0 AND (?3 IS NULL OR"
	    "   (beneficiary_kind = ?3 AND beneficiary_id = ?4))"
	    "   UNION SELECT beneficiary_kind, beneficiary_id"
	    "   FROM recovery_offset WHERE (?3 IS NULL OR"
	    "   (beneficiary_kind = ?3 AND beneficiary_id = ?4))),"
	    " g AS (SELECT l.scheme, l.period, w.k, w.i, sum(l.amount_fen) net"
	    "   FROM w JOIN ledger l ON l.beneficiary_kind = w.k"
	    "   AND l.beneficiary_id = w.i"
	    "   GROUP BY l.scheme, l.period, w.k, w.i),"
	    " o AS (SELECT scheme, period, beneficiary_kind k,"
	    "   beneficiary_id i, sum(amount_fen) f FROM recovery_offset"
	    "   WHERE (?3 IS NULL OR (beneficiary_kind = ?3 AND"
	    "   beneficiary_id = ?4))"
	    "   GROUP BY scheme, period, beneficiary_kind, beneficiary_id),"
	    " s AS (SELECT scheme, period, beneficiary_kind k,"
	    "   beneficiary_id i, sum(amount_fen) f FROM bank_export_row"
	    "   WHERE (?3 IS NULL OR (beneficiary_kind = ?3 AND"
	    "   beneficiary_id = ?4))"
	    "   GROUP BY scheme, period, beneficiary_kind, beneficiary_id),"
	    " c AS (SELECT g.k, g.i, g.net - coalesce(o.f, 0) cash,"
	    "   coalesce(o.f, 0) f, coalesce(s.f, 0) sent"
	    "   FROM g LEFT JOIN o ON o.scheme = g.scheme"
	    "   AND o.period = g.period AND o.k = g.k AND o.i = g.i"
	    "   LEFT JOIN s ON s.scheme = g.scheme"
	    "   AND s.period = g.period AND s.k = g.k AND s.i = g.i),"
	    " b AS (SELECT k, i,"
	    "   sum(CASE WHEN sent > cash THEN sent - cash ELSE 0 END)"
	    "   excess, sum(f) f FROM c GROUP BY k, i),"
	    " x AS (SELECT b.k, b.i, (SELECT region FROM ledger l"
	    "   WHERE l.beneficiary_kind = b.k AND l.beneficiary_id = b.i"
	    "   ORDER BY l.id DESC LIMIT 1) r, b.excess, b.f,"
	    " coalesce((SELECT sum(amount_fen) FROM recovery_repaid p"
	    "   WHERE p.beneficiary_kind = b.k AND p.beneficiary_id = b.i), 0)"
	    "   repaid"
	    " FROM b WHERE b.excess > 0 OR b.f > 0)"
	    " SELECT k, i, r, excess, f, repaid FROM x"
	    " WHERE (?1 IS NULL OR r BETWEEN ?1 AND ?2)"
	    " ORDER BY k, i",
	    err);

	if (!st)
		return -1;
	if (region && *region)
		db_bind_subtree(st, 1, 2, region);
	db_bind_opt_text(st, 3, kind);
	db_bind_int64(st, 4, id);
	return db_collect(db, a, st, sizeof(**out), read_owed, (void **)out, n,
	                  "amounts owed", err);
}

int recovery_store_group_offset(struct db *db, const char *scheme,
                                const char *period, const char *kind,
                                long long id, int64_t *offset, int64_t *sent,
                                struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT coalesce((SELECT sum(amount_fen) FROM recovery_offset"
	    "   WHERE scheme = ?1 AND period = ?2 AND beneficiary_kind = ?3"
	    "   AND beneficiary_id = ?4), 0),"
	    " coalesce((SELECT sum(amount_fen) FROM bank_export_row"
	    "   WHERE scheme = ?1 AND period = ?2 AND beneficiary_kind = ?3"
	    "   AND beneficiary_id = ?4), 0)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	db_bind_text(st, 3, kind);
	db_bind_int64(st, 4, id);
	rc = db_step(st);
	*offset = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	*sent = rc == DB_ROW ? db_col_int64(st, 1) : 0;
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "offsets");
}

int recovery_store_offset(struct db *db, long long run_id, long long line_id,
                          const char *scheme, const char *period,
                          const char *kind, long long id, const char *region,
                          int64_t fen, const char *reason, long long by,
                          const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO recovery_offset (run_id, line_id, scheme, period,"
	    " beneficiary_kind, beneficiary_id, region, amount_fen, reason,"
	    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	if (run_id)
		db_bind_int64(st, 1, run_id);
	else
		db_bind_null(st, 1);
	db_bind_int64(st, 2, line_id);
	db_bind_text(st, 3, scheme);
	db_bind_text(st, 4, period);
	db_bind_text(st, 5, kind);
	db_bind_int64(st, 6, id);
	db_bind_text(st, 7, region);
	db_bind_int64(st, 8, fen);
	db_bind_text(st, 9, reason);
	if (by > 0)
		db_bind_int64(st, 10, by);
	else
		db_bind_null(st, 10);
	db_bind_text(st, 11, now);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "offset");
}

int recovery_store_repaid(struct db *db, const char *kind, long long id,
                          const char *region, int64_t fen, const char *reason,
                          long long by, const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO recovery_repaid (beneficiary_kind, beneficiary_id,"
	    " region, amount_fen, reason, created_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, kind);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, region);
	db_bind_int64(st, 4, fen);
	db_bind_text(st, 5, reason);
	if (by > 0)
		db_bind_int64(st, 6, by);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, now);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "repayment");
}

static void read_offset(struct arena *a, struct stmt *st, void *elem)
{
	struct offset_sum *o = elem;

	o->scheme = db_col_text(a, st, 0);
	db_col_copy(o->period, sizeof(o->period), st, 1);
	db_col_copy(o->beneficiary_kind, sizeof(o->beneficiary_kind), st, 2);
	o->beneficiary_id = db_col_int64(st, 3);
	o->fen = db_col_int64(st, 4);
}

/* Amounts summed per scheme, period and beneficiary from one table of
 * the region (offsets withheld, or rows sent); the SQL names the table
 * from a fixed pair, never from input. */
static int sums_by_beneficiary(struct db *db, struct arena *a, const char *sql,
                               const char *scheme, const char *period,
                               const char *region, struct offset_sum **out,
                               size_t *n, const char *what,
                               struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);

	if (!st)
		return -1;
	db_bind_opt_text(st, 1, scheme);
	db_bind_opt_text(st, 2, period);
	db_bind_subtree(st, 3, 4, region);
	return db_collect(db, a, st, sizeof(**out), read_offset, (void **)out,
	                  n, what, err);
}

#define SUMS_FROM(table)                                                       \
	"SELECT scheme, period, beneficiary_kind, beneficiary_id,"             \
	" sum(amount_fen) FROM " table                                         \
	" WHERE (?1 IS NULL OR scheme = ?1) AND (?2 IS NULL OR period = ?2)"   \
	" AND region BETWEEN ?3 AND ?4"                                        \
	" GROUP BY scheme, period, beneficiary_kind, beneficiary_id"

int recovery_store_offsets(struct db *db, struct arena *a, const char *scheme,
                           const char *period, const char *region,
                           struct offset_sum **out, size_t *n,
                           struct lx_error *err)
{
	return sums_by_beneficiary(db, a, SUMS_FROM("recovery_offset"), scheme,
	                           period, region, out, n, "offsets", err);
}

int recovery_store_sent(struct db *db, struct arena *a, const char *scheme,
                        const char *period, const char *region,
                        struct offset_sum **out, size_t *n,
                        struct lx_error *err)
{
	return sums_by_beneficiary(db, a, SUMS_FROM("bank_export_row"), scheme,
	                           period, region, out, n, "bank files sent",
	                           err);
}

int recovery_store_export(struct db *db, const char *region, const char *scheme,
                          const char *period, const struct sent_row *rows,
                          size_t n, int64_t total, long long by,
                          const char *now, long long *id, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO bank_export (region, scheme, period, rows, total_fen,"
	    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, region ? region : "");
	db_bind_opt_text(st, 2, scheme);
	db_bind_opt_text(st, 3, period);
	db_bind_int64(st, 4, (long long)n);
	db_bind_int64(st, 5, total);
	if (by > 0)
		db_bind_int64(st, 6, by);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "bank file");
	*id = db_last_id(db);
	for (size_t i = 0; i < n; i++) {
		st =
		    db_prepare(db,
		               "INSERT INTO bank_export_row (export_id, scheme,"
		               " period, beneficiary_kind, beneficiary_id,"
		               " region, amount_fen)"
		               " VALUES (?, ?, ?, ?, ?, ?, ?)",
		               err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, *id);
		db_bind_text(st, 2, rows[i].scheme);
		db_bind_text(st, 3, rows[i].period);
		db_bind_text(st, 4, rows[i].kind);
		db_bind_int64(st, 5, rows[i].id);
		db_bind_text(st, 6, rows[i].region);
		db_bind_int64(st, 7, rows[i].fen);
		rc = db_step(st);
		db_finish(db, st);
		if (rc != DB_DONE)
			return db_fail(db, err, "bank file row");
	}
	return 0;
}
