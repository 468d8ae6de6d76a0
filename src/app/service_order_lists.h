/*
 * Lists of service orders, each for the one who reads it: a family's
 * orders for its linked persons, a provider's queue (today's first), the
 * officials' list with filters and counts by status, and the use report
 * by region and item for a month or a year.
 */
#ifndef LX_APP_SERVICE_ORDER_LISTS_H
#define LX_APP_SERVICE_ORDER_LISTS_H

#include "app/ctx.h"

/* params region?, status? (a status or "open"), item?, facility?,
 * month? (YYYY-MM placed), person_id?, limit?, offset?: the orders the
 * caller may see, newest first, with counts by status (of every status,
 * whatever the status filter). */
json_t *app_service_order_list(struct app_ctx *ctx, json_t *params);

/* params facility?: an operator's open orders (its facilities; an
 * official's in scope), those due today first (scheduled, or wished,
 * for today), then by status and time. */
json_t *app_service_queue(struct app_ctx *ctx, json_t *params);

/* params region?, month? (YYYY-MM) or year? (YYYY): orders finished in
 * the period by region and item, with quantity and fen by source, and
 * totals. */
json_t *app_service_use(struct app_ctx *ctx, json_t *params);

#endif
