/*
 * The planning part of policy files (app/policy.c, docs/policy.md
 * "Planning"): standards read exactly with their rounding rule, the
 * absolute bed target with its year, the stated figures with their
 * precision; and the refusals, each naming the file and the key path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/plan_figures.h"
#include "app/policy.h"

#include "support.h"

#define CITY      "511900000000"
#define CITY_FILE "511900000000-bazhong.json"
#define COUNTY    "511902000000"

struct fixture {
	char dir[256];
	struct arena *arena;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	if (scratch_make(fx->dir, sizeof(fx->dir), "lx-plan-policy")) {
		free(fx);
		return -1;
	}
	fx->arena = arena_new();
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int ret = scratch_remove(fx->dir);

	arena_free(fx->arena);
	free(fx);
	return ret;
}

/* A city file whose "planning" object is the JSON text given. */
static void write_planning(struct fixture *fx, const char *planning)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fx->dir, CITY_FILE);
	f = fopen(path, "w");
	if (!f)
		fail_msg("cannot write %s", path);
	fprintf(f,
	        "{\"jurisdiction\": \"%s\", \"name\": \"测试\", "
	        "\"groups\": [], \"reported_elements\": [], "
	        "\"indicators\": [], \"planning\": %s}\n",
	        CITY, planning);
	fclose(f);
}

static void expect_refused(struct fixture *fx, const char *path,
                           const char *what)
{
	struct lx_error err;
	struct policy_set *s;
	char *want =
	    arena_printf(fx->arena, "%s: %s: %s", CITY_FILE, path, what);

	lx_error_clear(&err);
	s = policy_set_load(fx->dir, &err);
	if (s) {
		policy_set_unref(s);
		fail_msg("accepted, want %s", want);
	}
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, path);
	if (strncmp(err.message, want, strlen(want)))
		fail_msg("message: %s\nwant:    %s...", err.message, want);
}

static void view_of(struct fixture *fx, struct policy_set *s,
                    const char *region, struct policy_view *v)
{
	const char *path[3] = { "510000000000", CITY, COUNTY };
	size_t n = !strcmp(region, CITY) ? 2 : 3;

	policy_view_build(s, fx->arena, path, n, v);
}

static void test_read(void **state)
{
	struct fixture *fx = *state;
	struct lx_error err;
	struct policy_set *s;
	struct policy_view v;
	const struct plan_value *pv;

	write_planning(
	    fx,
	    "{\"slots_per_1000\": {\"value\": \"4.5\", \"source\": \"s\"},"
	    " \"caregiver_ratio_selfcare\": {\"value\": \"10\","
	    " \"rounding\": \"up\", \"source\": \"s\"},"
	    " \"beds_target\": {\"value\": \"23000\", \"year\": 2025,"
	    " \"source\": \"s\"},"
	    " \"stated_figures\": ["
	    "  {\"figure\": \"slots_needed\", \"value\": \"7367\","
	    "   \"year\": 2025, \"source\": \"s\"},"
	    "  {\"figure\": \"beds_needed\", \"value\": \"1.1\","
	    "   \"unit\": \"万\", \"year\": 2025, \"source\": \"s\"},"
	    "  {\"figure\": \"slots_needed\", \"value\": \"5400\","
	    "   \"places\": -2, \"year\": 2024, \"source\": \"s\"},"
	    "  {\"figure\": \"occupancy_percent\", \"value\": \"34.21\","
	    "   \"scope\": \"public\", \"year\": 2020, \"source\": \"s\"}]}");
	lx_error_clear(&err);
	s = policy_set_load(fx->dir, &err);
	if (!s)
		fail_msg("refused: %s", err.message);
	view_of(fx, s, CITY, &v);
	pv = v.planning.v[PK_SLOTS_PER_1000];
	assert_non_null(pv);
	/* exactly 9/2, rounded half up unless said */
	assert_int_equal(pv->exact.num, 9);
	assert_int_equal(pv->exact.den, 2);
	assert_int_equal(pv->rounding, EXACT_HALF_UP);
	assert_int_equal(v.planning.v[PK_CAREGIVER_RATIO_SELFCARE]->rounding,
	                 EXACT_UP);
	pv = v.planning.v[PK_BEDS_TARGET];
	assert_int_equal(pv->exact.num, 23000);
	assert_int_equal(pv->year, 2025);
	assert_int_equal(v.planning.nstated, 4);
	assert_string_equal(v.planning.stated_by, CITY);
	assert_int_equal(v.planning.stated[0].value.num, 7367);
	assert_int_equal(v.planning.stated[0].places, 0);
	/* 1.1万: 11000 to the nearest 1000 */
	assert_int_equal(v.planning.stated[1].value.num, 11000);
	assert_int_equal(v.planning.stated[1].places, -3);
	assert_int_equal(v.planning.stated[2].places, -2);
	assert_int_equal(v.planning.stated[3].places, 2);
	assert_string_equal(v.planning.stated[3].scope, "public");
	/* a county inherits the view, but the figures stay the city's */
	view_of(fx, s, COUNTY, &v);
	assert_string_equal(v.planning.stated_by, CITY);
	assert_non_null(v.planning.v[PK_BEDS_TARGET]);
	assert_string_equal(v.planning.v[PK_BEDS_TARGET]->file, CITY_FILE);
	policy_set_unref(s);
}

static void test_refusals(void **state)
{
	struct fixture *fx = *state;

	write_planning(fx, "{\"slots_per_1000\": {\"value\": \"4.5\","
	                   " \"rounding\": \"nearest\", \"source\": \"s\"}}");
	expect_refused(fx, "planning.slots_per_1000.rounding",
	               "must be half_up, up, down or half_even");
	write_planning(fx, "{\"slots_per_1000\": {\"value\": \"4.5e0\","
	                   " \"source\": \"s\"}}");
	expect_refused(fx, "planning.slots_per_1000.value",
	               "must be a positive decimal");
	write_planning(fx, "{\"slots_per_1000\": {\"value\": \"4.5\","
	                   " \"year\": 2025, \"source\": \"s\"}}");
	expect_refused(fx, "planning.slots_per_1000.year",
	               "is only for a target");
	write_planning(fx, "{\"beds_target\": {\"value\": \"23000\","
	                   " \"source\": \"s\"}}");
	expect_refused(fx, "planning.beds_target.year",
	               "must be the target year");
	write_planning(fx, "{\"stated_figures\": [{\"figure\": \"slots\","
	                   " \"value\": \"1\", \"year\": 2020,"
	                   " \"source\": \"s\"}]}");
	expect_refused(fx, "planning.stated_figures[0].figure",
	               "must be slots_needed");
	write_planning(fx,
	               "{\"stated_figures\": [{\"figure\": "
	               "\"slots_needed\", \"value\": \"-1\", \"year\": 2020,"
	               " \"source\": \"s\"}]}");
	expect_refused(fx, "planning.stated_figures[0].value",
	               "must be a decimal >= 0");
	write_planning(fx,
	               "{\"stated_figures\": [{\"figure\": "
	               "\"slots_needed\", \"value\": \"1\", \"unit\": \"千\","
	               " \"year\": 2020, \"source\": \"s\"}]}");
	expect_refused(fx, "planning.stated_figures[0].unit",
	               "must be 万 or absent");
	write_planning(fx, "{\"stated_figures\": [{\"figure\": "
	                   "\"occupancy_percent\", \"value\": \"1\","
	                   " \"scope\": \"state\", \"year\": 2020,"
	                   " \"source\": \"s\"}]}");
	expect_refused(fx, "planning.stated_figures[0].scope",
	               "must be public, private or absent");
	write_planning(fx, "{\"stated_figures\": [{\"figure\": "
	                   "\"slots_needed\", \"value\": \"1\","
	                   " \"source\": \"s\"}]}");
	expect_refused(fx, "planning.stated_figures[0].year",
	               "must be the year the figure is for");
	write_planning(fx, "{\"stated_figures\": [{\"figure\": "
	                   "\"slots_needed\", \"value\": \"1\", \"places\": 20,"
	                   " \"year\": 2020, \"source\": \"s\"}]}");
	expect_refused(fx, "planning.stated_figures[0].places",
	               "must be a whole number from -12 to 12");
}

/* The policy files shipped load, with the seeds' targets. */
static void test_presets(void **state)
{
	struct fixture *fx = *state;
	struct lx_error err;
	struct policy_set *s;
	const struct policy *p;

	lx_error_clear(&err);
	s = policy_set_load(LX_SOURCE_ROOT "/policies", &err);
	if (!s)
		fail_msg("refused: %s", err.message);
	p = policy_set_find(s, CITY);
	assert_int_equal(p->plan[PK_BEDS_TARGET]->exact.num, 23000);
	p = policy_set_find(s, "511724000000");
	assert_int_equal(p->plan[PK_BEDS_TARGET]->exact.num, 4500);
	assert_int_equal(p->plan[PK_CAREGIVER_RATIO_DISABLED]->rounding,
	                 EXACT_UP);
	p = policy_set_find(s, "511700000000");
	assert_int_equal(p->plan[PK_BEDS_TARGET]->exact.num, 30000);
	p = policy_set_find(s, "360200000000");
	assert_int_equal(p->nstated, 4);
	(void)fx;
	policy_set_unref(s);
}

/* A stored double read back as the decimal it was entered as. */
static void test_from_double(void **state)
{
	static const struct {
		double d;
		int64_t num, den;
	} cases[] = {
		{ 599.99, 59999, 100 },   { 0.1, 1, 10 },
		{ 12208.05, 244161, 20 }, { -0.5, -1, 2 },
		{ 1e-7, 1, 10000000 },    { 1e15, 1000000000000000, 1 },
		{ 31.5, 63, 2 },          { 0, 0, 1 },
	};
	struct exact e;
	unsigned long long x = 99;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(plan_exact_from_double(cases[i].d, &e), 0);
		assert_int_equal(e.num, cases[i].num);
		assert_int_equal(e.den, cases[i].den);
	}
	assert_int_equal(plan_exact_from_double(1.0 / 0.0, &e), -1);
	assert_int_equal(plan_exact_from_double(1e30, &e), -1);
	/* property: a decimal of up to 4 places, as a double, comes back */
	for (int i = 0; i < 20000; i++) {
		long long n;
		char text[40];
		struct exact want;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		n = (long long)((x >> 16) % 100000000000ULL);
		snprintf(text, sizeof(text), "%lld.%04lld", n / 10000,
		         n % 10000);
		assert_int_equal(exact_parse(text, &want), 0);
		assert_int_equal(plan_exact_from_double(strtod(text, NULL), &e),
		                 0);
		if (exact_cmp(e, want))
			fail_msg("%s came back as %lld/%lld", text,
			         (long long)e.num, (long long)e.den);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_presets, setup, teardown),
		cmocka_unit_test(test_from_double),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
