#include "core/csv.h"

#include <string.h>

/* Growable arrays kept in the arena while parsing. */
struct fields {
	char **v;
	size_t n, cap;
};

struct rows {
	struct csv_row *v;
	size_t n, cap;
};

struct parser {
	struct arena *a;
	const char *p, *end;
	long line; /* current physical line, 1-based */
	struct abuf field;
	struct lx_error *err;
};

static void fields_push(struct arena *a, struct fields *f, char *s)
{
	f->v = arena_grow(a, f->v, f->n, &f->cap, sizeof(*f->v));
	f->v[f->n++] = s;
}

static void rows_push(struct arena *a, struct rows *r, struct csv_row row)
{
	r->v = arena_grow(a, r->v, r->n, &r->cap, sizeof(*r->v));
	r->v[r->n++] = row;
}

/* If a line end (LF, CRLF or CR) starts at p->p, consumes it, counts the
 * line and returns 1; else 0. */
static int eat_eol(struct parser *p)
{
	if (p->p < p->end && *p->p == '\n') {
		p->p++;
	} else if (p->p < p->end && *p->p == '\r') {
		p->p++;
		if (p->p < p->end && *p->p == '\n')
			p->p++;
	} else {
		return 0;
	}
	p->line++;
	return 1;
}

static int at_eol(const struct parser *p)
{
	return p->p == p->end || *p->p == '\n' || *p->p == '\r';
}

/* Reads a quoted field, p->p at the opening quote, into *out. */
static int quoted_field(struct parser *p, size_t col, char **out)
{
	long start = p->line;

	p->field.len = 0; /* reuse the buffer from field to field */
	p->p++;
	for (;;) {
		const char *q = p->p;

		while (q < p->end && *q != '"' && *q != '\n' && *q != '\r' &&
		       *q != '\0')
			q++;
		abuf_append(&p->field, p->p, (size_t)(q - p->p));
		p->p = q;
		if (p->p == p->end)
			return lx_fail(p->err, LX_EINVALID, NULL,
			               "quoted field %zu starting on line %ld "
			               "is never closed",
			               col, start);
		if (*p->p == '\0')
			return lx_fail(p->err, LX_EINVALID, NULL,
			               "NUL byte on line %ld", p->line);
		if (*p->p == '"') {
			p->p++;
			if (p->p < p->end && *p->p == '"') {
				abuf_append(&p->field, "\"", 1);
				p->p++;
				continue;
			}
			break;
		}
		/* a line break inside quotes is data, kept as written */
		q = p->p;
		eat_eol(p);
		abuf_append(&p->field, q, (size_t)(p->p - q));
	}
	if (!at_eol(p) && *p->p != ',')
		return lx_fail(p->err, LX_EINVALID, NULL,
		               "line %ld, field %zu: text after the closing "
		               "quote (a quote inside a field must be doubled)",
		               p->line, col);
	*out = arena_strndup(p->a, p->field.data, p->field.len);
	return 0;
}

/* Reads an unquoted field into *out, up to a comma or line end. */
static int plain_field(struct parser *p, size_t col, char **out)
{
	const char *q = p->p;

	while (q < p->end && *q != ',' && *q != '\n' && *q != '\r') {
		if (*q == '"')
			return lx_fail(
			    p->err, LX_EINVALID, NULL,
			    "line %ld, field %zu: a quote in a field "
			    "that does not start with a quote",
			    p->line, col);
		if (*q == '\0')
			return lx_fail(p->err, LX_EINVALID, NULL,
			               "NUL byte on line %ld", p->line);
		q++;
	}
	*out = arena_strndup(p->a, p->p, (size_t)(q - p->p));
	p->p = q;
	return 0;
}

/* Reads one row, p->p at its first character (not at a line end). */
static int row(struct parser *p, struct csv_row *out)
{
	struct fields f = { 0 };

	out->line = p->line;
	for (;;) {
		char *s = NULL;
		int rc;

		if (p->p < p->end && *p->p == '"')
			rc = quoted_field(p, f.n + 1, &s);
		else
			rc = plain_field(p, f.n + 1, &s);
		if (rc < 0)
			return -1;
		fields_push(p->a, &f, s);
		if (p->p < p->end && *p->p == ',') {
			p->p++;
			continue;
		}
		eat_eol(p);
		break;
	}
	out->nfields = f.n;
	out->fields = f.v;
	return 0;
}

int csv_parse(struct arena *a, const char *buf, size_t n, struct csv_table *out,
              struct lx_error *err)
{
	struct parser p = {
		.a = a, .p = buf, .end = buf + n, .line = 1, .err = err
	};
	struct rows r = { 0 };

	out->nrows = 0;
	out->rows = NULL;
	if (n == 0)
		return 0;
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		p.p += 3;
	abuf_init(&p.field, a);
	while (p.p < p.end) {
		struct csv_row cr;

		if (eat_eol(&p))
			continue; /* empty line */
		if (row(&p, &cr) < 0)
			return -1;
		rows_push(a, &r, cr);
	}
	out->nrows = r.n;
	out->rows = r.v;
	return 0;
}

static int is_space_at(const char *s, size_t *len)
{
	if (*s == ' ' || *s == '\t') {
		*len = 1;
		return 1;
	}
	if (strncmp(s, "\xE3\x80\x80", 3) == 0) { /* U+3000 */
		*len = 3;
		return 1;
	}
	return 0;
}

/* Trimmed bounds of s: *start and the length of what is left. */
static size_t trim(const char *s, const char **start)
{
	size_t len, n;

	while (*s && is_space_at(s, &len))
		s += len;
	n = strlen(s);
	for (;;) {
		if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	*start = s;
	return n;
}

int csv_header_index(const struct csv_table *t, const char *name)
{
	const char *want, *have;
	size_t wlen, hlen;

	if (!t || t->nrows == 0 || !name)
		return -1;
	wlen = trim(name, &want);
	for (size_t i = 0; i < t->rows[0].nfields; i++) {
		hlen = trim(t->rows[0].fields[i], &have);
		if (hlen == wlen && memcmp(have, want, wlen) == 0)
			return (int)i;
	}
	return -1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 if s is a plain decimal number: optional sign, digits with an optional
 * fraction (or a fraction alone), optional exponent. */
static int is_number(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; is_digit(*s); s++)
		digits++;
	if (*s == '.')
		for (s++; is_digit(*s); s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!is_digit(*s))
			return 0;
		while (is_digit(*s))
			s++;
	}
	return *s == '\0';
}

void csv_write_field(struct abuf *b, const char *s)
{
	size_t len;
	int guard, quote;

	if (!s)
		s = "";
	len = strlen(s);
	guard = s[0] != '\0' && strchr("=+-@\t\r", s[0]) && !is_number(s);
	quote = strpbrk(s, ",\"\r\n") != NULL ||
	        (len > 0 && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
	                     s[len - 1] == '\t'));
	if (quote)
		abuf_append(b, "\"", 1);
	if (guard)
		abuf_append(b, "'", 1);
	if (!quote) {
		abuf_append(b, s, len);
		return;
	}
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		abuf_append(b, s, (size_t)(q - s + 1));
		abuf_append(b, "\"", 1); /* the quote doubled */
	}
	abuf_puts(b, s);
	abuf_append(b, "\"", 1);
}
