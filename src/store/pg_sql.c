#include "store/pg_sql.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	char *s;
	size_t len, cap;
	int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 256) + n;
		char *g = realloc(b->s, cap);

		if (!g) {
			b->oom = 1;
			return;
		}
		b->s = g;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static char *done(struct buf *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	if (!b->s)
		put(b, "", 0);
	return b->s;
}

/* The length of the quoted text, quoted name or comment at s, 0 when s
 * starts none. A quote inside is doubled, as in standard SQL. */
size_t pg_sql_skip_quoted(const char *s)
{
	const char *p = s;

	if (*s == '\'' || *s == '"') {
		char q = *s;

		for (p = s + 1; *p; p++)
			if (*p == q) {
				if (p[1] != q)
					return (size_t)(p + 1 - s);
				p++;
			}
		return (size_t)(p - s);
	}
	if (s[0] == '-' && s[1] == '-') {
		while (*p && *p != '\n')
			p++;
		return (size_t)(p - s);
	}
	return 0;
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

void pg_params_free(struct pg_params *p)
{
	for (int i = 0; i < p->count; i++)
		free(p->names[i]);
	free(p->names);
	free(p->used);
	p->names = NULL;
	p->used = NULL;
	p->count = 0;
}

/* Makes sure names has room for parameter n (1-based). */
static int grow_names(struct pg_params *p, int n)
{
	if (n > p->count) {
		char **g = realloc(p->names, (size_t)n * sizeof(*g));
		unsigned char *u;

		if (!g)
			return -1;
		p->names = g;
		if (!(u = realloc(p->used, (size_t)n)))
			return -1;
		p->used = u;
		for (int i = p->count; i < n; i++) {
			g[i] = NULL;
			u[i] = 0;
		}
		p->count = n;
	}
	return 0;
}

/* From just after a "(", the position of its matching ")", or NULL. */
const char *pg_sql_closing(const char *s)
{
	int depth = 1;

	while (*s) {
		size_t q = pg_sql_skip_quoted(s);

		if (q) {
			s += q;
			continue;
		}
		if (*s == '(')
			depth++;
		else if (*s == ')' && --depth == 0)
			return s;
		s++;
	}
	return NULL;
}

/* Rewrites every "($N IS NULL OR rest)" of the translated sql in place as
 * "(rest OR $N IS NULL)": same length, same truth. */
static char *null_tests_last(char *sql)
{
	char *s = sql;

	while (s && *s) {
		size_t q = pg_sql_skip_quoted(s);
		const char *end;
		char *t, *rest;
		size_t head, tail;

		if (q) {
			s += q;
			continue;
		}
		if (*s != '(' || s[1] != '$') {
			s++;
			continue;
		}
		t = s + 2;
		while (isdigit((unsigned char)*t))
			t++;
		if (t == s + 2 || strncmp(t, " IS NULL OR ", 12) ||
		    !(end = pg_sql_closing(s + 1))) {
			s++;
			continue;
		}
		/* head: "$N IS NULL", rest: what follows " OR " */
		head = (size_t)(t + 8 - (s + 1));
		rest = t + 12;
		tail = (size_t)(end - rest);
		{
			char *swap = malloc(head + tail + 5);

			if (!swap)
				return sql;
			memcpy(swap, rest, tail);
			memcpy(swap + tail, " OR ", 4);
			memcpy(swap + tail + 4, s + 1, head);
			memcpy(s + 1, swap, head + tail + 4);
			free(swap);
		}
		s++;
	}
	return sql;
}

char *pg_translate_params(const char *sql, struct pg_params *p)
{
	struct buf b = { 0 };
	const char *s = sql;
	char num[16];

	p->count = 0;
	p->names = NULL;
	p->used = NULL;
	while (*s) {
		size_t q = pg_sql_skip_quoted(s);
		int n = 0;

		if (q) {
			put(&b, s, q);
			s += q;
			continue;
		}
		if (*s == '?') {
			s++;
			if (isdigit((unsigned char)*s)) {
				while (isdigit((unsigned char)*s))
					n = n * 10 + (*s++ - '0');
			} else {
				n = p->count + 1;
			}
		} else if (*s == ':' && is_ident((unsigned char)s[1]) &&
		           !isdigit((unsigned char)s[1])) {
			const char *e = s + 1;

			while (is_ident((unsigned char)*e))
				e++;
			for (int i = 0; i < p->count; i++)
				if (p->names[i] &&
				    strlen(p->names[i]) == (size_t)(e - s) &&
				    !memcmp(p->names[i], s, (size_t)(e - s)))
					n = i + 1;
			if (!n) {
				n = p->count + 1;
				if (grow_names(p, n) ||
				    !(p->names[n - 1] =
				          strndup(s, (size_t)(e - s))))
					b.oom = 1;
			}
			s = e;
		} else {
			put(&b, s++, 1);
			continue;
		}
		if (grow_names(p, n))
			b.oom = 1;
		else
			p->used[n - 1] = 1;
		snprintf(num, sizeof(num), "$%d", n);
		put(&b, num, strlen(num));
	}
	if (b.oom)
		pg_params_free(p);
	return null_tests_last(done(&b));
}

/* Whether s starts with the keyword kw as a whole word. */
static int word_at(const char *s, const char *kw)
{
	size_t n = strlen(kw);

	return !strncmp(s, kw, n) && !is_ident((unsigned char)s[n]);
}

static const char *skip_space(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* Whether the table body [s, e) has a column "INTEGER PRIMARY KEY"
 * (SQLite's rowid alias, even when it also refers to another table), or
 * e is followed by WITHOUT ROWID: either way SQLite gives it no separate
 * rowid. */
static int has_rowid_alias(const char *s, const char *e)
{
	const char *tail = skip_space(e + 1);

	if (word_at(tail, "STRICT")) {
		tail = skip_space(tail + 6);
		if (*tail == ',')
			tail = skip_space(tail + 1);
	}
	if (word_at(tail, "WITHOUT"))
		return 1;
	for (const char *p = s; p < e; p++) {
		size_t q = pg_sql_skip_quoted(p);

		if (q) {
			p += q - 1;
			continue;
		}
		if (word_at(p, "INTEGER PRIMARY KEY"))
			return 1;
	}
	return 0;
}

char *pg_translate_ddl(const char *sql)
{
	struct buf b = { 0 };
	const char *s = sql;
	const char *close = NULL; /* where to add a rowid column */

	while (*s) {
		size_t q = pg_sql_skip_quoted(s);

		if (q) {
			put(&b, s, q);
			s += q;
			continue;
		}
		if (close && s == close) {
			static const char col[] =
			    ", rowid BIGINT GENERATED BY DEFAULT AS IDENTITY";

			put(&b, col, sizeof(col) - 1);
			close = NULL;
		}
		if (s != sql && is_ident((unsigned char)s[-1])) {
			put(&b, s++, 1);
			continue;
		}
		if (word_at(s, "CREATE TABLE")) {
			const char *open = strchr(s, '(');

			if (open) {
				const char *e = pg_sql_closing(open + 1);

				if (e && !has_rowid_alias(open + 1, e))
					close = e;
			}
			put(&b, s, 12);
			s += 12;
		} else if (word_at(s, "INTEGER PRIMARY KEY") &&
		           (*skip_space(s + 19) == ',' ||
		            *skip_space(s + 19) == ')')) {
			static const char id[] =
			    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY "
			    "KEY";

			put(&b, id, sizeof(id) - 1);
			s += 19;
		} else if (word_at(s, "INTEGER")) {
			put(&b, "BIGINT", 6);
			s += 7;
		} else if (word_at(s, "TEXT")) {
			/* byte order, as SQLite compares text, whatever the
			 * database's default collation */
			put(&b, "TEXT COLLATE \"C\"", 16);
			s += 4;
		} else if (word_at(s, "REAL")) {
			put(&b, "DOUBLE PRECISION", 16);
			s += 4;
		} else if (word_at(s, "BLOB")) {
			put(&b, "BYTEA", 5);
			s += 4;
		} else if (word_at(s, "STRICT")) {
			while (b.len && b.s[b.len - 1] == ' ')
				b.s[--b.len] = '\0';
			s = skip_space(s + 6);
			if (*s == ',')
				s = skip_space(s + 1);
		} else if (word_at(s, "WITHOUT ROWID")) {
			s += 13;
		} else {
			put(&b, s++, 1);
		}
	}
	return done(&b);
}
