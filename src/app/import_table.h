/* An uploaded import file as rows, whichever form it came in: an Excel
 * workbook (.xlsx, told by its ZIP signature) or CSV text in any encoding
 * text_to_utf8() reads. Every import calls this, so each takes both. */
#ifndef LX_APP_IMPORT_TABLE_H
#define LX_APP_IMPORT_TABLE_H

#include "core/arena.h"
#include "core/csv.h"
#include "core/error.h"

#include <stddef.h>

/* Reads the len bytes at buf into *t (arena-owned). *enc is set to the
 * text encoding found, or "xlsx" for a workbook. Returns 0, or -1 with
 * err set (the file's own problem, in the words of xlsx_read() or
 * csv_parse()). */
int import_table_read(struct arena *a, const char *buf, size_t len,
                      struct csv_table *t, const char **enc,
                      struct lx_error *err);

#endif
