/*
 * The first worksheet of an XLSX workbook (Office Open XML, as Excel, WPS
 * and LibreOffice save it) read into the same rows core/csv.h gives, so
 * every import takes a workbook as it takes a CSV file. libzip opens the
 * archive in memory; expat reads the XML parts as they are inflated.
 *
 * Cells read as the sheet shows them: shared and inline strings as their
 * text (a number stored as text keeps its text, so an 18-digit ID number
 * survives), numbers at 15 significant digits without exponent ("12", not
 * "12.0"; core/xlsx_cell.h), dates (a style whose number format is a date)
 * as YYYY-MM-DD, booleans as "true"/"false", formulas as their cached
 * value. Cell references (C5) place cells, so empty cells in the middle
 * of a row are empty fields; rows with no value at all are skipped, as
 * the CSV reader skips empty lines. csv_row.line is the sheet's row
 * number, so errors name the row the user sees.
 */
#ifndef LX_APP_XLSX_READ_H
#define LX_APP_XLSX_READ_H

#include "core/arena.h"
#include "core/csv.h"
#include "core/error.h"

#include <stddef.h>

enum {
	/* inflated bytes read from all parts together: a few-kilobyte
	 * archive can claim gigabytes (a zip bomb) */
	XLSX_MAX_INFLATED = 256 << 20,
	XLSX_MAX_ROWS = 500000,
	XLSX_MAX_COLUMNS = 16384, /* Excel's own: column XFD */
	/* cells held, empty ones before a value included: a row of one
	 * value in column XFD holds 16384 */
	XLSX_MAX_CELLS = 16 << 20,
};

/* Whether the n bytes at buf begin as a ZIP archive (PK\3\4). */
int xlsx_looks_like(const char *buf, size_t n);

/* Reads the first worksheet of the workbook in buf into *out (rows[0] the
 * first row with a value, normally the header). All memory comes from the
 * arena. Returns 0, or -1 with err (LX_EINVALID, field "file") when the
 * file is not a workbook, is damaged, inflates beyond XLSX_MAX_INFLATED
 * or has more than XLSX_MAX_ROWS rows, XLSX_MAX_COLUMNS columns or
 * XLSX_MAX_CELLS cells. */
int xlsx_read(struct arena *a, const char *buf, size_t n, struct csv_table *out,
              struct lx_error *err);

#endif
