/* Statistical division codes (统计用区划代码). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/region_code.h"

static void test_valid(void **state)
{
	assert_true(region_code_valid("510000000000"));
	assert_true(region_code_valid("511902001001"));
	assert_true(region_code_valid("110000000000"));
	assert_true(region_code_valid("820000000000"));
	assert_false(region_code_valid("000000000000"));
	assert_false(region_code_valid("100000000000"));
	assert_false(region_code_valid("830000000000"));
	assert_false(region_code_valid("51190200000"));
	assert_false(region_code_valid("5119020000000"));
	assert_false(region_code_valid("51190200000a"));
	assert_false(region_code_valid("511902 00000"));
	assert_false(region_code_valid(""));
	assert_false(region_code_valid(NULL));
}

static void test_levels(void **state)
{
	assert_int_equal(region_code_level("510000000000"), REGION_PROVINCE);
	assert_int_equal(region_code_level("511900000000"), REGION_CITY);
	assert_int_equal(region_code_level("511902000000"), REGION_COUNTY);
	assert_int_equal(region_code_level("511902001000"), REGION_TOWNSHIP);
	assert_int_equal(region_code_level("511902001001"), REGION_VILLAGE);
	assert_int_equal(region_code_level("511902001200"), REGION_VILLAGE);
	/* 东莞: townships directly under the city, county part 00 */
	assert_int_equal(region_code_level("441900003000"), REGION_TOWNSHIP);
	assert_int_equal(region_code_level("441900003001"), REGION_VILLAGE);
	assert_int_equal(region_code_level("510000000001"), REGION_VILLAGE);
	assert_int_equal(region_code_level("5100"), REGION_LEVEL__MAX);
	assert_int_equal(region_code_level(NULL), REGION_LEVEL__MAX);
}

static void test_names(void **state)
{
	static const char *const names[] = { "province", "city", "county",
		                             "township", "village" };
	enum region_level l;

	for (int i = 0; i < REGION_LEVEL__MAX; i++) {
		assert_string_equal(region_level_name((enum region_level)i),
		                    names[i]);
		assert_int_equal(region_level_parse(names[i], &l), 0);
		assert_int_equal(l, i);
	}
	assert_null(region_level_name(REGION_LEVEL__MAX));
	assert_int_equal(region_level_parse("Province", &l), -1);
	assert_int_equal(region_level_parse("", &l), -1);
	assert_int_equal(region_level_parse("villages", &l), -1);
	assert_int_equal(region_level_parse(NULL, &l), -1);
}

static void test_within(void **state)
{
	const char *village = "511902001001";

	assert_true(region_code_is_within(village, "510000000000"));
	assert_true(region_code_is_within(village, "511900000000"));
	assert_true(region_code_is_within(village, "511902000000"));
	assert_true(region_code_is_within(village, "511902001000"));
	assert_true(region_code_is_within(village, village));
	assert_true(region_code_is_within("510000000000", "510000000000"));
	assert_false(region_code_is_within(village, "511903000000"));
	assert_false(region_code_is_within(village, "511902002000"));
	assert_false(region_code_is_within(village, "511902001002"));
	assert_false(region_code_is_within(village, "520000000000"));
	/* an ancestor is not within its descendant */
	assert_false(region_code_is_within("510000000000", "511900000000"));
	assert_true(region_code_is_within("441900003000", "441900000000"));
	assert_true(region_code_is_within("441900003001", "441900003000"));
	assert_false(region_code_is_within("bogus", "510000000000"));
	assert_false(region_code_is_within(village, "51"));
	assert_false(region_code_is_within(NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_within),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
