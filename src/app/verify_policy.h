/*
 * The "verification" key of a scheme in a policy file (docs/policy.md
 * "Annual verification"): the window within which a beneficiary must be
 * verified alive (生存认证) and whether months held for want of it are
 * paid once verified. app/subsidy_policy.c calls this for each scheme.
 */
#ifndef LX_APP_VERIFY_POLICY_H
#define LX_APP_VERIFY_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/subsidy_verify.h"

#include <jansson.h>

/* Reads scheme's "verification" object: window_months (required, whole
 * months), back_pay (true or false; true when absent), source (required:
 * the rule or practice relied on), note. *out is NULL when the key is
 * absent or null, else arena-owned. person is whether the scheme pays
 * persons (the only ones verified). Returns 0, or -1 with err LX_EINVALID,
 * field the key path ("schemes[2].verification.window_months") and the
 * message "<file>: <key path>: <what>". */
int verify_policy_read(struct arena *a, const char *file, json_t *scheme,
                       const char *path, int person,
                       const struct subsidy_verify_rule **out,
                       struct lx_error *err);

#endif
