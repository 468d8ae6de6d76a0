/*
 * Regions (core/region.c): validation and roll-up of figures up the tree.
 * The roll-up expectations are worked out by hand below each tree, not by
 * a second implementation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/region.h"
#include "core/region_code.h"

static struct region make(const char *code, int level, const char *parent)
{
	struct region r;

	memset(&r, 0, sizeof(r));
	snprintf(r.code, sizeof(r.code), "%s", code);
	r.name = "某地";
	r.level = level;
	r.kind = REGION_ADMIN;
	snprintf(r.parent, sizeof(r.parent), "%s", parent);
	return r;
}

static void ok(const struct region *r)
{
	struct lx_error err;

	lx_error_clear(&err);
	if (region_validate(r, &err) != 0)
		fail_msg("%s refused on '%s': %s", r->code, err.field,
		         err.message);
}

static void bad(const struct region *r, const char *field)
{
	struct lx_error err;

	lx_error_clear(&err);
	assert_int_equal(region_validate(r, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, field);
}

static void test_validate_ok(void **state)
{
	struct region r = make("510000000000", REGION_PROVINCE, "");

	ok(&r);
	r = make("511900000000", REGION_CITY, "510000000000");
	ok(&r);
	r = make("511902000000", REGION_COUNTY, "511900000000");
	ok(&r);
	r = make("511902001000", REGION_TOWNSHIP, "511902000000");
	ok(&r);
	r = make("511902001001", REGION_VILLAGE, "511902001000");
	ok(&r);
	/* any ancestor will do, not only the one level up (东莞 puts
	 * townships under the city) */
	r = make("441900003000", REGION_TOWNSHIP, "441900000000");
	ok(&r);
	r = make("511902001000", REGION_TOWNSHIP, "510000000000");
	ok(&r);
	/* a development zone */
	r = make("511971000000", REGION_COUNTY, "511900000000");
	r.kind = REGION_ZONE;
	ok(&r);
	/* a root below province level: no parent is fine */
	r = make("511902000000", REGION_COUNTY, "");
	ok(&r);
	memcpy(r.closed_on, "2019-12-31", 11);
	ok(&r);
	r.source = "统计用区划代码 2023";
	ok(&r);
}

static void test_validate_code(void **state)
{
	static const char *const codes[] = {
		"",
		"51190200000",  /* 11 digits */
		"51190200000a", /* not a digit */
		"51190200000 ", /* trailing space */
		"000000000000", /* no such province */
		"990000000000",
		"-51190200000",
	};

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		struct region r = make(codes[i], REGION_COUNTY, "");

		bad(&r, "code");
	}
}

static void test_validate_name(void **state)
{
	struct region r = make("511902000000", REGION_COUNTY, "");

	r.name = NULL;
	bad(&r, "name");
	r.name = "";
	bad(&r, "name");
}

static void test_validate_level(void **state)
{
	/* the level must match the code's trailing zeros */
	static const struct {
		const char *code;
		int level;
	} wrong[] = {
		{ "510000000000", REGION_CITY },
		{ "511900000000", REGION_PROVINCE },
		{ "511900000000", REGION_COUNTY },
		{ "511902000000", REGION_CITY },
		{ "511902000000", REGION_TOWNSHIP },
		{ "511902001000", REGION_COUNTY },
		{ "511902001000", REGION_VILLAGE },
		{ "511902001001", REGION_TOWNSHIP },
		{ "511902000000", -1 },
		{ "511902000000", REGION_LEVEL__MAX },
	};
	struct region r;
	struct lx_error err;

	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		r = make(wrong[i].code, wrong[i].level, "");
		bad(&r, "level");
	}

	/* the message says what the code is */
	r = make("511902000000", REGION_CITY, "");
	lx_error_clear(&err);
	region_validate(&r, &err);
	assert_non_null(strstr(err.message, "county"));
}

static void test_validate_kind(void **state)
{
	struct region r = make("511902000000", REGION_COUNTY, "");

	r.kind = -1;
	bad(&r, "kind");
	r.kind = REGION_KIND__MAX;
	bad(&r, "kind");
	r.kind = REGION_ZONE;
	ok(&r);

	assert_string_equal(region_kind_name(REGION_ADMIN), "admin");
	assert_string_equal(region_kind_name(REGION_ZONE), "zone");
	assert_string_equal(region_kind_name(REGION_KIND__MAX), "unknown");
	assert_int_equal(region_kind_parse("admin"), REGION_ADMIN);
	assert_int_equal(region_kind_parse("zone"), REGION_ZONE);
	assert_int_equal(region_kind_parse("Zone"), -1);
	assert_int_equal(region_kind_parse(""), -1);
	assert_int_equal(region_kind_parse(NULL), -1);
}

static void test_validate_parent(void **state)
{
	static const struct {
		const char *code;
		int level;
		const char *parent;
	} wrong[] = {
		/* itself */
		{ "511902000000", REGION_COUNTY, "511902000000" },
		/* a sibling */
		{ "511902001000", REGION_TOWNSHIP, "511903000000" },
		/* another city */
		{ "511902000000", REGION_COUNTY, "511300000000" },
		/* another province */
		{ "511902000000", REGION_COUNTY, "500000000000" },
		/* below it, not above */
		{ "511900000000", REGION_CITY, "511902000000" },
		{ "511902000000", REGION_COUNTY, "511902001000" },
		/* not a code */
		{ "511902000000", REGION_COUNTY, "5119" },
		{ "511902000000", REGION_COUNTY, "51190000000x" },
		{ "511902000000", REGION_COUNTY, "000000000000" },
	};

	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		struct region r =
		    make(wrong[i].code, wrong[i].level, wrong[i].parent);

		bad(&r, "parent");
	}
}

static void test_validate_closed_on(void **state)
{
	struct region r = make("511902000000", REGION_COUNTY, "511900000000");

	memcpy(r.closed_on, "2019-02-29", 11);
	bad(&r, "closed_on");
	memcpy(r.closed_on, "2019/12/31", 11);
	bad(&r, "closed_on");
	memcpy(r.closed_on, "2020-02-29", 11);
	ok(&r);
}

/* ---- roll-up ---- */

/*
 * The tree of most cases: a city (node 0) with two counties (1, 2), each
 * with three townships (3, 4, 5 under 1; 6, 7, 8 under 2).
 */
enum { N = 9 };
static const long city_tree[N] = { -1, 0, 0, 1, 1, 1, 2, 2, 2 };

struct scenario {
	const char *name;
	int has[N];
	long long direct[N];
	long long value[N];
	int origin[N];
	long counted[N];
};

#define D ROLLUP_DIRECT
#define S ROLLUP_SUM
#define O ROLLUP_NONE

static const struct scenario scenarios[] = {
	{
	    /* Townships only; township 7 has nothing.
	     * county 1 = 100 + 200 + 300 = 600 from 3 children;
	     * county 2 = 50 + 70 = 120 from 2 children (7 skipped);
	     * city = 600 + 120 = 720 from 2 children. */
	    "townships only",
	    { 0, 0, 0, 1, 1, 1, 1, 0, 1 },
	    { 0, 0, 0, 100, 200, 300, 50, 0, 70 },
	    { 720, 600, 120, 100, 200, 300, 50, 0, 70 },
	    { S, S, S, D, D, D, D, O, D },
	    { 2, 3, 2, 0, 0, 0, 0, 0, 0 },
	},
	{
	    /* County 1 has its own figure 1000, which wins over its
	     * townships' 600; city = 1000 + 120 = 1120. */
	    "direct beats children",
	    { 0, 1, 0, 1, 1, 1, 1, 0, 1 },
	    { 0, 1000, 0, 100, 200, 300, 50, 0, 70 },
	    { 1120, 1000, 120, 100, 200, 300, 50, 0, 70 },
	    { S, D, S, D, D, D, D, O, D },
	    { 2, 0, 2, 0, 0, 0, 0, 0, 0 },
	},
	{
	    /* The city's own figure 5 wins although the counties sum to
	     * 720; the counties still roll up their townships. */
	    "direct city",
	    { 1, 0, 0, 1, 1, 1, 1, 0, 1 },
	    { 5, 0, 0, 100, 200, 300, 50, 0, 70 },
	    { 5, 600, 120, 100, 200, 300, 50, 0, 70 },
	    { D, S, S, D, D, D, D, O, D },
	    { 0, 3, 2, 0, 0, 0, 0, 0, 0 },
	},
	{
	    /* County 2 and its townships have nothing: county 2 has no
	     * value and does not count for the city, 600 from 1 child. */
	    "one county empty",
	    { 0, 0, 0, 1, 1, 1, 0, 0, 0 },
	    { 0, 0, 0, 100, 200, 300, 0, 0, 0 },
	    { 600, 600, 0, 100, 200, 300, 0, 0, 0 },
	    { S, S, O, D, D, D, O, O, O },
	    { 1, 3, 0, 0, 0, 0, 0, 0, 0 },
	},
	{
	    /* A direct zero is a value: county 1 = 0 from 1 child; county
	     * 2 has a direct 40 over townships 6 and 8 (11 + 13); city =
	     * 0 + 40 = 40 from 2 children. */
	    "zeros count",
	    { 0, 0, 1, 1, 0, 0, 1, 0, 1 },
	    { 0, 0, 40, 0, 0, 0, 11, 0, 13 },
	    { 40, 0, 40, 0, 0, 0, 11, 0, 13 },
	    { S, S, D, D, O, O, D, O, D },
	    { 2, 1, 0, 0, 0, 0, 0, 0, 0 },
	},
	{
	    "nothing at all",
	    { 0 },
	    { 0 },
	    { 0 },
	    { O, O, O, O, O, O, O, O, O },
	    { 0 },
	},
	{
	    /* Only county 2 directly, nothing below: city = 7 from 1. */
	    "county only",
	    { 0, 0, 1, 0, 0, 0, 0, 0, 0 },
	    { 0, 0, 7, 0, 0, 0, 0, 0, 0 },
	    { 7, 0, 7, 0, 0, 0, 0, 0, 0 },
	    { S, O, D, O, O, O, O, O, O },
	    { 1, 0, 0, 0, 0, 0, 0, 0, 0 },
	},
};

/* Runs scenario sc with the nodes in the order perm (position i holds the
 * original node perm[i]) and checks every node against the hand values. */
static void run_permuted(const struct scenario *sc, const size_t perm[N])
{
	size_t inv[N];
	long parent[N];
	int has[N], origin[N];
	long long direct[N], value[N];
	long counted[N];

	for (size_t i = 0; i < N; i++)
		inv[perm[i]] = i;
	for (size_t i = 0; i < N; i++) {
		long p = city_tree[perm[i]];

		parent[i] = p < 0 ? -1 : (long)inv[p];
		has[i] = sc->has[perm[i]];
		direct[i] = sc->direct[perm[i]];
	}
	memset(value, 0x7f, sizeof(value));
	assert_int_equal(
	    rollup_tree(N, parent, has, direct, value, origin, counted), 0);
	for (size_t i = 0; i < N; i++) {
		size_t o = perm[i];

		if (value[i] != sc->value[o] || origin[i] != sc->origin[o] ||
		    counted[i] != sc->counted[o])
			fail_msg("%s: node %zu (at %zu): value %lld/%lld, "
			         "origin %d/%d, children %ld/%ld",
			         sc->name, o, i, value[i], sc->value[o],
			         origin[i], sc->origin[o], counted[i],
			         sc->counted[o]);
	}
}

static void test_rollup_in_order(void **state)
{
	size_t id[N];

	for (size_t i = 0; i < N; i++)
		id[i] = i;
	for (size_t s = 0; s < sizeof(scenarios) / sizeof(scenarios[0]); s++)
		run_permuted(&scenarios[s], id);
}

static void test_rollup_shuffled(void **state)
{
	unsigned long seed = 20240601;

	for (size_t s = 0; s < sizeof(scenarios) / sizeof(scenarios[0]); s++) {
		size_t perm[N];

		/* reversed: leaves first, root last */
		for (size_t i = 0; i < N; i++)
			perm[i] = N - 1 - i;
		run_permuted(&scenarios[s], perm);
		/* the root in the middle */
		for (size_t i = 0; i < N; i++)
			perm[i] = (i + 4) % N;
		run_permuted(&scenarios[s], perm);
		/* Fisher-Yates with a fixed LCG, so failures repeat */
		for (int round = 0; round < 200; round++) {
			for (size_t i = 0; i < N; i++)
				perm[i] = i;
			for (size_t i = N - 1; i > 0; i--) {
				size_t j, t;

				seed = seed * 6364136223846793005UL +
				       1442695040888963407UL;
				j = (size_t)((seed >> 33) % (i + 1));
				t = perm[i];
				perm[i] = perm[j];
				perm[j] = t;
			}
			run_permuted(&scenarios[s], perm);
		}
	}
}

static void test_rollup_chain(void **state)
{
	/* province <- city <- county <- township <- village, given leaf
	 * first: only the village (node 0) has a figure, 42, and every
	 * ancestor gets it through one child. */
	const long parent[5] = { 1, 2, 3, 4, -1 };
	const int has[5] = { 1, 0, 0, 0, 0 };
	const long long direct[5] = { 42, 0, 0, 0, 0 };
	long long value[5];
	int origin[5];
	long counted[5];

	assert_int_equal(
	    rollup_tree(5, parent, has, direct, value, origin, counted), 0);
	assert_int_equal(value[0], 42);
	assert_int_equal(origin[0], ROLLUP_DIRECT);
	assert_int_equal(counted[0], 0);
	for (int i = 1; i < 5; i++) {
		assert_int_equal(value[i], 42);
		assert_int_equal(origin[i], ROLLUP_SUM);
		assert_int_equal(counted[i], 1);
	}
}

static void test_rollup_forest(void **state)
{
	/* two roots: 0 with children 2 (3) and 3 (4) = 7; 1 with child 4
	 * (10) = 10; the roots do not add up across */
	const long parent[5] = { -1, -1, 0, 0, 1 };
	const int has[5] = { 0, 0, 1, 1, 1 };
	const long long direct[5] = { 0, 0, 3, 4, 10 };
	long long value[5];
	int origin[5];
	long counted[5];

	assert_int_equal(
	    rollup_tree(5, parent, has, direct, value, origin, counted), 0);
	assert_int_equal(value[0], 7);
	assert_int_equal(counted[0], 2);
	assert_int_equal(value[1], 10);
	assert_int_equal(counted[1], 1);
	assert_int_equal(origin[0], ROLLUP_SUM);
	assert_int_equal(origin[1], ROLLUP_SUM);
}

static void test_rollup_bad_trees(void **state)
{
	long long value[4];
	int origin[4];
	long counted[4];
	const int has[4] = { 1, 1, 1, 1 };
	const long long direct[4] = { 1, 2, 3, 4 };

	{ /* two nodes pointing at each other */
		const long parent[2] = { 1, 0 };

		assert_int_equal(
		    rollup_tree(2, parent, has, direct, value, origin, counted),
		    -1);
	}
	{ /* a node its own parent */
		const long parent[1] = { 0 };

		assert_int_equal(
		    rollup_tree(1, parent, has, direct, value, origin, counted),
		    -1);
	}
	{ /* a root, and a three-node cycle beside it */
		const long parent[4] = { -1, 2, 3, 1 };

		assert_int_equal(
		    rollup_tree(4, parent, has, direct, value, origin, counted),
		    -1);
	}
	{ /* a cycle reached from below */
		const long parent[4] = { 1, 2, 1, -1 };

		assert_int_equal(
		    rollup_tree(4, parent, has, direct, value, origin, counted),
		    -1);
	}
	{ /* a parent index out of range */
		const long parent[2] = { -1, 2 };

		assert_int_equal(
		    rollup_tree(2, parent, has, direct, value, origin, counted),
		    -1);
	}
	/* no nodes: nothing to do */
	assert_int_equal(rollup_tree(0, NULL, NULL, NULL, NULL, NULL, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate_ok),
		cmocka_unit_test(test_validate_code),
		cmocka_unit_test(test_validate_name),
		cmocka_unit_test(test_validate_level),
		cmocka_unit_test(test_validate_kind),
		cmocka_unit_test(test_validate_parent),
		cmocka_unit_test(test_validate_closed_on),
		cmocka_unit_test(test_rollup_in_order),
		cmocka_unit_test(test_rollup_shuffled),
		cmocka_unit_test(test_rollup_chain),
		cmocka_unit_test(test_rollup_forest),
		cmocka_unit_test(test_rollup_bad_trees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
