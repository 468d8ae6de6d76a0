/*
 * The "referrals" section of a policy file (docs/policy.md "Referrals"):
 * the needs a visit may refer, where each goes, the deadline by severity
 * and the escalation of an overdue referral. app/policy.c calls this for
 * each file; the nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_REFERRAL_POLICY_H
#define LX_APP_REFERRAL_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/referral.h" /* struct referral_policy */

#include <jansson.h>

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: referrals.<path>:
 * <what>". *out is arena-owned. */
int referral_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct referral_policy **out,
                         struct lx_error *err);

#endif
