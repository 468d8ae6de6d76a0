#include "core/complaint_calendar.h"

static int listed(const long *v, size_t n, long day)
{
	for (size_t i = 0; v && i < n; i++)
		if (v[i] == day)
			return 1;
	return 0;
}

int complaint_is_working_day(const struct complaint_calendar *c, long day)
{
	/* 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday 0 */
	long wd = ((day % 7) + 7 + 3) % 7;

	if (c && listed(c->on, c->non, day))
		return 1;
	if (wd >= 5)
		return 0;
	return !(c && listed(c->off, c->noff, day));
}

long complaint_add_working_days(const struct complaint_calendar *c, long day,
                                int n)
{
	while (n > 0) {
		day++;
		n -= complaint_is_working_day(c, day);
	}
	return day;
}

long complaint_working_days_between(const struct complaint_calendar *c,
                                    long from, long to)
{
	long k = 0;

	for (long d = from + 1; d <= to; d++)
		k += complaint_is_working_day(c, d);
	return k;
}
