/*
 * The monthly visit rate computed from the visits themselves: targets on
 * the list on a day and those of them visited in a range of days, per
 * region, each person judged by the visits policy of their region
 * (docs/policy.md "Visits", "Data elements"). Indicators read it through
 * app/indicator_eval.c; GET /api/v1/visits/rate and laoxiao visit rate
 * show it with the weekly share of the weekly tiers.
 */
#ifndef LX_APP_VISIT_RATE_H
#define LX_APP_VISIT_RATE_H

#include "app/ctx.h"
#include "core/visit_rate.h"
#include "store/visit_count_store.h"

#include <jansson.h>
#include <stddef.h>

struct visit_region_count {
	char region[13]; /* a region people live in (a village) */
	long long targets, visited;
	/* per week: the targets in a weekly tier when it began, and those
	 * of them visited in it */
	long long weekly[VISIT_COUNT_RANGES_MAX];
	long long weekly_visited[VISIT_COUNT_RANGES_MAX];
};

/*
 * The targets element e counts in root's subtree on day as_of, and those
 * of them visited from..to, per region people live in, ordered by code
 * (regions with none left out); with, for each of the nweeks weeks (0
 * for none), those of the same list in a weekly tier when the week began
 * (the risk of the latest visit before it) and those of them visited in
 * it. *out is arena-owned. -1 with ctx->err.
 */
int app_visit_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                     const char *from, const char *to,
                     const struct visit_count_range *weeks, int nweeks,
                     const struct visit_element *e,
                     struct visit_region_count **out, size_t *n);

/*
 * GET /api/v1/visits/rate: params region and month (YYYY-MM, default
 * this month). For the region and each child: targets of the monthly
 * rate on the list at the month's end (today for this month), those
 * visited in the month, the rate; and per ISO week of the month the
 * targets of the same list in a weekly tier when the week began and the
 * share of them visited that week. Figures are sums over the people, never
 * averages of the children's rates.
 */
json_t *app_visit_rate(struct app_ctx *ctx, json_t *params);
/* The same as text, kept between requests while nothing is written
 * (app/result_cache.h); *hit says whether it was kept. */
int app_visit_rate_cached(struct app_ctx *ctx, json_t *params, char **text,
                          size_t *len, int *hit);

#endif
