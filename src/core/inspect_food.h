/*
 * Canteens' food-safety grades as rules (docs/policy.md "Food safety"):
 * the grade in force on a day is the latest graded on or before the day
 * (the higher id on a tie), unless the policy gives a validity and it has
 * lapsed. Pure: no I/O, no globals.
 */
#ifndef LX_CORE_INSPECT_FOOD_H
#define LX_CORE_INSPECT_FOOD_H

#include <stddef.h>

struct food_grade_rec {
	long long id, facility_id;
	char grade[8];      /* "A", "B", "C" as the policy codes them */
	char graded_on[11]; /* YYYY-MM-DD */
	const char *note;
	char recorded_at[21];
};

/* The index in g[0..n) (one facility's grades, any order) of the grade in
 * force on day, or -1. validity_years 0: a grade never lapses; else it is
 * in force up to the day before graded_on plus that many years (29
 * February plus a year is 28 February). */
long food_grade_current(const struct food_grade_rec *g, size_t n,
                        const char *day, long long validity_years);

#endif
