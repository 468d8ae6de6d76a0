/*
 * What is read off the visit targets (app/visit_targets.h): the targets
 * list, the worklist of who is due, the ledger (台账) of rural left-behind
 * and empty-nest elderly, and the villages without a visitor. ID numbers
 * are only ever shown masked here, whoever asks.
 */
#ifndef LX_APP_VISIT_LISTS_H
#define LX_APP_VISIT_LISTS_H

#include "app/ctx.h"

/* params: region, as_of, tier, status, q, limit, offset. */
json_t *app_visit_targets_list(struct app_ctx *ctx, json_t *params);

/* The caller's due and overdue targets on a day: params region, on, lat,
 * lon, limit; with counts per village or township ("by_region"). */
json_t *app_visit_worklist(struct app_ctx *ctx, json_t *params);

/* The worklist as text, kept in the result cache (app/result_cache.h)
 * while nothing is written: per account (its scope, villages and what it
 * may see unmasked are the account's), per question, and for today per
 * minute (due and overdue are judged against the time of day). *hit says
 * whether it was kept. 0, or -1 with ctx->err. */
int app_visit_worklist_cached(struct app_ctx *ctx, json_t *params, char **text,
                              size_t *len, int *hit);

/* The ledger of rural 留守 and 空巢 elderly: params region, as_of; as
 * JSON, or with format csv or xlsx as a file (*out arena-owned, *type
 * the MIME type, *ext the extension). An export is audited. */
json_t *app_visit_ledger(struct app_ctx *ctx, json_t *params);
int app_visit_ledger_file(struct app_ctx *ctx, json_t *params, char **out,
                          size_t *len, const char **type, const char **ext);

/* The lists of the policy that applies to a region (params region), for
 * forms: {"modes", "aspects", "events", "tiers", "event_within_hours",
 * "visitors_per_village"}, each entry with the policy's label. The
 * targets list and the worklist carry the same as "options". */
json_t *app_visit_options(struct app_ctx *ctx, json_t *params);

/* Villages and communities of a region with their active visitors and
 * those with fewer than the policy asks: params region. */
json_t *app_visit_coverage(struct app_ctx *ctx, json_t *params);

#endif
