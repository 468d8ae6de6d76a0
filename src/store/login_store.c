#include "store/login_store.h"

#include "store/db_internal.h"

#include <string.h>

int login_store_get(struct db *db, const char *scope, const char *key,
                    struct login_failures *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
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
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->failures = (long)db_col_int64(st, 0);
		out->last_at = db_col_int64(st, 1);
		out->locked_until = db_col_int64(st, 2);
		ret = 1;
	} else if (rc != DB_DONE) {
		ret = db_fail(db, err, "login_failure");
	}
	db_finish(db, st);
	return ret;
}

int login_store_put(struct db *db, const char *scope, const char *key,
                    const struct login_failures *f, struct lx_error *err)
{
	struct stmt *st = db_prepare(
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
	db_bind_int64(st, 3, f->failures);
	db_bind_int64(st, 4, f->last_at);
	db_bind_int64(st, 5, f->locked_until);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "login_failure");
	db_finish(db, st);
	return ret;
}

int login_store_clear(struct db *db, const char *scope, const char *key,
                      struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "DELETE FROM login_failure WHERE scope = ? AND key = ?", err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, scope);
	db_bind_text(st, 2, key);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "login_failure");
	db_finish(db, st);
	return ret;
}
