/* core/rollup_note.c: what a partial roll-up says beside its figure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/region_code.h"
#include "core/rollup_note.h"

static void test_notes(void **state)
{
	char buf[64];

	assert_string_equal(rollup_note(3, 7, REGION_COUNTY, 0, buf, 64),
	                    "3 of 7 counties");
	assert_string_equal(rollup_note(3, 7, REGION_COUNTY, 1, buf, 64),
	                    "7个县（区）中3个");
	assert_string_equal(rollup_note(1, 11, REGION_TOWNSHIP, 0, buf, 64),
	                    "1 of 11 townships");
	assert_string_equal(rollup_note(1, 11, REGION_TOWNSHIP, 1, buf, 64),
	                    "11个乡镇（街道）中1个");
	assert_string_equal(rollup_note(0, 1, REGION_VILLAGE, 0, buf, 64),
	                    "0 of 1 village");
	assert_string_equal(rollup_note(2, 5, 99, 0, buf, 64), "2 of 5 areas");
	assert_string_equal(rollup_note(2, 5, -1, 1, buf, 64),
	                    "5个下级区划中2个");
	/* cut and terminated */
	assert_string_equal(rollup_note(3, 7, REGION_COUNTY, 0, buf, 5),
	                    "3 of");
}

static void test_partial(void **state)
{
	assert_true(rollup_is_partial(3, 7));
	assert_true(rollup_is_partial(0, 7));
	assert_false(rollup_is_partial(7, 7));
	assert_false(rollup_is_partial(0, 0)); /* a direct figure */
	assert_false(rollup_is_partial(-1, 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_partial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
