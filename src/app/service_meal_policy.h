/*
 * The "meals" section of a policy file (docs/policy.md "Services"):
 * meal assistance (助餐): which villages are administrative villages
 * (建制村) and what makes one covered. app/policy.c calls this for each
 * file; the nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_MEAL_POLICY_H
#define LX_APP_SERVICE_MEAL_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

enum { MEAL_POINT_KINDS_MAX = 2 };

struct meal_policy {
	const char *source;
	/* a village-level code is a 村民委员会 when its last three digits
	 * lie in [village_from, village_to] (统计用区划代码 rules: 200-399) */
	int village_from, village_to;
	const char *village_source;
	/* facility kinds (enum facility_kind) that cover a village when one
	 * is registered in it and open on the day */
	int point_kinds[MEAL_POINT_KINDS_MAX];
	size_t npoint_kinds;
	const char *point_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: meals.<path>:
 * <what>". *out is arena-owned. */
int meal_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct meal_policy **out, struct lx_error *err);

/* The platform's rule where no policy file has the section: villages
 * 200-399, a meal point covers (static storage). */
const struct meal_policy *meal_policy_default(void);

#endif
