/*
 * The embedded backend: a SQLite file. WAL so readers never wait for the
 * writer, foreign keys on, a busy timeout instead of failing at once, and
 * prepared statements kept on the connection keyed by their SQL text
 * (parsing cost more than running the registry's small writes).
 */
#include "store/db_internal.h"

#include "store/migrations.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SQ_CACHE = 64 };

struct sq_stmt {
	struct stmt base;
	sqlite3_stmt *h;
	char *sql; /* malloc'd copy, NULL when not cached */
	size_t len;
	int busy; /* handed out and not yet finished */
};

struct sq_db {
	struct db base;
	sqlite3 *h;
	size_t ncached;
	struct sq_stmt *cache[SQ_CACHE];
	char *deferred; /* CREATE INDEX statements dropped for a bulk load */
	/* what data_changed saw last: PRAGMA data_version and
	 * sqlite3_total_changes64 (seen 0 until it is first asked) */
	int seen;
	long long seen_version, seen_changes;
};

#define SQ(db) ((struct sq_db *)(db))
#define SS(st) ((struct sq_stmt *)(st))

static int sq_fail(struct db *db, struct lx_error *err, const char *what)
{
	int ext = sqlite3_extended_errcode(SQ(db)->h);
	const char *msg = sqlite3_errmsg(SQ(db)->h);

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

static int sq_fk_violation(struct db *db)
{
	return sqlite3_extended_errcode(SQ(db)->h) ==
	       SQLITE_CONSTRAINT_FOREIGNKEY;
}

static struct stmt *sq_prepare(struct db *db, const char *sql,
                               struct lx_error *err)
{
	struct sq_db *s = SQ(db);
	size_t len = strlen(sql);
	struct sq_stmt *st;
	sqlite3_stmt *h = NULL;

	for (size_t i = 0; i < s->ncached; i++) {
		struct sq_stmt *c = s->cache[i];

		if (!c->busy && c->len == len && !memcmp(c->sql, sql, len)) {
			c->busy = 1;
			return &c->base;
		}
	}
	if (sqlite3_prepare_v3(s->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &h,
	                       NULL) != SQLITE_OK) {
		sq_fail(db, err, "prepare");
		return NULL;
	}
	st = calloc(1, sizeof(*st));
	if (!st) {
		sqlite3_finalize(h);
		lx_fail(err, LX_EINTERNAL, "", "out of memory");
		return NULL;
	}
	st->base.db = db;
	st->h = h;
	st->busy = 1;
	if (s->ncached < SQ_CACHE && (st->sql = malloc(len + 1))) {
		memcpy(st->sql, sql, len + 1);
		st->len = len;
		s->cache[s->ncached++] = st;
	}
	return &st->base;
}

static void sq_finish(struct db *db, struct stmt *stmt)
{
	struct sq_stmt *st = SS(stmt);

	(void)db;
	if (st->sql) {
		sqlite3_reset(st->h);
		sqlite3_clear_bindings(st->h);
		st->busy = 0;
		return;
	}
	sqlite3_finalize(st->h);
	free(st);
}

static void sq_bind_int64(struct stmt *st, int i, long long v)
{
	sqlite3_bind_int64(SS(st)->h, i, v);
}

static void sq_bind_double(struct stmt *st, int i, double v)
{
	sqlite3_bind_double(SS(st)->h, i, v);
}

static void sq_bind_text(struct stmt *st, int i, const char *s)
{
	sqlite3_bind_text(SS(st)->h, i, s, -1, SQLITE_TRANSIENT);
}

static void sq_bind_blob(struct stmt *st, int i, const void *p, size_t n)
{
	sqlite3_bind_blob64(SS(st)->h, i, p, n, SQLITE_TRANSIENT);
}

static void sq_bind_null(struct stmt *st, int i)
{
	sqlite3_bind_null(SS(st)->h, i);
}

static int sq_param(struct stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(SS(st)->h, name);
}

static int sq_step(struct stmt *st)
{
	int rc = sqlite3_step(SS(st)->h);

	return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : -1;
}

static int sq_col_null(struct stmt *st, int i)
{
	return sqlite3_column_type(SS(st)->h, i) == SQLITE_NULL;
}

static long long sq_col_int64(struct stmt *st, int i)
{
	return sqlite3_column_int64(SS(st)->h, i);
}

static double sq_col_double(struct stmt *st, int i)
{
	return sqlite3_column_double(SS(st)->h, i);
}

static const char *sq_col_text(struct stmt *st, int i)
{
	return (const char *)sqlite3_column_text(SS(st)->h, i);
}

static const void *sq_col_blob(struct stmt *st, int i)
{
	return sqlite3_column_blob(SS(st)->h, i);
}

static int sq_col_bytes(struct stmt *st, int i)
{
	return sqlite3_column_bytes(SS(st)->h, i);
}

static int sq_exec(struct db *db, const char *sql, struct lx_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(SQ(db)->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		lx_fail(err, LX_EINTERNAL, "", "database error: %s",
		        msg ? msg : "unknown");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static long long sq_changes(struct db *db)
{
	return sqlite3_changes64(SQ(db)->h);
}

static long long sq_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(SQ(db)->h);
}

static int sq_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(SQ(db)->h);
}

/* BEGIN IMMEDIATE takes the write lock at once, so a writer never fails
 * half-way on a lock upgrade. */
static int sq_begin(struct db *db, struct lx_error *err)
{
	return sq_exec(db, "BEGIN IMMEDIATE", err);
}

static int sq_begin_read(struct db *db, struct lx_error *err)
{
	return sq_exec(db, "BEGIN DEFERRED", err);
}

static int sq_data_changed(struct db *db, int *changed, struct lx_error *err)
{
	struct sq_db *s = SQ(db);
	/* reading data_version opens the read transaction (and so fixes
	 * the snapshot) if none is open yet */
	struct stmt *st = sq_prepare(db, "PRAGMA data_version", err);
	long long version, changes;

	if (!st)
		return -1;
	if (sq_step(st) != DB_ROW) {
		sq_finish(db, st);
		return sq_fail(db, err, "data version");
	}
	version = sq_col_int64(st, 0);
	sq_finish(db, st);
	changes = (long long)sqlite3_total_changes64(s->h);
	*changed = !s->seen || version != s->seen_version ||
	           changes != s->seen_changes;
	s->seen = 1;
	s->seen_version = version;
	s->seen_changes = changes;
	return 0;
}

static int sq_schema_version(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(SQ(db)->h, "PRAGMA user_version", -1, &st,
	                       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int sq_migrate_one(struct db *db, int v, struct lx_error *err)
{
	char sql[64];

	if (sq_exec(db, "BEGIN IMMEDIATE", err))
		return -1;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
	if (sq_exec(db, store_migrations[v], err) || sq_exec(db, sql, err) ||
	    sq_exec(db, "COMMIT", err)) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

static void sq_migrated(struct db *db)
{
	(void)db;
}

/* The people and visit tables' secondary indexes are dropped for the
 * load and built again after it: one sort at the end costs a fraction of
 * keeping them up to date row by row over keys in random order (a
 * synthetic city's year of visits is millions of rows). Their SQL is
 * taken from the schema itself, so it cannot drift from the migrations. */
static const char deferred_sql[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND"
    " sql IS NOT NULL AND tbl_name IN ('person', 'person_category',"
    " 'assessment', 'visit')";

/* For building a fresh database in one go: no fsync until the end, the
 * rollback journal in memory and a large page cache. */
static int sq_bulk_load(struct db *db, struct lx_error *err)
{
	struct sq_db *s = SQ(db);
	sqlite3_stmt *st;
	size_t len = 0, dlen = 0;
	char *drops = NULL;
	int rc;

	if (sq_exec(db,
	            "PRAGMA journal_mode = MEMORY;"
	            "PRAGMA synchronous = OFF;"
	            "PRAGMA cache_size = -1048576;"
	            "PRAGMA temp_store = MEMORY;",
	            err))
		return -1;
	if (sqlite3_prepare_v2(s->h, deferred_sql, -1, &st, NULL) != SQLITE_OK)
		return sq_fail(db, err, "indexes");
	/* collected first: the schema cannot change under a running query */
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *sql = (const char *)sqlite3_column_text(st, 1);
		size_t n = strlen(sql), m = strlen(name);
		char *grown = realloc(s->deferred, len + n + 2);
		char *dgrown = grown ? realloc(drops, dlen + m + 16) : NULL;

		if (grown)
			s->deferred = grown;
		if (!dgrown) {
			sqlite3_finalize(st);
			free(drops);
			return lx_fail(err, LX_EINTERNAL, "", "out of memory");
		}
		drops = dgrown;
		memcpy(s->deferred + len, sql, n);
		len += n;
		s->deferred[len++] = ';';
		s->deferred[len] = '\0';
		dlen += (size_t)sprintf(drops + dlen, "DROP INDEX %s;", name);
	}
	sqlite3_finalize(st);
	rc = drops ? sq_exec(db, drops, err) : 0;
	free(drops);
	return rc;
}

static int sq_bulk_indexes(struct db *db, struct lx_error *err)
{
	struct sq_db *s = SQ(db);
	int rc = s->deferred ? sq_exec(db, s->deferred, err) : 0;

	free(s->deferred);
	s->deferred = NULL;
	return rc;
}

static int sq_bulk_done(struct db *db, struct lx_error *err)
{
	int rc = sq_bulk_indexes(db, err);

	return rc ? rc
	          : sq_exec(db,
	                    "PRAGMA journal_mode = WAL;"
	                    "PRAGMA synchronous = NORMAL;"
	                    "PRAGMA cache_size = -2000;",
	                    err);
}

/* VACUUM INTO: a consistent copy in one read transaction while others go
 * on reading and writing. */
static int sq_copy_to(struct db *db, const char *path, struct lx_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(SQ(db)->h, "VACUUM INTO ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return sq_fail(db, err, "backup");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sq_fail(db, err, "backup");
}

static int sq_check_integrity(struct db *db, struct lx_error *err)
{
	sqlite3_stmt *st;
	int ret = -1;

	if (sqlite3_prepare_v2(SQ(db)->h, "PRAGMA integrity_check", -1, &st,
	                       NULL) != SQLITE_OK)
		return sq_fail(db, err, "integrity check");
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r && !strcmp(r, "ok"))
			ret = 0;
		else
			lx_fail(err, LX_EINTERNAL, "",
			        "the database is damaged: %.200s",
			        r ? r : "no answer");
	} else {
		sq_fail(db, err, "integrity check");
	}
	sqlite3_finalize(st);
	return ret;
}

/* One process serves one file: the application's own region checks are
 * the only wall, there is no database role to hold a second one. */
static int sq_set_scope(struct db *db, const char *region, struct lx_error *err)
{
	(void)db;
	(void)region;
	(void)err;
	return 0;
}

static void sq_close(struct db *db)
{
	struct sq_db *s = SQ(db);

	for (size_t i = 0; i < s->ncached; i++) {
		sqlite3_finalize(s->cache[i]->h);
		free(s->cache[i]->sql);
		free(s->cache[i]);
	}
	free(s->deferred);
	sqlite3_close_v2(s->h);
	free(s);
}

/* For db copy: the columns of every table from pragma table_info, and a
 * "rowid" column for a table whose rowid is not one of its columns (no
 * INTEGER PRIMARY KEY of its own, not WITHOUT ROWID). */
static const char sq_catalogue_sql[] =
    "SELECT m.name, c.name, c.type, c.pk"
    " FROM sqlite_master m, pragma_table_info(m.name) c"
    " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!'"
    " UNION ALL"
    " SELECT m.name, 'rowid', 'INTEGER', 0"
    " FROM sqlite_master m, pragma_table_list(m.name) l"
    " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!'"
    " AND l.schema = 'main' AND l.wr = 0"
    " AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) k"
    "  WHERE k.pk = 1 AND upper(k.type) = 'INTEGER'"
    "  AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) j"
    "   WHERE j.pk = 2))";

static const char sq_parents_sql[] =
    "SELECT m.name, f.\"table\""
    " FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
    " WHERE m.type = 'table'";

const struct db_backend db_sqlite_backend = {
	.name = "sqlite",
	.prepare = sq_prepare,
	.finish = sq_finish,
	.bind_int64 = sq_bind_int64,
	.bind_double = sq_bind_double,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.param = sq_param,
	.step = sq_step,
	.col_null = sq_col_null,
	.col_int64 = sq_col_int64,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.col_bytes = sq_col_bytes,
	.exec = sq_exec,
	.changes = sq_changes,
	.last_id = sq_last_id,
	.in_transaction = sq_in_transaction,
	.fail = sq_fail,
	.fk_violation = sq_fk_violation,
	.begin = sq_begin,
	.begin_read = sq_begin_read,
	.data_changed = sq_data_changed,
	.schema_version = sq_schema_version,
	.migrate_one = sq_migrate_one,
	.migrated = sq_migrated,
	.bulk_load = sq_bulk_load,
	.bulk_done = sq_bulk_done,
	.bulk_indexes = sq_bulk_indexes,
	.copy_to = sq_copy_to,
	.check_integrity = sq_check_integrity,
	.set_scope = sq_set_scope,
	.close = sq_close,
	.catalogue_sql = sq_catalogue_sql,
	.parents_sql = sq_parents_sql,
	.loaded = NULL, /* a rowid goes on from the highest one */
};

struct db *db_sqlite_open(const char *path, struct lx_error *err)
{
	struct sq_db *s = calloc(1, sizeof(*s));
	int rc;

	if (!s) {
		lx_fail(err, LX_EINTERNAL, "", "out of memory");
		return NULL;
	}
	s->base.be = &db_sqlite_backend;
	rc = sqlite3_open_v2(path, &s->h,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                         SQLITE_OPEN_NOMUTEX,
	                     NULL);
	if (rc != SQLITE_OK) {
		lx_fail(err, LX_EINTERNAL, "", "cannot open database '%s': %s",
		        path, s->h ? sqlite3_errmsg(s->h) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->h, 5000);
	sqlite3_extended_result_codes(s->h, 1);
	if (sq_exec(&s->base,
	            "PRAGMA journal_mode = WAL;"
	            "PRAGMA foreign_keys = ON;"
	            "PRAGMA synchronous = NORMAL;"
	            /* what is deleted or overwritten is zeroed on disk, so
	             * a scrubbed or corrected personal detail does not stay
	             * readable in a free page of the file */
	            "PRAGMA secure_delete = ON;"
	            /* statement journals in memory: every ledger line of a
	             * month's run (a row and three index entries) otherwise
	             * wrote its pages to a temporary file first, five times
	             * the writes of the lines themselves */
	            "PRAGMA temp_store = MEMORY;",
	            err))
		goto fail;
	return &s->base;
fail:
	sq_close(&s->base);
	return NULL;
}
