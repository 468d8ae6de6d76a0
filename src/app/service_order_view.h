/*
 * How one principal stands to a service order: which sides it is on
 * (core/service_order.h), whether it may see the order at all, and the
 * order as JSON. Shared by the order use cases and their lists.
 */
#ifndef LX_APP_SERVICE_ORDER_VIEW_H
#define LX_APP_SERVICE_ORDER_VIEW_H

#include "app/ctx.h"
#include "store/service_order_store.h"

/* The sides (enum service_order_side bits) the caller is on. */
unsigned service_order_sides(struct app_ctx *ctx,
                             const struct service_order_row *o);

/* Whether the caller may see the order: an official or read-only
 * account in whose region it is, the provider, the orderer, a family
 * account linked to the person, a visitor whose areas hold the person's
 * village. */
int service_order_visible(struct app_ctx *ctx,
                          const struct service_order_row *o);

/* Whether the caller stands as an official over region (administrators,
 * city, county and department officials, township officers). */
int service_official_over(const struct principal *p, const char *region);

/* The order as JSON; with_detail adds its steps and payments (NULL with
 * ctx->err when they cannot be read). */
json_t *service_order_json(struct app_ctx *ctx,
                           const struct service_order_row *o, int with_detail);

#endif
