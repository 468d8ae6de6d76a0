/* Rosters (花名册): the people of a region, by category, age band and
 * ability level (GB/T 42195-2022, with the current level and its date),
 * with totals by township, village, age band, level and category; a page
 * as JSON, or every row as CSV or XLSX. ID numbers are masked; roles that
 * may unmask (app_may_unmask) may ask for them whole, and each such
 * roster is audited, as is every export. */
#ifndef LX_APP_ROSTER_H
#define LX_APP_ROSTER_H

#include "app/ctx.h"

#include <stddef.h>

/* params: region (default the caller's), as_of (default today), kind
 * (elderly, the default; infant; all), category, age_band ("80-89",
 * "100-"), level (0..4, or "none" for never assessed), group (township,
 * village, age_band, level, category: the totals an export ends with;
 * township by default), unmask ("1"), page, per_page (1..1000, 50). */
json_t *app_roster(struct app_ctx *ctx, json_t *params);

/* The same selection, every row, as format "csv" (UTF-8 with BOM) or
 * "xlsx" (a roster sheet and a totals sheet); *out arena-owned, *type the
 * MIME type, *ext the file extension. Officials who may unmask only. */
int app_roster_export(struct app_ctx *ctx, json_t *params, char **out,
                      size_t *len, const char **type, const char **ext);

#endif
