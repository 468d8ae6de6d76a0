/*
 * The "staff" section of a policy file (docs/policy.md "Staff"): the
 * occupations of facility staff (national occupation names), the sector
 * each belongs to and whether it counts in the certified share, the
 * certificate levels, the training kinds, which training is the pre-job
 * one, and the yearly health check and health training of childcare
 * staff. The nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_INSPECT_STAFF_POLICY_H
#define LX_APP_INSPECT_STAFF_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/inspect_staff.h"

#include <jansson.h>
#include <stddef.h>

struct staff_occupation {
	const char *code, *name, *source;
	enum staff_sector sector;
	int certified; /* counts in the certified share */
};

/* A code and its Chinese name: certificate levels, training kinds. */
struct staff_code {
	const char *code, *name;
};

struct staff_policy {
	const char *source;
	size_t noccupations, nlevels, nkinds;
	struct staff_occupation *occupations;
	struct staff_code *levels, *kinds;
	const char *pre_job_kind, *pre_job_source;
	struct staff_health_rule health; /* childcare staff, yearly */
	const char *health_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: staff.<path>:
 * <what>". *out is arena-owned. */
int staff_policy_read(struct arena *a, const char *file, json_t *o,
                      const struct staff_policy **out, struct lx_error *err);

/* Look-ups by code; NULL when unknown or p is NULL. */
const struct staff_occupation *
staff_policy_occupation(const struct staff_policy *p, const char *code);
const struct staff_code *staff_policy_level(const struct staff_policy *p,
                                            const char *code);
const struct staff_code *staff_policy_kind(const struct staff_policy *p,
                                           const char *code);

#endif
