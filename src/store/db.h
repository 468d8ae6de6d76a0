/*
 * The database connection: open, migrate, run transactions. Two backends
 * answer behind it: a SQLite file (the embedded default) and a PostgreSQL
 * server (a province, several servers). Only store/ knows which; the rest
 * of the program holds a struct db and calls store functions.
 */
#ifndef LX_STORE_DB_H
#define LX_STORE_DB_H

#include "core/error.h"

struct db;

/* Opens the database target, and applies pending migrations. A target
 * "postgresql://…" (or "postgres://…", any libpq URI) is a PostgreSQL
 * database that must exist; anything else is the path of a SQLite file,
 * created if needed, with WAL, foreign keys and a busy timeout. A database
 * written by a newer laoxiao is refused with LX_EINTERNAL and a message
 * saying so. Returns NULL on error; caller closes with db_close(). */
struct db *db_open(const char *target, struct lx_error *err);

/* Whether target names a database server rather than a file. */
int db_is_server_url(const char *target);

/* Whether this open found the database empty and built its schema. */
int db_created(struct db *db);

/* *holds: whether the database has any region or account (a schema and
 * nothing in it is still a new database). 0 or -1. */
int db_holds_data(struct db *db, int *holds, struct lx_error *err);

/* "sqlite" or "postgresql". */
const char *db_backend_name(struct db *db);

/* Closes; NULL is a no-op. */
void db_close(struct db *db);

/* Schema version the database is at, and the one this program writes. */
int db_schema_version(struct db *db);
int db_schema_latest(void);

/* Transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE) so a
 * writer never fails half-way on a lock upgrade. db_rollback is safe to call
 * when no transaction is open. */
int db_begin(struct db *db, struct lx_error *err);
int db_commit(struct db *db, struct lx_error *err);
void db_rollback(struct db *db);

/* Whether a transaction is open. SQLite rolls a transaction back by itself
 * on some errors (disk full, I/O, out of memory): a loop writing many rows
 * checks this after each one so nothing after such a rollback is written
 * outside the transaction. */
int db_in_transaction(struct db *db);

/* Nested units of work inside an open transaction: a savepoint, released
 * on success or rolled back to on failure, leaving the outer transaction
 * open either way. */
int db_savepoint(struct db *db, struct lx_error *err);
int db_release(struct db *db, struct lx_error *err);
void db_rollback_savepoint(struct db *db);

/* For building a fresh database in one go (laoxiao synth): no fsync until
 * the end, the rollback journal in memory and a large page cache. A crash
 * part-way can lose the file, which is acceptable only because the database is
 * new and is deleted on failure anyway. */
int db_bulk_load(struct db *db, struct lx_error *err);
/* Back to the usual journal (WAL) and cache after a bulk load. */
int db_bulk_done(struct db *db, struct lx_error *err);
/* The indexes a bulk load put off, built now (once; a no-op when none
 * are pending): for a load whose later steps read the rows already
 * loaded by those indexes. Without them each such read scans the table,
 * and a read per township of a city's people grows with the square of
 * the city. db_bulk_done still restores the journal and cache. */
int db_bulk_indexes(struct db *db, struct lx_error *err);

/* A read transaction, so that several queries see one snapshot of the
 * database even while other connections write. Inside an open transaction
 * it does nothing (that one already gives a snapshot); db_end_read ends
 * only a transaction db_begin_read began. */
int db_begin_read(struct db *db, struct lx_error *err);
void db_end_read(struct db *db);

/*
 * Whether the data may have changed since this connection last asked:
 * *changed is 1 when another connection (of this process or any other)
 * committed since (PRAGMA data_version moves), when this connection
 * changed rows itself (sqlite3_total_changes64 moves; rows changed and
 * rolled back count too, which only costs a needless "changed"), and on
 * the first call on a connection, which has nothing to compare with.
 * Called inside db_begin_read, the answer is about that snapshot.
 */
int db_data_changed(struct db *db, int *changed, struct lx_error *err);

/* The id of the last inserted row on this connection. */
long long db_last_id(struct db *db);

/* Writes a consistent copy of the database to path (which must not
 * exist) while others go on reading and writing: VACUUM INTO, one read
 * transaction. Returns 0 or -1. */
int db_copy_to(struct db *db, const char *path, struct lx_error *err);

/* Limits what the connection's later statements may see and change to
 * the subtree of region ("" or NULL: everything). PostgreSQL enforces it
 * with row-level security as a second wall behind the application's own
 * checks; SQLite has no database roles and does nothing. */
int db_set_scope(struct db *db, const char *region, struct lx_error *err);

/* PRAGMA integrity_check: 0 when "ok", else -1 with the first problem in
 * err. */
int db_check_integrity(struct db *db, struct lx_error *err);

#endif
