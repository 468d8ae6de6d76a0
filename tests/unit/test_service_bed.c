/*
 * Family care beds and the services elements (core/service_bed.c,
 * core/service_element.c): the life-cycle table written out, the months a
 * bed's log is held to the standard checked day by day against a brute
 * force over many random beds, the guidance window and the village-code
 * rule (统计用区划代码: 村民委员会 200-399).
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
#include "core/service_bed.h"
#include "core/service_element.h"

static void moves_follow_the_life(void **state)
{
	/* 1 where the move is allowed: the next step, or removal */
	static const int want[BED__MAX][BED__MAX] = {
		[BED_APPLIED] = { 0, 1, 0, 0, 1 },
		[BED_ASSESSED] = { 0, 0, 1, 0, 1 },
		[BED_SET_UP] = { 0, 0, 0, 1, 1 },
		[BED_ACTIVE] = { 0, 0, 0, 0, 1 },
		[BED_REMOVED] = { 0, 0, 0, 0, 0 },
	};

	(void)state;
	for (int f = 0; f < BED__MAX; f++)
		for (int t = 0; t < BED__MAX; t++)
			if (bed_may_move(f, t) != want[f][t])
				fail_msg("%s -> %s", bed_status_name(f),
				         bed_status_name(t));
	assert_int_equal(bed_status_parse("set_up"), BED_SET_UP);
	assert_int_equal(bed_status_parse("gone"), -1);
	assert_string_equal(bed_status_zh(BED_ACTIVE), "服务中");
}

static void day_text(long days, char out[11])
{
	date_format(date_from_days(days), out);
}

/* Random beds and months: held when active every day, open when active
 * on some day, as a walk over the month's days says. */
static void months_against_brute_force(void **state)
{
	long base = date_to_days((struct lx_date){ 2023, 11, 1 });

	(void)state;
	srand(4242);
	for (int n = 0; n < 20000; n++) {
		char from[11], removed[11], month[8], first[11], last[11];
		long a = base + rand() % 500;
		int has_removed = rand() % 2;
		long r = a + 1 + rand() % 200;
		struct lx_date m = date_from_days(base + rand() % 700);
		int all = 1, some = 0;
		long d0, d1;

		day_text(a, from);
		day_text(r, removed);
		snprintf(month, sizeof(month), "%04d-%02d", m.y, m.m);
		assert_int_equal(bed_month_bounds(month, first, last), 0);
		d0 = date_to_days((struct lx_date){ m.y, m.m, 1 });
		d1 = d0 + date_days_in_month(m.y, m.m) - 1;
		for (long d = d0; d <= d1; d++) {
			int on = d >= a && (!has_removed || d < r);

			all &= on;
			some |= on;
		}
		if (bed_month_held(month, from, has_removed ? removed : "") !=
		    all)
			fail_msg("held %s from %s removed %s", month, from,
			         has_removed ? removed : "-");
		if (bed_month_open(month, from, has_removed ? removed : NULL) !=
		    some)
			fail_msg("open %s from %s removed %s", month, from,
			         has_removed ? removed : "-");
	}
	assert_int_equal(bed_month_open("2024-05", "", NULL), 0);
	assert_int_equal(bed_month_held("2024-13", "2020-01-01", NULL), 0);
}

static void under_the_standard(void **state)
{
	(void)state;
	assert_int_equal(bed_month_under(4, 240, 4, 240), 0);
	assert_int_equal(bed_month_under(3, 600, 4, 240), 1);
	assert_int_equal(bed_month_under(8, 239, 4, 240), 1);
	assert_int_equal(bed_month_under(0, 0, 0, 0), 0);
}

static void month_bounds(void **state)
{
	char f[11], l[11];

	(void)state;
	assert_int_equal(bed_month_bounds("2024-02", f, l), 0);
	assert_string_equal(f, "2024-02-01");
	assert_string_equal(l, "2024-02-29");
	assert_int_equal(bed_month_bounds("2025-02", f, l), 0);
	assert_string_equal(l, "2025-02-28");
	assert_int_equal(bed_month_bounds("2025-2", f, l), -1);
	assert_int_equal(bed_month_bounds("2025-00", f, l), -1);
	assert_int_equal(bed_month_bounds(NULL, f, l), -1);
}

static void reach_windows(void **state)
{
	char out[11];
	enum reach_window w;

	(void)state;
	assert_int_equal(reach_window_parse("calendar_year", &w), 0);
	assert_int_equal(w, RW_CALENDAR_YEAR);
	assert_int_equal(reach_window_parse("year", &w), -1);
	assert_int_equal(
	    reach_window_start(RW_CALENDAR_YEAR, "2025-06-30", out), 0);
	assert_string_equal(out, "2025-01-01");
	assert_int_equal(
	    reach_window_start(RW_TWELVE_MONTHS, "2025-12-31", out), 0);
	assert_string_equal(out, "2025-01-01");
	assert_int_equal(
	    reach_window_start(RW_TWELVE_MONTHS, "2024-02-29", out), 0);
	assert_string_equal(out, "2023-03-01");
	assert_int_equal(
	    reach_window_start(RW_TWELVE_MONTHS, "2025-03-31", out), 0);
	assert_string_equal(out, "2024-04-01");
	assert_int_equal(
	    reach_window_start(RW_CALENDAR_YEAR, "2025-13-01", out), -1);
}

static void village_codes_and_names(void **state)
{
	enum service_element e;

	(void)state;
	assert_int_equal(village_code_in("360202101200", 200, 399), 1);
	assert_int_equal(village_code_in("360202101399", 200, 399), 1);
	assert_int_equal(village_code_in("360202101199", 200, 399), 0);
	assert_int_equal(village_code_in("360202101400", 200, 399), 0);
	assert_int_equal(village_code_in("36020210120", 200, 399), 0);
	assert_int_equal(village_code_in("36020210120x", 200, 399), 0);
	for (int i = 0; i < SE__MAX; i++) {
		assert_int_equal(
		    service_element_parse(service_element_name(i), &e), 1);
		assert_int_equal(e, i);
	}
	assert_int_equal(
	    service_element_parse("registered_volunteers.young", &e), 0);
	assert_int_equal(service_element_parse(NULL, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(moves_follow_the_life),
		cmocka_unit_test(months_against_brute_force),
		cmocka_unit_test(under_the_standard),
		cmocka_unit_test(month_bounds),
		cmocka_unit_test(reach_windows),
		cmocka_unit_test(village_codes_and_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
