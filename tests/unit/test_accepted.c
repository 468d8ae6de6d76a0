/* The accepted values an error names: every one of a short list, the three
 * nearest of a long one. Expected texts written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/accepted.h"

static void test_short_list_names_all(void **state)
{
	static const char *const levels[] = { "province", "city", NULL,
		                              "county" };
	struct arena *a = arena_new();

	/* every name in order, a NULL skipped, whatever was written */
	assert_string_equal(accepted_names(a, "cty", levels, 4),
	                    "accepted: province, city, county");
	assert_string_equal(accepted_names(a, "cty", levels, 0), "");
	arena_free(a);
}

static void test_twelve_is_still_short(void **state)
{
	static const char *const twelve[] = { "a", "b", "c", "d", "e", "f",
		                              "g", "h", "i", "j", "k", "l" };
	struct arena *a = arena_new();

	assert_string_equal(accepted_names(a, "x", twelve, 12),
	                    "accepted: a, b, c, d, e, f, g, h, i, j, k, l");
	arena_free(a);
}

static void test_long_list_names_nearest(void **state)
{
	/* 13 names, so the nearest three: "DIBAOO" is one edit from dibao
	 * (case ignored) and at least two from every other name; "rurale" is
	 * one from rural */
	static const char *const names[] = {
		"tekun_centralized",
		"tekun_dispersed",
		"dibao",
		"low_income",
		"disabled",
		"partly_disabled",
		"dementia",
		"advanced_age",
		"empty_nest",
		"left_behind",
		"living_alone",
		"urban",
		"rural",
	};
	struct arena *a = arena_new();
	const char *s = accepted_names(a, "DIBAOO", names, 13);

	assert_true(!strncmp(s, "nearest: dibao, ", 16));
	s = accepted_names(a, "rurale", names, 13);
	assert_true(!strncmp(s, "nearest: rural, ", 16));
	/* exactly three names, two commas */
	{
		int commas = 0;

		for (const char *p = s; *p; p++)
			commas += *p == ',';
		assert_int_equal(commas, 2);
	}
	arena_free(a);
}

static void test_enum_table(void **state)
{
	struct arena *a = arena_new();

	/* the facility kinds are ten: all named */
	assert_true(!strncmp(accepted_enum(a, "x", &facility_kind_names),
	                     "accepted: elderly_institution, ", 31));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_list_names_all),
		cmocka_unit_test(test_twelve_is_still_short),
		cmocka_unit_test(test_long_list_names_nearest),
		cmocka_unit_test(test_enum_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
