#include "core/date.h"

#include "core/text.h"

#include <string.h>

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
		                      31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

/* Reads n ASCII digits at s; -1 if any is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

enum parse_result { PARSE_OK, PARSE_FORM, PARSE_YEAR, PARSE_DAY };

static enum parse_result parse(const char *s, struct lx_date *out)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return PARSE_FORM;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return PARSE_FORM;
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return PARSE_YEAR;
	if (d < 1 || d > date_days_in_month(y, m))
		return PARSE_DAY;
	out->y = y;
	out->m = m;
	out->d = d;
	return PARSE_OK;
}

int date_parse(const char *s, struct lx_date *out)
{
	return parse(s, out) == PARSE_OK ? 0 : -1;
}

int date_parse_field(const char *s, struct lx_date *out, struct lx_error *err,
                     const char *field)
{
	char q[64];

	if (!s || !*s)
		return lx_fail(err, LX_EINVALID, field,
		               "a date in the form YYYY-MM-DD is required");
	text_excerpt(s, 40, q, sizeof(q));
	switch (parse(s, out)) {
	case PARSE_OK:
		return 0;
	case PARSE_FORM:
		return lx_fail(err, LX_EINVALID, field,
		               "\"%s\" is not a date in the form YYYY-MM-DD",
		               q);
	case PARSE_YEAR:
		return lx_fail(err, LX_EINVALID, field,
		               "year of \"%s\" must be between %d and %d", q,
		               DATE_YEAR_MIN, DATE_YEAR_MAX);
	case PARSE_DAY:
		break;
	}
	return lx_fail(err, LX_EINVALID, field, "\"%s\" is not a real date", q);
}

/* Howard Hinnant's days_from_civil: eras of 400 years starting 1 March. */
long date_to_days(struct lx_date d)
{
	long y = (long)d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct lx_date date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct lx_date r;

	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

void date_format(struct lx_date d, char out[11])
{
	int y = d.y < 0 ? 0 : d.y > 9999 ? 9999 : d.y;
	int m = d.m < 0 ? 0 : d.m > 99 ? 99 : d.m;
	int day = d.d < 0 ? 0 : d.d > 99 ? 99 : d.d;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}

int date_cmp(struct lx_date a, struct lx_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

int date_age_on(struct lx_date birth, struct lx_date on)
{
	int age;

	if (date_cmp(on, birth) < 0)
		return -1;
	age = on.y - birth.y;
	if (on.m < birth.m || (on.m == birth.m && on.d < birth.d))
		age--;
	return age;
}
