/*
 * The "entitlements" section of a policy file (docs/policy.md "Services"):
 * government-purchased service entitlements (政府购买服务): who is eligible,
 * the yearly amount, the items it pays for. app/policy.c calls this for each
 * file; the nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_ENTITLEMENT_POLICY_H
#define LX_APP_SERVICE_ENTITLEMENT_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct entitlement_policy;

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: entitlements.<path>:
 * <what>". *out is arena-owned. */
int entitlement_policy_read(struct arena *a, const char *file, json_t *o,
                            const struct entitlement_policy **out,
                            struct lx_error *err);

#endif
