/*
 * One list as an Excel sheet: the rows a list answers in JSON, written
 * under Chinese headers with number cells where the value is a number, a
 * bold frozen header row with an autofilter, widths for Chinese text, and
 * optionally a 合计 row under the numeric columns. The exports of
 * app/export_lists.c describe their columns here, so a sheet shows what
 * the list shows (masked as the list masks it).
 */
#ifndef LX_APP_EXPORT_SHEET_H
#define LX_APP_EXPORT_SHEET_H

#include "app/ctx.h"
#include "core/facility.h"

#include <stddef.h>

enum export_type {
	EXPORT_TEXT,  /* a string as it is */
	EXPORT_INT,   /* an integer: a number cell */
	EXPORT_FEN,   /* integer fen: yuan with 2 decimals, a number cell */
	EXPORT_LABEL, /* a code shown by its Chinese label (labels) */
	EXPORT_TAGS, /* an array of {"label": …}: the labels joined by "、" */
	EXPORT_JSON, /* any value, written compactly */
	EXPORT_BOOL, /* 是 / 否 */
	/* an exact decimal (a string such as "12208.05"), an integer or a
	 * measurement (a JSON real: coordinates): a number cell */
	EXPORT_DEC,
};

struct export_col {
	/* member of the row; "a.b" reaches into objects, "a.0" into arrays */
	const char *key;
	const char *head; /* Chinese header */
	enum export_type type;
	int width;                       /* characters; 0: 12 */
	int total;                       /* summed in the 合计 row */
	const struct enum_names *labels; /* EXPORT_LABEL */
};

struct export_sheet {
	const char *title; /* sheet name (at most 31 characters) */
	const struct export_col *cols;
	size_t ncols;
	int with_total; /* a 合计 row under the rows */
};

/* The workbook of rows (an array of objects) as arena-owned bytes. */
int export_sheet_xlsx(struct app_ctx *ctx, const struct export_sheet *s,
                      json_t *rows, char **out, size_t *len);

/* fen as the decimal yuan string "-1234.05" (exactly, 2 decimals). */
void export_fen_yuan(long long fen, char out[32]);

#endif
