/*
 * Payee accounts (core/payee.c): account numbers, their masked form, and
 * the amount column of the bank file. The amount is checked over many
 * random fen values against a reference built digit by digit here (the
 * decimal digits of the magnitude, a point put before the last two), not
 * against the same division the code uses. GB18030 bytes from python3:
 * "巴中市".encode("gb18030") == b"\xb0\xcd\xd6\xd0\xca\xd0".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/payee.h"

static void test_normalise(void **state)
{
	char out[PAYEE_ACCOUNT_MAX + 1];
	struct lx_error e = { 0 };

	(void)state;
	assert_int_equal(payee_account_normalise("6217 0012-3456 7890", out,
	                                         sizeof(out), &e, "acct"),
	                 0);
	assert_string_equal(out, "6217001234567890");
	assert_int_equal(payee_account_normalise("13812345678", out,
	                                         sizeof(out), &e, "acct"),
	                 -1);
	assert_string_equal(e.field, "acct");
	assert_int_equal(payee_account_normalise("6217x01234567890", out,
	                                         sizeof(out), &e, "acct"),
	                 -1);
	assert_int_equal(
	    payee_account_normalise("123456789012345678901234567890123", out,
	                            sizeof(out), &e, "acct"),
	    -1);
	assert_int_equal(
	    payee_account_normalise("", out, sizeof(out), &e, "acct"), -1);
}

static void test_mask(void **state)
{
	char out[48];

	(void)state;
	payee_account_mask("6217001234567890", out, sizeof(out));
	assert_string_equal(out, "6217 **** **** 7890");
	payee_account_mask("62284801234567890123", out, sizeof(out));
	assert_string_equal(out, "6228 **** **** 0123");
	payee_account_mask("123", out, sizeof(out));
	assert_string_equal(out, "****");
}

/* The reference: the magnitude's digits, padded to three, a point put
 * before the last two, a sign in front. */
static void reference(int64_t fen, char out[40])
{
	char digits[32];
	int n = 0, k = 0;
	uint64_t m = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;

	do {
		digits[n++] = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	while (n < 3)
		digits[n++] = '0';
	if (fen < 0)
		out[k++] = '-';
	for (int i = n - 1; i >= 0; i--) {
		out[k++] = digits[i];
		if (i == 2)
			out[k++] = '.';
	}
	out[k] = '\0';
}

static int64_t random_fen(void)
{
	uint64_t r = ((uint64_t)rand() << 42) ^ ((uint64_t)rand() << 21) ^
	             (uint64_t)rand();

	switch (rand() % 4) {
	case 0:
		return (int64_t)(r % 100);
	case 1:
		return (int64_t)(r % 10000000) * (rand() % 2 ? 1 : -1);
	case 2:
		return (int64_t)(r >> 1);
	default:
		return -(int64_t)(r >> 1);
	}
}

static void test_yuan2_property(void **state)
{
	char got[32], want[40];
	static const int64_t edges[] = { 0,    1,     -1,        5,
		                         10,   99,    100,       101,
		                         6000, -6000, INT64_MAX, INT64_MIN };

	(void)state;
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		reference(edges[i], want);
		assert_string_equal(payee_yuan2(edges[i], got), want);
	}
	srand(20261203);
	for (int i = 0; i < 200000; i++) {
		int64_t f = random_fen();

		reference(f, want);
		assert_string_equal(payee_yuan2(f, got), want);
	}
	assert_string_equal(payee_yuan2(6000, got), "60.00");
	assert_string_equal(payee_yuan2(88465, got), "884.65");
	assert_string_equal(payee_yuan2(-5, got), "-0.05");
}

static void test_gb18030(void **state)
{
	struct arena *a = arena_new();
	struct lx_error e = { 0 };
	char *out;
	size_t n;

	(void)state;
	assert_int_equal(payee_to_gb18030(a,
	                                  "\xE5\xB7\xB4\xE4\xB8\xAD\xE5\xB8"
	                                  "\x82,60.00",
	                                  15, &out, &n, &e),
	                 0);
	assert_int_equal(n, 12);
	assert_memory_equal(out, "\xB0\xCD\xD6\xD0\xCA\xD0,60.00", 12);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_yuan2_property),
		cmocka_unit_test(test_gb18030),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
