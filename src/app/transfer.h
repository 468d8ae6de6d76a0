/* CSV or XLSX import and CSV export for regions, population, facilities,
 * persons and their care records. Import is
 * all or nothing: every row is checked and written inside one transaction,
 * and any error rolls the whole file back. */
#ifndef LX_APP_TRANSFER_H
#define LX_APP_TRANSFER_H

#include "app/ctx.h"
#include "app/fields.h"

#include <stddef.h>

/* kind is "regions", "population" or "facilities". Returns
 * {"imported": n, "encoding": "..."}; on bad rows NULL with ctx->err naming
 * the first "row R, column C" and ctx->details = {"errors": [...]}. */
json_t *app_import_csv(struct app_ctx *ctx, const char *kind, const char *buf,
                       size_t len);

/* The columns of an import kind (names and which are required); NULL
 * for no such kind. Static. */
const struct field_spec *transfer_specs(const char *kind, size_t *n);

/* The fill-in template of an import kind: with format "xlsx" (or NULL) a
 * workbook of the kind's Chinese headers (required ones marked （必填）),
 * one example row and drop-downs on coded columns, and a second sheet
 * 填写说明 listing every column; with "csv" the header and example row.
 * *out arena-owned; *filename e.g. 机构导入模板.xlsx. */
int app_import_template(struct app_ctx *ctx, const char *kind,
                        const char *format, char **out, size_t *len,
                        const char **filename);

/* CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese right)
 * of what the caller may see; arena-owned text in *out. params: region. */
int app_export_csv(struct app_ctx *ctx, const char *kind, json_t *params,
                   char **out, size_t *len);

/* Loads one preset document (presets/regions/ JSON files) inside a transaction:
 * regions first, then population figures; existing regions are updated.
 * file names the source for error messages. */
int app_preset_apply(struct app_ctx *ctx, json_t *doc, const char *file);

#endif
