/*
 * Facility ratings (core/place_rating.c): the scheme that fits each kind
 * (等级 for elderly institutions, 星级 for the three childcare kinds, none
 * for community facilities), every refusal naming its field, the label
 * of every level, and the state on a day at each edge of the validity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/facility.h"
#include "core/place_rating.h"

static struct place_rating good(int scheme)
{
	struct place_rating r = { 0 };

	r.scheme = scheme;
	r.level = 3;
	memcpy(r.rated_on, "2024-03-01", 11);
	memcpy(r.valid_until, "2027-02-28", 11);
	return r;
}

static void schemes_by_kind(void **state)
{
	(void)state;
	for (int k = 0; k < FK__MAX; k++) {
		int want = k == FK_ELDERLY_INSTITUTION ? RATING_NATIONAL_GRADE
		           : k == FK_CHILDCARE_INSTITUTION ||
		                   k == FK_FAMILY_CHILDCARE ||
		                   k == FK_KINDERGARTEN_NURSERY
		               ? RATING_CHILDCARE_STAR
		               : -1;

		assert_int_equal(place_rating_scheme_for_kind(k), want);
		for (int s = 0; s < RATING__MAX; s++) {
			struct place_rating r = good(s);
			struct lx_error err = { 0 };
			int rc = place_rating_validate(&r, k, &err);

			if (s == want) {
				assert_int_equal(rc, 0);
			} else {
				assert_int_equal(rc, -1);
				assert_string_equal(err.field, "scheme");
			}
		}
	}
	assert_int_equal(place_rating_scheme_parse("national_grade"),
	                 RATING_NATIONAL_GRADE);
	assert_int_equal(place_rating_scheme_parse("childcare_star"),
	                 RATING_CHILDCARE_STAR);
	assert_int_equal(place_rating_scheme_parse("gold"), -1);
	assert_int_equal(place_rating_scheme_parse(NULL), -1);
}

static void refusals(void **state)
{
	static const struct {
		int level;
		const char *on, *until, *field;
	} cases[] = {
		{ 0, "2024-03-01", "2025-03-01", "level" },
		{ 6, "2024-03-01", "2025-03-01", "level" },
		{ 3, "2024-02-30", "2025-03-01", "rated_on" },
		{ 3, "2024-03-01", "2025-13-01", "valid_until" },
		{ 3, "2024-03-01", "2024-03-01", "valid_until" },
		{ 3, "2024-03-01", "2024-02-29", "valid_until" },
		{ 3, "", "2025-03-01", "rated_on" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct place_rating r = good(RATING_NATIONAL_GRADE);
		struct lx_error err = { 0 };

		r.level = cases[i].level;
		snprintf(r.rated_on, sizeof(r.rated_on), "%s", cases[i].on);
		snprintf(r.valid_until, sizeof(r.valid_until), "%s",
		         cases[i].until);
		assert_int_equal(
		    place_rating_validate(&r, FK_ELDERLY_INSTITUTION, &err),
		    -1);
		assert_string_equal(err.field, cases[i].field);
	}
	{
		struct place_rating r = good(-1);
		struct lx_error err = { 0 };

		assert_int_equal(
		    place_rating_validate(&r, FK_ELDERLY_INSTITUTION, &err),
		    -1);
		assert_string_equal(err.field, "scheme");
	}
}

static void labels_and_states(void **state)
{
	static const char *const grade[] = { "一级", "二级", "三级", "四级",
		                             "五级" };
	static const char *const star[] = { "一星", "二星", "三星", "四星",
		                            "五星" };
	struct place_rating r = good(RATING_NATIONAL_GRADE);

	(void)state;
	for (int l = 1; l <= 5; l++) {
		r.scheme = RATING_NATIONAL_GRADE;
		r.level = l;
		assert_string_equal(place_rating_label_zh(&r), grade[l - 1]);
		r.scheme = RATING_CHILDCARE_STAR;
		assert_string_equal(place_rating_label_zh(&r), star[l - 1]);
	}
	r = good(RATING_NATIONAL_GRADE);
	assert_string_equal(place_rating_state(&r, "2024-02-29"), "future");
	assert_string_equal(place_rating_state(&r, "2024-03-01"), "in_force");
	assert_string_equal(place_rating_state(&r, "2027-02-28"), "in_force");
	assert_string_equal(place_rating_state(&r, "2027-03-01"), "lapsed");
	assert_string_equal(place_rating_scheme_zh(RATING_NATIONAL_GRADE),
	                    "等级");
	assert_string_equal(place_rating_scheme_zh(RATING_CHILDCARE_STAR),
	                    "星级");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schemes_by_kind),
		cmocka_unit_test(refusals),
		cmocka_unit_test(labels_and_states),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
