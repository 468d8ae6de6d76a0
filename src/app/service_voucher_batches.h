/*
 * Service vouchers (消费券), the officials' side: issuing a batch of a
 * policy's kind to every eligible person of a region, the batches with
 * what became of their vouchers (redeemed, unused, expired) by region, and
 * a person's vouchers. Orders redeem through service_pay.h. Each returns
 * a new JSON reference, or NULL with ctx->err.
 */
#ifndef LX_APP_SERVICE_VOUCHER_BATCHES_H
#define LX_APP_SERVICE_VOUCHER_BATCHES_H

#include "app/ctx.h"

/* {region, kind, name?, issued_on?}: one voucher, with a random code, to
 * each living elderly person of the region's subtree who qualifies on the
 * issue day (default today, never before it); all or nothing. */
json_t *app_voucher_issue(struct app_ctx *ctx, json_t *body);

/* region: the batches seen from the region, each with its counts there. */
json_t *app_voucher_batches(struct app_ctx *ctx, json_t *params);

/* One batch (region? narrows; default the batch's region or the caller's
 * scope) with counts for the region and each child region. */
json_t *app_voucher_batch_get(struct app_ctx *ctx, long long id,
                              json_t *params);

/* person_id: the person's vouchers with their state on today. */
json_t *app_voucher_list(struct app_ctx *ctx, json_t *params);

#endif
