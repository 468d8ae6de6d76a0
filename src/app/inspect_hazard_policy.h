/*
 * The "hazards" section of a policy file (docs/policy.md "Hazards"): for
 * each severity (一般, 较大, 重大) the rectification deadline in days and
 * whether an open hazard of it stops admissions; how many days overdue
 * take an escalation from the county to the city. No seed gives these
 * days: they are cited platform defaults. The nearest file's section
 * applies to a region, whole.
 */
#ifndef LX_APP_INSPECT_HAZARD_POLICY_H
#define LX_APP_INSPECT_HAZARD_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/inspect_hazard.h"

#include <jansson.h>

struct hazard_severity_rule {
	const char *label, *source;
	long long deadline_days;
	int stops_admission;
};

struct hazard_policy {
	const char *source;
	struct hazard_severity_rule severities[HS__MAX];
	long long escalate_city_after_days;
	const char *escalation_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: hazards.<path>:
 * <what>". *out is arena-owned. Every severity must be given once. */
int hazard_policy_read(struct arena *a, const char *file, json_t *o,
                       const struct hazard_policy **out, struct lx_error *err);

#endif
