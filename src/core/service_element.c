#include "core/service_element.h"

#include "core/date.h"

#include <string.h>

static const char *const names[SE__MAX] = {
	[SE_RURAL_VILLAGES] = "rural_villages",
	[SE_MEAL_VILLAGES] = "meal_villages",
	[SE_GUIDED_INFANTS] = "guided_infants",
	[SE_ACTIVE_FAMILY_BEDS] = "active_family_beds",
	[SE_VOLUNTEERS] = "registered_volunteers",
	[SE_ELDERLY_VOLUNTEERS] = "registered_volunteers.elderly",
	[SE_WILLING_TEKUN] = "willing_tekun",
	[SE_WILLING_TEKUN_PLACED] = "willing_tekun_placed",
};

int service_element_parse(const char *name, enum service_element *out)
{
	for (int i = 0; name && i < SE__MAX; i++)
		if (!strcmp(name, names[i])) {
			*out = (enum service_element)i;
			return 1;
		}
	return 0;
}

const char *service_element_name(enum service_element e)
{
	return (unsigned)e < SE__MAX ? names[e] : "";
}

int reach_window_parse(const char *s, enum reach_window *out)
{
	if (s && !strcmp(s, "calendar_year"))
		*out = RW_CALENDAR_YEAR;
	else if (s && !strcmp(s, "twelve_months"))
		*out = RW_TWELVE_MONTHS;
	else
		return -1;
	return 0;
}

int reach_window_start(enum reach_window w, const char *day, char out[11])
{
	struct lx_date d, s;

	if (date_parse(day, &d))
		return -1;
	if (w == RW_CALENDAR_YEAR) {
		s = (struct lx_date){ d.y, 1, 1 };
	} else {
		/* the day after the same date a year before (29 February
		 * going to 28 February), so the window holds 12 months */
		s = (struct lx_date){ d.y - 1, d.m, d.d };
		if (s.d > date_days_in_month(s.y, s.m))
			s.d = date_days_in_month(s.y, s.m);
		s = date_from_days(date_to_days(s) + 1);
	}
	date_format(s, out);
	return 0;
}

int village_code_in(const char *code, int from, int to)
{
	int v = 0;

	if (!code || strlen(code) != 12)
		return 0;
	for (int i = 0; i < 12; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	for (int i = 9; i < 12; i++)
		v = v * 10 + (code[i] - '0');
	return v >= from && v <= to;
}
