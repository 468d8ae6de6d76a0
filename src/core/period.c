#include "core/period.h"

#include "core/date.h"

#include <stdio.h>
#include <string.h>

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int period_parse(const char *s, struct period *out, struct lx_error *err,
                 const char *field)
{
	size_t n = s ? strlen(s) : 0;
	struct period p = { PERIOD_YEAR, 0, 0 };

	if (n >= 4 && digits(s, 4))
		p.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		         (s[2] - '0') * 10 + (s[3] - '0');
	if (n == 4 && p.year) {
		/* a year */
	} else if (n == 6 && p.year && s[4] == 'Q' && s[5] >= '1' &&
	           s[5] <= '4') {
		p.kind = PERIOD_QUARTER;
		p.index = s[5] - '0';
	} else if (n == 7 && p.year && s[4] == '-' && digits(s + 5, 2)) {
		p.kind = PERIOD_MONTH;
		p.index = (s[5] - '0') * 10 + (s[6] - '0');
		if (p.index < 1 || p.index > 12)
			p.year = 0;
	} else {
		p.year = 0;
	}
	if (p.year < 1949 || p.year > 2100)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' must be a period like 2025, 2025Q1 or "
		               "2025-03, not '%.20s'",
		               field, s ? s : "");
	*out = p;
	return 0;
}

void period_format(struct period p, char out[8])
{
	unsigned y = (unsigned)p.year % 10000u, i = (unsigned)p.index;

	if (p.kind == PERIOD_YEAR)
		snprintf(out, 8, "%04u", y);
	else if (p.kind == PERIOD_QUARTER)
		snprintf(out, 8, "%04uQ%u", y, i % 10u);
	else
		snprintf(out, 8, "%04u-%02u", y, i % 100u);
}

static int last_month(struct period p)
{
	return p.kind == PERIOD_YEAR      ? 12
	       : p.kind == PERIOD_QUARTER ? p.index * 3
	                                  : p.index;
}

static int first_month(struct period p)
{
	return p.kind == PERIOD_YEAR      ? 1
	       : p.kind == PERIOD_QUARTER ? p.index * 3 - 2
	                                  : p.index;
}

static void day(int y, int m, int d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	         (unsigned)m % 100u, (unsigned)d % 100u);
}

void period_first_day(struct period p, char out[11])
{
	day(p.year, first_month(p), 1, out);
}

void period_last_day(struct period p, char out[11])
{
	int m = last_month(p);

	day(p.year, m, date_days_in_month(p.year, m), out);
}

struct period period_previous(struct period p)
{
	int count = p.kind == PERIOD_QUARTER ? 4 : 12;

	if (p.kind == PERIOD_YEAR) {
		p.year--;
	} else if (p.index > 1) {
		p.index--;
	} else {
		p.year--;
		p.index = count;
	}
	return p;
}

double period_year_value(struct period p)
{
	/* year Y is the state at the end of Y; a quarter or month ending in
	 * month m of year Y is m/12 of the way from the end of Y-1 */
	if (p.kind == PERIOD_YEAR)
		return p.year;
	return (p.year - 1) + last_month(p) / 12.0;
}
