#include "support.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>

int scratch_make(char *dir, size_t size, const char *prefix)
{
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	if ((size_t)snprintf(dir, size, "%s/%s-XXXXXX", base, prefix) >= size)
		return -1;
	return mkdtemp(dir) ? 0 : -1;
}

int scratch_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[1024];

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	closedir(d);
	return rmdir(dir);
}

const char *db_target_cluster(void)
{
	const char *base = getenv("LAOXIAO_TEST_PG");

	return base && *base ? base : NULL;
}

int db_target_is_pg(const char *target)
{
	return !strncmp(target, "postgresql://", 13) ||
	       !strncmp(target, "postgres://", 11);
}

/* base (a URL without a database, maybe with ?params) + "/" + name */
static int url_with_db(char *out, size_t size, const char *base,
                       const char *name)
{
	const char *q = strchr(base, '?');
	size_t head = q ? (size_t)(q - base) : strlen(base);
	int n;

	while (head > 0 && base[head - 1] == '/')
		head--;
	n = snprintf(out, size, "%.*s/%s%s", (int)head, base, name, q ? q : "");
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* A connection to target; fails the test when there is none. */
static PGconn *pg_connect(const char *target)
{
	PGconn *c = PQconnectdb(target);

	if (PQstatus(c) != CONNECTION_OK) {
		char copy[512];

		snprintf(copy, sizeof(copy), "%s", PQerrorMessage(c));
		PQfinish(c);
		fail_msg("connect to %s: %s", target, copy);
	}
	return c;
}

/* Runs sql; fails the test on an error. The result is the caller's. */
static PGresult *pg_run(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(r);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		char copy[512];

		snprintf(copy, sizeof(copy), "%s", PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
		fail_msg("%s: %s", sql, copy);
	}
	return r;
}

int db_target(char *out, size_t size, const char *dir, const char *name)
{
	static unsigned seq;
	const char *base = db_target_cluster();
	char admin[512], db[96], sql[256];
	PGconn *c;
	PGresult *r;
	int ret = -1;

	if (!base) {
		int n = snprintf(out, size, "%s/%s", dir, name);

		return n < 0 || (size_t)n >= size ? -1 : 0;
	}
	snprintf(db, sizeof(db), "lx_unit_%ld_%u_%ld", (long)getpid(), ++seq,
	         (long)(random() % 100000));
	if (url_with_db(admin, sizeof(admin), base, "postgres") ||
	    url_with_db(out, size, base, db))
		return -1;
	c = PQconnectdb(admin);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "db_target: %s: %s", admin, PQerrorMessage(c));
		goto cleanup;
	}
	snprintf(sql, sizeof(sql),
	         "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'"
	         " LC_COLLATE 'C' LC_CTYPE 'C'",
	         db);
	r = PQexec(c, sql);
	if (PQresultStatus(r) == PGRES_COMMAND_OK)
		ret = 0;
	else
		fprintf(stderr, "db_target: %s: %s", sql, PQerrorMessage(c));
	PQclear(r);
cleanup:
	PQfinish(c);
	return ret;
}

void sql_exec(const char *target, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;

	if (db_target_is_pg(target)) {
		PGconn *c = pg_connect(target);

		PQclear(pg_run(c, sql));
		PQfinish(c);
		return;
	}
	assert_int_equal(sqlite3_open(target, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char copy[256];

		snprintf(copy, sizeof(copy), "%s", msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(h);
		fail_msg("%s: %s", sql, copy);
	}
	sqlite3_close(h);
}

int sql_text(const char *target, const char *sql, int n, char *out, size_t size)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int ret = -1;

	out[0] = '\0';
	if (db_target_is_pg(target)) {
		PGconn *c = pg_connect(target);
		PGresult *r = pg_run(c, sql);

		if (n < PQntuples(r) && !PQgetisnull(r, n, 0)) {
			snprintf(out, size, "%s", PQgetvalue(r, n, 0));
			ret = 0;
		}
		PQclear(r);
		PQfinish(c);
		return ret;
	}
	assert_int_equal(sqlite3_open(target, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n-- == 0) {
			const unsigned char *v = sqlite3_column_text(st, 0);

			if (v) {
				snprintf(out, size, "%s", (const char *)v);
				ret = 0;
			}
			break;
		}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return ret;
}

long long sql_int(const char *target, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (db_target_is_pg(target)) {
		char text[64];

		if (sql_text(target, sql, 0, text, sizeof(text)))
			return -1;
		return strtoll(text, NULL, 10);
	}
	assert_int_equal(sqlite3_open(target, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

void sql_fail_inserts(const char *target, const char *table, const char *cond,
                      int rollback)
{
	char sql[1024];

	if (db_target_is_pg(target))
		snprintf(sql, sizeof(sql),
		         "CREATE FUNCTION lx_test_fail_f() RETURNS trigger"
		         " LANGUAGE plpgsql AS $$ BEGIN IF %s THEN"
		         " RAISE EXCEPTION 'injected failure'; END IF;"
		         " RETURN NEW; END $$;"
		         "CREATE TRIGGER lx_test_fail BEFORE INSERT ON %s"
		         " FOR EACH ROW EXECUTE FUNCTION lx_test_fail_f();",
		         cond, table);
	else
		snprintf(sql, sizeof(sql),
		         "CREATE TRIGGER lx_test_fail BEFORE INSERT ON %s"
		         " WHEN %s BEGIN SELECT RAISE(%s, 'injected failure');"
		         " END;",
		         table, cond, rollback ? "ROLLBACK" : "ABORT");
	sql_exec(target, sql);
}

void sql_fail_inserts_end(const char *target, const char *table)
{
	char sql[256];

	if (db_target_is_pg(target))
		snprintf(sql, sizeof(sql),
		         "DROP TRIGGER lx_test_fail ON %s;"
		         "DROP FUNCTION lx_test_fail_f();",
		         table);
	else
		snprintf(sql, sizeof(sql), "DROP TRIGGER lx_test_fail;");
	sql_exec(target, sql);
}

long long sql_schema_version(const char *target)
{
	long long v;

	if (!db_target_is_pg(target))
		return sql_int(target, "PRAGMA user_version");
	if (sql_int(target, "SELECT count(*) FROM information_schema.tables"
	                    " WHERE table_name = 'lx_schema'"
	                    " AND table_schema = current_schema()") < 1)
		return 0;
	v = sql_int(target, "SELECT version FROM lx_schema");
	return v < 0 ? 0 : v;
}

void sql_set_schema_version(const char *target, long long v)
{
	char sql[256];

	if (db_target_is_pg(target))
		snprintf(sql, sizeof(sql),
		         "UPDATE lx_schema SET version = %lld", v);
	else
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %lld", v);
	sql_exec(target, sql);
	if (sql_schema_version(target) != v)
		fail_msg("%s: the schema version did not become %lld: it is not"
		         " where sql_schema_version() looks",
		         target, v);
}
