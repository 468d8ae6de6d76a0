/*
 * The arithmetic of failed logins (core/login_guard.c): the lock after
 * each failure worked out by hand from the rule "free tries, then the base
 * doubling up to the cap", and the forgetting window.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/login_guard.h"

static void test_default_locks(void **state)
{
	const struct login_limits *l = &login_limits_default;
	/* 5 free, then 1, 2, 4, … 512 s, then 900 s (15 minutes) */
	static const long want[] = { 0,  0,  0,  0,   0,   0,   1,   2,   4,  8,
		                     16, 32, 64, 128, 256, 512, 900, 900, 900 };

	(void)state;
	for (long f = 0; f < (long)(sizeof(want) / sizeof(*want)); f++)
		assert_int_equal(login_lock_seconds(l, l->free_failures, f),
		                 want[f]);
	assert_int_equal(login_lock_seconds(l, l->free_failures, 1000000), 900);
	/* an address has twenty free tries */
	assert_int_equal(login_lock_seconds(l, l->address_free_failures, 20),
	                 0);
	assert_int_equal(login_lock_seconds(l, l->address_free_failures, 21),
	                 1);
	assert_int_equal(login_lock_seconds(l, l->address_free_failures, 23),
	                 4);
}

static void test_property_lock_grows_and_is_capped(void **state)
{
	const struct login_limits *l = &login_limits_default;
	long prev = 0;

	(void)state;
	for (long f = 0; f < 100000; f++) {
		long s = login_lock_seconds(l, l->free_failures, f);

		assert_true(s >= prev);
		assert_true(s <= l->max_seconds);
		assert_true(f <= l->free_failures ? s == 0 : s >= 1);
		prev = s;
	}
}

static void test_failures_forgotten_after_the_window(void **state)
{
	const struct login_limits *l = &login_limits_default;

	(void)state;
	assert_int_equal(login_failures_now(l, 7, 1000, 1000 + 900), 7);
	assert_int_equal(login_failures_now(l, 7, 1000, 1000 + 901), 0);
	assert_int_equal(l->idle_seconds, 1800);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_locks),
		cmocka_unit_test(test_property_lock_grows_and_is_capped),
		cmocka_unit_test(test_failures_forgotten_after_the_window),
	};

	return cmocka_run_group_tests_name("login_guard", tests, NULL, NULL);
}
