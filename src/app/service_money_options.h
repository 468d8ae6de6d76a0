/*
 * What the policy of a region offers in entitlements and vouchers, for a
 * form to choose from by name: the schemes with their yearly amount and
 * items, the voucher kinds with face value, validity and items, each with
 * its source. A new JSON reference, or NULL with ctx->err.
 */
#ifndef LX_APP_SERVICE_MONEY_OPTIONS_H
#define LX_APP_SERVICE_MONEY_OPTIONS_H

#include "app/ctx.h"

/* region (visible to the caller). */
json_t *app_service_money_options(struct app_ctx *ctx, json_t *params);

#endif
