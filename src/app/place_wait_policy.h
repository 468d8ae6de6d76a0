/*
 * The "waitlist" section of a policy file (docs/policy.md "Waiting lists
 * (\"waitlist\")"): waiting lists (轮候) for public institutions — one
 * list per institution or per region, which facilities keep one, the
 * priority tiers, the order within a tier, the days to answer an offer
 * and the declines after which the wait starts again. The nearest file's
 * section applies to a region, whole.
 */
#ifndef LX_APP_PLACE_WAIT_POLICY_H
#define LX_APP_PLACE_WAIT_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/place_wait.h"

#include <jansson.h>

enum wait_scope {
	WAIT_SCOPE_INSTITUTION, /* one list per public institution */
	WAIT_SCOPE_REGION       /* one list per county, placed anywhere in it */
};

struct wait_policy {
	const char *source;
	enum wait_scope scope;
	const char *scope_source;
	unsigned facility_kinds; /* mask of enum facility_kind */
	unsigned ownerships;     /* mask of enum ownership */
	struct wait_rules rules; /* tiers, order, offer days, declines */
	const char *order_source, *offer_days_source, *declines_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: waitlist.<path>:
 * <what>". *out is arena-owned. */
int wait_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct wait_policy **out, struct lx_error *err);

/* Whether a facility of kind and ownership keeps a waiting list under p. */
int wait_policy_covers(const struct wait_policy *p, int kind, int ownership);

/* The tier whose code is code, or NULL. */
const struct wait_tier *wait_policy_tier(const struct wait_policy *p,
                                         const char *code);

/* Whether some tier is reached by the declared flag code. */
int wait_policy_declares(const struct wait_policy *p, const char *code);

#endif
