/*
 * The "guidance" section of a policy file (docs/policy.md "Services"):
 * parenting guidance (家庭科学育儿指导): activity kinds and what counts as
 * reached. app/policy.c calls this for each file; the nearest file's section
 * applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_GUIDANCE_POLICY_H
#define LX_APP_SERVICE_GUIDANCE_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct guidance_policy;

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: guidance.<path>:
 * <what>". *out is arena-owned. */
int guidance_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct guidance_policy **out,
                         struct lx_error *err);

#endif
