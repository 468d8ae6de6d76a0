/*
 * Closure cases (core/closure_case.c): each destination's rule, the kinds
 * that may take a resident or a child, the masked name of a refusal, and
 * over many random cases the property the module exists for: a case never
 * closes while a member lacks a destination, and always may once each has
 * one (the expectation computed here member by member).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/closure_case.h"
#include "core/facility.h"

static void destinations(void **state)
{
	struct lx_error err = { 0 };

	(void)state;
	/* another institution: its id, not the closing one */
	assert_int_equal(
	    closure_destination_check(CD_INSTITUTION, 0, 5, 0, &err), -1);
	assert_string_equal(err.field, "destination_facility_id");
	assert_int_equal(
	    closure_destination_check(CD_INSTITUTION, 5, 5, 0, &err), -1);
	assert_int_equal(
	    closure_destination_check(CD_INSTITUTION, 6, 5, 0, &err), 0);
	/* home takes no facility */
	assert_int_equal(closure_destination_check(CD_HOME, 6, 5, 0, &err), -1);
	assert_int_equal(closure_destination_check(CD_HOME, 0, 5, 0, &err), 0);
	/* the successor needs the case to have one, and only that one */
	assert_int_equal(closure_destination_check(CD_SUCCESSOR, 0, 5, 0, &err),
	                 -1);
	assert_string_equal(err.field, "destination");
	assert_int_equal(closure_destination_check(CD_SUCCESSOR, 8, 5, 7, &err),
	                 -1);
	assert_int_equal(closure_destination_check(CD_SUCCESSOR, 0, 5, 7, &err),
	                 0);
	assert_int_equal(closure_destination_check(-1, 0, 5, 7, &err), -1);
	assert_int_equal(closure_destination_parse("successor"), CD_SUCCESSOR);
	assert_int_equal(closure_destination_parse("moon"), -1);
	assert_string_equal(closure_residence_after(CD_HOME), "home");
	assert_string_equal(closure_residence_after(CD_SUCCESSOR),
	                    "institution");
}

static void kinds(void **state)
{
	(void)state;
	assert_true(closure_kind_fits("elderly", FK_ELDERLY_INSTITUTION));
	assert_true(closure_kind_fits("elderly", FK_REGIONAL_CENTER));
	assert_false(closure_kind_fits("elderly", FK_MEAL_POINT));
	assert_false(closure_kind_fits("elderly", FK_CHILDCARE_INSTITUTION));
	assert_true(closure_kind_fits("infant", FK_CHILDCARE_INSTITUTION));
	assert_true(closure_kind_fits("infant", FK_FAMILY_CHILDCARE));
	assert_false(closure_kind_fits("infant", FK_ELDERLY_INSTITUTION));
}

static void masked_names(void **state)
{
	char out[64];

	(void)state;
	closure_mask_name("张三丰", out, sizeof(out));
	assert_string_equal(out, "张**");
	closure_mask_name("欧阳娜娜", out, sizeof(out));
	assert_string_equal(out, "欧***");
	closure_mask_name("Li", out, sizeof(out));
	assert_string_equal(out, "L*");
	closure_mask_name("", out, sizeof(out));
	assert_string_equal(out, "");
	/* too small for the first character: nothing, never half of one */
	closure_mask_name("张三", out, 3);
	assert_string_equal(out, "");
}

/* Random cases: members with or without a destination (an institution
 * sometimes without its id), random steps that set or clear one; after
 * each step closing is allowed exactly when every member is placed. */
static void never_closes_with_anyone_unplaced(void **state)
{
	(void)state;
	srand(20261204);
	for (int round = 0; round < 2000; round++) {
		struct closure_place m[12];
		size_t n = (size_t)(rand() % 12);

		for (size_t i = 0; i < n; i++) {
			m[i].person_id = (long long)i + 1;
			m[i].destination = rand() % 4 - 1; /* -1 .. 2 */
			m[i].destination_facility =
			    rand() % 3 ? rand() % 50 : 0;
		}
		for (int step = 0; step < 20; step++) {
			struct lx_error err = { 0 };
			size_t left = 0, idx[12];
			int rc;

			for (size_t i = 0; i < n; i++) {
				int placed =
				    m[i].destination == CD_HOME ||
				    m[i].destination == CD_SUCCESSOR ||
				    (m[i].destination == CD_INSTITUTION &&
				     m[i].destination_facility > 0);

				left += !placed;
			}
			assert_int_equal(closure_unplaced(m, n, idx, 12), left);
			for (size_t k = 0; k < left; k++)
				assert_false(closure_placed(&m[idx[k]]));
			rc = closure_may_close(CS_OPEN, m, n, &err);
			assert_int_equal(rc, left ? -1 : 0);
			if (left)
				assert_string_equal(err.field, "members");
			/* only an open case ever closes */
			assert_int_equal(
			    closure_may_close(CS_CLOSED, m, n, &err), -1);
			assert_int_equal(
			    closure_may_close(CS_WITHDRAWN, m, n, &err), -1);
			if (n) {
				size_t i = (size_t)rand() % n;

				m[i].destination = rand() % 4 - 1;
				m[i].destination_facility =
				    rand() % 2 ? rand() % 50 : 0;
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(destinations),
		cmocka_unit_test(kinds),
		cmocka_unit_test(masked_names),
		cmocka_unit_test(never_closes_with_anyone_unplaced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
