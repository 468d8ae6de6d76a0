/*
 * The grading module's data elements for indicators (docs/policy.md
 * "Data elements"): counts of open facilities holding a rating in force on
 * the period's last day, by the facility's region:
 *
 *   graded_elderly_institutions  elderly institutions (养老机构) with a
 *                                national grade (national_grade) of level
 *                                1 (一级) or more
 *   star_rated_childcare         childcare institutions (托育机构) with a
 *                                childcare star rating (childcare_star)
 *
 * The share's denominator is the registry's
 * facilities.elderly_institution. Pure: names only; the counting is
 * app/grade_elements.c.
 */
#ifndef LX_CORE_GRADE_ELEMENT_H
#define LX_CORE_GRADE_ELEMENT_H

enum grade_element { GE_GRADED_ELDERLY, GE_STAR_CHILDCARE, GE__MAX };

/* The element named name, or -1. */
int grade_element_parse(const char *name);

/* The scheme and facility kind (machine names) an element counts, and the
 * lowest level. */
void grade_element_def(enum grade_element e, const char **scheme,
                       const char **kind, int *min_level);

#endif
