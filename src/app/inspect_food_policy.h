/*
 * The "food_safety" section of a policy file (docs/policy.md "Food
 * safety"): the grades of canteens' food-safety quantified grading
 * (A 优秀, B 良好, C 一般), which of them count as "B or better", and how
 * long a grade stays in force. The nearest file's section applies to a
 * region, whole.
 */
#ifndef LX_APP_INSPECT_FOOD_POLICY_H
#define LX_APP_INSPECT_FOOD_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>
#include <stddef.h>

struct food_grade_def {
	const char *code; /* "A" */
	const char *name; /* "优秀" */
	int good;         /* listed in good_grades: counts as B or better */
};

struct food_policy {
	const char *source;
	size_t ngrades;
	struct food_grade_def *grades;
	const char *good_source;
	/* a grade lapses validity_years after graded_on; 0: never */
	long long validity_years;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: food_safety.<path>:
 * <what>". *out is arena-owned. */
int food_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct food_policy **out, struct lx_error *err);

/* The grade coded code, or NULL (also when p is NULL). */
const struct food_grade_def *food_policy_grade(const struct food_policy *p,
                                               const char *code);

#endif
