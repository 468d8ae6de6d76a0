/*
 * Childcare staffing (the staffing plan's childcare part): carers a
 * childcare institution needs, class by class, from the children enrolled
 * and the carer ratio of the class type (托育机构设置标准（试行）: 1:3, 1:5,
 * 1:7), counted in whole persons (向上取整: 4 infants at 1:3 need 2); a
 * class larger than its class type allows; and a health worker from a
 * number of children on (招收150名以上婴幼儿的, at least one). A class type
 * whose ratio is not set (混合编班 nationally) is reported with its
 * children, never computed. The numbers come from the "childcare" policy
 * section; these are the rules alone. Pure.
 */
#ifndef LX_CORE_PLACE_STAFFING_H
#define LX_CORE_PLACE_STAFFING_H

#include "core/facility.h"

struct place_staffing_rules {
	long long max_children[CLASS__MAX]; /* 0: no size rule */
	long long per_carer[CLASS__MAX];    /* 0: ratio not set */
	long long health_worker_min;        /* 0: no rule */
};

struct place_class_need {
	int type; /* enum class_type */
	long long enrolled, max_children;
	int over_size; /* enrolled > max_children (a size rule set) */
	int ratio_set;
	long long carers; /* when ratio_set */
};

struct place_staffing {
	long long carers_needed;    /* over classes whose ratio is set */
	long long children_unrated; /* in classes whose ratio is not set */
	long long over_size_classes;
	long long health_workers_needed; /* 0 or 1 */
};

/* Carers for children at per_carer children each, rounded up; -1 when
 * per_carer is not positive or children is negative. */
long long place_carers_for(long long children, long long per_carer);

/* Health workers needed for enrolled children: 1 from min on, else 0 (0
 * when min is 0: no rule). */
long long place_health_workers_for(long long enrolled, long long min);

/* Needs of the classes of c (need has room for c->nclasses entries, one
 * per class, in order) and the totals. */
void place_staffing_of(const struct capacity *c,
                       const struct place_staffing_rules *r,
                       struct place_class_need *need,
                       struct place_staffing *out);

#endif
