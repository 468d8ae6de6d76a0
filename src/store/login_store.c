#include "store/login_store.h"

#include "store/db_internal.h"

#include <string.h>

int login_store_get(struct db *db, const char *scope, const char *key,
                    struct login_failures *out, struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT failures, last_at, locked_until FROM login_failure"
	    " WHERE scope = ? AND key = ?",
	    err);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_text(st, 1, scope);
	db_bind_text(st, 2, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->failures = (long)sqlite3_column_int64(st, 0);
		out->last_at = sqlite3_column_int64(st, 1);
		out->locked_until = sqlite3_column_int64(st, 2);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = db_fail(db, err, "login_failure");
	}
	db_finish(db, st);
	return ret;
}

int login_store_put(struct db *db, const char *scope, const char *key,
                    const struct login_failures *f, struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "INSERT INTO login_failure (scope, key, failures, last_at,"
	    " locked_until) VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT (scope, key) DO UPDATE SET"
	    " failures = excluded.failures, last_at = excluded.last_at,"
	    " locked_until = excluded.locked_until",
	    err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, scope);
	db_bind_text(st, 2, key);
	sqlite3_bind_int64(st, 3, f->failures);
	sqlite3_bind_int64(st, 4, f->last_at);
	sqlite3_bind_int64(st, 5, f->locked_until);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = db_fail(db, err, "login_failure");
	db_finish(db, st);
	return ret;
}

int login_store_clear(struct db *db, const char *scope, const char *key,
                      struct lx_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    db, "DELETE FROM login_failure WHERE scope = ? AND key = ?", err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, scope);
	db_bind_text(st, 2, key);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = db_fail(db, err, "login_failure");
	db_finish(db, st);
	return ret;
}
