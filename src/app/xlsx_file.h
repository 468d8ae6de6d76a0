/*
 * A workbook made in memory for an answer. libxlsxwriter writes to a file,
 * not to memory: the workbook is started on a temporary file of its own
 * and, once closed, read back into the arena and the file removed. One
 * place for it, whatever the workbook holds (bulletins, rosters, 公示
 * lists, bank files).
 */
#ifndef LX_APP_XLSX_FILE_H
#define LX_APP_XLSX_FILE_H

#include "app/ctx.h"

#include <stddef.h>
#include <xlsxwriter.h>

struct xlsx_file {
	char path[64];
	lxw_workbook *wb;
};

/* Starts a workbook on a new temporary file; constant_memory for one of
 * hundreds of thousands of rows (each row goes to the file as it is
 * written). -1 with ctx->err set when it cannot. */
int xlsx_file_open(struct app_ctx *ctx, struct xlsx_file *x,
                   int constant_memory);

/* Closes the workbook and gives its bytes (arena-owned); the file is
 * removed either way. */
int xlsx_file_close(struct app_ctx *ctx, struct xlsx_file *x, char **out,
                    size_t *len);

#endif
