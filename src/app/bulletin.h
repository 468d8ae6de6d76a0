/* Bulletins (通报): every indicator of a region and period with base,
 * current value, target, status and the change since the previous period,
 * grouped as the plan groups them, binding indicators that are behind
 * first. Rendered as HTML, CSV or XLSX. */
#ifndef LX_APP_BULLETIN_H
#define LX_APP_BULLETIN_H

#include "app/ctx.h"

#include <stddef.h>

/* params: region, period, format (html, csv, xlsx). *out is arena-owned;
 * *type the MIME type, *ext the file extension. */
int app_bulletin(struct app_ctx *ctx, json_t *params, char **out, size_t *len,
                 const char **type, const char **ext);

#endif
