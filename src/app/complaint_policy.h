/*
 * The "complaints" section of a policy file (docs/policy.md "Complaints and
 * reviews"): complaints and reviews: channels, categories, deadlines in working
 * days, call-back, satisfaction levels and what makes a complaint serious. The
 * nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_COMPLAINT_POLICY_H
#define LX_APP_COMPLAINT_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct complaint_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: complaints.<path>:
 * <what>". *out is arena-owned. */
int complaint_policy_read(struct arena *a, const char *file, json_t *o,
                          const struct complaint_policy **out,
                          struct lx_error *err);

#endif
