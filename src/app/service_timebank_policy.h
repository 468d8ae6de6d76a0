/*
 * The "timebank" section of a policy file (docs/policy.md "Services"):
 * the time bank (时间银行): the cap per account, who may redeem, transfers to
 * kin. app/policy.c calls this for each file; the nearest file's section
 * applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_TIMEBANK_POLICY_H
#define LX_APP_SERVICE_TIMEBANK_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct timebank_policy;

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: timebank.<path>:
 * <what>". *out is arena-owned. */
int timebank_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct timebank_policy **out,
                         struct lx_error *err);

#endif
