/*
 * Hazards (core/inspect_hazard.c): every (status, step) pair against the
 * life cycle written out below; random step sequences checked against a
 * model that closes a hazard only after a re-check that passed; deadlines
 * and escalation levels against day counts computed by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/inspect_hazard.h"

/* For each step, the status it leads to from found, ordered, answered,
 * closed ('-': refused). f found, o ordered, a answered, c closed. */
static const struct {
	int step;
	const char *to;
} table[] = {
	{ HST_ORDER, "o---" },
	{ HST_ANSWER, "-a--" },
	{ HST_RECHECK_PASS, "--c-" },
	{ HST_RECHECK_FAIL, "--o-" },
};

static int letter(int status)
{
	return status < 0 ? '-' : "foac"[status];
}

static void each_pair(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		for (int s = 0; s < HZ__MAX; s++)
			assert_int_equal(letter(hazard_next(s, table[i].step)),
			                 table[i].to[s]);
	assert_int_equal(hazard_next(HZ_FOUND, HST__MAX), -1);
}

/* The model: a hazard is closed exactly when the last step taken was a
 * passed re-check that followed an answer that followed an order. */
static void random_sequences(void **state)
{
	(void)state;
	srand(17);
	for (int run = 0; run < 5000; run++) {
		int s = HZ_FOUND, ordered = 0, answered = 0, closed = 0;
		int len = rand() % 12;

		for (int k = 0; k < len; k++) {
			int step = rand() % HST__MAX;
			int next = hazard_next(s, step);
			int expect = -1;

			if (!closed) {
				if (step == HST_ORDER && !ordered)
					expect = HZ_ORDERED;
				else if (step == HST_ANSWER && ordered &&
				         !answered)
					expect = HZ_ANSWERED;
				else if (step == HST_RECHECK_PASS && answered)
					expect = HZ_CLOSED;
				else if (step == HST_RECHECK_FAIL && answered)
					expect = HZ_ORDERED;
			}
			assert_int_equal(next, expect);
			if (next < 0)
				continue;
			if (next == HZ_CLOSED) {
				closed = 1;
				/* closing needs a re-check right after an
				 * answer */
				assert_int_equal(s, HZ_ANSWERED);
				assert_int_equal(step, HST_RECHECK_PASS);
			}
			if (step == HST_ORDER)
				ordered = 1;
			if (step == HST_ANSWER)
				answered = 1;
			if (step == HST_RECHECK_FAIL)
				answered = 0;
			s = next;
		}
		assert_int_equal(s == HZ_CLOSED, closed);
	}
}

static void deadlines_and_levels(void **state)
{
	/* 2026-12-04 is day 20791 (56 years of 365 days, 14 leap days
	 * 1972..2024, and 337 days to 4 December 2026). */
	long day = 56L * 365 + 14 + 337;

	(void)state;
	assert_int_equal(hazard_deadline(day, 30), day + 30);
	assert_int_equal(hazard_step_sets_deadline(HST_ORDER), 1);
	assert_int_equal(hazard_step_sets_deadline(HST_RECHECK_FAIL), 1);
	assert_int_equal(hazard_step_sets_deadline(HST_ANSWER), 0);
	/* on the deadline itself not overdue; the day after it is */
	assert_int_equal(hazard_overdue(HZ_ORDERED, day, day), 0);
	assert_int_equal(hazard_overdue(HZ_ORDERED, day, day + 1), 1);
	assert_int_equal(hazard_overdue(HZ_ANSWERED, day, day + 99), 0);
	assert_int_equal(hazard_overdue(HZ_CLOSED, day, day + 99), 0);
	assert_int_equal(hazard_level_due(HZ_ORDERED, day, day, 15), HL_NONE);
	assert_int_equal(hazard_level_due(HZ_ORDERED, day, day + 1, 15),
	                 HL_COUNTY);
	assert_int_equal(hazard_level_due(HZ_ORDERED, day, day + 15, 15),
	                 HL_COUNTY);
	assert_int_equal(hazard_level_due(HZ_ORDERED, day, day + 16, 15),
	                 HL_CITY);
	assert_int_equal(hazard_level_due(HZ_FOUND, day, day + 16, 15),
	                 HL_CITY);
	assert_int_equal(hazard_level_due(HZ_CLOSED, day, day + 16, 15),
	                 HL_NONE);
}

/* For every deadline, today and city_after, the level is the one the
 * definition gives, and it never goes down as days pass. */
static void levels_over_random_days(void **state)
{
	(void)state;
	srand(38600);
	for (int run = 0; run < 20000; run++) {
		long deadline = rand() % 1000, today = rand() % 1000;
		long after = rand() % 60;
		int s = rand() % HZ__MAX;
		int open = s == HZ_FOUND || s == HZ_ORDERED;
		int want = !open || today <= deadline  ? HL_NONE
		           : today - deadline <= after ? HL_COUNTY
		                                       : HL_CITY;
		int got = hazard_level_due(s, deadline, today, after);

		assert_int_equal(got, want);
		assert_true(hazard_level_due(s, deadline, today + 1, after) >=
		            got);
	}
}

static void names(void **state)
{
	(void)state;
	for (int i = 0; i < HS__MAX; i++)
		assert_int_equal(hazard_lookup(hazard_severity_names, HS__MAX,
		                               hazard_severity_names[i]),
		                 i);
	assert_int_equal(hazard_lookup(hazard_severity_names, HS__MAX, "big"),
	                 -1);
	assert_string_equal(hazard_severity_labels[HS_MAJOR], "重大");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_pair),
		cmocka_unit_test(random_sequences),
		cmocka_unit_test(deadlines_and_levels),
		cmocka_unit_test(levels_over_random_days),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
