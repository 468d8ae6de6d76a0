/*
 * The words an official's spreadsheet uses for each import: every
 * column's Chinese header (机构名称, 统一社会信用代码, 身份证号码, …), its
 * format and example for the template's 填写说明 sheet, and the Chinese
 * labels of coded values (养老机构, 民办, 男, 60岁及以上, …) with the code
 * each stands for. One table on the server, holding the words the web
 * client shows (web/js/i18n.js) and the server's own labels, so a file
 * filled in from what the pages say imports.
 */
#ifndef LX_APP_IMPORT_HEADERS_H
#define LX_APP_IMPORT_HEADERS_H

#include "core/arena.h"

#include <stddef.h>

struct import_column {
	const char *field;   /* the code the CSV header uses */
	const char *zh;      /* Chinese headers, '|' between synonyms; the
	                        first is the template's */
	const char *format;  /* what to write, in Chinese */
	const char *example; /* the template's example cell */
};

struct import_label {
	const char *field, *code, *label;
	int alias; /* another word for a code listed before it */
};

struct import_kind {
	const char *kind;
	const char *zh; /* what one row is: 机构, 人员, … */
	const struct import_column *cols;
	size_t ncols;
};

/* The kind's table, or NULL when it has none. Borrowed, static. */
const struct import_kind *import_kind_find(const char *kind);

/* The column of field, or NULL. */
const struct import_column *import_column_find(const struct import_kind *k,
                                               const char *field);

/* The field a header names: the code itself, or one of its Chinese
 * headers, compared after folding full-width ASCII to half-width and
 * dropping surrounding spaces (ASCII and U+3000) and a trailing
 * （必填）, (必填), * or ＊. NULL when no column has that name. */
const char *import_header_field(struct arena *a, const struct import_kind *k,
                                const char *header);

/* The header text folded as import_header_field() compares it
 * (arena-owned). */
char *import_header_fold(struct arena *a, const char *header);

/* The code of a coded value written as its Chinese label (养老机构 ->
 * elderly_institution) for field of kind; value itself when it is no
 * label (codes and free text pass through). Borrowed or static. */
const char *import_value_code(const char *kind, const char *field,
                              const char *value);

/* The labels of field's codes (for the template's drop-downs and
 * 填写说明), one per code, in the table's order, into *out (an arena
 * array of static strings); returns how many, 0 for a free column. */
size_t import_labels(struct arena *a, const char *kind, const char *field,
                     const char ***out);

#endif
