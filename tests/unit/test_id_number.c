/*
 * Resident identity numbers, GB 11643-1999.
 *
 * 11010519491231002X is the standard's own example. The other check
 * characters were computed independently (python: "10X98765432"[sum of
 * digit × weight mod 11]): 11010520000229001 → '3', 11010519000229001 → '7',
 * 11010519490230001 → '2', 44030419900101123 → '3', 11010519491331001 → '3',
 * 11010519491200001 → '3', 11010518991231001 → '5'.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/id_number.h"

static void assert_fails(const char *s, const char *needle)
{
	struct lx_error err;
	struct id_info info;

	lx_error_clear(&err);
	assert_int_equal(id_number_parse(s, &info, &err, "id_number"), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "id_number");
	if (!strstr(err.message, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
}

static void test_standard_example(void **state)
{
	struct lx_error err;
	struct id_info info;

	lx_error_clear(&err);
	memset(&info, 0xff, sizeof(info));
	assert_int_equal(
	    id_number_parse("11010519491231002X", &info, &err, "id_number"), 0);
	assert_int_equal(info.year, 1949);
	assert_int_equal(info.month, 12);
	assert_int_equal(info.day, 31);
	assert_int_equal(info.male, 0); /* sequence 002: even, female */
	assert_string_equal(info.region, "110105");
	assert_int_equal(err.code, LX_OK);
}

static void test_lowercase_x_and_male(void **state)
{
	struct id_info info;

	assert_int_equal(
	    id_number_parse("11010519491231002x", &info, NULL, NULL), 0);
	assert_int_equal(info.male, 0);
	assert_int_equal(
	    id_number_parse("440304199001011233", &info, NULL, NULL), 0);
	assert_int_equal(info.male, 1); /* sequence 123: odd */
	assert_int_equal(info.year, 1990);
	assert_string_equal(info.region, "440304");
	/* out may be NULL */
	assert_int_equal(
	    id_number_parse("440304199001011233", NULL, NULL, NULL), 0);
}

static void test_wrong_check_char(void **state)
{
	struct lx_error err;

	assert_fails("110105194912310021", "check character does not match");
	assert_fails("440304199001011234", "check character does not match");
	/* the expected check character is not given away */
	id_number_parse("440304199001011234", NULL, &err, "f");
	assert_null(strchr(err.message, '3'));
}

static void test_dates(void **state)
{
	struct id_info info;

	/* 1949-02-30 does not exist, though the check character is right */
	assert_fails("110105194902300012", "not a real birth date");
	/* 2000 is a leap year (divisible by 400) */
	assert_int_equal(
	    id_number_parse("110105200002290013", &info, NULL, NULL), 0);
	assert_int_equal(info.month, 2);
	assert_int_equal(info.day, 29);
	/* 1900 is not (divisible by 100, not by 400) */
	assert_fails("110105190002290017", "not a real birth date");
	assert_fails("110105194913310013", "not a real birth date");
	assert_fails("110105194912000013", "not a real birth date");
	assert_fails("110105189912310015", "not a real birth date");
}

static void test_form(void **state)
{
	assert_fails("110105491231002", "15-digit");
	assert_fails("11010519491231002", "18 characters, got 17");
	assert_fails("11010519491231002X1", "18 characters, got 19");
	assert_fails("", "required");
	assert_fails(NULL, "required");
	assert_fails("1101A519491231002X", "character 5");
	assert_fails("11010519491231002Y", "last character");
	assert_fails("1101051949123100 X", "character 17");
}

static void test_check_char(void **state)
{
	assert_int_equal(id_number_check_char("11010519491231002"), 'X');
	assert_int_equal(id_number_check_char("11010519491231002X"), 'X');
	assert_int_equal(id_number_check_char("11010520000229001"), '3');
	assert_int_equal(id_number_check_char("11010519000229001"), '7');
	assert_int_equal(id_number_check_char("1101051949123100"), '\0');
	assert_int_equal(id_number_check_char("1101A519491231002"), '\0');
	assert_int_equal(id_number_check_char(NULL), '\0');
}

static void test_mask(void **state)
{
	char out[32];

	assert_int_equal(id_number_mask("11010519491231002X", out, sizeof(out)),
	                 0);
	assert_string_equal(out, "110105********002X");
	assert_int_equal(id_number_mask("110105491231002", out, sizeof(out)),
	                 0);
	assert_string_equal(out, "110105*****1002");
	assert_int_equal(id_number_mask("12345678901", out, sizeof(out)), 0);
	assert_string_equal(out, "***********");
	assert_int_equal(id_number_mask("", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	/* exactly enough room, then one byte short */
	assert_int_equal(id_number_mask("11010519491231002X", out, 19), 0);
	assert_string_equal(out, "110105********002X");
	assert_int_equal(id_number_mask("11010519491231002X", out, 18), -1);
	assert_string_equal(out, "");
	assert_int_equal(id_number_mask(NULL, out, sizeof(out)), -1);
	assert_int_equal(id_number_mask("1", NULL, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_standard_example),
		cmocka_unit_test(test_lowercase_x_and_male),
		cmocka_unit_test(test_wrong_check_char),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_check_char),
		cmocka_unit_test(test_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
