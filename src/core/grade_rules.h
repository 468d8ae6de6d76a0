/*
 * The rules of a rating beyond the scores (GB/T 37276-2018 as locally
 * implemented, values from the "grading" policy): who may be rated, the
 * level awarded, how long it is valid, when it may be renewed and when it
 * lapses. Pure; the facts come from the registry and the credit file.
 */
#ifndef LX_CORE_GRADE_RULES_H
#define LX_CORE_GRADE_RULES_H

#include "core/grade_score.h"

/* What the registry and the credit file say of a facility on the day of
 * an assessment. Dates "YYYY-MM-DD" or "" when none. */
struct grade_facts {
	int kind;           /* enum facility_kind */
	int filed;          /* filing status is filed (已备案) */
	int closed;         /* closed on or before the day */
	char opened_on[11]; /* "" when not recorded */
	int rated_before;   /* any earlier rating under the scheme */
	char last_penalty_on[11];
	int black_listed;        /* on the black list on the day */
	char in_force_until[11]; /* valid_until of the rating in force, "" */
};

struct grade_decision {
	int awarded;          /* level given, 0 when refused */
	char reason[160];     /* why refused, or why capped; "" otherwise */
	char valid_until[11]; /* when awarded */
};

/* d plus months (negative: minus), the day of month kept or clamped to the
 * month's end (01-31 + 1 month = 02-28). -1 on a bad date. */
int grade_add_months(const char *d, int months, char out[11]);

/* rated_on + valid_years years − 1 day (a rating of 29 February runs to
 * 28 February). -1 on a bad date. */
int grade_valid_until(const struct grade_scheme *s, const char *rated_on,
                      char out[11]);

/* The first day a rating valid until valid_until may be renewed:
 * (valid_until + 1 day) − renewal_months months. */
int grade_renewal_from(const struct grade_scheme *s, const char *valid_until,
                       char out[11]);

/* valid_until + 1 day: the day an unrenewed rating lapses. */
int grade_lapse_day(const char *valid_until, char out[11]);

/* Decides a rating application on day: applied (1..nlevels, 0 for "the
 * level reached") and the level the scores reached. Refusals in this
 * order: the kind is not rated by the scheme, closed, not filed, not open long
 * enough, black-listed, a penalty within penalty_years (a penalty on or
 * after day − penalty_years years), a rating in force not yet in its
 * renewal window, no level reached. Otherwise awards min(applied,
 * reached), capped at first_max_level for a first rating. Returns 0, or
 * -1 on a bad date in day or facts. */
int grade_decide(const struct grade_scheme *s, const struct grade_facts *f,
                 const char *day, int applied, int reached,
                 struct grade_decision *out);

#endif
