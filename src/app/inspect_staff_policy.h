/*
 * The "staff" section of a policy file (docs/policy.md "Supervision"):
 * staff records: occupations, certificates, training kinds, the yearly
 * health check of childcare staff. The nearest file's section applies to a
 * region, whole.
 */
#ifndef LX_APP_INSPECT_STAFF_POLICY_H
#define LX_APP_INSPECT_STAFF_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct staff_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: staff.<path>:
 * <what>". *out is arena-owned. */
int staff_policy_read(struct arena *a, const char *file, json_t *o,
                      const struct staff_policy **out, struct lx_error *err);

#endif
