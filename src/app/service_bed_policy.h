/*
 * The "family_beds" section of a policy file (docs/policy.md "Services"):
 * family care beds (家庭养老床位): eligibility, set-up steps, the monthly
 * service standard. app/policy.c calls this for each file; the nearest file's
 * section applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_BED_POLICY_H
#define LX_APP_SERVICE_BED_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct family_bed_policy;

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: family_beds.<path>:
 * <what>". *out is arena-owned. */
int family_bed_policy_read(struct arena *a, const char *file, json_t *o,
                           const struct family_bed_policy **out,
                           struct lx_error *err);

#endif
