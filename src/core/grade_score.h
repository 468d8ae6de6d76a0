/*
 * A rating scheme's scorecard (等级评定 of elderly institutions after
 * GB/T 37276-2018, 星级评定 of childcare) and the level a score sheet
 * reaches. Scores are decimals with at most one decimal place, carried as
 * whole tenths of a point so that every comparison is exact: a section
 * holds at least share% of its maximum when tenths × 100 >= share × max ×
 * 10. Pure: the scheme comes from the policy (app/grade_policy.c).
 */
#ifndef LX_CORE_GRADE_SCORE_H
#define LX_CORE_GRADE_SCORE_H

#include "core/exact.h"

#include <stddef.h>
#include <stdint.h>

enum { GRADE_SECTIONS_MAX = 16, GRADE_LEVELS_MAX = 10 };

struct grade_section {
	const char *code, *name;
	int64_t max; /* whole points */
};

/* Level n (1-based, rising): reached when the total is at least
 * min_total and every section holds at least min_share percent of its
 * maximum. */
struct grade_level {
	const char *name; /* 一级, 三星 */
	int64_t min_total;
	int min_share; /* percent 0..100 */
};

/* One scheme of the "grading" policy. Strings borrowed from the policy. */
struct grade_scheme {
	const char *code, *name, *unit; /* national_grade, 养老机构等级, 等级 */
	unsigned kinds;                 /* bit (1 << enum facility_kind) */
	size_t nsections, nlevels;
	const struct grade_section *sections;
	const struct grade_level *levels; /* levels[0] is level 1 */
	int64_t total;                    /* sum of the section maxima */
	int min_open_months;              /* open at least this long to apply */
	int first_max_level; /* a first rating is at most this level */
	int filing_required; /* no rating without filing (备案) */
	int penalty_years;   /* no penalty within this many years */
	int black_list_bars; /* the black list bars a rating */
	int valid_years;     /* a rating is valid this many years */
	int renewal_months;  /* renewal from this long before expiry */
	int annual;          /* yearly evaluation of every filed one */
	const char *source, *note;
};

/* Parses a section score: a decimal with at most one decimal place
 * ("85", "85.5"), 0..max. 0 and *tenths, or -1. */
int grade_score_parse(const char *s, int64_t max, int64_t *tenths);

/* The section of code in s, or -1. */
int grade_scheme_section(const struct grade_scheme *s, const char *code);

/* 1 when the sheet (tenths[i] for section i) holds level n (1-based). */
int grade_level_holds(const struct grade_scheme *s, const int64_t *tenths,
                      int n);

/* The total (exact) and the highest level the sheet holds (0: none). */
void grade_score_compute(const struct grade_scheme *s, const int64_t *tenths,
                         struct exact *total, int *reached);

/* "一级".."五星", or "" outside 1..nlevels. Borrowed. */
const char *grade_level_name(const struct grade_scheme *s, int level);

#endif
