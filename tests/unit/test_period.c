/* Reporting periods (core/period.c). Expected values are worked out by
 * hand from the calendar, not by running the code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/period.h"

static struct period parse_ok(const char *s)
{
	struct period p;
	struct lx_error err;

	lx_error_clear(&err);
	memset(&p, 0x5a, sizeof(p));
	if (period_parse(s, &p, &err, "period") != 0)
		fail_msg("'%s' refused: %s", s, err.message);
	return p;
}

static void expect_period(const char *s, enum period_kind kind, int year,
                          int index)
{
	struct period p = parse_ok(s);

	if (p.kind != kind || p.year != year || p.index != index)
		fail_msg("'%s' gave kind %d year %d index %d, want %d %d %d", s,
		         (int)p.kind, p.year, p.index, (int)kind, year, index);
}

/* Refused with LX_EINVALID; the field is named both in err.field and in
 * the message, and *out is left as it was. */
static void expect_refused(const char *s)
{
	struct period p = { PERIOD_MONTH, 1999, 7 };
	struct lx_error err;

	lx_error_clear(&err);
	if (period_parse(s, &p, &err, "as_of") != -1)
		fail_msg("'%s' accepted", s ? s : "(null)");
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "as_of");
	if (!strstr(err.message, "as_of"))
		fail_msg("'%s': message does not name the field: %s",
		         s ? s : "(null)", err.message);
	assert_int_equal(p.kind, PERIOD_MONTH);
	assert_int_equal(p.year, 1999);
	assert_int_equal(p.index, 7);
}

static void test_parse_year(void **state)
{
	expect_period("2025", PERIOD_YEAR, 2025, 0);
	expect_period("1949", PERIOD_YEAR, 1949, 0);
	expect_period("2100", PERIOD_YEAR, 2100, 0);
}

static void test_parse_quarters(void **state)
{
	expect_period("2025Q1", PERIOD_QUARTER, 2025, 1);
	expect_period("2025Q2", PERIOD_QUARTER, 2025, 2);
	expect_period("2025Q3", PERIOD_QUARTER, 2025, 3);
	expect_period("2025Q4", PERIOD_QUARTER, 2025, 4);
}

static void test_parse_months(void **state)
{
	static const char *const months[] = {
		"2025-01", "2025-02", "2025-03", "2025-04",
		"2025-05", "2025-06", "2025-07", "2025-08",
		"2025-09", "2025-10", "2025-11", "2025-12",
	};

	for (int i = 0; i < 12; i++)
		expect_period(months[i], PERIOD_MONTH, 2025, i + 1);
}

static void test_parse_refused(void **state)
{
	expect_refused("2025Q0");
	expect_refused("2025Q5");
	expect_refused("2025q1");
	expect_refused("2025-13");
	expect_refused("2025-00");
	expect_refused("2025-1");
	expect_refused("25");
	expect_refused("2025-03-01");
	expect_refused("");
	expect_refused(NULL);
	expect_refused("1948");
	expect_refused("2101");
	expect_refused("1948Q4");
	expect_refused("2101-01");
	expect_refused("0000");
	expect_refused(" 2025");
	expect_refused("2025 ");
	expect_refused("20251");
	expect_refused("2025Q");
	expect_refused("2025-");
	expect_refused("２０２５");
}

/* A NULL err is allowed: the refusal is still -1. */
static void test_parse_null_err(void **state)
{
	struct period p;

	assert_int_equal(period_parse("2025Q9", &p, NULL, "period"), -1);
	assert_int_equal(period_parse("2025Q3", &p, NULL, "period"), 0);
	assert_int_equal(p.index, 3);
}

static void round_trip(const char *s)
{
	char out[8];

	memset(out, 'x', sizeof(out));
	period_format(parse_ok(s), out);
	assert_string_equal(out, s);
}

static void test_format_round_trip(void **state)
{
	static const char *const texts[] = {
		"2025",    "1949",    "2100",    "2025Q1",  "2025Q2",
		"2025Q3",  "2025Q4",  "2025-01", "2025-02", "2025-09",
		"2025-10", "2025-12", "2024-02", "1949-01", "2100-12",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		round_trip(texts[i]);
}

static void expect_days(const char *s, const char *first, const char *last)
{
	char f[11], l[11];
	struct period p = parse_ok(s);

	period_first_day(p, f);
	period_last_day(p, l);
	if (strcmp(f, first) || strcmp(l, last))
		fail_msg("'%s': %s to %s, want %s to %s", s, f, l, first, last);
}

static void test_first_last_day(void **state)
{
	expect_days("2024-02", "2024-02-01", "2024-02-29"); /* leap */
	expect_days("2025-02", "2025-02-01", "2025-02-28");
	expect_days("2000-02", "2000-02-01", "2000-02-29"); /* 400 rule */
	expect_days("2100-02", "2100-02-01", "2100-02-28"); /* 100 rule */
	expect_days("2025-04", "2025-04-01", "2025-04-30");
	expect_days("2025-12", "2025-12-01", "2025-12-31");
	expect_days("2025Q1", "2025-01-01", "2025-03-31");
	expect_days("2025Q2", "2025-04-01", "2025-06-30");
	expect_days("2025Q3", "2025-07-01", "2025-09-30");
	expect_days("2025Q4", "2025-10-01", "2025-12-31");
	expect_days("2025", "2025-01-01", "2025-12-31");
	expect_days("2024", "2024-01-01", "2024-12-31");
}

static void expect_previous(const char *s, const char *want)
{
	char out[8];

	period_format(period_previous(parse_ok(s)), out);
	if (strcmp(out, want))
		fail_msg("before '%s': %s, want %s", s, out, want);
}

static void test_previous(void **state)
{
	expect_previous("2025Q1", "2024Q4");
	expect_previous("2025Q2", "2025Q1");
	expect_previous("2025Q4", "2025Q3");
	expect_previous("2025-01", "2024-12");
	expect_previous("2025-02", "2025-01");
	expect_previous("2025-12", "2025-11");
	expect_previous("2025", "2024");
	expect_previous("2000", "1999");
}

static void expect_year_value(const char *s, double want)
{
	double v = period_year_value(parse_ok(s));

	/* every expected value is a multiple of 1/4 or an exact quotient
	 * m/12 computed the same way, so equality is exact */
	if (v != want)
		fail_msg("'%s': year value %.17g, want %.17g", s, v, want);
}

static void test_year_value(void **state)
{
	expect_year_value("2025", 2025.0);
	expect_year_value("2025Q1", 2024.25);
	expect_year_value("2025Q2", 2024.5);
	expect_year_value("2025Q3", 2024.75);
	expect_year_value("2025Q4", 2025.0);
	expect_year_value("2025-03", 2024.25);
	expect_year_value("2025-06", 2024.5);
	expect_year_value("2025-12", 2025.0);
	expect_year_value("2025-01", 2024.0 + 1.0 / 12.0);
	/* a year and its last quarter and month are the same instant */
	assert_true(period_year_value(parse_ok("2023")) ==
	            period_year_value(parse_ok("2023Q4")));
	assert_true(period_year_value(parse_ok("2023")) ==
	            period_year_value(parse_ok("2023-12")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_year),
		cmocka_unit_test(test_parse_quarters),
		cmocka_unit_test(test_parse_months),
		cmocka_unit_test(test_parse_refused),
		cmocka_unit_test(test_parse_null_err),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_first_last_day),
		cmocka_unit_test(test_previous),
		cmocka_unit_test(test_year_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
