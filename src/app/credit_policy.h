/*
 * The "credit" section of a policy file (docs/policy.md "Credit"): credit files
 * and the red and black lists: the grounds of listing, notice and hearing,
 * publication periods of penalty records, removal, what a listing refuses, and
 * prepaid-fee limits. The nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_CREDIT_POLICY_H
#define LX_APP_CREDIT_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct credit_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: credit.<path>:
 * <what>". *out is arena-owned. */
int credit_policy_read(struct arena *a, const char *file, json_t *o,
                       const struct credit_policy **out, struct lx_error *err);

#endif
