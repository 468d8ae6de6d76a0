/* The 公示 of a prepared batch: every line and every exclusion with its
 * reason, for public notice (name, masked ID number, village, township,
 * scheme, amount), paged on the server or exported whole. ID numbers are
 * masked here whoever asks: the list is for posting. */
#ifndef LX_APP_APPROVAL_NOTICE_H
#define LX_APP_APPROVAL_NOTICE_H

#include "app/ctx.h"

#include <stddef.h>

/* params list (lines | excluded), page (from 1), per_page (1-500):
 * {items, total, page, per_page, pages, townships, lines, total_fen}. */
json_t *app_batch_notice(struct app_ctx *ctx, long long id, json_t *params);

/* params format (csv | xlsx): the whole list, then the exclusions, the
 * township breakdown and the totals. CSV is UTF-8 with a BOM. *out is
 * arena-owned; *type the content type, *ext the file extension. */
int app_batch_notice_file(struct app_ctx *ctx, long long id, json_t *params,
                          char **out, size_t *len, const char **type,
                          const char **ext);

#endif
