/*
 * The monthly visit rate (月探访率) as data (docs/policy.md "Data
 * elements"): the elements visit_targets and visited_targets, narrowed
 * by a tier, the tiers of the monthly rate or the weekly tiers; which
 * targets a group of people counts for; the ISO weeks of a month; the
 * rate as exact decimal text. Pure; the counting is app/visit_rate.c.
 */
#ifndef LX_CORE_VISIT_RATE_H
#define LX_CORE_VISIT_RATE_H

#include "core/visit.h"

#include <stddef.h>

enum visit_narrow {
	VN_ALL,     /* every target */
	VN_MONTHLY, /* tiers with in_monthly_rate: 特殊困难老年人 */
	VN_WEEKLY,  /* tiers visited every week */
	VN_TIER,    /* one tier, by code */
};

/* "visit_targets", "visited_targets", each optionally ".monthly",
 * ".weekly" or ".<tier code>". */
struct visit_element {
	int visited; /* visited_targets: those visited in the month */
	enum visit_narrow narrow;
	char tier[24]; /* for VN_TIER */
};

/* 1 when name is such an element (out filled), 0 when it is not one, -1
 * when it starts like one but the rest is not a code. */
int visit_element_parse(const char *name, struct visit_element *out);

/* The same element counting the other side (visit_targets for
 * visited_targets and back), written into out (64 bytes). */
void visit_element_pair(const char *name, char out[64]);

/* Whether people with categories cats (mask) in force, living at
 * residence, with a tier override (NULL none) and a latest risk (NULL
 * none) are targets the element counts under p (NULL: nobody is). */
int visit_element_counts(const struct visit_policy *p,
                         const struct visit_element *e, unsigned cats,
                         const char *residence, const char *override_tier,
                         const char *last_risk);

/* The ISO weeks (Monday to Sunday) of the month of day: those whose
 * Thursday falls in it, as ISO 8601 assigns weeks to months and years.
 * Fills up to 6 Mondays and Sundays; returns how many. -1 on a bad day. */
enum { VISIT_WEEKS_MAX = 6 };
int visit_month_weeks(const char *day, char monday[][11], char sunday[][11]);

/* The ISO week label of a Monday, "2021-W09"; out 9 bytes. */
int visit_week_label(const char *monday, char out[9]);

/* visited / targets × 100 rounded half up to 2 places ("93.75"); NULL
 * (no rate) when targets is 0. out EXACT_TEXT_MAX bytes. */
char *visit_rate_percent(long long visited, long long targets, char *out);

#endif
