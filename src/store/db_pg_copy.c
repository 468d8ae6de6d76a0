/*
 * Rows into a PostgreSQL table through COPY FROM STDIN, text format: each
 * row a line of tab-separated fields, NULL as \N, backslash, tab, newline
 * and carriage return escaped, bytes as \\x and hex (bytea's text form,
 * its backslash escaped). Lines are gathered into chunks of CHUNK bytes
 * and sent with PQputCopyData; the server answers once, at the end.
 * Inside the caller's transaction: a failure leaves it to be rolled back.
 */
#include "store/db_pg_copy.h"

#include "core/error.h"
#include "store/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 1 << 18 };

/* The lines not sent yet; malloc'd, freed by copy_in. */
struct chunk {
	char *p;
	size_t n, cap;
	int oom;
};

static void put(struct chunk *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : CHUNK + 4096;
		char *p;

		while (b->n + n > cap)
			cap *= 2;
		if (!(p = realloc(b->p, cap))) {
			b->oom = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void put_str(struct chunk *b, const char *s)
{
	put(b, s, strlen(s));
}

static void put_text(struct chunk *b, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *esc = *s == '\\'   ? "\\\\"
		                  : *s == '\t' ? "\\t"
		                  : *s == '\n' ? "\\n"
		                  : *s == '\r' ? "\\r"
		                               : NULL;

		if (!esc)
			continue;
		put(b, run, (size_t)(s - run));
		put(b, esc, 2);
		run = s + 1;
	}
	put(b, run, (size_t)(s - run));
}

static void put_bytes(struct chunk *b, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char pair[2];

	put(b, "\\\\x", 3);
	for (size_t i = 0; i < n; i++) {
		pair[0] = hex[p[i] >> 4];
		pair[1] = hex[p[i] & 15];
		put(b, pair, 2);
	}
}

/* The current row of src as one line, its values read by kind. */
static void put_row(struct chunk *b, struct stmt *src, const char *kinds,
                    int ncols)
{
	char num[40];

	for (int i = 0; i < ncols; i++) {
		if (i)
			put(b, "\t", 1);
		if (db_col_null(src, i)) {
			put(b, "\\N", 2);
			continue;
		}
		switch (kinds[i]) {
		case 'i':
			put(b, num,
			    (size_t)snprintf(num, sizeof(num), "%lld",
			                     db_col_int64(src, i)));
			break;
		case 'd':
			put(b, num,
			    (size_t)snprintf(num, sizeof(num), "%.17g",
			                     db_col_double(src, i)));
			break;
		case 'b':
			put_bytes(b, db_col_blob(src, i),
			          (size_t)db_col_bytes(src, i));
			break;
		default:
			put_text(b, db_col_str(src, i));
		}
	}
	put(b, "\n", 1);
}

/* A quoted identifier, a quote in it doubled. */
static void put_ident(struct chunk *b, const char *name)
{
	put(b, "\"", 1);
	for (; *name; name++)
		put(b, *name == '"' ? "\"\"" : name, *name == '"' ? 2 : 1);
	put(b, "\"", 1);
}

/* COPY "table" ("c1", …) FROM STDIN, NUL-terminated. */
static void copy_sql(struct chunk *b, const char *table,
                     const char *const *cols, int ncols)
{
	b->n = 0;
	put_str(b, "COPY ");
	put_ident(b, table);
	put_str(b, " (");
	for (int i = 0; i < ncols; i++) {
		if (i)
			put(b, ", ", 2);
		put_ident(b, cols[i]);
	}
	put_str(b, ") FROM STDIN");
	put(b, "", 1);
}

/* err from the server's answer res (or the connection's last message);
 * returns -1. */
static int fail_res(PGconn *c, const PGresult *res, const char *table,
                    struct lx_error *err)
{
	const char *m =
	    res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	return lx_fail(err, LX_EINTERNAL, "",
	               "database error copying into '%s': %s", table,
	               m ? m : PQerrorMessage(c));
}

/* The server's answer to the end of a COPY: 0 when it took every row. */
static int copy_result(PGconn *c, const char *table, struct lx_error *err)
{
	PGresult *res;
	int ret = 0;

	while ((res = PQgetResult(c))) {
		if (!ret && PQresultStatus(res) != PGRES_COMMAND_OK)
			ret = fail_res(c, res, table, err);
		PQclear(res);
	}
	return ret;
}

/* ALTER TABLE "table" [NO ]FORCE ROW LEVEL SECURITY into b. */
static int force_sql(struct chunk *b, const char *table, const char *no,
                     struct lx_error *err)
{
	b->n = 0;
	put_str(b, "ALTER TABLE ");
	put_ident(b, table);
	put(b, " ", 1);
	put(b, no, strlen(no));
	put_str(b, "FORCE ROW LEVEL SECURITY");
	put(b, "", 1);
	return b->oom ? lx_fail(err, LX_EINTERNAL, "", "out of memory") : 0;
}

/* Runs sql, a command; 0, or -1 and err naming table. */
static int exec(PGconn *c, const char *sql, const char *table,
                struct lx_error *err)
{
	PGresult *res = PQexec(c, sql);
	int ret = 0;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		ret = fail_res(c, res, table, err);
	PQclear(res);
	return ret;
}

/*
 * COPY FROM refuses a table whose row-level security holds the one
 * copying (db_pg.c forces it on the owner for the people registry). The
 * owner lifts FORCE for the copy and puts it back after: both in the
 * caller's transaction, so nobody else sees the table without it, and a
 * failed copy's rollback puts it back too. *forced says whether it was.
 */
static int unforce(PGconn *c, struct chunk *b, const char *table, int *forced,
                   struct lx_error *err)
{
	PGresult *res;
	char *lit;

	b->n = 0;
	put_ident(b, table);
	put(b, "", 1);
	if (b->oom || !(lit = PQescapeLiteral(c, b->p, strlen(b->p))))
		return lx_fail(err, LX_EINTERNAL, "", "out of memory");
	b->n = 0;
	put_str(b, "SELECT relforcerowsecurity FROM pg_class WHERE oid = ");
	put(b, lit, strlen(lit));
	put_str(b, "::regclass");
	put(b, "", 1);
	PQfreemem(lit);
	if (b->oom)
		return lx_fail(err, LX_EINTERNAL, "", "out of memory");
	res = PQexec(c, b->p);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fail_res(c, res, table, err);
		PQclear(res);
		return -1;
	}
	*forced = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	if (!*forced)
		return 0;
	return force_sql(b, table, "NO ", err) || exec(c, b->p, table, err);
}

long long db_pg_copy_in(struct db *db, const char *table,
                        const char *const *cols, const char *kinds, int ncols,
                        struct stmt *src,
                        void (*seen)(void *arg, struct stmt *src), void *arg,
                        struct lx_error *err)
{
	PGconn *c = db_pg_conn(db);
	struct chunk b = { 0 };
	const char *abort_why = "the copy failed";
	long long rows = 0, ret = -1;
	PGresult *res;
	int rc, forced = 0;

	if (unforce(c, &b, table, &forced, err))
		goto out;
	copy_sql(&b, table, cols, ncols);
	if (b.oom) {
		lx_fail(err, LX_EINTERNAL, "", "out of memory");
		goto out;
	}
	res = PQexec(c, b.p);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		fail_res(c, res, table, err);
		PQclear(res);
		goto out;
	}
	PQclear(res);
	b.n = 0;
	while ((rc = db_step(src)) == DB_ROW) {
		if (seen)
			seen(arg, src);
		put_row(&b, src, kinds, ncols);
		rows++;
		if (b.oom) {
			lx_fail(err, LX_EINTERNAL, "", "out of memory");
			goto abort;
		}
		if (b.n >= CHUNK) {
			if (PQputCopyData(c, b.p, (int)b.n) != 1)
				goto sent;
			b.n = 0;
		}
	}
	if (rc != DB_DONE) {
		db_fail(src->db, err, "reading the source");
		abort_why = "the source could not be read";
		goto abort;
	}
	if (b.n && PQputCopyData(c, b.p, (int)b.n) != 1)
		goto sent;
	if (PQputCopyEnd(c, NULL) != 1)
		goto sent;
	if (copy_result(c, table, err))
		goto out;
	if (forced &&
	    (force_sql(&b, table, "", err) || exec(c, b.p, table, err)))
		goto out;
	ret = rows;
	goto out;
sent: /* the connection failed: what the server said, if anything */
	if (copy_result(c, table, err) == 0)
		fail_res(c, NULL, table, err);
	goto out;
abort: /* the server drops the rows sent so far; err is already set */
	if (PQputCopyEnd(c, abort_why) == 1)
		copy_result(c, table, NULL);
out:
	free(b.p);
	return ret;
}
