/*
 * The "family_beds" section of a policy file (docs/policy.md "Services"):
 * family care beds (家庭养老床位): who is eligible, the set-up steps a bed
 * needs before it is active, and the monthly service standard the
 * provider's log is held to. app/policy.c calls this for each file; the
 * nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_BED_POLICY_H
#define LX_APP_SERVICE_BED_POLICY_H

#include "core/arena.h"
#include "core/category_rule.h"
#include "core/error.h"

#include <jansson.h>

struct family_bed_policy {
	const char *source;
	/* 经济困难的失能、部分失能老人: categories held on the day of the
	 * application, with an age floor */
	struct category_rule eligible;
	const char *eligible_source;
	/* set-up steps required before a bed is set up: "adaptation"
	 * (适老化改造), "devices" (信息化改造); the assessment and the plan
	 * are always required */
	int needs_adaptation, needs_devices;
	const char *setup_source;
	/* the service standard: a month of an active bed below either
	 * figure is flagged */
	long long min_visits_month, min_minutes_month;
	const char *standard_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: family_beds.<path>:
 * <what>". *out is arena-owned. */
int family_bed_policy_read(struct arena *a, const char *file, json_t *o,
                           const struct family_bed_policy **out,
                           struct lx_error *err);

#endif
