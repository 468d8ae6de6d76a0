/*
 * Calendar dates. Day counts checked independently with python's datetime:
 * 2000-02-29 is day 11016, 1900-01-01 day -25567, 2200-12-31 day 84370.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

static struct lx_date D(int y, int m, int d) {
	struct lx_date r = { y, m, d };

	return r;
}

static void
test_leap_years(void **state)
{
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(1904));
	assert_false(date_is_leap(1900));
	assert_false(date_is_leap(2100));
	assert_false(date_is_leap(2023));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2025, 1), 31);
	assert_int_equal(date_days_in_month(2025, 4), 30);
	assert_int_equal(date_days_in_month(2025, 12), 31);
	assert_int_equal(date_days_in_month(2025, 0), 0);
	assert_int_equal(date_days_in_month(2025, 13), 0);
}

static void test_known_days(void **state)
{
	struct lx_date d;

	assert_int_equal(date_to_days(D(1970, 1, 1)), 0);
	assert_int_equal(date_to_days(D(1969, 12, 31)), -1);
	assert_int_equal(date_to_days(D(1970, 3, 1)), 59);
	assert_int_equal(date_to_days(D(2000, 2, 29)), 11016);
	assert_int_equal(date_to_days(D(1900, 1, 1)), -25567);
	assert_int_equal(date_to_days(D(2200, 12, 31)), 84370);
	d = date_from_days(11016);
	assert_int_equal(d.y, 2000);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
}

/* Walks every day from 1900-01-01 to 2200-12-31 by counting through months,
 * independently of the era arithmetic, and checks both conversions. */
static void test_round_trip(void **state)
{
	long days = date_to_days(D(1900, 1, 1));

	for (int y = 1900; y <= 2200; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= date_days_in_month(y, m); d++) {
				struct lx_date back = date_from_days(days);

				assert_int_equal(date_to_days(D(y, m, d)),
				                 days);
				assert_int_equal(back.y, y);
				assert_int_equal(back.m, m);
				assert_int_equal(back.d, d);
				days++;
			}
		}
	}
	assert_int_equal(days - 1, 84370);
}

static void test_parse_good(void **state)
{
	struct lx_date d;

	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(d.y, 2024);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	assert_int_equal(date_parse("1900-01-01", &d), 0);
	assert_int_equal(date_parse("2200-12-31", &d), 0);
	assert_int_equal(date_parse("2000-02-29", &d), 0);
}

static void test_parse_bad(void **state)
{
	static const char *const bad[] = {
		"2025-1-01",   "2025-01-1",      "2025-13-01",
		"2025-00-10",  "2025-01-00",     "2025-02-30",
		"2023-02-29",  "1900-02-29",     "2025-04-31",
		"2025-01-01x", " 2025-01-01",    "2025-01-01 ",
		"2025/01/01",  "20250101",       "",
		"+025-01-01",  "2025-+1-01",     "1899-12-31",
		"2201-01-01",  "２０２５-01-01", "2025-01-01T00:00",
	};
	struct lx_date d = { 1, 2, 3 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_parse(bad[i], &d) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
	}
	assert_int_equal(date_parse(NULL, &d), -1);
	/* out untouched on failure */
	assert_int_equal(d.y, 1);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 3);
}

static void check_field_error(const char *s, const char *needle)
{
	struct lx_error err;
	struct lx_date d;

	lx_error_clear(&err);
	assert_int_equal(date_parse_field(s, &d, &err, "birth_date"), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "birth_date");
	if (!strstr(err.message, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
}

static void test_parse_field(void **state)
{
	struct lx_error err;
	struct lx_date d;

	lx_error_clear(&err);
	assert_int_equal(date_parse_field("2024-02-29", &d, &err, "f"), 0);
	assert_int_equal(err.code, LX_OK);
	check_field_error("2025-1-01", "\"2025-1-01\" is not a date in the "
	                               "form YYYY-MM-DD");
	check_field_error("2025-02-30", "\"2025-02-30\" is not a real date");
	check_field_error("1800-01-01", "between 1900 and 2200");
	check_field_error("", "required");
	check_field_error(NULL, "required");
	/* long or binary values are quoted as a safe excerpt */
	check_field_error("2025-01-01\n\x01"
	                  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	                  "aaaaaaaaaaaaaaaaaa",
	                  "\"2025-01-01??aaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"");
}

static void test_format_and_cmp(void **state)
{
	char buf[11];

	date_format(D(2024, 2, 9), buf);
	assert_string_equal(buf, "2024-02-09");
	date_format(D(1900, 12, 31), buf);
	assert_string_equal(buf, "1900-12-31");
	date_format(D(12345, 1, 1), buf); /* clamped, never overflows */
	assert_string_equal(buf, "9999-01-01");
	assert_true(date_cmp(D(2024, 1, 1), D(2024, 1, 2)) < 0);
	assert_true(date_cmp(D(2024, 2, 1), D(2024, 1, 31)) > 0);
	assert_true(date_cmp(D(2023, 12, 31), D(2024, 1, 1)) < 0);
	assert_int_equal(date_cmp(D(2024, 1, 1), D(2024, 1, 1)), 0);
}

static void test_age(void **state)
{
	struct lx_date birth = D(1950, 6, 15);

	assert_int_equal(date_age_on(birth, D(2025, 6, 14)), 74); /* eve */
	assert_int_equal(date_age_on(birth, D(2025, 6, 15)), 75); /* day */
	assert_int_equal(date_age_on(birth, D(2025, 12, 31)), 75);
	assert_int_equal(date_age_on(birth, D(2025, 1, 1)), 74);
	assert_int_equal(date_age_on(birth, birth), 0);
	assert_int_equal(date_age_on(birth, D(1950, 6, 14)), -1);
	/* born on a leap day: a year older on 1 March in common years */
	birth = D(2000, 2, 29);
	assert_int_equal(date_age_on(birth, D(2001, 2, 28)), 0);
	assert_int_equal(date_age_on(birth, D(2001, 3, 1)), 1);
	assert_int_equal(date_age_on(birth, D(2004, 2, 28)), 3);
	assert_int_equal(date_age_on(birth, D(2004, 2, 29)), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_field),
		cmocka_unit_test(test_format_and_cmp),
		cmocka_unit_test(test_age),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
