#include "core/inspect_food.h"

#include "core/date.h"

#include <string.h>

/* graded_on plus years, the day clamped to the month's end */
static void lapse_day(const char *on, long long years, char out[11])
{
	struct lx_date d;

	if (date_parse(on, &d)) {
		out[0] = 0;
		return;
	}
	d.y += (int)years;
	if (d.d > date_days_in_month(d.y, d.m))
		d.d = date_days_in_month(d.y, d.m);
	date_format(d, out);
}

long food_grade_current(const struct food_grade_rec *g, size_t n,
                        const char *day, long long validity_years)
{
	long best = -1;
	char lapse[11];

	for (size_t i = 0; i < n; i++) {
		int c;

		if (strcmp(g[i].graded_on, day) > 0)
			continue;
		if (best >= 0) {
			c = strcmp(g[i].graded_on, g[best].graded_on);
			if (c < 0 || (c == 0 && g[i].id < g[best].id))
				continue;
		}
		best = (long)i;
	}
	if (best >= 0 && validity_years > 0) {
		lapse_day(g[best].graded_on, validity_years, lapse);
		if (strcmp(day, lapse) >= 0)
			return -1;
	}
	return best;
}
