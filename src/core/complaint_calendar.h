/*
 * Working days (工作日) for complaint deadlines: Monday to Friday, less the
 * public holidays of the State Council's yearly notices, plus the weekend
 * days those notices make working days (调休上班). The calendar is data
 * from the policy file; a year it does not list counts weekends only.
 * Days are counts since 1970-01-01 (core/date.h).
 */
#ifndef LX_CORE_COMPLAINT_CALENDAR_H
#define LX_CORE_COMPLAINT_CALENDAR_H

#include <stddef.h>

struct complaint_calendar {
	const long *off; /* holidays on weekdays or weekends; any order */
	size_t noff;
	const long *on; /* weekend days worked; any order */
	size_t non;
};

/* 1 when day is worked under the calendar (NULL: weekends only). A day
 * in both lists counts as worked: the notice names it a working day. */
int complaint_is_working_day(const struct complaint_calendar *c, long day);

/* The n-th working day after day (day itself not counted: "within 15
 * working days of receipt" starts the next working day); n >= 1. For
 * n <= 0 returns day. */
long complaint_add_working_days(const struct complaint_calendar *c, long day,
                                int n);

/* Working days in (from, to]: how many working days from the day after
 * from up to and including to; 0 when to <= from. */
long complaint_working_days_between(const struct complaint_calendar *c,
                                    long from, long to);

#endif
