/*
 * The "inspections" section of a policy file (docs/policy.md "Supervision"):
 * random inspections (双随机、一公开): the item list with domains and owning
 * departments, sample rates, inspectors per check, the yearly floor, notice.
 * The nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_INSPECT_PLAN_POLICY_H
#define LX_APP_INSPECT_PLAN_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct inspection_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: inspections.<path>:
 * <what>". *out is arena-owned. */
int inspection_policy_read(struct arena *a, const char *file, json_t *o,
                           const struct inspection_policy **out,
                           struct lx_error *err);

#endif
