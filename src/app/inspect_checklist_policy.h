/*
 * The "checklists" section of a policy file (docs/policy.md "Supervision"):
 * checklist templates (GB 38600-2019's nine protections, the criteria of
 * major accident hazards, fire, food and the seeds' items). The nearest file's
 * section applies to a region, whole.
 */
#ifndef LX_APP_INSPECT_CHECKLIST_POLICY_H
#define LX_APP_INSPECT_CHECKLIST_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct checklist_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: checklists.<path>:
 * <what>". *out is arena-owned. */
int checklist_policy_read(struct arena *a, const char *file, json_t *o,
                          const struct checklist_policy **out,
                          struct lx_error *err);

#endif
