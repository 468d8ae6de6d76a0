/*
 * The "vouchers" section of a policy file (docs/policy.md "Services"):
 * service vouchers (消费券): kinds, face value, who may receive them, validity.
 * app/policy.c calls this for each file; the nearest file's section applies to
 * a region, whole.
 */
#ifndef LX_APP_SERVICE_VOUCHER_POLICY_H
#define LX_APP_SERVICE_VOUCHER_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct voucher_policy;

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: vouchers.<path>:
 * <what>". *out is arena-owned. */
int voucher_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct voucher_policy **out,
                        struct lx_error *err);

#endif
