/*
 * The "hazards" section of a policy file (docs/policy.md "Supervision"):
 * hazards: severities, rectification deadlines by severity, escalation
 * and what stops admissions. The nearest file's section applies to a region,
 * whole.
 */
#ifndef LX_APP_INSPECT_HAZARD_POLICY_H
#define LX_APP_INSPECT_HAZARD_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct hazard_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: hazards.<path>:
 * <what>". *out is arena-owned. */
int hazard_policy_read(struct arena *a, const char *file, json_t *o,
                       const struct hazard_policy **out, struct lx_error *err);

#endif
