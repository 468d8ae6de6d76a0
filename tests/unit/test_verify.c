/* Annual verification (生存认证, core/subsidy_verify.c) and its policy key
 * (app/verify_policy.c): examples worked by hand, and a property over many
 * random cases from a fixed seed whose expected verdict is computed here,
 * month arithmetic included, without the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/verify_policy.h"
#include "core/subsidy_verify.h"

static const struct subsidy_verify_rule yearly = { 12, 1 };
static const struct subsidy_verify_rule yearly_no_back = { 12, 0 };

static struct subsidy_verify_verdict judge(const struct subsidy_verify_rule *r,
                                           const char *start, const char *last,
                                           const char *next,
                                           const char *first_paid)
{
	struct arena *a = arena_new();
	struct subsidy_verify_facts f = { last, next, first_paid };
	struct subsidy_verify_verdict v;
	struct lx_error err = { 0 };

	if (subsidy_verify_judge(a, r, start, &f, &v, &err))
		fail_msg("judge %s: %s", start, err.message);
	/* the reason is checked by the callers while the arena lives */
	if (v.reason_zh && !strstr(v.reason_zh, "生存认证"))
		fail_msg("reason without 生存认证: %s", v.reason_zh);
	v.reason_zh = v.reason_zh ? "set" : NULL;
	arena_free(a);
	return v;
}

static void test_window_examples(void **state)
{
	struct subsidy_verify_verdict v;

	(void)state;
	/* verified 2024-03-15: covered through 2025-03-14 */
	v = judge(&yearly, "2025-03-01", "2024-03-15", NULL, NULL);
	assert_int_equal(v.state, SUBSIDY_VERIFY_CURRENT);
	assert_string_equal(v.covered, "2025-03-14");
	v = judge(&yearly, "2025-04-01", "2024-03-15", NULL, NULL);
	assert_int_equal(v.state, SUBSIDY_VERIFY_LAPSED);
	assert_true(v.held);
	/* verified on the first of the month a year before: lapsed on it */
	v = judge(&yearly, "2025-04-01", "2024-04-01", NULL, NULL);
	assert_int_equal(v.state, SUBSIDY_VERIFY_LAPSED);
	v = judge(&yearly, "2025-04-01", "2024-04-02", NULL, NULL);
	assert_int_equal(v.state, SUBSIDY_VERIFY_CURRENT);
	/* a leap day: a year later is 2025-02-28, so the window ends on the
	 * 27th */
	v = judge(&yearly, "2025-02-01", "2024-02-29", NULL, NULL);
	assert_string_equal(v.covered, "2025-02-27");
	/* verified on the period's first day counts for it */
	v = judge(&yearly_no_back, "2025-05-01", "2025-05-01", NULL, NULL);
	assert_int_equal(v.state, SUBSIDY_VERIFY_CURRENT);
}

static void test_back_pay_and_first_payment(void **state)
{
	struct subsidy_verify_verdict v;

	(void)state;
	/* lapsed at the start, verified later: paid back, or held */
	v = judge(&yearly, "2025-04-01", "2024-01-10", "2025-06-20", NULL);
	assert_int_equal(v.state, SUBSIDY_VERIFY_BACK_PAY);
	assert_false(v.held);
	v = judge(&yearly_no_back, "2025-04-01", "2024-01-10", "2025-06-20",
	          NULL);
	assert_int_equal(v.state, SUBSIDY_VERIFY_LAPSED);
	/* no verification: counted from the first payment */
	v = judge(&yearly, "2025-12-01", NULL, NULL, "2025-01-01");
	assert_int_equal(v.state, SUBSIDY_VERIFY_CURRENT);
	assert_true(v.basis_paid);
	v = judge(&yearly, "2026-01-01", NULL, NULL, "2025-01-01");
	assert_int_equal(v.state, SUBSIDY_VERIFY_LAPSED);
	/* never paid before the period: nothing to lapse */
	v = judge(&yearly, "2026-01-01", NULL, NULL, "2026-02-01");
	assert_int_equal(v.state, SUBSIDY_VERIFY_NEW);
	v = judge(&yearly, "2026-01-01", NULL, NULL, NULL);
	assert_int_equal(v.state, SUBSIDY_VERIFY_NEW);
	/* a verification wins over the first payment as the basis */
	v = judge(&yearly, "2027-01-01", "2026-06-01", NULL, "2020-01-01");
	assert_int_equal(v.state, SUBSIDY_VERIFY_CURRENT);
	assert_false(v.basis_paid);
}

static void test_bad_input(void **state)
{
	struct arena *a = arena_new();
	struct subsidy_verify_rule bad = { 0, 1 };
	struct subsidy_verify_facts f = { "2025-13-01", NULL, NULL };
	struct subsidy_verify_facts late = { "2025-05-02", NULL, NULL };
	struct subsidy_verify_verdict v;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(subsidy_verify_rule_check(&bad, &err), -1);
	assert_string_equal(err.field, "window_months");
	bad.window_months = SUBSIDY_VERIFY_WINDOW_MAX + 1;
	assert_int_equal(subsidy_verify_rule_check(&bad, &err), -1);
	assert_int_equal(
	    subsidy_verify_judge(a, &yearly, "2025-05-01", &f, &v, &err), -1);
	assert_string_equal(err.field, "last");
	assert_int_equal(
	    subsidy_verify_judge(a, &yearly, "2025-05-01", &late, &v, &err),
	    -1);
	assert_string_equal(err.field, "last");
	arena_free(a);
}

/* ---- the property ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static int rnd_to(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int d[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* y, m, d as one comparable number */
static long key(int y, int m, int d)
{
	return (long)y * 10000 + m * 100 + d;
}

/* The first day that is no longer within window months of y-m-d: the same
 * day window months later, or that month's last day when it is shorter. */
static long lapse_day(int y, int m, int d, int window)
{
	int mm = m + window;

	while (mm > 12) {
		mm -= 12;
		y++;
	}
	if (d > month_days(y, mm))
		d = month_days(y, mm);
	return key(y, mm, d);
}

static void test_paid_exactly_when_within_window(void **state)
{
	long cases = 0, held = 0, back = 0;

	(void)state;
	rng_state = UINT64_C(0x5eed13);
	for (int i = 0; i < 20000; i++) {
		struct subsidy_verify_rule r = { 1 + rnd_to(24), rnd_to(2) };
		int sy = 2023 + rnd_to(5), sm = 1 + rnd_to(12);
		long start = key(sy, sm, 1);
		int nv = rnd_to(4);
		long dates[4];
		int dy[4], dm[4], dd[4];
		char last[32] = "", next[32] = "", first[32] = "", s[32];
		long lastk = 0, nextk = 0, firstk = 0, basis;
		int by = 0, bm = 0, bd = 0, fy = 0, fm = 0, expect_paid;
		struct subsidy_verify_verdict v;

		for (int k = 0; k < nv; k++) {
			dy[k] = 2021 + rnd_to(7);
			dm[k] = 1 + rnd_to(12);
			dd[k] = 1 + rnd_to(month_days(dy[k], dm[k]));
			dates[k] = key(dy[k], dm[k], dd[k]);
			if (dates[k] <= start && dates[k] > lastk) {
				lastk = dates[k];
				by = dy[k], bm = dm[k], bd = dd[k];
				snprintf(last, sizeof(last), "%04d-%02d-%02d",
				         dy[k], dm[k], dd[k]);
			}
			if (dates[k] > start && (!nextk || dates[k] < nextk)) {
				nextk = dates[k];
				snprintf(next, sizeof(next), "%04d-%02d-%02d",
				         dy[k], dm[k], dd[k]);
			}
		}
		if (rnd_to(2)) {
			fy = 2021 + rnd_to(7);
			fm = 1 + rnd_to(12);
			firstk = key(fy, fm, 1);
			snprintf(first, sizeof(first), "%04d-%02d-01", fy, fm);
		}
		snprintf(s, sizeof(s), "%04d-%02d-01", sy, sm);
		/* the basis: the last verification, else the first payment
		 * on or before the start; none: nothing to lapse */
		basis = lastk ? lapse_day(by, bm, bd, r.window_months)
		        : firstk && firstk <= start
		            ? lapse_day(fy, fm, 1, r.window_months)
		            : 0;
		expect_paid = !basis || start < basis || (nextk && r.back_pay);
		v = judge(&r, s, last[0] ? last : NULL, next[0] ? next : NULL,
		          first[0] ? first : NULL);
		if (v.held == expect_paid)
			fail_msg("case %d: start %s last %s next %s first %s "
			         "window %d back %d: held %d",
			         i, s, last, next, first, r.window_months,
			         r.back_pay, v.held);
		cases++;
		held += v.held;
		back += v.state == SUBSIDY_VERIFY_BACK_PAY;
	}
	/* the cases reach every outcome often */
	assert_true(held > cases / 10);
	assert_true(back > cases / 20);
}

/* ---- the policy key ---- */

static int read_key(const char *json, const struct subsidy_verify_rule **r,
                    struct lx_error *err)
{
	struct arena *a = arena_new();
	json_t *o = json_loads(json, 0, NULL);
	int rc;

	assert_non_null(o);
	rc = verify_policy_read(a, "t.json", o, "schemes[0]", 1, r, err);
	if (!rc && *r) {
		static struct subsidy_verify_rule copy;

		copy = **r;
		*r = &copy;
	}
	json_decref(o);
	arena_free(a);
	return rc;
}

static void test_policy_key(void **state)
{
	const struct subsidy_verify_rule *r;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(read_key("{}", &r, &err), 0);
	assert_null(r);
	assert_int_equal(read_key("{\"verification\": {\"window_months\": 12,"
	                          " \"source\": \"s\"}}",
	                          &r, &err),
	                 0);
	assert_int_equal(r->window_months, 12);
	assert_int_equal(r->back_pay, 1); /* paid back unless it says not */
	assert_int_equal(read_key("{\"verification\": {\"window_months\": 0,"
	                          " \"source\": \"s\"}}",
	                          &r, &err),
	                 -1);
	assert_string_equal(err.field, "schemes[0].verification.window_months");
	assert_int_equal(
	    read_key("{\"verification\": {\"window_months\": 12}}", &r, &err),
	    -1);
	assert_string_equal(err.field, "schemes[0].verification.source");
	assert_int_equal(read_key("{\"verification\": {\"window_months\": 12,"
	                          " \"source\": \"s\", \"grace\": 3}}",
	                          &r, &err),
	                 -1);
	assert_string_equal(err.field, "schemes[0].verification.grace");
	assert_int_equal(read_key("{\"verification\": {\"window_months\": 12,"
	                          " \"source\": \"s\", \"back_pay\": \"yes\"}}",
	                          &r, &err),
	                 -1);
	assert_string_equal(err.field, "schemes[0].verification.back_pay");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_examples),
		cmocka_unit_test(test_back_pay_and_first_payment),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_paid_exactly_when_within_window),
		cmocka_unit_test(test_policy_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
