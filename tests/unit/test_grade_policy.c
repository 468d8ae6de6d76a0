/*
 * The "grading" section reader (app/grade_policy.c): a good section read
 * into schemes, sections, levels and rules; every mistake refused naming
 * its key path (a section maxima sum that is not the total, thresholds that
 * do not rise, a share over 100, an unknown kind, key or scheme twice), so
 * that a typo in a policy file never reads as "no rule".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/grade_policy.h"
#include "core/facility.h"

static const char *good =
    "{\"source\": \"s\", \"schemes\": [{\"code\": \"national_grade\","
    " \"name\": \"养老机构等级评定\", \"unit\": \"等级\","
    " \"kinds\": [\"elderly_institution\"], \"total\": 1000,"
    " \"sections\": [{\"code\": \"environment\", \"name\": \"环境\","
    " \"max\": 120}, {\"code\": \"facilities\", \"name\": \"设施设备\","
    " \"max\": 130}, {\"code\": \"operations\", \"name\": \"运营管理\","
    " \"max\": 150}, {\"code\": \"service\", \"name\": \"服务\","
    " \"max\": 600}],"
    " \"levels\": [{\"name\": \"一级\", \"min_total\": 360, \"min_share\": 40},"
    " {\"name\": \"二级\", \"min_total\": 450, \"min_share\": 50},"
    " {\"name\": \"三级\", \"min_total\": 570, \"min_share\": 60},"
    " {\"name\": \"四级\", \"min_total\": 780, \"min_share\": 80},"
    " {\"name\": \"五级\", \"min_total\": 900, \"min_share\": 90}],"
    " \"min_open_months\": 12, \"first_max_level\": 3,"
    " \"filing_required\": true, \"penalty_years\": 2,"
    " \"black_list_bars\": true, \"valid_years\": 3, \"renewal_months\": 6,"
    " \"annual_evaluation\": true, \"source\": \"GB/T 37276-2018\"}]}";

/* Reads the good section after set(o) changed it; returns the rc. */
static int read_with(void (*set)(json_t *scheme), const struct grade_policy **p,
                     struct lx_error *err, struct arena *a)
{
	json_t *o = json_loads(good, 0, NULL);
	int rc;

	assert_non_null(o);
	if (set)
		set(json_array_get(json_object_get(o, "schemes"), 0));
	memset(err, 0, sizeof(*err));
	rc = grade_policy_read(a, "t.json", o, p, err);
	json_decref(o);
	return rc;
}

static void test_good(void **state)
{
	struct arena *a = arena_new();
	const struct grade_policy *p;
	const struct grade_scheme *s;
	struct lx_error err;

	(void)state;
	assert_int_equal(read_with(NULL, &p, &err, a), 0);
	assert_int_equal(p->nschemes, 1);
	s = grade_policy_scheme(p, "national_grade");
	assert_non_null(s);
	assert_null(grade_policy_scheme(p, "childcare_star"));
	assert_ptr_equal(
	    grade_policy_scheme_for_kind(p, FK_ELDERLY_INSTITUTION), s);
	assert_null(grade_policy_scheme_for_kind(p, FK_CHILDCARE_INSTITUTION));
	assert_int_equal(s->nsections, 4);
	assert_int_equal(s->sections[3].max, 600);
	assert_int_equal(s->nlevels, 5);
	assert_int_equal(s->levels[0].min_total, 360);
	assert_int_equal(s->levels[4].min_share, 90);
	assert_string_equal(grade_level_name(s, 3), "三级");
	assert_int_equal(s->first_max_level, 3);
	assert_int_equal(s->valid_years, 3);
	assert_int_equal(s->renewal_months, 6);
	assert_true(s->filing_required && s->black_list_bars && s->annual);
	/* no section: no policy, no error */
	assert_int_equal(grade_policy_read(a, "t.json", NULL, &p, &err), 0);
	assert_null(p);
	arena_free(a);
}

static void sum_off(json_t *s)
{
	json_object_set_new(s, "total", json_integer(999));
}
static void total_falls(json_t *s)
{
	json_object_set_new(json_array_get(json_object_get(s, "levels"), 2),
	                    "min_total", json_integer(440));
}
static void share_falls(json_t *s)
{
	json_object_set_new(json_array_get(json_object_get(s, "levels"), 1),
	                    "min_share", json_integer(30));
}
static void share_over(json_t *s)
{
	json_object_set_new(json_array_get(json_object_get(s, "levels"), 4),
	                    "min_share", json_integer(101));
}
static void bad_kind(json_t *s)
{
	json_array_append_new(json_object_get(s, "kinds"),
	                      json_string("hospital"));
}
static void extra_key(json_t *s)
{
	json_object_set_new(s, "colour", json_string("red"));
}
static void cap_too_high(json_t *s)
{
	json_object_set_new(s, "first_max_level", json_integer(6));
}
static void twice_section(json_t *s)
{
	json_object_set_new(json_array_get(json_object_get(s, "sections"), 1),
	                    "code", json_string("environment"));
}
static void not_bool(json_t *s)
{
	json_object_set_new(s, "filing_required", json_string("yes"));
}
static void no_source(json_t *s)
{
	json_object_del(s, "source");
}

static void test_bad(void **state)
{
	static const struct {
		void (*set)(json_t *);
		const char *field;
	} cases[] = {
		{ sum_off, "grading.schemes[0].total" },
		{ total_falls, "grading.schemes[0].levels[2].min_total" },
		{ share_falls, "grading.schemes[0].levels[1].min_share" },
		{ share_over, "grading.schemes[0].levels[4].min_share" },
		{ bad_kind, "grading.schemes[0].kinds[1]" },
		{ extra_key, "grading.schemes[0].colour" },
		{ cap_too_high, "grading.schemes[0].first_max_level" },
		{ twice_section, "grading.schemes[0].sections[1].code" },
		{ not_bool, "grading.schemes[0].filing_required" },
		{ no_source, "grading.schemes[0].source" },
	};
	struct arena *a = arena_new();
	const struct grade_policy *p;
	struct lx_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(read_with(cases[i].set, &p, &err, a), -1);
		assert_int_equal(err.code, LX_EINVALID);
		if (strcmp(err.field, cases[i].field))
			fail_msg("case %zu: field %s, want %s", i, err.field,
			         cases[i].field);
		assert_non_null(strstr(err.message, "t.json"));
	}
	arena_free(a);
}

static void test_scheme_twice(void **state)
{
	struct arena *a = arena_new();
	const struct grade_policy *p;
	struct lx_error err;
	json_t *o = json_loads(good, 0, NULL), *l;

	(void)state;
	l = json_object_get(o, "schemes");
	json_array_append(l, json_array_get(l, 0));
	assert_int_equal(grade_policy_read(a, "t.json", o, &p, &err), -1);
	assert_string_equal(err.field, "grading.schemes[1].code");
	json_decref(o);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_scheme_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
