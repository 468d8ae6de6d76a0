/*
 * libFuzzer target for the import edge (core/text.h, core/csv.h): an
 * uploaded file's bytes are decoded to UTF-8 and read as CSV, as
 * app/transfer.c does. For every input:
 *   - a refusal has a message and, from the reader, LX_EINVALID and no rows;
 *   - decoded text is valid UTF-8 and holds no NUL;
 *   - every row has at least one field, rows start on increasing lines;
 *   - written back with every field quoted, the table reads back the same;
 *   - each field written by csv_write_field reads back as itself, or with
 *     one ' in front when the formula guard applies (first byte = + - @
 *     tab or CR);
 *   - a header name found by csv_header_index is within the header.
 * Any difference aborts. Build and run: see tests/fuzz/README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/text.h"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes the table with every field quoted, so no field can be mistaken
 * for an empty line, a byte order mark or a formula. */
static char *write_quoted(struct arena *a, const struct csv_table *t,
                          size_t *len)
{
	struct abuf b;

	abuf_init(&b, a);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t f = 0; f < t->rows[r].nfields; f++) {
			const char *s = t->rows[r].fields[f];

			abuf_puts(&b, f ? ",\"" : "\"");
			for (; *s; s++) {
				if (*s == '"')
					abuf_puts(&b, "\"\"");
				else
					abuf_append(&b, s, 1);
			}
			abuf_puts(&b, "\"");
		}
		abuf_puts(&b, "\r\n");
	}
	abuf_append(&b, "", 1);
	*len = b.len - 1;
	return b.data;
}

static void check_same(const struct csv_table *x, const struct csv_table *y)
{
	CHECK(x->nrows == y->nrows);
	for (size_t r = 0; r < x->nrows; r++) {
		CHECK(x->rows[r].nfields == y->rows[r].nfields);
		for (size_t f = 0; f < x->rows[r].nfields; f++)
			CHECK(strcmp(x->rows[r].fields[f],
			             y->rows[r].fields[f]) == 0);
	}
}

/* One field through csv_write_field and back, after a first field as in
 * any row but the first (a file's first bytes may be a byte order mark,
 * which the exporter writes and the reader skips). */
static void check_field(struct arena *a, const char *s)
{
	struct csv_table t = { 0 };
	struct lx_error err = { 0 };
	struct abuf b;
	const char *got;

	abuf_init(&b, a);
	abuf_puts(&b, "x,");
	csv_write_field(&b, s);
	CHECK(csv_parse(a, b.data, b.len, &t, &err) == 0);
	CHECK(t.nrows == 1 && t.rows[0].nfields == 2);
	got = t.rows[0].fields[1];
	if (strcmp(got, s) == 0)
		return;
	CHECK(strchr("=+-@\t\r", s[0]) != NULL);
	CHECK(got[0] == '\'' && strcmp(got + 1, s) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct lx_error err = { 0 };
	struct csv_table t = { 0 }, again = { 0 };
	const char *enc = NULL;
	size_t len = 0, len2;
	char *text, *back;
	long line = 0;

	text = text_to_utf8(a, (const char *)data, size, &len, &enc, &err);
	if (!text) {
		CHECK(err.code == LX_EINVALID && err.message[0]);
		/* the reader itself refuses a NUL with a message too */
		lx_error_clear(&err);
		if (csv_parse(a, (const char *)data, size, &t, &err)) {
			CHECK(err.code == LX_EINVALID && err.message[0]);
			CHECK(t.nrows == 0);
		}
		goto end;
	}
	CHECK(enc != NULL);
	CHECK(text_utf8_valid(text, len));
	CHECK(strlen(text) == len);

	if (csv_parse(a, text, len, &t, &err)) {
		CHECK(err.code == LX_EINVALID && err.message[0]);
		CHECK(err.field[0] == '\0');
		CHECK(t.nrows == 0);
		goto end;
	}
	for (size_t r = 0; r < t.nrows; r++) {
		CHECK(t.rows[r].nfields >= 1);
		CHECK(t.rows[r].line > line);
		line = t.rows[r].line;
		for (size_t f = 0; f < t.rows[r].nfields; f++) {
			CHECK(text_utf8_valid(t.rows[r].fields[f],
			                      strlen(t.rows[r].fields[f])));
			if (r < 3)
				check_field(a, t.rows[r].fields[f]);
		}
	}
	back = write_quoted(a, &t, &len2);
	lx_error_clear(&err);
	CHECK(csv_parse(a, back, len2, &again, &err) == 0);
	check_same(&t, &again);

	if (t.nrows) {
		int i = csv_header_index(&t, t.rows[0].fields[0]);

		CHECK(i >= 0 && (size_t)i < t.rows[0].nfields);
		i = csv_header_index(&t, t.rows[t.nrows - 1].fields[0]);
		CHECK(i >= -1 && i < (int)t.rows[0].nfields);
	}
end:
	arena_free(a);
	return 0;
}
