/*
 * The registry's list and search pages (facilities, people, the subsidy
 * ledger) answered from the result cache (app/result_cache.h): a page an
 * official opens again, or that many officials open at once, costs a
 * lookup instead of its queries, decryptions and JSON building.
 *
 * What the key holds, and why. A page's answer depends on what was asked
 * and on who asks: the account (its scope, an operator's own facilities,
 * whether its role may see full birth dates), and the day (what is open
 * or in force is judged on ctx->today). The key names all of them, so a
 * page kept for one account is never served to another. Any write to the
 * database ends every entry (the cache's generation), which covers an
 * account whose scope or facilities change. No list page unmasks a
 * number (the audited unmask is the single record's answer, never a
 * list's), and a search by a full identity number is not cached at all:
 * the number would otherwise sit in memory in a key.
 */
#ifndef LX_APP_LIST_CACHE_H
#define LX_APP_LIST_CACHE_H

#include "app/ctx.h"

#include <stddef.h>

/* The JSON answer of fn(ctx, params) for the page named name, from the
 * cache when an entry is still valid. *text is arena-owned; *hit says
 * whether it came from the cache. 0, or -1 with ctx->err. */
int app_cached_list(struct app_ctx *ctx, const char *name, json_t *params,
                    json_t *(*fn)(struct app_ctx *ctx, json_t *params),
                    char **text, size_t *len, int *hit);

#endif
