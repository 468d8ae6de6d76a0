/*
 * The "meals" section of a policy file (docs/policy.md "Services"):
 * meal assistance (助餐): what makes a village covered, which villages are
 * administrative villages. app/policy.c calls this for each file; the nearest
 * file's section applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_MEAL_POLICY_H
#define LX_APP_SERVICE_MEAL_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct meal_policy;

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: meals.<path>:
 * <what>". *out is arena-owned. */
int meal_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct meal_policy **out, struct lx_error *err);

#endif
