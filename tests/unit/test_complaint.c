/*
 * Complaints (core/complaint.c, core/complaint_calendar.c): every
 * (status, step) pair against the life cycle written out below, who may
 * take each step, overdue at the deadline's boundary, reopening within the
 * window; and working-day deadlines over many random calendars and days,
 * checked against a count made another way (the weekday from the civil
 * date by Sakamoto's method, the lists scanned as a table of flags).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/complaint.h"
#include "core/complaint_calendar.h"
#include "core/date.h"

/* For each step, the status it leads to from received, assigned,
 * answered, called_back, closed; -1 where it does not follow. */
static const int cycle[COMPLAINT_STEP__MAX][COMPLAINT_STATUS__MAX] = {
	[COMPLAINT_ASSIGN] = { COMPLAINT_ASSIGNED, COMPLAINT_ASSIGNED, -1, -1,
	                       -1 },
	[COMPLAINT_ANSWER] = { -1, COMPLAINT_ANSWERED, -1, -1, -1 },
	[COMPLAINT_CALLBACK] = { -1, -1, COMPLAINT_CALLED_BACK, -1, -1 },
	[COMPLAINT_CLOSE] = { -1, -1, -1, COMPLAINT_CLOSED, -1 },
	[COMPLAINT_REOPEN] = { -1, -1, -1, COMPLAINT_ASSIGNED,
	                       COMPLAINT_ASSIGNED },
};

static void every_status_and_step(void **state)
{
	(void)state;
	for (int st = 0; st < COMPLAINT_STEP__MAX; st++)
		for (int s = 0; s < COMPLAINT_STATUS__MAX; s++)
			assert_int_equal(
			    complaint_next((enum complaint_status)s,
			                   (enum complaint_step)st),
			    cycle[st][s]);
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < COMPLAINT_STATUS__MAX; s++)
		assert_int_equal(complaint_status_parse(complaint_status_name(
		                     (enum complaint_status)s)),
		                 s);
	for (int s = 0; s < COMPLAINT_STEP__MAX; s++)
		assert_int_equal(complaint_step_parse(complaint_step_name(
		                     (enum complaint_step)s)),
		                 s);
	assert_int_equal(complaint_status_parse("open"), -1);
	assert_int_equal(complaint_step_parse(NULL), -1);
}

static void who_takes_which_step(void **state)
{
	static const long long mine[] = { 7 };
	struct principal county = { .account_id = 1,
		                    .role = ROLE_COUNTY_OFFICIAL,
		                    .region = "511902000000" };
	struct principal other = { .account_id = 2,
		                   .role = ROLE_COUNTY_OFFICIAL,
		                   .region = "511903000000" };
	struct principal ro = { .account_id = 3,
		                .role = ROLE_READONLY,
		                .region = "511902000000" };
	struct principal op = { .account_id = 4,
		                .role = ROLE_OPERATOR,
		                .nfacilities = 1,
		                .facilities = mine };
	struct principal fam = { .account_id = 5, .role = ROLE_FAMILY };
	struct principal fam2 = { .account_id = 6, .role = ROLE_FAMILY };
	struct complaint_facts f = { "511902731001", 7, 5, 1 };

	(void)state;
	for (int s = 0; s < COMPLAINT_STEP__MAX; s++) {
		enum complaint_step st = (enum complaint_step)s;
		int family_step =
		    st == COMPLAINT_CALLBACK || st == COMPLAINT_REOPEN;

		assert_int_equal(complaint_may_take(&county, &f, st), LX_OK);
		assert_int_equal(complaint_may_take(&other, &f, st),
		                 LX_ENOTFOUND);
		assert_int_equal(complaint_may_take(&ro, &f, st),
		                 LX_EFORBIDDEN);
		assert_int_equal(complaint_may_take(&op, &f, st),
		                 LX_EFORBIDDEN);
		assert_int_equal(complaint_may_take(&fam, &f, st),
		                 family_step ? LX_OK : LX_EFORBIDDEN);
		assert_int_equal(complaint_may_take(&fam2, &f, st),
		                 LX_ENOTFOUND);
	}
	assert_true(complaint_may_see_phone(&county, &f));
	assert_true(complaint_may_see_phone(&fam, &f));
	assert_false(complaint_may_see_phone(&ro, &f));
	assert_false(complaint_may_see_phone(&op, &f));
	f.facility_id = 8;
	assert_false(complaint_may_see(&op, &f));
}

static void overdue_and_reopen_at_the_boundary(void **state)
{
	static const int sat[] = { 5, 4, 3 };

	(void)state;
	assert_false(complaint_overdue(COMPLAINT_ASSIGNED, 100, 100));
	assert_true(complaint_overdue(COMPLAINT_ASSIGNED, 100, 101));
	assert_true(complaint_overdue(COMPLAINT_RECEIVED, 100, 101));
	assert_false(complaint_overdue(COMPLAINT_ANSWERED, 100, 101));
	assert_false(complaint_overdue(COMPLAINT_ASSIGNED, -1, 101));
	assert_true(complaint_on_time(100, 100));
	assert_false(complaint_on_time(101, 100));
	for (int l = 1; l <= 5; l++) {
		int unhappy = l <= 2;

		assert_int_equal(complaint_may_reopen(l, sat, 3, 50, 50, 15),
		                 unhappy);
		assert_int_equal(complaint_may_reopen(l, sat, 3, 50, 65, 15),
		                 unhappy);
		assert_false(complaint_may_reopen(l, sat, 3, 50, 66, 15));
	}
	assert_false(complaint_may_reopen(0, sat, 3, 50, 50, 15));
}

/* Sakamoto's weekday, Monday 0, from the civil date. */
static int weekday(struct lx_date d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y = d.y - (d.m < 3);
	int sun0 = (y + y / 4 - y / 100 + y / 400 + t[d.m - 1] + d.d) % 7;

	return (sun0 + 6) % 7;
}

enum { SPAN = 800 };

static void known_days(void **state)
{
	struct lx_date d = { 2025, 9, 26 }, e;
	long off[10], on[2] = { 0, 0 };
	struct complaint_calendar c = { off, 8, on, 2 };
	char buf[11];

	(void)state;
	for (int i = 0; i < 8; i++)
		off[i] = date_to_days((struct lx_date){ 2025, 10, 1 + i });
	on[0] = date_to_days((struct lx_date){ 2025, 9, 28 });
	on[1] = date_to_days((struct lx_date){ 2025, 10, 11 });
	e = date_from_days(complaint_add_working_days(&c, date_to_days(d), 15));
	date_format(e, buf);
	assert_string_equal(buf, "2025-10-23");
	/* weekends only: Friday plus 15 working days is three weeks on */
	e = date_from_days(
	    complaint_add_working_days(NULL, date_to_days(d), 15));
	date_format(e, buf);
	assert_string_equal(buf, "2025-10-17");
}

static void working_days_over_random_calendars(void **state)
{
	unsigned seed = 18;

	(void)state;
	for (int round = 0; round < 400; round++) {
		long base = date_to_days((struct lx_date){ 2024, 1, 1 }) +
		            (long)(rand_r(&seed) % 700);
		long off[40], on[10];
		char flag_off[SPAN] = { 0 }, flag_on[SPAN] = { 0 };
		size_t noff = (size_t)(rand_r(&seed) % 40),
		       non = (size_t)(rand_r(&seed) % 10);
		struct complaint_calendar c = { off, noff, on, non };
		long start = base + (long)(rand_r(&seed) % 60);
		int n = 1 + (int)(rand_r(&seed) % 30);
		long got, d;
		int k = 0;

		for (size_t i = 0; i < noff; i++) {
			off[i] = base + (long)(rand_r(&seed) % 200);
			flag_off[off[i] - base] = 1;
		}
		for (size_t i = 0; i < non; i++) {
			on[i] = base + (long)(rand_r(&seed) % 200);
			flag_on[on[i] - base] = 1;
		}
		got = complaint_add_working_days(&c, start, n);
		/* the independent count: walk day by day with the flags */
		for (d = start; k < n;) {
			int wd;

			d++;
			wd = weekday(date_from_days(d));
			if (d - base < SPAN && flag_on[d - base])
				k++;
			else if (wd < 5 &&
			         !(d - base < SPAN && flag_off[d - base]))
				k++;
		}
		assert_int_equal(got, d);
		assert_int_equal(complaint_working_days_between(&c, start, got),
		                 n);
		assert_true(complaint_is_working_day(&c, got));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_status_and_step),
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(who_takes_which_step),
		cmocka_unit_test(overdue_and_reopen_at_the_boundary),
		cmocka_unit_test(known_days),
		cmocka_unit_test(working_days_over_random_calendars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
