/*
 * Staff and food-grade rules (core/inspect_staff.c, core/inspect_food.c,
 * core/inspect_share.c): the overlap of two contracts and the flag of the
 * same person at two facilities, over many random cases against a model
 * that walks every day; the grade in force against a model that sorts;
 * the 12-month window and the share text against hand-worked dates and
 * figures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/inspect_food.h"
#include "core/inspect_share.h"
#include "core/inspect_staff.h"

enum { DAYS = 40, CASES = 3000 };

static unsigned long long rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* day k of the test range as text: 2024-02-20 + k (crosses 29 Feb) */
static void day_text(int k, char out[11])
{
	struct lx_date base = { 2024, 2, 20 };

	date_format(date_from_days(date_to_days(base) + k), out);
}

/* a random contract: from in [0, DAYS), to after from or open (-1) */
static void random_contract(int *from, int *to)
{
	*from = (int)rnd(DAYS);
	*to = rnd(4) == 0 ? -1 : *from + (int)rnd(DAYS - *from);
}

static int model_active(int from, int to, int k)
{
	return k >= from && (to < 0 || k <= to);
}

/* share a day: walk every day of the range and one beyond */
static int model_overlap(int af, int at, int bf, int bt)
{
	for (int k = 0; k <= DAYS; k++)
		if (model_active(af, at, k) && model_active(bf, bt, k))
			return 1;
	return 0;
}

static void test_overlap_property(void **state)
{
	(void)state;
	for (int i = 0; i < CASES; i++) {
		int af, at, bf, bt;
		char a1[11], a2[11] = "", b1[11], b2[11] = "", d[11];
		int k = (int)rnd(DAYS);

		random_contract(&af, &at);
		random_contract(&bf, &bt);
		day_text(af, a1);
		day_text(bf, b1);
		if (at >= 0)
			day_text(at, a2);
		if (bt >= 0)
			day_text(bt, b2);
		day_text(k, d);
		assert_int_equal(staff_contracts_overlap(a1, a2, b1, b2),
		                 model_overlap(af, at, bf, bt));
		assert_int_equal(staff_contracts_overlap(b1, b2, a1, a2),
		                 model_overlap(af, at, bf, bt));
		assert_int_equal(staff_active_on(a1, a2, d),
		                 model_active(af, at, k));
	}
}

static void test_move_not_overlap(void **state)
{
	(void)state;
	/* leaves on 30 June, starts elsewhere on 1 July: not at two places */
	assert_int_equal(staff_contracts_overlap("2024-01-01", "2024-06-30",
	                                         "2024-07-01", ""),
	                 0);
	/* the same last and first day: both on the payroll that day */
	assert_int_equal(staff_contracts_overlap("2024-01-01", "2024-06-30",
	                                         "2024-06-30", ""),
	                 1);
	/* two open contracts always meet */
	assert_int_equal(
	    staff_contracts_overlap("2020-01-01", "", "2030-01-01", NULL), 1);
}

static void test_duplicates_property(void **state)
{
	(void)state;
	for (int round = 0; round < 300; round++) {
		struct staff_contract c[12];
		int from[12], to[12], flag[12], person[12];
		size_t n = 1 + rnd(12);
		long want = 0;

		memset(c, 0, sizeof(c));
		for (size_t i = 0; i < n; i++) {
			person[i] = (int)rnd(4);
			c[i].id = (long long)i + 1;
			c[i].facility_id = 1 + rnd(3);
			memset(c[i].hash, person[i], STAFF_HASH_BYTES);
			random_contract(&from[i], &to[i]);
			day_text(from[i], c[i].from);
			if (to[i] >= 0)
				day_text(to[i], c[i].to);
		}
		assert_true(staff_flag_duplicates(c, n, flag) >= 0);
		for (size_t i = 0; i < n; i++) {
			int m = 0;

			for (size_t j = 0; j < n; j++)
				if (j != i && person[j] == person[i] &&
				    c[j].facility_id != c[i].facility_id &&
				    model_overlap(from[i], to[i], from[j],
				                  to[j]))
					m = 1;
			assert_int_equal(flag[i], m);
			want += m;
		}
		assert_int_equal(staff_flag_duplicates(c, n, flag), want);
	}
}

static void test_window(void **state)
{
	char s[11];

	(void)state;
	assert_int_equal(staff_window_start("2026-06-30", 12, s), 0);
	assert_string_equal(s, "2025-06-30");
	assert_int_equal(staff_window_start("2026-03-31", 1, s), 0);
	assert_string_equal(s, "2026-02-28");
	assert_int_equal(staff_window_start("2024-02-29", 12, s), 0);
	assert_string_equal(s, "2023-02-28");
	assert_int_equal(staff_window_start("2026-01-15", 13, s), 0);
	assert_string_equal(s, "2024-12-15");
	assert_int_equal(staff_window_start("2026-13-01", 12, s), -1);
	/* the window is (start, day]: a check a year ago to the day is out */
	assert_int_equal(
	    staff_in_window("2025-06-30", "2025-06-30", "2026-06-30"), 0);
	assert_int_equal(
	    staff_in_window("2025-07-01", "2025-06-30", "2026-06-30"), 1);
	assert_int_equal(
	    staff_in_window("2026-07-01", "2025-06-30", "2026-06-30"), 0);
}

static int cmp_model(const void *x, const void *y)
{
	const struct food_grade_rec *a = x, *b = y;
	int c = strcmp(a->graded_on, b->graded_on);

	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

static void test_food_current_property(void **state)
{
	(void)state;
	for (int round = 0; round < CASES; round++) {
		struct food_grade_rec g[8], s[8];
		size_t n = rnd(8);
		int k = (int)rnd(DAYS);
		char day[11];
		long got, want = -1;

		memset(g, 0, sizeof(g));
		for (size_t i = 0; i < n; i++) {
			g[i].id = 1 + (long long)rnd(100) * 8 + (long long)i;
			day_text((int)rnd(DAYS), g[i].graded_on);
			snprintf(g[i].grade, sizeof(g[i].grade), "%c",
			         'A' + (int)rnd(3));
		}
		day_text(k, day);
		/* model: sort ascending, the last one on or before the day */
		memcpy(s, g, sizeof(g));
		qsort(s, n, sizeof(*s), cmp_model);
		for (size_t i = 0; i < n; i++)
			if (strcmp(s[i].graded_on, day) <= 0)
				want = (long)s[i].id;
		got = food_grade_current(g, n, day, 0);
		assert_int_equal(got < 0 ? -1 : g[got].id, want);
	}
}

static void test_food_lapse(void **state)
{
	struct food_grade_rec g[2];

	(void)state;
	memset(g, 0, sizeof(g));
	g[0].id = 1;
	strcpy(g[0].graded_on, "2024-02-29");
	g[1].id = 2;
	strcpy(g[1].graded_on, "2023-01-10");
	assert_int_equal(food_grade_current(g, 2, "2023-01-09", 0), -1);
	assert_int_equal(food_grade_current(g, 2, "2024-02-28", 0), 1);
	assert_int_equal(food_grade_current(g, 2, "2024-02-29", 0), 0);
	/* valid one year: 2024-02-29 lapses on 2025-02-28 */
	assert_int_equal(food_grade_current(g, 2, "2025-02-27", 1), 0);
	assert_int_equal(food_grade_current(g, 2, "2025-02-28", 1), -1);
	assert_int_equal(food_grade_current(g, 2, "2099-01-01", 0), 0);
}

static void test_percent(void **state)
{
	char t[EXACT_TEXT_MAX];

	(void)state;
	assert_string_equal(inspect_percent_text(2, 3, t), "66.67");
	assert_string_equal(inspect_percent_text(1, 3, t), "33.33");
	assert_string_equal(inspect_percent_text(1, 8, t), "12.50");
	/* 0.125 % rounds half up to 0.13 */
	assert_string_equal(inspect_percent_text(1, 800, t), "0.13");
	assert_string_equal(inspect_percent_text(7, 7, t), "100.00");
	assert_string_equal(inspect_percent_text(0, 5, t), "0.00");
	assert_string_equal(inspect_percent_text(0, 0, t), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlap_property),
		cmocka_unit_test(test_move_not_overlap),
		cmocka_unit_test(test_duplicates_property),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_food_current_property),
		cmocka_unit_test(test_food_lapse),
		cmocka_unit_test(test_percent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
