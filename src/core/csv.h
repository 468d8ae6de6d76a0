/*
 * CSV in and out, for bulk import of residents, children and staff from
 * spreadsheets and for exports. The reader follows RFC 4180 over an
 * in-memory UTF-8 buffer (see text_to_utf8() for getting one from a file).
 */
#ifndef LX_CORE_CSV_H
#define LX_CORE_CSV_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

struct csv_row {
	size_t nfields;
	char **fields; /* arena-owned, NUL-terminated, unquoted */
	long line;     /* 1-based physical line on which the row starts */
};

struct csv_table {
	size_t nrows;
	struct csv_row *rows; /* rows[0] is the header; arena-owned */
};

/* Parses n bytes at buf (not necessarily NUL-terminated) into *out.
 * Fields are separated by commas; a field that begins with a double quote
 * runs to the matching quote, may hold commas, line breaks and "" for one
 * quote, and must be followed by a comma or the end of the line. Lines end
 * in LF, CRLF or a lone CR (old Mac Excel); the last line needs no line end.
 * Empty lines are skipped, but a line of only commas or spaces is a row.
 * A leading UTF-8 byte order mark is skipped. Fields are not trimmed, and
 * rows may have different numbers of fields: callers check against the
 * header. An empty buffer gives nrows 0.
 * Returns 0, or -1 with err filled (LX_EINVALID, field "") for a quoted
 * field never closed (the message names the line it starts on), a quote
 * inside an unquoted field, text after a closing quote, or a NUL byte;
 * messages give line and field numbers. All memory comes from the arena;
 * on error *out is left empty. */
int csv_parse(struct arena *a, const char *buf, size_t n, struct csv_table *out,
              struct lx_error *err);

/* Index of the header column named name, comparing after trimming ASCII
 * spaces, tabs and ideographic spaces (U+3000) from both; the first match
 * if a name repeats. -1 if absent or the table has no header. */
int csv_header_index(const struct csv_table *t, const char *name);

/* Appends s (NULL is written as an empty field) to b as one CSV field,
 * without a separator. The field is quoted when it holds a comma, quote, CR
 * or LF or begins or ends with a space or tab; quotes inside are doubled.
 * Guard against CSV injection (formulas run when the file is opened in a
 * spreadsheet): a field that begins with '=', '+', '-', '@', tab or CR gets a
 * single quote ' prepended, unless it is a plain number such as -12, +3.5
 * or -1e5, so spreadsheets show it as text. The guard changes the data: a
 * file written for another program to read should not contain such fields,
 * and a reader of our exports strips one leading ' before those characters. */
void csv_write_field(struct abuf *b, const char *s);

#endif
