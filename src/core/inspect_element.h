/*
 * The supervision module's data elements for indicators (docs/policy.md
 * "Data elements"): counts from the platform's own food-grade and staff
 * records as of the period's last day, per region and rolled up the tree:
 *
 *   food_graded                open facilities with a canteen grade in
 *                              force on the day
 *   food_graded_b_or_better    those whose grade is one of the policy's
 *                              good grades (B or better)
 *   staff                      staff whose contract runs on the day
 *   staff_certifiable          those in an occupation that counts in the
 *                              certified share
 *   staff_certified            those of them holding a certificate
 *   staff_trained              staff with the policy's pre-job training
 *                              held on or before the day
 *
 * Each narrowed by one filter, "elderly" or "childcare", the facility's
 * kind family (food_graded.childcare, staff_certified.childcare). Pure:
 * names only; the counting is app/inspect_elements.c.
 */
#ifndef LX_CORE_INSPECT_ELEMENT_H
#define LX_CORE_INSPECT_ELEMENT_H

#include "core/inspect_staff.h"

enum inspect_element {
	IE_FOOD_GRADED,
	IE_FOOD_GOOD,
	IE_STAFF,
	IE_STAFF_CERTIFIABLE,
	IE_STAFF_CERTIFIED,
	IE_STAFF_TRAINED,
	IE__MAX
};

struct inspect_element_ref {
	enum inspect_element e;
	enum staff_sector sector; /* STAFF_ANY: not narrowed */
};

/* 1 and *out when name is one of the elements with at most one filter,
 * else 0. */
int inspect_element_parse(const char *name, struct inspect_element_ref *out);

#endif
