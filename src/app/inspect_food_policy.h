/*
 * The "food_safety" section of a policy file (docs/policy.md "Supervision"):
 * canteens' food-safety grades (A / B / C). The nearest file's section applies
 * to a region, whole.
 */
#ifndef LX_APP_INSPECT_FOOD_POLICY_H
#define LX_APP_INSPECT_FOOD_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct food_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: food_safety.<path>:
 * <what>". *out is arena-owned. */
int food_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct food_policy **out, struct lx_error *err);

#endif
