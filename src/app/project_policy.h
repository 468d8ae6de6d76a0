/*
 * The "projects" section of a policy file (docs/policy.md "Tasks and
 * projects"): major projects: project types, the life-cycle milestones in
 * order, the traffic light's thresholds and what a project put into use
 * adds to the registry. The nearest file's section applies to a region,
 * whole.
 */
#ifndef LX_APP_PROJECT_POLICY_H
#define LX_APP_PROJECT_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct project_code {
	const char *code, *name;
};

struct project_policy {
	const char *source;
	struct project_code *types; /* 新建, 改扩建, 改建 */
	size_t ntypes;
	struct project_code *stages; /* in order; the last is 投用 */
	size_t nstages;
	/* a stage's planned date passed without its actual date: yellow;
	 * red once more than red_after_days days late */
	long long red_after_days;
	/* capacity figures a project put into use adds to its facility:
	 * any of "beds", "nursing_beds", "slots" */
	size_t nadds;
	const char **adds;
	const char *in_use_stage; /* the stage the put-into-use sets */
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: projects.<path>:
 * <what>". *out is arena-owned. */
int project_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct project_policy **out,
                        struct lx_error *err);

/* Index of a type or stage by code or by Chinese name, or -1. */
int project_policy_type(const struct project_policy *p, const char *s);
int project_policy_stage(const struct project_policy *p, const char *s);

/* Whether put into use adds this capacity figure. */
int project_policy_adds(const struct project_policy *p, const char *figure);

#endif
