/*
 * The "projects" section of a policy file (docs/policy.md "Tasks and
 * projects"): major projects: project types, the life-cycle milestones in
 * order, and what a project put into use adds to the registry. The nearest
 * file's section applies to a region, whole.
 */
#ifndef LX_APP_PROJECT_POLICY_H
#define LX_APP_PROJECT_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct project_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: projects.<path>:
 * <what>". *out is arena-owned. */
int project_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct project_policy **out,
                        struct lx_error *err);

#endif
