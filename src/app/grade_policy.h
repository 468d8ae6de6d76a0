/*
 * The "grading" section of a policy file (docs/policy.md "Grading"): rating
 * schemes (等级 of elderly institutions after GB/T 37276-2018, 星级 of
 * childcare, and any local one): scorecard sections, level thresholds and
 * the rules of applying, validity and renewal. The nearest file's section
 * applies to a region, whole.
 */
#ifndef LX_APP_GRADE_POLICY_H
#define LX_APP_GRADE_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/grade_score.h"

#include <jansson.h>

struct grade_policy {
	const char *source, *note;
	size_t nschemes;
	const struct grade_scheme *schemes;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: grading.<path>:
 * <what>". Checks that the section maxima sum to the total, that level
 * thresholds (total and share) rise with the level and that shares lie in
 * 0..100. *out is arena-owned. */
int grade_policy_read(struct arena *a, const char *file, json_t *o,
                      const struct grade_policy **out, struct lx_error *err);

/* The scheme of code, or NULL (also when p is NULL). Borrowed. */
const struct grade_scheme *grade_policy_scheme(const struct grade_policy *p,
                                               const char *code);

/* The first scheme that rates facilities of kind, or NULL. */
const struct grade_scheme *
grade_policy_scheme_for_kind(const struct grade_policy *p, int kind);

#endif
