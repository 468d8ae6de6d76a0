/*
 * Traffic lights of tasks (core/task_light.c). The examples are worked by
 * hand; the property compares the light with an independent model written
 * here in integer tenths of a point over many random tasks and reports
 * from a fixed seed, including a red task whose next report catches up.
 * Thresholds are those of the policy files' "tasks" section (1 and 3
 * months late to start; 10 and 30 points behind; expected to 1 decimal).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/task_light.h"

static struct task_light_rules rules(void)
{
	struct task_light_rules r = { 1, 3, { 10, 1 }, { 30, 1 }, 1 };

	return r;
}

static struct lx_date d(int y, int m, int dd)
{
	struct lx_date x = { y, m, dd };

	return x;
}

static struct task_light judge(struct lx_date s, struct lx_date e,
                               struct lx_date on, const char *percent)
{
	struct task_light_rules r = rules();
	struct task_light_input in;
	struct task_light l;

	memset(&in, 0, sizeof(in));
	in.start = s;
	in.deadline = e;
	in.on = on;
	in.has_deadline = 1;
	if (percent) {
		in.has_report = 1;
		in.has_percent = 1;
		assert_int_equal(exact_parse(percent, &in.percent), 0);
	}
	assert_int_equal(task_light_judge(&r, &in, &l), 0);
	return l;
}

/* 2022-01-01 to 2022-12-31 is 364 days; on 2022-07-02 (182 days) half
 * elapsed: expected 50.0. 40% is 10.0 behind → yellow (boundary); 40.1%
 * is 9.9 behind → green; 20% is 30.0 → yellow; 19.9% is 30.1 → red. */
static void test_boundaries(void **state)
{
	struct lx_date s = d(2022, 1, 1), e = d(2022, 12, 31),
	               on = d(2022, 7, 2);
	char buf[EXACT_TEXT_MAX];
	struct task_light l;

	(void)state;
	l = judge(s, e, on, "40");
	assert_int_equal(l.colour, TASK_YELLOW);
	assert_string_equal(exact_format(l.expected, 1, EXACT_HALF_UP, buf),
	                    "50.0");
	assert_int_equal(judge(s, e, on, "40.1").colour, TASK_GREEN);
	assert_int_equal(judge(s, e, on, "20").colour, TASK_YELLOW);
	assert_int_equal(judge(s, e, on, "19.9").colour, TASK_RED);
	assert_int_equal(judge(s, e, on, "100").reason, TASK_DONE);
	/* overdue */
	assert_int_equal(judge(s, e, d(2023, 1, 1), "99").colour, TASK_RED);
	/* not started: start month green, next month yellow, 3 months red */
	assert_int_equal(judge(s, e, d(2022, 1, 31), NULL).colour, TASK_GREEN);
	assert_int_equal(judge(s, e, d(2022, 2, 1), NULL).colour, TASK_YELLOW);
	assert_int_equal(judge(s, e, d(2022, 3, 31), NULL).colour, TASK_YELLOW);
	assert_int_equal(judge(s, e, d(2022, 4, 1), NULL).colour, TASK_RED);
	assert_int_equal(judge(s, e, d(2022, 4, 1), "0").colour, TASK_RED);
	assert_int_equal(judge(s, e, d(2021, 12, 1), NULL).reason,
	                 TASK_NOT_DUE);
}

static long days(struct lx_date x)
{
	return date_to_days(x);
}

/* The model: integer tenths of a point; expected10 = round half up of
 * 1000 × elapsed / span. */
static int model(struct lx_date s, struct lx_date e, struct lx_date on, int has,
                 long p10)
{
	long sd = days(s), ed = days(e), od = days(on), exp10, behind;

	if (has && p10 >= 1000)
		return TASK_GREEN;
	if (od > ed)
		return TASK_RED;
	if (od < sd)
		return TASK_GREEN;
	if (!has || p10 == 0) {
		int late = (on.y * 12 + on.m) - (s.y * 12 + s.m);
		return late >= 3   ? TASK_RED
		       : late >= 1 ? TASK_YELLOW
		                   : TASK_GREEN;
	}
	exp10 =
	    ed == sd ? 1000 : (2000 * (od - sd) + (ed - sd)) / (2 * (ed - sd));
	behind = exp10 - p10;
	return behind > 300    ? TASK_RED
	       : behind >= 100 ? TASK_YELLOW
	                       : TASK_GREEN;
}

static const char *tenths(long p10, char *buf)
{
	snprintf(buf, 32, "%ld.%ld", p10 / 10, p10 % 10);
	return buf;
}

static void test_property_against_model(void **state)
{
	unsigned seed = 20221;
	int caught_up = 0;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		long base = days(d(2021, 1, 1)) + rand_r(&seed) % 1500;
		long span = rand_r(&seed) % 1200;
		long on = base - 60 + rand_r(&seed) % (span + 200);
		struct lx_date s = date_from_days(base),
		               e = date_from_days(base + span),
		               o = date_from_days(on);
		int has = rand_r(&seed) % 5 != 0;
		long p10 = rand_r(&seed) % 1100;
		char buf[32];
		struct task_light l;

		l = judge(s, e, o, has ? tenths(p10, buf) : NULL);
		assert_int_equal(l.colour, model(s, e, o, has, p10));
		/* the light depends on the latest report only: a red task
		 * whose later report is fewer than 30.1 points behind is no
		 * longer red */
		if (l.colour == TASK_RED && l.reason == TASK_BEHIND) {
			long exp10 = p10 + 0;
			struct exact b = l.behind;
			int64_t b10;

			assert_int_equal(
			    exact_scaled(b, 1, EXACT_HALF_UP, &b10), 0);
			exp10 = p10 + b10;
			/* catch up to 20 points behind */
			l = judge(s, e, o, tenths(exp10 - 200, buf));
			assert_int_equal(l.colour, TASK_YELLOW);
			l = judge(s, e, o, tenths(exp10, buf));
			assert_int_equal(l.colour, TASK_GREEN);
			caught_up++;
		}
	}
	assert_true(caught_up > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_property_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
