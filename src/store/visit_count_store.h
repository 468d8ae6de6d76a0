/*
 * Visit targets counted for the monthly visit rate (docs/policy.md "Data
 * elements": visit_targets, visited_targets). Who is a target and in
 * which tier is the policy's rule (core/visit.h), applied by the caller;
 * the store gathers what that rule reads, for every elderly person of a
 * subtree, grouped: people with the same region, categories, residence,
 * tier override, last risk and visited flags are one row. Each table is
 * read once, ordered by person, and joined and grouped in C (one snapshot
 * for all of them).
 */
#ifndef LX_STORE_VISIT_COUNT_STORE_H
#define LX_STORE_VISIT_COUNT_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct visit_count_group {
	char region[13]; /* where the people lived on the day */
	unsigned cats;   /* bit c set: category c (enum person_category_code)
	                    in force on the day */
	char residence[16];
	char *tier;     /* a tier override in force on the day, or NULL;
	                   arena-owned */
	char risk[8];   /* the risk of the latest visit on or before the day,
	                   "" when none or not stated */
	int visited;    /* visited at least once from..to */
	unsigned weeks; /* bit k: visited in week range k */
	unsigned highs; /* bit k: the latest visit before week range k began
	                   found the risk high (the tier the week began with) */
	long long n;    /* people */
};

/* Day ranges (first and last day, inclusive) visits are also looked for
 * in, e.g. the ISO weeks of a month. */
enum { VISIT_COUNT_RANGES_MAX = 6 };
struct visit_count_range {
	char first[11], last[11];
};

/*
 * The elderly people of root's subtree on day as_of: alive that day
 * (deceased_on after it), born on or before birth_by (old enough), living
 * in the subtree that day (their region then: the one they moved from by
 * the earliest move after the day, else their region now) and in at least
 * one category that day; grouped, ordered by region. visited counts a
 * visit with visited_on in from..to (inclusive), weeks one in each of the
 * nranges ranges (at most VISIT_COUNT_RANGES_MAX). *out is arena-owned.
 */
int visit_count_store_groups(struct db *db, struct arena *a, const char *root,
                             const char *as_of, const char *birth_by,
                             const char *from, const char *to,
                             const struct visit_count_range *ranges,
                             int nranges, struct visit_count_group **out,
                             size_t *n, struct lx_error *err);

#endif
