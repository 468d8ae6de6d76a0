/*
 * The "waitlist" section of a policy file (docs/policy.md "Finding a
 * place"): waiting lists (轮候) for public institutions. The nearest file's
 * section applies to a region, whole.
 */
#ifndef LX_APP_PLACE_WAIT_POLICY_H
#define LX_APP_PLACE_WAIT_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct wait_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: waitlist.<path>:
 * <what>". *out is arena-owned. */
int wait_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct wait_policy **out, struct lx_error *err);

#endif
