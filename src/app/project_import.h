/*
 * Project lists in and out: a CSV list with the plans' Chinese headings
 * (序号, 项目名称, 项目类型/建设性质, …; app/project_import.c lists them)
 * imported all or nothing with errors by row and column, and exported in
 * the same format, so an export imports again unchanged.
 */
#ifndef LX_APP_PROJECT_IMPORT_H
#define LX_APP_PROJECT_IMPORT_H

#include "app/ctx.h"

/* Imports the CSV in buf into region: {"imported": N, "skipped": [...]}
 * (repeated headers and 合计 rows dropped). On any bad row nothing is
 * written and ctx->details holds {"errors": [{row, column, message}]}. */
json_t *app_project_import(struct app_ctx *ctx, const char *region,
                           const char *buf, size_t len);

/* The projects of region's subtree as CSV (arena-owned, *len set). */
char *app_project_export(struct app_ctx *ctx, json_t *params, size_t *len);

#endif
