/*
 * The public disclosure (信息公示, docs/api.md "Public disclosure"),
 * answered without a login: for a region's facilities, the ratings in
 * force and recent lapses, the published black list (institutions by
 * name; staff only as a count), childcare institutions and their filing,
 * published inspection plans with their draw's seed and digest and each
 * facility's checks and hazards, complaint counts, credit commitments, and
 * where to look for prices and vacancies. Facts about facilities only:
 * nothing about a person is read. Cached (app/result_cache.h) per region
 * and day.
 */
#ifndef LX_APP_DISCLOSE_PUBLIC_H
#define LX_APP_DISCLOSE_PUBLIC_H

#include "app/ctx.h"

#include <stddef.h>

/* params: region (required, 12 digits). *text is the JSON answer
 * (arena-owned); *hit says whether it came from the cache. 0, or -1 with
 * ctx->err. */
int app_disclose_public(struct app_ctx *ctx, json_t *params, char **text,
                        size_t *len, int *hit);

/* The same document as JSON, uncached (the CLI prints it). New
 * reference, or NULL with ctx->err. */
json_t *app_disclose_doc(struct app_ctx *ctx, const char *region);

#endif
