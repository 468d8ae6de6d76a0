/*
 * The "grading" section of a policy file (docs/policy.md "Grading"): rating
 * schemes (等级 of elderly institutions after GB/T 37276-2018, 星级 of
 * childcare): scorecard sections, level thresholds and the rules of applying,
 * validity and renewal. The nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_GRADE_POLICY_H
#define LX_APP_GRADE_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

struct grade_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: grading.<path>:
 * <what>". *out is arena-owned. */
int grade_policy_read(struct arena *a, const char *file, json_t *o,
                      const struct grade_policy **out, struct lx_error *err);

#endif
