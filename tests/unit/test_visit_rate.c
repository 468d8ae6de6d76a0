/* The monthly visit rate's pure parts (core/visit_rate.c): the data
 * element names, which targets an element counts, the ISO weeks of a
 * month and the rate as exact text. Weeks and labels are read off the
 * calendar by hand (ISO 8601: weeks start on Monday, a week belongs to
 * the month and year of its Thursday). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/exact.h"
#include "core/person.h"
#include "core/visit_rate.h"

static void test_element_names(void **state)
{
	struct visit_element e;
	char pair[64];

	(void)state;
	assert_int_equal(visit_element_parse("visit_targets", &e), 1);
	assert_int_equal(e.visited, 0);
	assert_int_equal(e.narrow, VN_ALL);
	assert_int_equal(visit_element_parse("visited_targets.monthly", &e), 1);
	assert_int_equal(e.visited, 1);
	assert_int_equal(e.narrow, VN_MONTHLY);
	assert_int_equal(visit_element_parse("visit_targets.weekly", &e), 1);
	assert_int_equal(e.narrow, VN_WEEKLY);
	assert_int_equal(visit_element_parse("visit_targets.high", &e), 1);
	assert_int_equal(e.narrow, VN_TIER);
	assert_string_equal(e.tier, "high");
	/* not one of them */
	assert_int_equal(visit_element_parse("visit_target", &e), 0);
	assert_int_equal(visit_element_parse("visit_targetsx", &e), 0);
	assert_int_equal(visit_element_parse("persons.elderly", &e), 0);
	/* one of them, badly narrowed */
	assert_int_equal(visit_element_parse("visit_targets.", &e), -1);
	assert_int_equal(visit_element_parse("visit_targets.Key", &e), -1);
	assert_int_equal(visit_element_parse("visit_targets.a.b", &e), -1);
	visit_element_pair("visited_targets.monthly", pair);
	assert_string_equal(pair, "visit_targets.monthly");
	visit_element_pair("visit_targets", pair);
	assert_string_equal(pair, "visited_targets");
}

/* A policy of three tiers: high weekly and key monthly in the monthly
 * rate, regular quarterly outside it; dibao makes a target key, living
 * alone and disabled together high. */
static void policy(struct visit_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->categories = 1u << PC_DIBAO | 1u << PC_LIVING_ALONE |
	                1u << PC_DISABLED | 1u << PC_EMPTY_NEST;
	p->residences = 1u; /* home */
	p->ntiers = 3;
	p->tiers[0] =
	    (struct visit_tier_def){ "high", "高风险", "", VISIT_WEEK, 1 };
	p->tiers[1] =
	    (struct visit_tier_def){ "key", "重点", "", VISIT_MONTH, 1 };
	p->tiers[2] =
	    (struct visit_tier_def){ "regular", "一般", "", VISIT_QUARTER, 0 };
	p->nrules = 2;
	p->rules[0] = (struct visit_tier_rule){
		0, 1u << PC_LIVING_ALONE | 1u << PC_DISABLED, 0
	};
	p->rules[1] = (struct visit_tier_rule){ 1, 0, 1u << PC_DIBAO };
	p->default_tier = 2;
	p->risk_high_tier = 0;
}

static void test_which_targets_count(void **state)
{
	struct visit_policy p;
	struct visit_element monthly = { 1, VN_MONTHLY, "" };
	struct visit_element weekly = { 0, VN_WEEKLY, "" };
	struct visit_element all = { 0, VN_ALL, "" };
	struct visit_element key = { 0, VN_TIER, "key" };
	unsigned dibao = 1u << PC_DIBAO, nest = 1u << PC_EMPTY_NEST;
	unsigned alone_disabled = 1u << PC_LIVING_ALONE | 1u << PC_DISABLED;

	(void)state;
	policy(&p);
	assert_true(
	    visit_element_counts(&p, &monthly, dibao, "home", NULL, NULL));
	/* regular: a target, not in the monthly rate */
	assert_false(
	    visit_element_counts(&p, &monthly, nest, "home", NULL, NULL));
	assert_true(visit_element_counts(&p, &all, nest, "home", NULL, NULL));
	/* a high-risk visit makes it high: weekly and in the monthly rate */
	assert_true(
	    visit_element_counts(&p, &monthly, nest, "home", NULL, "high"));
	assert_true(
	    visit_element_counts(&p, &weekly, nest, "home", NULL, "high"));
	/* an override wins over the risk and the rules */
	assert_false(visit_element_counts(&p, &monthly, alone_disabled, "home",
	                                  "regular", "high"));
	assert_true(visit_element_counts(&p, &key, nest, "home", "key", NULL));
	/* not at home, no target category, no policy: nobody */
	assert_false(
	    visit_element_counts(&p, &all, dibao, "institution", NULL, NULL));
	assert_false(
	    visit_element_counts(&p, &all, 1u << PC_URBAN, "home", NULL, NULL));
	assert_false(
	    visit_element_counts(NULL, &all, dibao, "home", NULL, NULL));
	assert_true(visit_element_counts(&p, &weekly, alone_disabled, "home",
	                                 NULL, NULL));
	assert_false(
	    visit_element_counts(&p, &weekly, dibao, "home", NULL, NULL));
}

static void expect_weeks(const char *day, int n, const char *first_monday,
                         const char *last_sunday)
{
	char mon[VISIT_WEEKS_MAX][11], sun[VISIT_WEEKS_MAX][11];
	int got = visit_month_weeks(day, mon, sun);

	if (got != n || strcmp(mon[0], first_monday) ||
	    strcmp(sun[n - 1], last_sunday))
		fail_msg("%s: %d weeks %s..%s, want %d %s..%s", day, got,
		         got > 0 ? mon[0] : "", got > 0 ? sun[got - 1] : "", n,
		         first_monday, last_sunday);
}

static void test_weeks_of_a_month(void **state)
{
	char label[9];

	(void)state;
	/* June 2021: Tuesday the 1st; Thursday the 3rd opens week 22 */
	expect_weeks("2021-06-15", 4, "2021-05-31", "2021-06-27");
	/* July 2021: Thursday the 1st, so 28 June–4 July is July's */
	expect_weeks("2021-07-01", 5, "2021-06-28", "2021-08-01");
	/* February 2021: Monday the 1st, four whole weeks */
	expect_weeks("2021-02-28", 4, "2021-02-01", "2021-02-28");
	/* December 2020: its last week holds 1 January 2021, a Friday */
	expect_weeks("2020-12-31", 5, "2020-11-30", "2021-01-03");
	assert_int_equal(visit_month_weeks("2021-02-30", NULL, NULL), -1);
	visit_week_label("2021-05-31", label);
	assert_string_equal(label, "2021-W22");
	/* 28 December 2020, week 53 of 2020; 4 January 2021, week 1 */
	visit_week_label("2020-12-28", label);
	assert_string_equal(label, "2020-W53");
	visit_week_label("2021-01-04", label);
	assert_string_equal(label, "2021-W01");
	/* 29 December 2025 begins week 1 of 2026 (its Thursday is 1 Jan) */
	visit_week_label("2025-12-29", label);
	assert_string_equal(label, "2026-W01");
}

static void test_rate_text(void **state)
{
	char out[EXACT_TEXT_MAX];

	(void)state;
	assert_string_equal(visit_rate_percent(15, 16, out), "93.75");
	/* 2/3 = 66.666…: half up at the second place */
	assert_string_equal(visit_rate_percent(2, 3, out), "66.67");
	/* 1/8 = 12.5 exactly */
	assert_string_equal(visit_rate_percent(1, 8, out), "12.50");
	/* 1/800 = 0.125: the half rounds up */
	assert_string_equal(visit_rate_percent(1, 800, out), "0.13");
	assert_string_equal(visit_rate_percent(7, 7, out), "100.00");
	assert_string_equal(visit_rate_percent(0, 5, out), "0.00");
	assert_null(visit_rate_percent(0, 0, out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_element_names),
		cmocka_unit_test(test_which_targets_count),
		cmocka_unit_test(test_weeks_of_a_month),
		cmocka_unit_test(test_rate_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
