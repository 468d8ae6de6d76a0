/*
 * Government-purchased service entitlements (政府购买服务), the officials'
 * side: granting a person the year's amount of each scheme they qualify
 * for, a grant run over a region, the entitlements with their draws, and
 * the use report by region and item. Orders draw through service_pay.h.
 * Each returns a new JSON reference, or NULL with ctx->err.
 */
#ifndef LX_APP_SERVICE_ENTITLEMENT_GRANTS_H
#define LX_APP_SERVICE_ENTITLEMENT_GRANTS_H

#include "app/ctx.h"

/* {person_id, scheme?, year?}: the person's entitlements of the year
 * (this year or next; default this year) under the scheme, or every
 * scheme they qualify for today. */
json_t *app_entitlement_grant(struct app_ctx *ctx, json_t *body);

/* {region, year?}: every living elderly person of the region's subtree
 * who qualifies today and has none gets the year's entitlement; all or
 * nothing; run again, it grants nobody twice. */
json_t *app_entitlement_run(struct app_ctx *ctx, json_t *body);

/* person_id (with year?): the person's entitlements with their draws;
 * or region, year?, limit?, offset?: the region's entitlements. */
json_t *app_entitlement_list(struct app_ctx *ctx, json_t *params);

/* region, year?: persons granted, fen granted and used, the use rate,
 * for the region and each child region, with what was used by item. */
json_t *app_entitlement_report(struct app_ctx *ctx, json_t *params);

#endif
