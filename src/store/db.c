/*
 * The connection, whichever database is behind it: choosing the backend,
 * migrating, transactions, and the statement helpers every store file
 * uses. What differs between SQLite and PostgreSQL is in db_sqlite.c and
 * db_pg.c.
 */
#include "store/db_internal.h"

#include "core/arena.h"
#include "store/migrations.h"
#include "store/subtree.h"

#include <stdio.h>
#include <string.h>

int db_is_server_url(const char *target)
{
	return target && (!strncmp(target, "postgresql://", 13) ||
	                  !strncmp(target, "postgres://", 11));
}

int db_created(struct db *db)
{
	return db->created;
}

int db_holds_data(struct db *db, int *holds, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT EXISTS (SELECT 1 FROM region) OR"
	                             " EXISTS (SELECT 1 FROM account)",
	                             err);
	int rc;

	if (!st)
		return -1;
	rc = db_step(st);
	*holds = rc == DB_ROW && db_col_int64(st, 0);
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "emptiness");
}

const char *db_backend_name(struct db *db)
{
	return db->be->name;
}

void db_bind_text(struct stmt *st, int i, const char *s)
{
	if (s)
		st->db->be->bind_text(st, i, s);
	else
		st->db->be->bind_null(st, i);
}

void db_bind_opt_text(struct stmt *st, int i, const char *s)
{
	db_bind_text(st, i, s && *s ? s : NULL);
}

char *db_col_text(struct arena *a, struct stmt *st, int i)
{
	const char *s = db_col_str(st, i);

	return s ? arena_strdup(a, s) : NULL;
}

void db_col_copy(char *dst, size_t n, struct stmt *st, int i)
{
	const char *s = db_col_str(st, i);

	snprintf(dst, n, "%s", s ? s : "");
}

void db_bind_subtree(struct stmt *st, int lo, int hi, const char *region)
{
	char l[13], h[13];

	subtree_range(region, l, h);
	db_bind_text(st, lo, l);
	db_bind_text(st, hi, h);
}

void db_bind_opt_subtree(struct stmt *st, int lo, int hi, const char *region)
{
	if (region && *region) {
		db_bind_subtree(st, lo, hi, region);
	} else {
		db_bind_null(st, lo);
		db_bind_null(st, hi);
	}
}

int db_collect(struct db *db, struct arena *a, struct stmt *st, size_t elsize,
               void (*read)(struct arena *a, struct stmt *st, void *elem),
               void **out, size_t *n, const char *what, struct lx_error *err)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, elsize);
		read(a, st, v + len * elsize);
		len++;
	}
	if (rc != DB_DONE) {
		db_fail(db, err, what);
		db_finish(db, st);
		return -1;
	}
	db_finish(db, st);
	*out = v;
	*n = len;
	return 0;
}

int db_schema_latest(void)
{
	return store_migration_count;
}

int db_schema_version(struct db *db)
{
	return db->be->schema_version(db);
}

/* Each migration runs in its own transaction together with the version
 * bump, so a crash leaves the database at a whole version. */
static int migrate(struct db *db, struct lx_error *err)
{
	int v = db_schema_version(db);

	if (v < 0)
		return lx_fail(err, LX_EINTERNAL, "",
		               "cannot read the schema version");
	if (v > store_migration_count)
		return lx_fail(
		    err, LX_EINTERNAL, "",
		    "the database is at schema version %d, newer than "
		    "this laoxiao (version %d): upgrade laoxiao",
		    v, store_migration_count);
	db->created = v == 0;
	for (; v < store_migration_count; v++)
		if (db->be->migrate_one(db, v, err))
			return -1;
	return 0;
}

struct db *db_open(const char *target, struct lx_error *err)
{
	struct db *db = db_is_server_url(target) ? db_pg_open(target, err)
	                                         : db_sqlite_open(target, err);

	int rc;

	if (!db)
		return NULL;
	rc = migrate(db, err);
	db->be->migrated(db);
	if (rc) {
		db_close(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (db)
		db->be->close(db);
}

int db_begin(struct db *db, struct lx_error *err)
{
	return db->be->begin(db, err);
}

int db_commit(struct db *db, struct lx_error *err)
{
	if (db_exec(db, "COMMIT", err)) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void db_rollback(struct db *db)
{
	struct lx_error ignored = { 0 };

	if (db_in_transaction(db))
		db_exec(db, "ROLLBACK", &ignored);
}

int db_savepoint(struct db *db, struct lx_error *err)
{
	return db_exec(db, "SAVEPOINT lx_nested", err);
}

int db_release(struct db *db, struct lx_error *err)
{
	return db_exec(db, "RELEASE lx_nested", err);
}

void db_rollback_savepoint(struct db *db)
{
	struct lx_error ignored = { 0 };

	if (db_in_transaction(db))
		db_exec(db, "ROLLBACK TO lx_nested; RELEASE lx_nested",
		        &ignored);
}

int db_begin_read(struct db *db, struct lx_error *err)
{
	if (db_in_transaction(db))
		return 0;
	if (db->be->begin_read(db, err))
		return -1;
	db->read_open = 1;
	return 0;
}

void db_end_read(struct db *db)
{
	struct lx_error ignored = { 0 };

	if (db->read_open && db_in_transaction(db))
		db_exec(db, "COMMIT", &ignored);
	db->read_open = 0;
}

int db_data_changed(struct db *db, int *changed, struct lx_error *err)
{
	return db->be->data_changed(db, changed, err);
}

int db_in_transaction(struct db *db)
{
	return db->be->in_transaction(db);
}

long long db_last_id(struct db *db)
{
	return db->be->last_id(db);
}

int db_bulk_load(struct db *db, struct lx_error *err)
{
	return db->be->bulk_load(db, err);
}

int db_bulk_done(struct db *db, struct lx_error *err)
{
	return db->be->bulk_done(db, err);
}

int db_bulk_indexes(struct db *db, struct lx_error *err)
{
	return db->be->bulk_indexes(db, err);
}

int db_copy_to(struct db *db, const char *path, struct lx_error *err)
{
	return db->be->copy_to(db, path, err);
}

int db_check_integrity(struct db *db, struct lx_error *err)
{
	return db->be->check_integrity(db, err);
}

int db_set_scope(struct db *db, const char *region, struct lx_error *err)
{
	return db->be->set_scope(db, region, err);
}
