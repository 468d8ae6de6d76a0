#include "store/db_internal.h"

#include "core/arena.h"
#include "store/migrations.h"
#include "store/subtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int db_fail(struct db *db, struct lx_error *err, const char *what)
{
	int ext = sqlite3_extended_errcode(db->h);
	const char *msg = sqlite3_errmsg(db->h);

	if (ext == SQLITE_CONSTRAINT_UNIQUE ||
	    ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return lx_fail(err, LX_ECONFLICT, "", "%s: already exists (%s)",
		               what, msg);
	if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
		return lx_fail(err, LX_EINVALID, "",
		               "%s: refers to something that does not exist",
		               what);
	if (ext == SQLITE_CONSTRAINT_CHECK)
		return lx_fail(err, LX_EINVALID, "", "%s: %s", what, msg);
	return lx_fail(err, LX_EINTERNAL, "", "database error in %s: %s", what,
	               msg);
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql, struct lx_error *err)
{
	size_t len = strlen(sql);
	sqlite3_stmt *st = NULL;

	for (size_t i = 0; i < db->ncached; i++) {
		struct db_cached *c = &db->cache[i];

		if (!c->busy && c->len == len && !memcmp(c->sql, sql, len)) {
			c->busy = 1;
			return c->st;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	                       NULL) != SQLITE_OK) {
		db_fail(db, err, "prepare");
		return NULL;
	}
	if (db->ncached < DB_STMT_CACHE) {
		struct db_cached *c = &db->cache[db->ncached];

		c->sql = malloc(len + 1);
		if (c->sql) {
			memcpy(c->sql, sql, len + 1);
			c->len = len;
			c->st = st;
			c->busy = 1;
			db->ncached++;
		}
	}
	return st;
}

void db_finish(struct db *db, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < db->ncached; i++)
		if (db->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			db->cache[i].busy = 0;
			return;
		}
	sqlite3_finalize(st);
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	db_bind_text(st, i, s && *s ? s : NULL);
}

char *db_col_text(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? arena_strdup(a, (const char *)s) : NULL;
}

void db_bind_subtree(sqlite3_stmt *st, int lo, int hi, const char *region)
{
	char l[13], h[13];

	subtree_range(region, l, h);
	sqlite3_bind_text(st, lo, l, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, hi, h, -1, SQLITE_TRANSIENT);
}

int db_collect(struct db *db, struct arena *a, sqlite3_stmt *st, size_t elsize,
               void (*read)(struct arena *a, sqlite3_stmt *st, void *elem),
               void **out, size_t *n, const char *what, struct lx_error *err)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, len, &cap, elsize);
		read(a, st, v + len * elsize);
		len++;
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, err, what);
		db_finish(db, st);
		return -1;
	}
	db_finish(db, st);
	*out = v;
	*n = len;
	return 0;
}

int db_exec(struct db *db, const char *sql, struct lx_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		lx_fail(err, LX_EINTERNAL, "", "database error: %s",
		        msg ? msg : "unknown");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int db_schema_latest(void)
{
	return store_migration_count;
}

int db_schema_version(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) ==
	        SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Each migration runs in its own transaction together with the version bump,
 * so a crash leaves the database at a whole version. */
static int migrate(struct db *db, struct lx_error *err)
{
	int v = db_schema_version(db);
	char sql[64];

	if (v < 0)
		return lx_fail(err, LX_EINTERNAL, "",
		               "cannot read the schema version");
	if (v > store_migration_count)
		return lx_fail(
		    err, LX_EINTERNAL, "",
		    "the database is at schema version %d, newer than "
		    "this laoxiao (version %d): upgrade laoxiao",
		    v, store_migration_count);
	for (; v < store_migration_count; v++) {
		if (db_exec(db, "BEGIN IMMEDIATE", err))
			return -1;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (db_exec(db, store_migrations[v], err) ||
		    db_exec(db, sql, err)) {
			db_rollback(db);
			return -1;
		}
		if (db_exec(db, "COMMIT", err)) {
			db_rollback(db);
			return -1;
		}
	}
	return 0;
}

struct db *db_open(const char *path, struct lx_error *err)
{
	struct db *db = calloc(1, sizeof(*db));
	int rc;

	if (!db) {
		lx_fail(err, LX_EINTERNAL, "", "out of memory");
		return NULL;
	}
	rc = sqlite3_open_v2(path, &db->h,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                         SQLITE_OPEN_NOMUTEX,
	                     NULL);
	if (rc != SQLITE_OK) {
		lx_fail(err, LX_EINTERNAL, "", "cannot open database '%s': %s",
		        path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_extended_result_codes(db->h, 1);
	if (db_exec(db,
	            "PRAGMA journal_mode = WAL;"
	            "PRAGMA foreign_keys = ON;"
	            "PRAGMA synchronous = NORMAL;"
	            /* what is deleted or overwritten is zeroed on disk, so
	             * a scrubbed or corrected personal detail does not stay
	             * readable in a free page of the file */
	            "PRAGMA secure_delete = ON;",
	            err))
		goto fail;
	if (migrate(db, err))
		goto fail;
	return db;
fail:
	db_close(db);
	return NULL;
}

/* The people tables' secondary indexes are dropped for the load and
 * built again after it: one sort at the end costs a fraction of keeping
 * them up to date row by row over keys in random order. Their SQL is
 * taken from the schema itself, so it cannot drift from the migrations. */
static const char deferred_sql[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND"
    " sql IS NOT NULL AND tbl_name IN ('person', 'person_category',"
    " 'assessment')";

int db_bulk_load(struct db *db, struct lx_error *err)
{
	sqlite3_stmt *st;
	size_t len = 0, dlen = 0;
	char *drops = NULL;
	int rc;

	if (db_exec(db,
	            "PRAGMA journal_mode = MEMORY;"
	            "PRAGMA synchronous = OFF;"
	            "PRAGMA cache_size = -1048576;"
	            "PRAGMA temp_store = MEMORY;",
	            err))
		return -1;
	if (sqlite3_prepare_v2(db->h, deferred_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, "indexes");
	/* collected first: the schema cannot change under a running query */
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *sql = (const char *)sqlite3_column_text(st, 1);
		size_t n = strlen(sql), m = strlen(name);
		char *grown = realloc(db->deferred, len + n + 2);
		char *dgrown = grown ? realloc(drops, dlen + m + 16) : NULL;

		if (grown)
			db->deferred = grown;
		if (!dgrown) {
			sqlite3_finalize(st);
			free(drops);
			return lx_fail(err, LX_EINTERNAL, "", "out of memory");
		}
		drops = dgrown;
		memcpy(db->deferred + len, sql, n);
		len += n;
		db->deferred[len++] = ';';
		db->deferred[len] = '\0';
		dlen += (size_t)sprintf(drops + dlen, "DROP INDEX %s;", name);
	}
	sqlite3_finalize(st);
	rc = drops ? db_exec(db, drops, err) : 0;
	free(drops);
	return rc;
}

int db_bulk_done(struct db *db, struct lx_error *err)
{
	int rc = db->deferred ? db_exec(db, db->deferred, err) : 0;

	free(db->deferred);
	db->deferred = NULL;
	return rc ? rc
	          : db_exec(db,
	                    "PRAGMA journal_mode = WAL;"
	                    "PRAGMA synchronous = NORMAL;"
	                    "PRAGMA cache_size = -2000;",
	                    err);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->ncached; i++) {
		sqlite3_finalize(db->cache[i].st);
		free(db->cache[i].sql);
	}
	free(db->deferred);
	sqlite3_close_v2(db->h);
	free(db);
}

int db_begin(struct db *db, struct lx_error *err)
{
	return db_exec(db, "BEGIN IMMEDIATE", err);
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
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
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
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK TO lx_nested; RELEASE lx_nested",
		             NULL, NULL, NULL);
}

int db_begin_read(struct db *db, struct lx_error *err)
{
	if (!sqlite3_get_autocommit(db->h))
		return 0;
	if (db_exec(db, "BEGIN DEFERRED", err))
		return -1;
	db->read_open = 1;
	return 0;
}

void db_end_read(struct db *db)
{
	if (db->read_open && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	db->read_open = 0;
}

int db_data_changed(struct db *db, int *changed, struct lx_error *err)
{
	/* reading data_version opens the read transaction (and so fixes
	 * the snapshot) if none is open yet */
	sqlite3_stmt *st = db_prepare(db, "PRAGMA data_version", err);
	long long version, changes;

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_finish(db, st);
		return db_fail(db, err, "data version");
	}
	version = sqlite3_column_int64(st, 0);
	db_finish(db, st);
	changes = (long long)sqlite3_total_changes64(db->h);
	*changed = !db->seen || version != db->seen_version ||
	           changes != db->seen_changes;
	db->seen = 1;
	db->seen_version = version;
	db->seen_changes = changes;
	return 0;
}

int db_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(db->h);
}

int db_fk_violation(struct db *db)
{
	return sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_FOREIGNKEY;
}

long long db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int db_copy_to(struct db *db, const char *path, struct lx_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->h, "VACUUM INTO ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_fail(db, err, "backup");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "backup");
}

int db_check_integrity(struct db *db, struct lx_error *err)
{
	sqlite3_stmt *st;
	int ret = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(db, err, "integrity check");
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r && !strcmp(r, "ok"))
			ret = 0;
		else
			lx_fail(err, LX_EINTERNAL, "",
			        "the database is damaged: %.200s",
			        r ? r : "no answer");
	} else {
		db_fail(db, err, "integrity check");
	}
	sqlite3_finalize(st);
	return ret;
}

void db_col_copy(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	snprintf(dst, n, "%s", s ? s : "");
}
