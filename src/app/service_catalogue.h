/*
 * The service catalogue and the basic elderly-service list as the policy
 * of a region states them (docs/api.md "Services: offers and orders"),
 * and the helpers the other service use cases share to find an item.
 */
#ifndef LX_APP_SERVICE_CATALOGUE_H
#define LX_APP_SERVICE_CATALOGUE_H

#include "app/ctx.h"
#include "app/service_policy.h"

/* params region? (default the caller's region, or a visitor's first
 * area): the catalogue items with unit labels and who may receive each
 * in words, and the basic elderly-service list. */
json_t *app_service_catalogue(struct app_ctx *ctx, json_t *params);

/* The "services" section that applies to region, or NULL with ctx->err
 * LX_EINVALID naming field when no policy file states one. */
const struct service_policy *app_service_policy_for(struct app_ctx *ctx,
                                                    const char *region,
                                                    const char *field);

/* "60周岁以上", "60周岁以上：特困人员分散供养，或低收入且失能" …:
 * who may receive an item, in words; arena-owned. */
const char *app_service_who_zh(struct app_ctx *ctx,
                               const struct service_item *it);

/* The item as JSON: code, name, category, unit, unit_label, for,
 * who_zh. */
json_t *app_service_item_json(struct app_ctx *ctx,
                              const struct service_item *it);

#endif
