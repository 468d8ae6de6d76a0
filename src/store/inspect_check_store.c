#include "store/inspect_check_store.h"

#include "store/db_internal.h"

#include <string.h>

int icheck_store_get(struct db *db, struct arena *a, long long id,
                     struct icheck_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT c.id, c.plan_id, c.facility_id, c.kind, c.status,"
	    " c.scheduled_on, c.notice_on, c.done_on, c.items, c.note, f.name,"
	    " f.kind, f.region, r.name"
	    " FROM inspect_check c JOIN facility f ON f.id = c.facility_id"
	    " JOIN region r ON r.code = f.region WHERE c.id = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof(*out));
		out->id = db_col_int64(st, 0);
		out->plan_id = db_col_null(st, 1) ? 0 : db_col_int64(st, 1);
		out->facility_id = db_col_int64(st, 2);
		db_col_copy(out->kind, sizeof(out->kind), st, 3);
		db_col_copy(out->status, sizeof(out->status), st, 4);
		db_col_copy(out->scheduled_on, sizeof(out->scheduled_on), st,
		            5);
		db_col_copy(out->notice_on, sizeof(out->notice_on), st, 6);
		db_col_copy(out->done_on, sizeof(out->done_on), st, 7);
		out->items = db_col_text(a, st, 8);
		out->note = db_col_text(a, st, 9);
		out->facility_name = db_col_text(a, st, 10);
		out->facility_kind = db_col_text(a, st, 11);
		db_col_copy(out->region, sizeof(out->region), st, 12);
		out->region_name = db_col_text(a, st, 13);
	}
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id", "no check %lld", id);
	return db_fail(db, err, "check");
}

int icheck_store_is_inspector(struct db *db, long long check, long long account,
                              struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT 1 FROM inspect_check_inspector"
	                             " WHERE check_id = ? AND account_id = ?",
	                             err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, check);
	db_bind_int64(st, 2, account);
	rc = db_step(st);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 1;
	if (rc == DB_DONE)
		return 0;
	return db_fail(db, err, "check inspector");
}

static void read_name(struct arena *a, struct stmt *st, void *elem)
{
	*(char **)elem = db_col_text(a, st, 0);
}

int icheck_store_inspectors(struct db *db, struct arena *a, long long check,
                            char ***names, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT CASE WHEN a.display_name <> '' THEN a.display_name"
	    " ELSE a.username END"
	    " FROM inspect_check_inspector i JOIN account a ON"
	    " a.id = i.account_id WHERE i.check_id = ? ORDER BY a.id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, check);
	return db_collect(db, a, st, sizeof(char *), read_name, (void **)names,
	                  n, "check inspectors", err);
}

/* Runs an UPDATE of one check whose WHERE holds the status guard. */
static int move(struct db *db, long long id, const char *sql,
                const char *done_on, const char *what, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (done_on)
		db_bind_text(st, 2, done_on);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "check");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "check %lld cannot be %s: see its status", id,
		               what);
	return 0;
}

int icheck_store_start(struct db *db, long long id, struct lx_error *err)
{
	return move(db, id,
	            "UPDATE inspect_check SET status = 'in_progress'"
	            " WHERE id = ?1 AND status NOT IN ('in_progress', 'done',"
	            " 'cancelled')",
	            NULL, "started", err);
}

int icheck_store_finish(struct db *db, long long id, const char *done_on,
                        struct lx_error *err)
{
	return move(db, id,
	            "UPDATE inspect_check SET status = 'done', done_on = ?2"
	            " WHERE id = ?1 AND status = 'in_progress'",
	            done_on, "finished", err);
}

int icheck_store_result_put(struct db *db, long long check, const char *item,
                            const char *outcome, const char *note,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO inspect_result (check_id, item, outcome, note)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT (check_id, item) DO UPDATE SET"
	    " outcome = excluded.outcome, note = excluded.note",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, check);
	db_bind_text(st, 2, item);
	db_bind_text(st, 3, outcome);
	db_bind_text(st, 4, note ? note : "");
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "check result");
}

static void read_result(struct arena *a, struct stmt *st, void *elem)
{
	struct iresult_row *r = elem;

	r->item = db_col_text(a, st, 0);
	r->outcome = db_col_text(a, st, 1);
	r->note = db_col_text(a, st, 2);
}

int icheck_store_results(struct db *db, struct arena *a, long long check,
                         struct iresult_row **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT item, outcome, note FROM"
	                             " inspect_result WHERE check_id = ?"
	                             " ORDER BY item",
	                             err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, check);
	return db_collect(db, a, st, sizeof(**out), read_result, (void **)out,
	                  n, "check results", err);
}
