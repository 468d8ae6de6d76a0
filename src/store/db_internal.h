/* Shared by the store/ files only: the sqlite handle and statement helpers. */
#ifndef LX_STORE_DB_INTERNAL_H
#define LX_STORE_DB_INTERNAL_H

#include "store/db.h"

#include <sqlite3.h>
#include <stddef.h>

/* Prepared statements are kept on the connection, keyed by their SQL
 * text: parsing SQL cost more than running it for the registry's small
 * writes (an import prepared eight statements a row). */
enum { DB_STMT_CACHE = 64 };

struct db_cached {
	char *sql; /* malloc'd copy */
	size_t len;
	sqlite3_stmt *st;
	int busy; /* handed out and not yet finished */
};

struct db {
	sqlite3 *h;
	size_t ncached;
	struct db_cached cache[DB_STMT_CACHE];
	char *deferred; /* CREATE INDEX statements dropped for a bulk load */
	/* what db_data_changed saw last: PRAGMA data_version and
	 * sqlite3_total_changes64 (seen 0 until it is first asked) */
	int seen;
	long long seen_version, seen_changes;
	int read_open; /* db_begin_read began a transaction */
};

/* A prepared statement for sql, from the cache when a free one is there.
 * Returns NULL and fills err on failure. Release with db_finish(), never
 * sqlite3_finalize(). */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, struct lx_error *err);

/* Resets a statement from db_prepare and returns it to the cache (or
 * finalizes one the cache had no room for). NULL is a no-op. */
void db_finish(struct db *db, sqlite3_stmt *st);

/* Fills err from the connection's last error; maps UNIQUE and FOREIGN KEY
 * violations to LX_ECONFLICT / LX_EINVALID. Returns -1. */
int db_fail(struct db *db, struct lx_error *err, const char *what);

/* Whether the last error was a foreign key violation (as opposed to a
 * CHECK or NOT NULL failure, which db_fail also reports as LX_EINVALID). */
int db_fk_violation(struct db *db);

/* Binding helpers: NULL strings bind SQL NULL; empty optional dates too. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_opt_text(sqlite3_stmt *st, int i, const char *s);

/* Column text copied into a fixed buffer of n bytes, "" for NULL. */
void db_col_copy(char *dst, size_t n, sqlite3_stmt *st, int i);

/* Column text copied into the arena; NULL stays NULL. */
struct arena;
char *db_col_text(struct arena *a, sqlite3_stmt *st, int i);

/* Binds the subtree range of region (store/subtree.h) to parameters lo
 * and hi. */
void db_bind_subtree(sqlite3_stmt *st, int lo, int hi, const char *region);

/* Steps st to the end, growing an arena array of elsize-byte elements and
 * filling each with read(arena, st, element). Finishes st. On error
 * (naming what) returns -1; else *out and *n. */
int db_collect(struct db *db, struct arena *a, sqlite3_stmt *st, size_t elsize,
               void (*read)(struct arena *a, sqlite3_stmt *st, void *elem),
               void **out, size_t *n, const char *what, struct lx_error *err);

/* Runs a statement with no result rows; 0 or -1. */
int db_exec(struct db *db, const char *sql, struct lx_error *err);

#endif
