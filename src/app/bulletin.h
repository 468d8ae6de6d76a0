/* Bulletins (通报): a document an office can send. Its title, issuing
 * body and date, a summary paragraph with the counts by status and the
 * binding indicators behind; every indicator of a region and period with
 * its 属性, 责任部门, base, current value, target, status and the change
 * since the previous period, grouped as the plan groups them, binding
 * indicators that are behind first; and the comparison of the children
 * (各县（区）完成情况) for the binding indicators. Rendered as HTML
 * (printable on A4), CSV or XLSX. */
#ifndef LX_APP_BULLETIN_H
#define LX_APP_BULLETIN_H

#include "app/ctx.h"

#include <stddef.h>

/* params: region, period, format (html, csv, xlsx). *out is arena-owned;
 * *type the MIME type, *ext the file extension. */
int app_bulletin(struct app_ctx *ctx, json_t *params, char **out, size_t *len,
                 const char **type, const char **ext);

/* The same, with *name the document's Chinese file name with its
 * extension (巴中市“一老一小”主要指标完成情况通报（2025年）.xlsx, arena). */
int app_bulletin_named(struct app_ctx *ctx, json_t *params, char **out,
                       size_t *len, const char **type, const char **ext,
                       const char **name);

#endif
