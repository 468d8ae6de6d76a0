/*
 * The SQL of the store is written once, in the dialect both databases
 * accept. What PostgreSQL still reads differently is translated here,
 * without I/O: SQLite's parameters (?, ?N, :name) become $N, and the
 * migrations' column types become PostgreSQL's.
 */
#ifndef LX_STORE_PG_SQL_H
#define LX_STORE_PG_SQL_H

#include <stddef.h>

/* The parameters of one statement after translation. names[i] is the
 * name of parameter i + 1 (":as_of") or NULL when it was positional. */
struct pg_params {
	int count; /* the highest parameter number */
	char **names;
	unsigned char *used; /* used[i]: the SQL refers to parameter i + 1 */
};

/* Rewrites sql's parameters as PostgreSQL's $N, numbered as SQLite
 * numbers them: ?N is N, a bare ? one more than the highest so far, a
 * name the next number at its first use and the same one after. Quoted
 * text, quoted names and comments are copied as they are. Returns a
 * malloc'd string (NULL when out of memory) and fills p; free with
 * pg_params_free.
 *
 * A test "(?N IS NULL OR expr)" becomes "(expr OR $N IS NULL)": the same
 * truth, but PostgreSQL meets the parameter first where its type shows
 * (a column it is compared with) and can type the NULL test from it. */
char *pg_translate_params(const char *sql, struct pg_params *p);
void pg_params_free(struct pg_params *p);

/* Rewrites a migration's CREATE and ALTER statements for PostgreSQL:
 * INTEGER is BIGINT and an INTEGER PRIMARY KEY of its own an identity
 * column, REAL is DOUBLE PRECISION, BLOB is BYTEA, TEXT compares
 * bytes (COLLATE "C", as SQLite), STRICT and WITHOUT
 * ROWID go, and a table that in SQLite would have an implicit rowid
 * gets it as a column, so that "ORDER BY rowid" (the order rows were
 * written in) means the same on both. Returns a malloc'd string. */
char *pg_translate_ddl(const char *sql);

/* The length of the quoted text, quoted name or comment at s, 0 when s
 * starts none. */
size_t pg_sql_skip_quoted(const char *s);

/* From just after a "(", the position of its matching ")", or NULL. */
const char *pg_sql_closing(const char *s);

#endif
