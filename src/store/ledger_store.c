#include "store/ledger_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

static void copy(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	snprintf(dst, n, "%s", s ? s : "");
}

static void read_sum(struct arena *a, sqlite3_stmt *st, void *elem)
{
	struct ledger_sum *s = elem;

	(void)a;
	copy(s->beneficiary_kind, sizeof(s->beneficiary_kind), st, 0);
	s->beneficiary_id = sqlite3_column_int64(st, 1);
	s->fen = sqlite3_column_int64(st, 2);
	s->lines = sqlite3_column_int64(st, 3);
}

int ledger_store_sums(struct db *db, struct arena *a, const char *scheme,
                      const char *period, struct ledger_sum **out, size_t *n,
                      struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT beneficiary_kind, beneficiary_id, sum(amount_fen), count(*)"
	    " FROM ledger WHERE scheme = ? AND period = ?"
	    " GROUP BY beneficiary_kind, beneficiary_id"
	    " ORDER BY beneficiary_kind, beneficiary_id",
	    err);

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	return db_collect(db, a, st, sizeof(**out), read_sum, (void **)out, n,
	                  "ledger sums", err);
}

int ledger_store_run(struct db *db, const char *scheme, const char *period,
                     const char *region, long long by, const char *now,
                     long long *id, struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "INSERT INTO subsidy_run (scheme, period, region, lines, total_fen,"
	    " run_by, run_at) VALUES (?, ?, ?, 0, 0, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	db_bind_text(st, 3, region);
	if (by > 0)
		sqlite3_bind_int64(st, 4, by);
	else
		sqlite3_bind_null(st, 4);
	db_bind_text(st, 5, now);
	rc = sqlite3_step(st);
	db_finish(db, st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "subsidy run");
	*id = db_last_id(db);
	return 0;
}

int ledger_store_run_done(struct db *db, long long id, long lines,
                          int64_t total, struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db, "UPDATE subsidy_run SET lines = ?, total_fen = ? WHERE id = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, lines);
	sqlite3_bind_int64(st, 2, total);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st);
	db_finish(db, st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "subsidy run");
}

int ledger_store_add(struct db *db, struct ledger_line *l, long long by,
                     const char *now, struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "INSERT INTO ledger (run_id, scheme, period, beneficiary_kind,"
	    " beneficiary_id, region, kind, amount_fen, reason, reverses,"
	    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	if (l->run_id)
		sqlite3_bind_int64(st, 1, l->run_id);
	else
		sqlite3_bind_null(st, 1);
	db_bind_text(st, 2, l->scheme);
	db_bind_text(st, 3, l->period);
	db_bind_text(st, 4, l->beneficiary_kind);
	sqlite3_bind_int64(st, 5, l->beneficiary_id);
	db_bind_text(st, 6, l->region);
	db_bind_text(st, 7, l->kind);
	sqlite3_bind_int64(st, 8, l->fen);
	db_bind_text(st, 9, l->reason);
	if (l->reverses)
		sqlite3_bind_int64(st, 10, l->reverses);
	else
		sqlite3_bind_null(st, 10);
	if (by > 0)
		sqlite3_bind_int64(st, 11, by);
	else
		sqlite3_bind_null(st, 11);
	db_bind_text(st, 12, now);
	rc = sqlite3_step(st);
	db_finish(db, st);
	if (rc != SQLITE_DONE) {
		db_fail(db, err, "ledger line");
		if (err && err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "id",
			        "line %lld is already reversed", l->reverses);
		return -1;
	}
	l->id = db_last_id(db);
	return 0;
}

#define LINE_COLS                                                              \
	"id, coalesce(run_id, 0), scheme, period, beneficiary_kind,"           \
	" beneficiary_id, region, kind, amount_fen, reason,"                   \
	" coalesce(reverses, 0), created_at"

static void read_line(struct arena *a, sqlite3_stmt *st, void *elem)
{
	struct ledger_line *l = elem;

	l->id = sqlite3_column_int64(st, 0);
	l->run_id = sqlite3_column_int64(st, 1);
	l->scheme = db_col_text(a, st, 2);
	copy(l->period, sizeof(l->period), st, 3);
	copy(l->beneficiary_kind, sizeof(l->beneficiary_kind), st, 4);
	l->beneficiary_id = sqlite3_column_int64(st, 5);
	copy(l->region, sizeof(l->region), st, 6);
	copy(l->kind, sizeof(l->kind), st, 7);
	l->fen = sqlite3_column_int64(st, 8);
	l->reason = db_col_text(a, st, 9);
	l->reverses = sqlite3_column_int64(st, 10);
	l->created_at = db_col_text(a, st, 11);
}

int ledger_store_get(struct db *db, struct arena *a, long long id,
                     struct ledger_line *out, struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT " LINE_COLS " FROM ledger WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_line(a, st, out);
	db_finish(db, st);
	return rc == SQLITE_ROW ? 0
	                        : lx_fail(err, LX_ENOTFOUND, "id",
	                                  "no ledger line %lld", id);
}

int ledger_store_list(struct db *db, struct arena *a, const char *scheme,
                      const char *period, const char *region,
                      struct ledger_line **out, size_t *n, struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT " LINE_COLS " FROM ledger"
	    " WHERE (?1 IS NULL OR scheme = ?1) AND (?2 IS NULL OR period = ?2)"
	    " AND region BETWEEN ?3 AND ?4 ORDER BY id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_text(st, 1, scheme);
	db_bind_opt_text(st, 2, period);
	db_bind_subtree(st, 3, 4, region);
	return db_collect(db, a, st, sizeof(**out), read_line, (void **)out, n,
	                  "ledger", err);
}
