/*
 * The "closures" section of a policy file (docs/policy.md "Closures"):
 * closures: the reasons a facility exits and the destinations of its residents
 * and children. The nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_CLOSURE_POLICY_H
#define LX_APP_CLOSURE_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct closure_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: closures.<path>:
 * <what>". *out is arena-owned. */
int closure_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct closure_policy **out,
                        struct lx_error *err);

#endif
