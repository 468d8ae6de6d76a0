/* What several unit tests share: a scratch folder, a fresh database target
 * (a SQLite file, or a PostgreSQL database when LAOXIAO_TEST_PG names a
 * cluster, see tests/pg/cluster.py), and a look at that database from
 * outside the store, with sqlite3 or libpq itself. */
#ifndef LX_TESTS_UNIT_SUPPORT_H
#define LX_TESTS_UNIT_SUPPORT_H

#include <stddef.h>

/* Creates a fresh folder under $TMPDIR (or /tmp) named after prefix into
 * dir; 0 or -1. */
int scratch_make(char *dir, size_t size, const char *prefix);
/* Removes the folder and the files in it; 0 or -1. */
int scratch_remove(const char *dir);

/* Opens target through the store (migrating it), or fails the test with
 * the store's message. In support_db.c: only tests that link the store
 * call it. */
struct db;
struct db *db_open_ok(const char *target);

/* A fresh database target written into out: "dir/name" (a SQLite file, not
 * yet made), or, when LAOXIAO_TEST_PG is set, the URL of a new empty
 * database (UTF8, C collation) on that cluster. 0, or -1 with a message on
 * stderr. */
int db_target(char *out, size_t size, const char *dir, const char *name);
/* 1 when target is a PostgreSQL URL, else 0. */
int db_target_is_pg(const char *target);
/* The base URL of the test cluster (borrowed from the environment), or
 * NULL when the tests run on SQLite. */
const char *db_target_cluster(void);

/* Runs sql on the target; a failure fails the test with the message. */
void sql_exec(const char *target, const char *sql);
/* The first column of the first row of sql, or -1 without a row. */
long long sql_int(const char *target, const char *sql);
/* The first column of row n (from 0) of sql into out; 0, or -1 without
 * such a row (out is then ""). */
int sql_text(const char *target, const char *sql, int n, char *out,
             size_t size);

/* Makes every INSERT into table fail with "injected failure" while cond
 * (an SQL expression that may use NEW) holds: a trigger named
 * lx_test_fail, written in the target's dialect. With rollback on SQLite,
 * RAISE(ROLLBACK) (the whole transaction goes) instead of RAISE(ABORT);
 * PostgreSQL has only the one kind. */
void sql_fail_inserts(const char *target, const char *table, const char *cond,
                      int rollback);
/* Removes that trigger again. */
void sql_fail_inserts_end(const char *target, const char *table);

/* The schema version the database records: PRAGMA user_version on SQLite;
 * on PostgreSQL the one row of lx_schema, 0 when there is none. */
long long sql_schema_version(const char *target);
/* Records v as that version, as a newer program would. */
void sql_set_schema_version(const char *target, long long v);

#endif
