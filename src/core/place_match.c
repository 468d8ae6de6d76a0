#include "core/place_match.h"

#include <stdlib.h>

int place_match_budget_band(const struct place_candidate *c,
                            const struct place_match_rule *r)
{
	if (!r || !r->has_budget)
		return 0;
	if (!c->has_price)
		return 1;
	return c->price_fen <= r->budget_fen ? 0 : 2;
}

static int cmp_ll(long long a, long long b)
{
	return (a > b) - (a < b);
}

int place_match_cmp(const struct place_candidate *a,
                    const struct place_candidate *b,
                    const struct place_match_rule *r)
{
	int d = place_match_budget_band(a, r) - place_match_budget_band(b, r);

	if (d)
		return d;
	if (a->has_distance != b->has_distance)
		return a->has_distance ? -1 : 1;
	if (a->has_distance && (d = cmp_ll(a->distance_m, b->distance_m)))
		return d;
	if (a->has_price != b->has_price)
		return a->has_price ? -1 : 1;
	if (a->has_price && (d = cmp_ll(a->price_fen, b->price_fen)))
		return d;
	return cmp_ll(a->facility_id, b->facility_id);
}

/* qsort's comparator cannot take the rule without global state; an
 * insertion sort over the candidates of one county (a few hundred at
 * most) keeps it re-entrant. The order is total (the id breaks every
 * tie), so the result does not depend on the input order. */
static int cmp_room(const struct place_candidate *a,
                    const struct place_candidate *b,
                    const struct place_match_rule *r, int room_first)
{
	if (room_first && (a->vacant > 0) != (b->vacant > 0))
		return a->vacant > 0 ? -1 : 1;
	return place_match_cmp(a, b, r);
}

void place_match_sort(struct place_candidate *c, size_t n,
                      const struct place_match_rule *r, int room_first)
{
	for (size_t i = 1; i < n; i++) {
		struct place_candidate x = c[i];
		size_t j = i;

		while (j > 0 && cmp_room(&c[j - 1], &x, r, room_first) > 0) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = x;
	}
}

size_t place_match_rank(struct place_candidate *c, size_t n,
                        const struct place_match_rule *r)
{
	size_t kept = 0;

	for (size_t i = 0; i < n; i++)
		if (c[i].vacant > 0)
			c[kept++] = c[i];
	place_match_sort(c, kept, r, 0);
	return kept;
}

enum place_match_reason
place_match_reason_of(const struct place_candidate *prev,
                      const struct place_candidate *cur,
                      const struct place_match_rule *r)
{
	int bp, bc;

	if (!prev)
		return PMR_FIRST;
	bp = place_match_budget_band(prev, r);
	bc = place_match_budget_band(cur, r);
	if (bp != bc)
		return bc == 1 ? PMR_PRICE_UNKNOWN_BUDGET : PMR_BUDGET;
	if (prev->has_distance != cur->has_distance)
		return PMR_NO_DISTANCE;
	if (cur->has_distance && prev->distance_m != cur->distance_m)
		return PMR_FARTHER;
	if (prev->has_price != cur->has_price)
		return PMR_NO_PRICE;
	if (cur->has_price && prev->price_fen != cur->price_fen)
		return PMR_PRICIER;
	return PMR_ID;
}

static const struct {
	const char *code, *zh;
} reasons[PMR__MAX] = {
	[PMR_FIRST] = { "first", "排序第一" },
	[PMR_BUDGET] = { "over_budget", "超出预算" },
	[PMR_PRICE_UNKNOWN_BUDGET] = { "price_unknown",
	                               "未公示收费，无法确认在预算内" },
	[PMR_NO_DISTANCE] = { "no_location", "无位置信息，距离未知" },
	[PMR_FARTHER] = { "farther", "距离更远" },
	[PMR_NO_PRICE] = { "no_price", "距离相同，未公示收费" },
	[PMR_PRICIER] = { "pricier", "距离相同，收费更高" },
	[PMR_ID] = { "registry_order", "距离和收费相同，按登记编号" },
};

const char *place_match_reason_code(enum place_match_reason m)
{
	return m >= 0 && m < PMR__MAX ? reasons[m].code : "";
}

const char *place_match_reason_zh(enum place_match_reason m)
{
	return m >= 0 && m < PMR__MAX ? reasons[m].zh : "";
}
