/*
 * Shared by the store/ files only: the connection, prepared statements and
 * their helpers, the same for both backends.
 *
 * The store files write their SQL once and run it through these calls;
 * which database answers (SQLite in a file, or a PostgreSQL server) is
 * decided when the connection opens. A backend is a table of functions
 * (struct db_backend) in its own file: db_sqlite.c, db_pg.c.
 */
#ifndef LX_STORE_DB_INTERNAL_H
#define LX_STORE_DB_INTERNAL_H

#include "store/db.h"

#include <stddef.h>

/* What db_step returns: a row is ready, or the statement ran to its end.
 * Anything else is an error, to be reported with db_fail. */
enum { DB_ROW = 100, DB_DONE = 101 };

struct db;
struct stmt;

struct db_backend {
	const char *name;

	/* statements */
	struct stmt *(*prepare)(struct db *db, const char *sql,
	                        struct lx_error *err);
	void (*finish)(struct db *db, struct stmt *st);
	void (*bind_int64)(struct stmt *st, int i, long long v);
	void (*bind_double)(struct stmt *st, int i, double v);
	void (*bind_text)(struct stmt *st, int i, const char *s);
	void (*bind_blob)(struct stmt *st, int i, const void *p, size_t n);
	void (*bind_null)(struct stmt *st, int i);
	int (*param)(struct stmt *st, const char *name);
	int (*step)(struct stmt *st);
	int (*col_null)(struct stmt *st, int i);
	long long (*col_int64)(struct stmt *st, int i);
	double (*col_double)(struct stmt *st, int i);
	const char *(*col_text)(struct stmt *st, int i);
	const void *(*col_blob)(struct stmt *st, int i);
	int (*col_bytes)(struct stmt *st, int i);

	/* the connection */
	int (*exec)(struct db *db, const char *sql, struct lx_error *err);
	long long (*changes)(struct db *db);
	long long (*last_id)(struct db *db);
	int (*in_transaction)(struct db *db);
	int (*fail)(struct db *db, struct lx_error *err, const char *what);
	int (*fk_violation)(struct db *db);
	int (*begin)(struct db *db, struct lx_error *err);
	int (*begin_read)(struct db *db, struct lx_error *err);
	int (*data_changed)(struct db *db, int *changed, struct lx_error *err);
	int (*schema_version)(struct db *db);
	/* runs migration number v (0-based) and records version v + 1, in
	 * one transaction */
	int (*migrate_one)(struct db *db, int v, struct lx_error *err);
	/* after the migrations, whether they ran or failed */
	void (*migrated)(struct db *db);
	int (*bulk_load)(struct db *db, struct lx_error *err);
	int (*bulk_done)(struct db *db, struct lx_error *err);
	int (*bulk_indexes)(struct db *db, struct lx_error *err);
	int (*copy_to)(struct db *db, const char *path, struct lx_error *err);
	int (*check_integrity)(struct db *db, struct lx_error *err);
	int (*set_scope)(struct db *db, const char *region,
	                 struct lx_error *err);
	void (*close)(struct db *db);

	/* For copying a database into another (db_copy.c). The tables of the
	 * schema, a row for each column: table, column, declared type,
	 * position in the primary key (0 when not in it). A table with an
	 * implicit rowid lists it as a column "rowid" (the column
	 * PostgreSQL gives such a table); bookkeeping of the backend itself
	 * is left out. */
	const char *catalogue_sql;
	/* Rows of table, table it refers to (a foreign key). */
	const char *parents_sql;
	/* After rows were written with their ids: moves the generators of
	 * ids past the highest one. NULL when the database does it itself. */
	int (*loaded)(struct db *db, struct lx_error *err);
	/* Writes every row src yields into table, its columns cols of kinds
	 * ('i' integer, 'd' double, 't' text, 'b' bytes), as one stream
	 * rather than statements and their round trips; seen(arg, src) is
	 * called on each row before it is written. Returns the rows
	 * written, or -1 and err (the transaction then to be rolled back).
	 * NULL when the backend has no such path: db_copy then writes the
	 * rows by INSERT statements. */
	long long (*copy_in)(struct db *db, const char *table,
	                     const char *const *cols, const char *kinds,
	                     int ncols, struct stmt *src,
	                     void (*seen)(void *arg, struct stmt *src),
	                     void *arg, struct lx_error *err);
};

/* The part of a connection every backend shares; each backend's own
 * struct begins with it. */
struct db {
	const struct db_backend *be;
	int read_open; /* db_begin_read began a transaction */
	int created;   /* the migrations began from an empty database */
};

/* The part of a statement every backend shares. */
struct stmt {
	struct db *db;
};

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pg_backend;

/* The backends' openers: NULL and err on failure. */
struct db *db_sqlite_open(const char *path, struct lx_error *err);
struct db *db_pg_open(const char *conninfo, struct lx_error *err);

/* A prepared statement for sql, kept on the connection for reuse.
 * Returns NULL and fills err on failure. Release with db_finish(). */
static inline struct stmt *db_prepare(struct db *db, const char *sql,
                                      struct lx_error *err)
{
	return db->be->prepare(db, sql, err);
}

/* Resets a statement from db_prepare and returns it to the connection;
 * NULL is a no-op. */
static inline void db_finish(struct db *db, struct stmt *st)
{
	if (st)
		db->be->finish(db, st);
}

/* Parameters are numbered from 1, as in the SQL (?, ?N or :name). */
static inline void db_bind_int64(struct stmt *st, int i, long long v)
{
	st->db->be->bind_int64(st, i, v);
}

static inline void db_bind_double(struct stmt *st, int i, double v)
{
	st->db->be->bind_double(st, i, v);
}

/* Copies the bytes: the caller's buffer may go away before the step. */
static inline void db_bind_blob(struct stmt *st, int i, const void *p, size_t n)
{
	st->db->be->bind_blob(st, i, p, n);
}

static inline void db_bind_null(struct stmt *st, int i)
{
	st->db->be->bind_null(st, i);
}

/* The number of the parameter :name, 0 when the SQL has none. */
static inline int db_param(struct stmt *st, const char *name)
{
	return st->db->be->param(st, name);
}

/* DB_ROW, DB_DONE, or an error code for db_fail. */
static inline int db_step(struct stmt *st)
{
	return st->db->be->step(st);
}

static inline int db_col_null(struct stmt *st, int i)
{
	return st->db->be->col_null(st, i);
}

/* 0 for NULL; a boolean column reads as 0 or 1. */
static inline long long db_col_int64(struct stmt *st, int i)
{
	return st->db->be->col_int64(st, i);
}

static inline int db_col_int(struct stmt *st, int i)
{
	return (int)st->db->be->col_int64(st, i);
}

static inline double db_col_double(struct stmt *st, int i)
{
	return st->db->be->col_double(st, i);
}

/* The column as text, NULL for SQL NULL; valid until the next step. */
static inline const char *db_col_str(struct stmt *st, int i)
{
	return st->db->be->col_text(st, i);
}

static inline const void *db_col_blob(struct stmt *st, int i)
{
	return st->db->be->col_blob(st, i);
}

static inline int db_col_bytes(struct stmt *st, int i)
{
	return st->db->be->col_bytes(st, i);
}

/* Rows changed by the last INSERT, UPDATE or DELETE. */
static inline long long db_changes(struct db *db)
{
	return db->be->changes(db);
}

/* Fills err from the connection's last error; maps UNIQUE and FOREIGN KEY
 * violations to LX_ECONFLICT / LX_EINVALID. Returns -1. */
static inline int db_fail(struct db *db, struct lx_error *err, const char *what)
{
	return db->be->fail(db, err, what);
}

/* Whether the last error was a foreign key violation (as opposed to a
 * CHECK or NOT NULL failure, which db_fail also reports as LX_EINVALID). */
static inline int db_fk_violation(struct db *db)
{
	return db->be->fk_violation(db);
}

/* Runs SQL with no result rows (several statements allowed); 0 or -1. */
static inline int db_exec(struct db *db, const char *sql, struct lx_error *err)
{
	return db->be->exec(db, sql, err);
}

/* Binding helpers: NULL strings bind SQL NULL; empty optional dates too. */
void db_bind_text(struct stmt *st, int i, const char *s);
void db_bind_opt_text(struct stmt *st, int i, const char *s);

/* Column text copied into a fixed buffer of n bytes, "" for NULL. */
void db_col_copy(char *dst, size_t n, struct stmt *st, int i);

/* Column text copied into the arena; NULL stays NULL. */
struct arena;
char *db_col_text(struct arena *a, struct stmt *st, int i);

/* Binds the subtree range of region (store/subtree.h) to parameters lo
 * and hi. */
void db_bind_subtree(struct stmt *st, int lo, int hi, const char *region);
/* The same, or NULL for both when there is no region (every region). */
void db_bind_opt_subtree(struct stmt *st, int lo, int hi, const char *region);

/* Steps st to the end, growing an arena array of elsize-byte elements and
 * filling each with read(arena, st, element). Finishes st. On error
 * (naming what) returns -1; else *out and *n. */
int db_collect(struct db *db, struct arena *a, struct stmt *st, size_t elsize,
               void (*read)(struct arena *a, struct stmt *st, void *elem),
               void **out, size_t *n, const char *what, struct lx_error *err);

#endif
