/* CSV import and export for regions, population and facilities. Import is
 * all or nothing: every row is checked and written inside one transaction,
 * and any error rolls the whole file back. */
#ifndef LX_APP_TRANSFER_H
#define LX_APP_TRANSFER_H

#include "app/ctx.h"

#include <stddef.h>

/* kind is "regions", "population" or "facilities". Returns
 * {"imported": n, "encoding": "..."}; on bad rows NULL with ctx->err naming
 * the first "row R, column C" and ctx->details = {"errors": [...]}. */
json_t *app_import_csv(struct app_ctx *ctx, const char *kind, const char *buf,
                       size_t len);

/* CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese right)
 * of what the caller may see; arena-owned text in *out. params: region. */
int app_export_csv(struct app_ctx *ctx, const char *kind, json_t *params,
                   char **out, size_t *len);

/* Loads one preset document (presets/regions/ JSON files) inside a transaction:
 * regions first, then population figures; existing regions are updated.
 * file names the source for error messages. */
int app_preset_apply(struct app_ctx *ctx, json_t *doc, const char *file);

#endif
