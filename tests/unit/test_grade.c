/*
 * Grading (core/grade_score.c, core/grade_rules.c): the level a score
 * sheet reaches against an independent check written here in whole
 * tenths, over many random sheets and at the boundaries (359 / 360
 * points where the total binds, a section at 39% / 39.9% / 40% of its
 * maximum); the rules in their order (kind, filing, a year open, the black
 * list, a penalty within two years, the renewal window, the first-rating
 * cap, the applied level); validity, renewal and lapse days against dates
 * worked by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/facility.h"
#include "core/grade_rules.h"
#include "core/grade_score.h"

enum { CASES = 20000 };

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* GB/T 37276-2018 as the policy files give it */
static const struct grade_section nat_sections[] = {
	{ "environment", "环境", 120 },
	{ "facilities", "设施设备", 130 },
	{ "operations", "运营管理", 150 },
	{ "service", "服务", 600 },
};
static const struct grade_level nat_levels[] = {
	{ "一级", 360, 40 }, { "二级", 450, 50 }, { "三级", 570, 60 },
	{ "四级", 780, 80 }, { "五级", 900, 90 },
};

static struct grade_scheme national(void)
{
	struct grade_scheme s;

	memset(&s, 0, sizeof(s));
	s.code = "national_grade";
	s.name = "养老机构等级评定";
	s.unit = "等级";
	s.kinds = 1u << FK_ELDERLY_INSTITUTION;
	s.nsections = 4;
	s.sections = nat_sections;
	s.nlevels = 5;
	s.levels = nat_levels;
	s.total = 1000;
	s.min_open_months = 12;
	s.first_max_level = 3;
	s.filing_required = 1;
	s.penalty_years = 2;
	s.black_list_bars = 1;
	s.valid_years = 3;
	s.renewal_months = 6;
	return s;
}

/* a scheme where the total binds before the shares: shares 10..50% */
static const struct grade_level low_levels[] = {
	{ "一级", 360, 10 }, { "二级", 450, 20 }, { "三级", 570, 30 },
	{ "四级", 780, 40 }, { "五级", 900, 50 },
};

/* the check: percent of max as exact integers, the total in tenths */
static int model_level(const struct grade_scheme *s, const int64_t *t)
{
	int best = 0;
	int64_t sum = 0;

	for (size_t i = 0; i < s->nsections; i++)
		sum += t[i];
	for (size_t l = 0; l < s->nlevels; l++) {
		int ok = sum >= s->levels[l].min_total * 10;

		/* score/max >= share/100  <=>  score_tenths * 100 >=
		 * share * max * 10, in the other order from the code */
		for (size_t i = 0; ok && i < s->nsections; i++)
			ok = t[i] * 100 >= (int64_t)s->levels[l].min_share *
			                       s->sections[i].max * 10;
		if (ok)
			best = (int)l + 1;
	}
	return best;
}

static int reach(const struct grade_scheme *s, const char *const *scores,
                 char total[EXACT_TEXT_MAX])
{
	int64_t t[GRADE_SECTIONS_MAX];
	struct exact e;
	int level;

	for (size_t i = 0; i < s->nsections; i++)
		assert_int_equal(
		    grade_score_parse(scores[i], s->sections[i].max, &t[i]), 0);
	grade_score_compute(s, t, &e, &level);
	if (total)
		exact_format_plain(e, 1, NULL, total);
	assert_int_equal(level, model_level(s, t));
	return level;
}

static void test_parse(void **state)
{
	int64_t t;

	(void)state;
	assert_int_equal(grade_score_parse("85.5", 120, &t), 0);
	assert_int_equal(t, 855);
	assert_int_equal(grade_score_parse("120", 120, &t), 0);
	assert_int_equal(t, 1200);
	assert_int_equal(grade_score_parse("0", 120, &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(grade_score_parse("120.1", 120, &t), -1);
	assert_int_equal(grade_score_parse("85.55", 120, &t), -1);
	assert_int_equal(grade_score_parse("-1", 120, &t), -1);
	assert_int_equal(grade_score_parse("1e2", 120, &t), -1);
	assert_int_equal(grade_score_parse("85.", 120, &t), -1);
	assert_int_equal(grade_score_parse(".5", 120, &t), -1);
	assert_int_equal(grade_score_parse("", 120, &t), -1);
	assert_int_equal(grade_score_parse(" 5", 120, &t), -1);
	assert_int_equal(grade_score_parse("9999999", 100000, &t), -1);
}

static void test_boundaries(void **state)
{
	struct grade_scheme s = national(), low = national();
	char total[EXACT_TEXT_MAX];

	(void)state;
	low.levels = low_levels;
	/* the total binds: 359 and 360 points with every section far above
	 * 10% of its maximum */
	{
		const char *a[] = { "60", "60", "60", "179" };
		const char *b[] = { "60", "60", "60", "180" };
		const char *c[] = { "60", "60", "60", "179.9" };

		assert_int_equal(reach(&low, a, total), 0);
		assert_string_equal(total, "359");
		assert_int_equal(reach(&low, c, total), 0);
		assert_string_equal(total, "359.9");
		assert_int_equal(reach(&low, b, total), 1);
		assert_string_equal(total, "360");
	}
	/* a section at 39%, 39.9% and 40% of its maximum (the rest full) */
	{
		const char *a[] = { "46.8", "130", "150", "600" }; /* 39% */
		const char *b[] = { "47.9", "130", "150", "600" }; /* 39.9% */
		const char *c[] = { "48", "130", "150", "600" };   /* 40% */
		const char *d[] = { "60", "130", "150", "600" };   /* 50% */

		assert_int_equal(reach(&s, a, total), 0);
		assert_int_equal(reach(&s, b, total), 0);
		assert_int_equal(reach(&s, c, total), 1);
		assert_string_equal(total, "928");
		assert_int_equal(reach(&s, d, total), 2);
	}
	/* under the national numbers 40% everywhere is 400 points: the
	 * lowest 一级 sheet; 90% everywhere is exactly 五级 */
	{
		const char *a[] = { "48", "52", "60", "240" };
		const char *b[] = { "108", "117", "135", "540" };
		const char *c[] = { "108", "117", "135", "539.9" };

		assert_int_equal(reach(&s, a, total), 1);
		assert_string_equal(total, "400");
		assert_int_equal(reach(&s, b, total), 5);
		assert_string_equal(total, "900");
		assert_int_equal(reach(&s, c, total), 4);
	}
}

/* many random sheets, near the thresholds more often than not */
static void test_random_sheets(void **state)
{
	struct grade_scheme s = national(), low = national();
	const struct grade_scheme *ss[2] = { &s, &low };
	int seen[6] = { 0 };

	(void)state;
	low.levels = low_levels;
	for (int k = 0; k < CASES; k++) {
		const struct grade_scheme *x = ss[k % 2];
		int64_t t[4];
		struct exact e;
		int level;
		int64_t sum = 0;

		for (size_t i = 0; i < 4; i++) {
			int64_t max10 = x->sections[i].max * 10;

			if (rnd(2)) {
				/* within a point of a share threshold */
				int64_t at =
				    max10 * x->levels[rnd(5)].min_share / 100;
				int64_t v = at - 10 + (int64_t)rnd(21);

				t[i] = v < 0 ? 0 : v > max10 ? max10 : v;
			} else {
				t[i] = (int64_t)rnd((unsigned)max10 + 1);
			}
			sum += t[i];
		}
		grade_score_compute(x, t, &e, &level);
		level = level < 0 ? 0 : level;
		assert_int_equal(level, model_level(x, t));
		assert_true(e.num * 10 == sum * e.den);
		seen[level]++;
	}
	/* every level and none were met */
	for (int l = 0; l <= 5; l++)
		assert_true(seen[l] > 0);
}

static struct grade_facts facts(void)
{
	struct grade_facts f;

	memset(&f, 0, sizeof(f));
	f.kind = FK_ELDERLY_INSTITUTION;
	f.filed = 1;
	strcpy(f.opened_on, "2021-06-01");
	return f;
}

static void test_rules(void **state)
{
	struct grade_scheme s = national();
	struct grade_facts f = facts();
	struct grade_decision d;

	(void)state;
	/* first rating capped at 三级, the reason says so */
	assert_int_equal(grade_decide(&s, &f, "2025-03-01", 0, 5, &d), 0);
	assert_int_equal(d.awarded, 3);
	assert_non_null(strstr(d.reason, "首次评定最高为三级"));
	assert_string_equal(d.valid_until, "2028-02-29");
	/* the applied level bounds it; not a first rating: no cap */
	f.rated_before = 1;
	assert_int_equal(grade_decide(&s, &f, "2025-03-01", 4, 5, &d), 0);
	assert_int_equal(d.awarded, 4);
	assert_string_equal(d.reason, "");
	assert_int_equal(grade_decide(&s, &f, "2025-03-01", 5, 2, &d), 0);
	assert_int_equal(d.awarded, 2);
	assert_int_equal(grade_decide(&s, &f, "2025-03-01", 0, 0, &d), 0);
	assert_int_equal(d.awarded, 0);
	assert_non_null(strstr(d.reason, "最低等级"));
	/* kind */
	f = facts();
	f.kind = FK_CHILDCARE_INSTITUTION;
	grade_decide(&s, &f, "2025-03-01", 0, 5, &d);
	assert_int_equal(d.awarded, 0);
	/* closed by the day */
	f = facts();
	f.closed = 1;
	grade_decide(&s, &f, "2025-03-01", 0, 5, &d);
	assert_int_equal(d.awarded, 0);
	assert_non_null(strstr(d.reason, "关停"));
	/* filing */
	f = facts();
	f.filed = 0;
	grade_decide(&s, &f, "2025-03-01", 0, 5, &d);
	assert_int_equal(d.awarded, 0);
	assert_non_null(strstr(d.reason, "备案"));
	s.filing_required = 0;
	grade_decide(&s, &f, "2025-03-01", 0, 5, &d);
	assert_int_equal(d.awarded, 3);
	s.filing_required = 1;
	/* open 12 months: 2024-06-01 may apply from 2025-06-01 */
	f = facts();
	strcpy(f.opened_on, "2024-06-01");
	grade_decide(&s, &f, "2025-05-31", 0, 5, &d);
	assert_int_equal(d.awarded, 0);
	assert_non_null(strstr(d.reason, "2025-06-01"));
	grade_decide(&s, &f, "2025-06-01", 0, 5, &d);
	assert_int_equal(d.awarded, 3);
	f.opened_on[0] = '\0';
	grade_decide(&s, &f, "2025-06-01", 0, 5, &d);
	assert_int_equal(d.awarded, 0);
	/* black list */
	f = facts();
	f.black_listed = 1;
	grade_decide(&s, &f, "2025-06-01", 0, 5, &d);
	assert_int_equal(d.awarded, 0);
	assert_non_null(strstr(d.reason, "黑名单"));
	s.black_list_bars = 0;
	grade_decide(&s, &f, "2025-06-01", 0, 5, &d);
	assert_int_equal(d.awarded, 3);
	s.black_list_bars = 1;
	/* a penalty on 2023-06-01 bars through 2025-06-01 */
	f = facts();
	strcpy(f.last_penalty_on, "2023-06-01");
	grade_decide(&s, &f, "2025-06-01", 0, 5, &d);
	assert_int_equal(d.awarded, 0);
	assert_non_null(strstr(d.reason, "行政处罚"));
	grade_decide(&s, &f, "2025-06-02", 0, 5, &d);
	assert_int_equal(d.awarded, 3);
	/* a rating in force until 2026-01-09: renewal from 2025-07-10 */
	f = facts();
	f.rated_before = 1;
	strcpy(f.in_force_until, "2026-01-09");
	grade_decide(&s, &f, "2025-07-09", 0, 5, &d);
	assert_int_equal(d.awarded, 0);
	assert_non_null(strstr(d.reason, "2025-07-10"));
	grade_decide(&s, &f, "2025-07-10", 0, 5, &d);
	assert_int_equal(d.awarded, 5);
	assert_string_equal(d.valid_until, "2028-07-09");
	/* a bad day */
	assert_int_equal(grade_decide(&s, &f, "2025-02-30", 0, 5, &d), -1);
}

static void test_dates(void **state)
{
	struct grade_scheme s = national();
	char out[11];

	(void)state;
	assert_int_equal(grade_add_months("2024-01-31", 1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(grade_add_months("2025-01-31", 1, out), 0);
	assert_string_equal(out, "2025-02-28");
	assert_int_equal(grade_add_months("2025-03-15", -3, out), 0);
	assert_string_equal(out, "2024-12-15");
	assert_int_equal(grade_add_months("2025-03-15", -15, out), 0);
	assert_string_equal(out, "2023-12-15");
	assert_int_equal(grade_valid_until(&s, "2023-01-10", out), 0);
	assert_string_equal(out, "2026-01-09");
	assert_int_equal(grade_valid_until(&s, "2024-02-29", out), 0);
	assert_string_equal(out, "2027-02-28"); /* the day before 03-01 */
	assert_int_equal(grade_valid_until(&s, "2025-01-01", out), 0);
	assert_string_equal(out, "2027-12-31");
	assert_int_equal(grade_renewal_from(&s, "2026-01-09", out), 0);
	assert_string_equal(out, "2025-07-10");
	assert_int_equal(grade_renewal_from(&s, "2027-12-31", out), 0);
	assert_string_equal(out, "2027-07-01");
	assert_int_equal(grade_lapse_day("2025-12-31", out), 0);
	assert_string_equal(out, "2026-01-01");
	assert_int_equal(grade_lapse_day("bad", out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_random_sheets),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
