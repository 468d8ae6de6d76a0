/*
 * The "childcare" section of a policy file (docs/policy.md "Finding a
 * place"): the class types a childcare institution runs, with the age
 * band, the largest class and the carer ratio of 托育机构设置标准（试行）
 * as national defaults, a monthly fee cap per class type where a plan sets
 * one (景德镇: 004 line 284), how often affordable prices are reviewed, and
 * from how many children an institution needs a health worker. The nearest
 * file's section applies to a region, whole.
 */
#ifndef LX_APP_PLACE_CHILDCARE_POLICY_H
#define LX_APP_PLACE_CHILDCARE_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/facility.h"

#include <jansson.h>
#include <stdint.h>

struct childcare_class_rule {
	int class_type; /* enum class_type */
	const char *name;
	long long min_months, max_months; /* an infant of m months fits when
	                                     min <= m < max */
	long long max_children;
	long long children_per_carer; /* 0: not set (混合编班 nationally) */
	int has_fee_cap;
	int64_t fee_cap_fen; /* a month, per child */
	const char *source, *fee_cap_source;
};

struct childcare_policy {
	const char *source;
	struct childcare_class_rule classes[CLASS__MAX];
	int has_class[CLASS__MAX];
	long long health_worker_min_children; /* 0: no rule */
	const char *health_worker_source;
	/* "affordable": caps bind affordable (普惠) prices only; "all" */
	int caps_bind_all;
	long long price_review_years; /* 0: no review period */
	const char *price_review_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: childcare.<path>:
 * <what>". *out is arena-owned. */
int childcare_policy_read(struct arena *a, const char *file, json_t *o,
                          const struct childcare_policy **out,
                          struct lx_error *err);

/* The rule of a class type, or NULL (p may be NULL). */
const struct childcare_class_rule *
childcare_policy_class(const struct childcare_policy *p, int class_type);

/* The class type an infant of age_months belongs to: the single-age class
 * whose band holds the age (乳儿班, 托小班, 托大班), -1 when none does.
 * The mixed class is never chosen here: it is a way of organising, not an
 * age band of its own. */
int childcare_policy_class_for_age(const struct childcare_policy *p,
                                   long long age_months);

#endif
