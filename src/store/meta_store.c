#include "store/meta_store.h"

#include "store/db_internal.h"

#include <string.h>

int meta_store_get(struct db *db, const char *name, unsigned char *out,
                   size_t cap, size_t *len, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT value FROM meta WHERE name = ?", err);
	int rc, found = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	rc = db_step(st);
	if (rc == DB_ROW) {
		size_t n = (size_t)db_col_bytes(st, 0);

		if (n > cap)
			n = cap;
		if (n)
			memcpy(out, db_col_blob(st, 0), n);
		*len = n;
		found = 1;
	} else if (rc != DB_DONE) {
		found = db_fail(db, err, "meta");
	}
	db_finish(db, st);
	return found;
}

int meta_store_set(struct db *db, const char *name, const unsigned char *v,
                   size_t len, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO meta (name, value) VALUES (?, ?)"
	    " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
	    err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_blob(st, 2, v, (int)len);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "meta");
	db_finish(db, st);
	return ret;
}

int meta_store_sample_sealed(struct db *db, struct arena *a,
                             unsigned char **blob, size_t *len,
                             struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT id_sealed FROM person ORDER BY id LIMIT 1", err);
	int rc, ret = 0;

	if (!st)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*len = (size_t)db_col_bytes(st, 0);
		*blob = arena_alloc(a, *len ? *len : 1);
		if (*len)
			memcpy(*blob, db_col_blob(st, 0), *len);
		ret = 1;
	} else if (rc != DB_DONE) {
		ret = db_fail(db, err, "person");
	}
	db_finish(db, st);
	return ret;
}
