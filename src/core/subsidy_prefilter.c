/*
 * The youngest age a scheme pays is the lowest of its versions' youngest
 * (each version's lower bound or its lowest age band, whichever is
 * higher). Every age rule (period start, period end, the period after
 * the birthday) counts the age on a day no later than the period's last
 * day, so a person is paid only if they reach that age by then: born on
 * or before the same day that many years earlier. The bound is taken at
 * the first day of the month after that day, so that however a birthday
 * on 29 February is counted in a year without one, it is inside: for
 * March 2021 and 80 years, born before 1941-04-01.
 *
 * A version whose refusal for a missing category is listed as an
 * exception (both any_of and all_of: the run names what is missing)
 * reads everyone, so that the list stays whole.
 */
#include "core/subsidy_prefilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The version's youngest payable age; 0 when any age may be paid. */
static int youngest_age(const struct subsidy_version *v)
{
	int age = v->min_age > 0 ? v->min_age : 0;

	if (v->amount.kind == SUBSIDY_AMOUNT_AGE_BANDS && v->amount.n_bands) {
		int low = v->amount.bands[0].from_age;

		for (size_t b = 1; b < v->amount.n_bands; b++)
			if (v->amount.bands[b].from_age < low)
				low = v->amount.bands[b].from_age;
		if (low > age)
			age = low;
	}
	return age;
}

void subsidy_youngest_birth(const struct subsidy_scheme *s,
                            const char *period_end, char out[11])
{
	int youngest = -1, year, month;

	out[0] = '\0';
	if (!s || !period_end || strlen(period_end) < 7)
		return;
	for (size_t i = 0; i < s->n_versions; i++) {
		const struct subsidy_version *v = &s->versions[i];
		int age = youngest_age(v);

		if (v->n_any_of && v->n_all_of)
			return;
		if (youngest < 0 || age < youngest)
			youngest = age;
	}
	year = atoi(period_end) - youngest;
	month = atoi(period_end + 5) + 1;
	if (month > 12) {
		month = 1;
		year++;
	}
	if (youngest <= 0 || month < 1 || year < 1 || year > 9999)
		return;
	snprintf(out, 11, "%04u-%02u-01", (unsigned)year % 10000u,
	         (unsigned)month % 100u);
}
