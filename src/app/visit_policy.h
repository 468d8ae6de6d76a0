/*
 * The "visits" section of a policy file (docs/policy.md "Visits"): who is
 * a visit target, the tiers and how often each is visited, the ways a
 * visit is made, what a visitor records. app/policy.c calls this for each
 * file; the nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_VISIT_POLICY_H
#define LX_APP_VISIT_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct visit_policy;

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: visits.<path>:
 * <what>". *out is arena-owned. */
int visit_policy_read(struct arena *a, const char *file, json_t *o,
                      const struct visit_policy **out, struct lx_error *err);

#endif
