/*
 * Unified social credit codes, GB 32100-2015.
 *
 * Expected check characters worked by hand (value × weight, sum mod 31,
 * then (31 − r) mod 31; A=10 … H=17, J=18, K=19, L=20, M=21 … Y=30):
 *   91110000600037341L: 9·1 + 1·3 + 1·9 + 1·27 + 6·20 + 3·8 + 7·24 + 3·10
 *     + 4·30 + 1·28 = 538; 538 mod 31 = 11; 31 − 11 = 20 → 'L'.
 *   91350100M000100Y43: 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8
 *     + Y(30)·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
 * and cross-checked with an independent python one-liner.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/credit_code.h"

static void assert_fails(const char *code, const char *needle)
{
	struct lx_error err;

	lx_error_clear(&err);
	assert_int_equal(credit_code_check(code, &err, "credit_code"), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "credit_code");
	if (!strstr(err.message, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
}

static void test_valid_codes(void **state)
{
	struct lx_error err;

	lx_error_clear(&err);
	assert_int_equal(credit_code_check("91350100M000100Y43", &err, "c"), 0);
	assert_int_equal(credit_code_check("91110000600037341L", &err, "c"), 0);
	/* sum 0: the check value is (31 - 0) mod 31 = 0, not 31 */
	assert_int_equal(credit_code_check("000000000000000000", &err, "c"), 0);
	assert_int_equal(err.code, LX_OK);
	/* err may be NULL */
	assert_int_equal(credit_code_check("91110000600037341L", NULL, NULL),
	                 0);
}

static void test_check_char(void **state)
{
	char c = 0;

	assert_int_equal(credit_code_check_char("91110000600037341", &c), 0);
	assert_int_equal(c, 'L');
	assert_int_equal(credit_code_check_char("91350100M000100Y4", &c), 0);
	assert_int_equal(c, '3');
	/* a whole code may be passed; only 17 are read */
	assert_int_equal(credit_code_check_char("91350100M000100Y43", &c), 0);
	assert_int_equal(c, '3');
	assert_int_equal(credit_code_check_char("9135010", &c), -1);
	assert_int_equal(credit_code_check_char("91350100I000100Y4", &c), -1);
	assert_int_equal(credit_code_check_char("91350100m000100Y4", &c), -1);
	assert_int_equal(credit_code_check_char(NULL, &c), -1);
}

static void test_wrong_check_char(void **state)
{
	assert_fails("91110000600037341K", "should be 'L'");
	assert_fails("91350100M000100Y44", "should be '3'");
}

static void test_bad_characters(void **state)
{
	assert_fails("91350100I000100Y43", "character 9 ('I')");
	assert_fails("9135010OM000100Y43", "character 8 ('O')");
	assert_fails("91350100M000100Z43", "character 16 ('Z')");
	assert_fails("91350100M000-00Y43", "character 13 ('-')");
	assert_fails("91350100M000100Y4 ", "character 18 (byte 0x20)");
	assert_fails("91350100m000100Y43", "character 9 ('m') must be upper");
}

static void test_wrong_length(void **state)
{
	assert_fails("91350100M000100Y4", "18 characters, got 17");
	assert_fails("91350100M000100Y433", "18 characters, got 19");
	assert_fails("", "required");
	assert_fails(NULL, "required");
	/* non-ASCII counts in bytes; the length check fires first */
	assert_fails("91350100\xE4\xB8\xAD"
	             "000100Y43",
	             "got 20");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_codes),
		cmocka_unit_test(test_check_char),
		cmocka_unit_test(test_wrong_check_char),
		cmocka_unit_test(test_bad_characters),
		cmocka_unit_test(test_wrong_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
