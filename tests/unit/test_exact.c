/*
 * Exact arithmetic (core/exact.c). Examples are the seeds' figures worked
 * out by hand in the comment; the properties compare with an independent
 * computation (integer formulas written here, or decimal text built digit
 * by digit) over many random cases from a fixed seed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/exact.h"

static struct exact q(const char *s)
{
	struct exact e;

	assert_int_equal(exact_parse(s, &e), 0);
	return e;
}

static void check_format(struct exact a, int places, enum exact_rounding r,
                         const char *want)
{
	char buf[EXACT_TEXT_MAX];

	assert_string_equal(exact_format(a, places, r, buf), want);
}

/* 35% of 90 is exactly 31.5: half up gives 32 (binary floating point
 * makes it 31.499999999999996 and rounds it to 31). */
static void test_half_up_on_exact_ties(void **state)
{
	struct exact v;
	int64_t n;

	(void)state;
	assert_int_equal(exact_mul(q("0.35"), exact_int(90), &v), 0);
	assert_int_equal(exact_round_int(v, EXACT_HALF_UP, &n), 0);
	assert_int_equal(n, 32);
	check_format(q("0.125"), 2, EXACT_HALF_UP, "0.13");
	check_format(q("-0.125"), 2, EXACT_HALF_UP, "-0.13");
	check_format(q("0.125"), 2, EXACT_HALF_EVEN, "0.12");
	check_format(q("0.135"), 2, EXACT_HALF_EVEN, "0.14");
	check_format(q("2.01"), 0, EXACT_UP, "3");
	check_format(q("2.99"), 0, EXACT_DOWN, "2");
	check_format(q("-2.99"), 0, EXACT_DOWN, "-2");
	check_format(q("7"), 2, EXACT_HALF_UP, "7.00");
}

/* 002 开州: 4.5 slots per 1,000 of 1,203,300 residents = 5414.85 exactly;
 * 000 巴中: 4.5 per 1,000 of 2,712,900 = 12208.05; 004 景德镇: 7,367 slots
 * at 4.5 per 1,000 imply 7,367 × 1000 / 4.5 = 1,637,111.1… residents. */
static void test_seed_figures(void **state)
{
	struct exact per, v;
	char buf[EXACT_TEXT_MAX];
	int exact;

	(void)state;
	assert_int_equal(exact_div(q("4.5"), exact_int(1000), &per), 0);
	assert_int_equal(exact_mul(per, exact_int(1203300), &v), 0);
	assert_string_equal(exact_format_plain(v, 6, &exact, buf), "5414.85");
	assert_int_equal(exact, 1);
	assert_int_equal(exact_mul(per, exact_int(2712900), &v), 0);
	assert_string_equal(exact_format_plain(v, 6, NULL, buf), "12208.05");
	assert_int_equal(exact_div(exact_int(7367), per, &v), 0);
	assert_string_equal(exact_format(v, 0, EXACT_HALF_UP, buf), "1637111");
	assert_string_equal(exact_format_plain(v, 4, &exact, buf),
	                    "1637111.1111");
	assert_int_equal(exact, 0);
	/* 景德镇 occupancy: 740 of 2,163 beds = 34.21% */
	assert_int_equal(exact_frac(74000, 2163, &v), 0);
	assert_string_equal(exact_format(v, 2, EXACT_HALF_UP, buf), "34.21");
}

static void test_parse_refuses(void **state)
{
	static const char *const bad[] = {
		"",     "-",
		".5",   "5.",
		"1e3",  "+1",
		" 1",   "1 ",
		"nan",  "inf",
		"0x10", "1.2.3",
		"1,5",  "1234567890123456789012345678901",
	};
	struct exact e = { 7, 3 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(exact_parse(bad[i], &e), -1);
		assert_int_equal(e.num, 7); /* untouched */
	}
	assert_int_equal(exact_div(exact_int(1), exact_int(0), &e), -1);
	assert_int_equal(exact_frac(1, 0, &e), -1);
}

static void test_overflow_is_refused(void **state)
{
	struct exact big = exact_int(INT64_MAX), out = { 5, 1 };

	(void)state;
	assert_int_equal(exact_add(big, big, &out), -1);
	assert_int_equal(exact_mul(big, exact_int(2), &out), -1);
	assert_int_equal(out.num, 5);
	/* fractions whose denominators are coprime primes near 2^31 */
	struct exact a, b;

	assert_int_equal(exact_frac(1, 2147483647, &a), 0);
	assert_int_equal(exact_frac(1, 2147483629, &b), 0);
	assert_int_equal(exact_add(a, b, &out), 0);
	assert_int_equal(exact_frac(1, 2147483587, &b), 0);
	assert_int_equal(exact_add(out, b, &out), -1);
}

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t next(void)
{
	/* splitmix64 */
	uint64_t z = (rng += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Text with up to 9 integer digits and up to 6 decimals reads back
 * digit for digit when formatted with as many places. */
static void test_property_parse_format_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < 20000; i++) {
		char text[40];
		int places = (int)(next() % 7);
		long long whole = (long long)(next() % 1000000000);
		long long frac = (long long)(next() % 1000000);
		long long p = 1;

		for (int k = 0; k < places; k++)
			p *= 10;
		frac %= p;
		if (places)
			snprintf(text, sizeof(text), "%s%lld.%0*lld",
			         next() % 2 && (whole || frac) ? "-" : "",
			         whole, places, frac);
		else
			snprintf(text, sizeof(text), "%s%lld",
			         next() % 2 && whole ? "-" : "", whole);
		check_format(q(text), places, EXACT_HALF_UP, text);
	}
}

/* Rounding n/d to a whole number agrees with integer formulas: half up is
 * floor((2n + d) / 2d) for n >= 0, up is ceil, down is floor. */
static void test_property_rounding_against_integer_formulas(void **state)
{
	(void)state;
	for (int i = 0; i < 50000; i++) {
		int64_t n = (int64_t)(next() % 2000000), d = 1 + next() % 999;
		int neg = next() % 2;
		struct exact v;
		int64_t got, want;

		assert_int_equal(exact_frac(neg ? -n : n, d, &v), 0);
		assert_int_equal(exact_round_int(v, EXACT_HALF_UP, &got), 0);
		want = (2 * n + d) / (2 * d);
		assert_int_equal(got, neg ? -want : want);
		assert_int_equal(exact_round_int(v, EXACT_UP, &got), 0);
		want = (n + d - 1) / d;
		assert_int_equal(got, neg ? -want : want);
		assert_int_equal(exact_round_int(v, EXACT_DOWN, &got), 0);
		want = n / d;
		assert_int_equal(got, neg ? -want : want);
	}
}

/* Field identities over random fractions: (a + b) − b = a, (a × b) ÷ b
 * = a, the sign of a − b is exact_cmp(a, b). */
static void test_property_identities(void **state)
{
	(void)state;
	for (int i = 0; i < 50000; i++) {
		struct exact a, b, s, t;

		assert_int_equal(
		    exact_frac((int64_t)(next() % 2000001) - 1000000,
		               1 + (int64_t)(next() % 100000), &a),
		    0);
		assert_int_equal(
		    exact_frac((int64_t)(next() % 2000001) - 1000000,
		               1 + (int64_t)(next() % 100000), &b),
		    0);
		assert_int_equal(exact_add(a, b, &s), 0);
		assert_int_equal(exact_sub(s, b, &t), 0);
		assert_true(t.num == a.num && t.den == a.den);
		assert_int_equal(exact_sub(a, b, &s), 0);
		assert_int_equal(exact_cmp(a, b), (s.num > 0) - (s.num < 0));
		if (b.num) {
			assert_int_equal(exact_mul(a, b, &s), 0);
			assert_int_equal(exact_div(s, b, &t), 0);
			assert_true(t.num == a.num && t.den == a.den);
		}
		assert_true(a.den >= 1);
	}
}

static void test_rounding_names(void **state)
{
	(void)state;
	assert_int_equal(exact_rounding_parse("half_up"), EXACT_HALF_UP);
	assert_int_equal(exact_rounding_parse("up"), EXACT_UP);
	assert_int_equal(exact_rounding_parse("nearest"), -1);
	assert_int_equal(exact_rounding_parse(NULL), -1);
	assert_string_equal(exact_rounding_zh[EXACT_HALF_UP], "四舍五入");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_half_up_on_exact_ties),
		cmocka_unit_test(test_seed_figures),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_overflow_is_refused),
		cmocka_unit_test(test_property_parse_format_round_trip),
		cmocka_unit_test(
		    test_property_rounding_against_integer_formulas),
		cmocka_unit_test(test_property_identities),
		cmocka_unit_test(test_rounding_names),
	};

	return cmocka_run_group_tests_name("exact", tests, NULL, NULL);
}
