/*
 * The "closures" section of a policy file (docs/policy.md "Closures"):
 * the reasons a facility exits (退出), the destinations its residents and
 * children may be settled to, and the days of notice before closing. The
 * nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_CLOSURE_POLICY_H
#define LX_APP_CLOSURE_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>
#include <stddef.h>

/* A code, its Chinese name and where the policy takes it from. */
struct closure_code {
	const char *code, *name, *source;
};

struct closure_policy {
	const char *source, *note;
	size_t nreasons, ndestinations;
	struct closure_code *reasons;
	/* codes among core/closure_case.h's destinations: institution,
	 * home, successor */
	struct closure_code *destinations;
	long long notice_days; /* before the planned day; -1 when not set */
	const char *notice_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: closures.<path>:
 * <what>". *out is arena-owned. A section with only "source" (not yet
 * written) reads as a policy with no reasons. */
int closure_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct closure_policy **out,
                        struct lx_error *err);

/* Look-ups by code; NULL when unknown or p is NULL. Borrowed from p. */
const struct closure_code *closure_policy_reason(const struct closure_policy *p,
                                                 const char *code);
const struct closure_code *
closure_policy_destination(const struct closure_policy *p, const char *code);

#endif
