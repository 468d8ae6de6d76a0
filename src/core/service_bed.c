#include "core/service_bed.h"

#include "core/date.h"

#include <stdio.h>
#include <string.h>

static const char *const names[BED__MAX] = { "applied", "assessed", "set_up",
	                                     "active", "removed" };
static const char *const zh[BED__MAX] = { "已申请", "已评估", "已建床",
	                                  "服务中", "已撤床" };

const char *bed_status_name(enum bed_status s)
{
	return (unsigned)s < BED__MAX ? names[s] : "";
}

const char *bed_status_zh(enum bed_status s)
{
	return (unsigned)s < BED__MAX ? zh[s] : "";
}

int bed_status_parse(const char *s)
{
	for (int i = 0; s && i < BED__MAX; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

int bed_may_move(enum bed_status from, enum bed_status to)
{
	if ((unsigned)from >= BED__MAX || (unsigned)to >= BED__MAX ||
	    from == BED_REMOVED)
		return 0;
	return to == BED_REMOVED || to == from + 1;
}

int bed_month_bounds(const char *s, char first[11], char last[11])
{
	struct lx_date d;
	char day[11];

	if (!s || strlen(s) != 7 || s[4] != '-')
		return -1;
	snprintf(day, sizeof(day), "%s-01", s);
	if (date_parse(day, &d))
		return -1;
	memcpy(first, day, 11);
	d.d = date_days_in_month(d.y, d.m);
	date_format(d, last);
	return 0;
}

/* Active on day: on or after active_from and before removed_on. */
static int active_on(const char *day, const char *from, const char *removed)
{
	return from && *from && strcmp(from, day) <= 0 &&
	       (!removed || !*removed || strcmp(day, removed) < 0);
}

int bed_month_held(const char *month, const char *active_from,
                   const char *removed_on)
{
	char first[11], last[11];

	if (bed_month_bounds(month, first, last))
		return 0;
	return active_on(first, active_from, removed_on) &&
	       active_on(last, active_from, removed_on);
}

int bed_month_open(const char *month, const char *active_from,
                   const char *removed_on)
{
	char first[11], last[11];

	if (bed_month_bounds(month, first, last) || !active_from ||
	    !*active_from)
		return 0;
	/* some day of [first, last] lies in [active_from, removed_on) */
	return strcmp(active_from, last) <= 0 &&
	       (!removed_on || !*removed_on || strcmp(removed_on, first) > 0);
}

int bed_month_under(long long visits, long long minutes, long long min_visits,
                    long long min_minutes)
{
	return visits < min_visits || minutes < min_minutes;
}
