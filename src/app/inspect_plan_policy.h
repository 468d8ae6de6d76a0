/*
 * The "inspections" section of a policy file (docs/policy.md "Random
 * inspections"): random inspections (双随机、一公开): the item list (一单)
 * with domains, owning departments, the facility kinds each applies to and
 * a yearly sample rate; inspectors per check; the yearly floor; notice
 * before daily and special checks; credit-risk weights. The nearest file's
 * section applies to a region, whole.
 */
#ifndef LX_APP_INSPECT_PLAN_POLICY_H
#define LX_APP_INSPECT_PLAN_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>
#include <stdint.h>

struct inspection_item {
	const char *code, *name, *domain, *department, *source;
	uint32_t kinds; /* bit k: enum facility_kind k */
	long long rate; /* percent of eligible facilities a year */
};

struct inspection_weight {
	const char *risk_class; /* "unclassified", "A" … */
	long long weight;
};

struct inspection_policy {
	const char *source;
	size_t nitems;
	const struct inspection_item *items;
	const char *rate_source;
	long long inspectors_per_check;
	const char *inspectors_source;
	const char *floor_item; /* the code of the yearly-floor item */
	uint32_t floor_kinds;
	const char *floor_source;
	long long notice_working_days;
	const char *notice_source;
	size_t nholidays;
	const char **holidays; /* YYYY-MM-DD, not worked */
	size_t nweights;
	const struct inspection_weight *weights;
	const char *weights_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: inspections.<path>:
 * <what>". *out is arena-owned. */
int inspection_policy_read(struct arena *a, const char *file, json_t *o,
                           const struct inspection_policy **out,
                           struct lx_error *err);

/* The item with the code, or NULL. */
const struct inspection_item *
inspection_policy_item(const struct inspection_policy *p, const char *code);

/* The weight of a risk class (unknown classes weigh as "unclassified",
 * and 1 when even that is missing). */
long long inspection_policy_weight(const struct inspection_policy *p,
                                   const char *risk_class);

#endif
