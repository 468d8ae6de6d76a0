/*
 * Who may do what (core/role.c). Regions used: 巴中市 511900000000 with
 * 巴州区 511902000000 (and its township 511902001000) and 恩阳区
 * 511903000000; outside it 南充市 511300000000 with 顺庆区 511302000000, and
 * 重庆市 500000000000 in another province.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/role.h"

#define CITY      "511900000000"
#define COUNTY    "511902000000"
#define TOWNSHIP  "511902001000"
#define COUNTY2   "511903000000"
#define OTHER     "511302000000"
#define OTHER_PRV "500000000000"

static struct principal make(enum role r, const char *region)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	p.account_id = 7;
	snprintf(p.username, sizeof(p.username), "%s", role_name(r));
	p.role = r;
	snprintf(p.region, sizeof(p.region), "%s", region);
	return p;
}

/* Expected rights of a role with a county scope, per region. */
struct expect {
	const char *region;
	int sees, writes, creates, writes_region;
};

static void check(const struct principal *p, const struct expect *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *r = e[i].region;

		if (principal_sees_region(p, r) != e[i].sees ||
		    principal_sees_facility(p, r, 99) != e[i].sees ||
		    principal_may_write_facility(p, r, 99) != e[i].writes ||
		    principal_may_create_facility(p, r) != e[i].creates ||
		    principal_may_write_region(p, r) != e[i].writes_region)
			fail_msg("%s scoped to '%s' on %s: sees %d, "
			         "facility %d, writes %d, creates %d, "
			         "region %d",
			         role_name(p->role), p->region, r,
			         principal_sees_region(p, r),
			         principal_sees_facility(p, r, 99),
			         principal_may_write_facility(p, r, 99),
			         principal_may_create_facility(p, r),
			         principal_may_write_region(p, r));
	}
}

/* A family member applying for an allowance writes nothing in the
 * registry, whatever the region. */
static void test_family_writes_nothing(void **state)
{
	struct principal p = { .role = ROLE_FAMILY, .region = "511902000000" };

	(void)state;
	assert_true(principal_sees_region(&p, "511902001000"));
	assert_false(principal_sees_region(&p, "511903000000"));
	assert_false(principal_may_write_facility(&p, "511902000000", 1));
	assert_false(principal_may_create_facility(&p, "511902000000"));
	assert_false(principal_may_write_region(&p, "511902000000"));
}

/* A visitor covers its villages only, not the township its account is
 * filed under; anyone else covers its scope. */
static void test_visitor_areas(void **state)
{
	static const char areas[][13] = { "511902100201", "511902100203" };
	struct principal v = { .role = ROLE_VISITOR,
		               .region = "511902100000",
		               .nareas = 2,
		               .areas = areas };
	struct principal t = { .role = ROLE_TOWNSHIP,
		               .region = "511902100000" };

	(void)state;
	assert_true(principal_covers_area(&v, "511902100201"));
	assert_true(principal_covers_area(&v, "511902100203"));
	assert_false(principal_covers_area(&v, "511902100202"));
	assert_false(principal_covers_area(&v, "511902100000"));
	assert_false(principal_covers_area(&v, NULL));
	assert_true(principal_covers_area(&t, "511902100202"));
	assert_false(principal_covers_area(&t, "511902101202"));
	assert_string_equal(principal_db_scope(&v), "511902100000");
	assert_false(principal_is_official(&t));
	assert_false(principal_may_write_region(&t, "511902100202"));
	assert_false(principal_may_create_facility(&v, "511902100201"));
	assert_false(principal_may_create_facility(&t, "511902100201"));
	assert_false(principal_may_write_facility(&v, "511902100201", 1));
	assert_false(principal_may_write_facility(&t, "511902100201", 1));
	assert_false(principal_sees_facility(&v, "511902100201", 1));
}

/* An inspector reads the registry of its region and writes none of it. */
static void test_inspector(void **state)
{
	struct principal i = { .role = ROLE_INSPECTOR };

	(void)state;
	strcpy(i.region, "511902000000");
	assert_true(principal_sees_facility(&i, "511902100201", 1));
	assert_false(principal_sees_facility(&i, "511903100201", 1));
	assert_false(principal_may_write_facility(&i, "511902100201", 1));
	assert_false(principal_may_create_facility(&i, "511902100201"));
	assert_false(principal_may_write_region(&i, "511902100201"));
	assert_false(principal_is_official(&i));
	assert_string_equal(principal_db_scope(&i), "511902000000");
}

static void test_names(void **state)
{
	static const char *const names[] = {
		"admin",         "city_official", "county_official",
		"dept_official", "operator",      "readonly",
		"family",        "visitor",       "township_official",
		"inspector",
	};

	for (int r = 0; r < ROLE__MAX; r++) {
		assert_string_equal(role_name(r), names[r]);
		assert_int_equal(role_parse(names[r]), r);
		assert_true(strlen(role_label_zh(r)) > 0);
	}
	assert_string_equal(role_label_zh(ROLE_ADMIN), "系统管理员");
	assert_string_equal(role_label_zh(ROLE_READONLY), "只读用户");
	assert_string_equal(role_name(ROLE__MAX), "unknown");
	assert_string_equal(role_name((enum role) - 1), "unknown");
	assert_string_equal(role_label_zh(ROLE__MAX), "未知");
	assert_int_equal(role_parse("Admin"), -1);
	assert_int_equal(role_parse("系统管理员"), -1);
	assert_int_equal(role_parse(""), -1);
	assert_int_equal(role_parse(NULL), -1);
}

static void test_admin_everywhere(void **state)
{
	struct principal p = make(ROLE_ADMIN, "");
	const struct expect e[] = {
		{ CITY, 1, 1, 1, 1 },      { COUNTY, 1, 1, 1, 1 },
		{ TOWNSHIP, 1, 1, 1, 1 },  { OTHER, 1, 1, 1, 1 },
		{ OTHER_PRV, 1, 1, 1, 1 },
	};

	assert_true(principal_is_admin(&p));
	check(&p, e, sizeof(e) / sizeof(e[0]));
	/* a NULL region is never seen, even by the admin */
	assert_false(principal_sees_region(&p, NULL));
	assert_true(principal_sees_region(&p, "511902001001"));
}

/* DESIGN.md roles: money and decisions stay with administrators and the
 * city and county officials; departments, operators, read-only users and
 * families only read or apply. */
static void test_officials(void **state)
{
	static const struct {
		enum role role;
		int official;
	} t[] = {
		{ ROLE_ADMIN, 1 },           { ROLE_CITY_OFFICIAL, 1 },
		{ ROLE_COUNTY_OFFICIAL, 1 }, { ROLE_DEPT_OFFICIAL, 0 },
		{ ROLE_OPERATOR, 0 },        { ROLE_READONLY, 0 },
		{ ROLE_FAMILY, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct principal p = make(t[i].role, COUNTY);

		assert_int_equal(principal_is_official(&p), t[i].official);
	}
}

static void test_admin_scoped(void **state)
{
	/* an admin given a scope keeps to it, like everyone else */
	struct principal p = make(ROLE_ADMIN, CITY);
	const struct expect e[] = {
		{ CITY, 1, 1, 1, 1 },
		{ COUNTY, 1, 1, 1, 1 },
		{ OTHER, 0, 0, 0, 0 },
	};

	check(&p, e, sizeof(e) / sizeof(e[0]));
}

static void test_city_official(void **state)
{
	struct principal p = make(ROLE_CITY_OFFICIAL, CITY);
	const struct expect e[] = {
		{ CITY, 1, 1, 1, 1 },           { COUNTY, 1, 1, 1, 1 },
		{ COUNTY2, 1, 1, 1, 1 },        { TOWNSHIP, 1, 1, 1, 1 },
		{ OTHER, 0, 0, 0, 0 },          { OTHER_PRV, 0, 0, 0, 0 },
		{ "510000000000", 0, 0, 0, 0 }, /* the province above */
	};

	assert_false(principal_is_admin(&p));
	check(&p, e, sizeof(e) / sizeof(e[0]));
}

static void test_county_official(void **state)
{
	struct principal p = make(ROLE_COUNTY_OFFICIAL, COUNTY);
	const struct expect e[] = {
		{ COUNTY, 1, 1, 1, 1 },
		{ TOWNSHIP, 1, 1, 1, 1 },
		{ "511902001001", 1, 1, 1, 1 },
		{ CITY, 0, 0, 0, 0 }, /* the city above is out of scope */
		{ COUNTY2, 0, 0, 0, 0 },
		{ OTHER, 0, 0, 0, 0 },
	};

	check(&p, e, sizeof(e) / sizeof(e[0]));
}

static void test_dept_official(void **state)
{
	/* facilities in scope, but never regions or population */
	struct principal p = make(ROLE_DEPT_OFFICIAL, CITY);
	const struct expect e[] = {
		{ CITY, 1, 1, 1, 0 },
		{ COUNTY, 1, 1, 1, 0 },
		{ TOWNSHIP, 1, 1, 1, 0 },
		{ OTHER, 0, 0, 0, 0 },
	};

	check(&p, e, sizeof(e) / sizeof(e[0]));
}

static void test_readonly(void **state)
{
	struct principal p = make(ROLE_READONLY, COUNTY);
	const struct expect e[] = {
		{ COUNTY, 1, 0, 0, 0 },
		{ TOWNSHIP, 1, 0, 0, 0 },
		{ CITY, 0, 0, 0, 0 },
		{ OTHER, 0, 0, 0, 0 },
	};

	check(&p, e, sizeof(e) / sizeof(e[0]));

	/* readonly with the whole country still writes nothing */
	p = make(ROLE_READONLY, "");
	assert_true(principal_sees_facility(&p, OTHER, 1));
	assert_false(principal_may_write_facility(&p, OTHER, 1));
	assert_false(principal_may_create_facility(&p, OTHER));
	assert_false(principal_may_write_region(&p, OTHER));
}

static void test_operator(void **state)
{
	static const long long own[] = { 3, 17 };
	struct principal p = make(ROLE_OPERATOR, COUNTY);

	p.facilities = own;
	p.nfacilities = 2;

	/* own facilities, wherever they are */
	assert_true(principal_sees_facility(&p, TOWNSHIP, 3));
	assert_true(principal_may_write_facility(&p, TOWNSHIP, 3));
	assert_true(principal_sees_facility(&p, COUNTY, 17));
	assert_true(principal_may_write_facility(&p, COUNTY, 17));
	assert_true(principal_sees_facility(&p, OTHER, 17));

	/* not other facilities, even in the scope */
	assert_false(principal_sees_facility(&p, TOWNSHIP, 4));
	assert_false(principal_may_write_facility(&p, TOWNSHIP, 4));
	assert_false(principal_sees_facility(&p, COUNTY, 0));
	assert_false(principal_may_write_facility(&p, COUNTY, 99));

	/* never creates facilities nor writes regions */
	assert_false(principal_may_create_facility(&p, COUNTY));
	assert_false(principal_may_create_facility(&p, TOWNSHIP));
	assert_false(principal_may_write_region(&p, COUNTY));
	assert_false(principal_may_write_region(&p, TOWNSHIP));

	/* an operator with no facilities sees none */
	p.nfacilities = 0;
	p.facilities = NULL;
	assert_false(principal_sees_facility(&p, TOWNSHIP, 3));
	assert_false(principal_may_write_facility(&p, TOWNSHIP, 3));
}

static void test_sees_region(void **state)
{
	struct principal p = make(ROLE_COUNTY_OFFICIAL, COUNTY);

	assert_true(principal_sees_region(&p, COUNTY));
	assert_true(principal_sees_region(&p, TOWNSHIP));
	assert_false(principal_sees_region(&p, CITY));
	assert_false(principal_sees_region(&p, COUNTY2));
	assert_false(principal_sees_region(&p, NULL));
	assert_false(principal_sees_region(&p, ""));
	assert_false(principal_sees_region(&p, "5119020010"));
	assert_false(principal_sees_region(&p, "51190200100x"));

	/* a township scope: villages below it only */
	p = make(ROLE_COUNTY_OFFICIAL, TOWNSHIP);
	assert_true(principal_sees_region(&p, "511902001001"));
	assert_false(principal_sees_region(&p, "511902002001"));
	assert_false(principal_sees_region(&p, COUNTY));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inspector),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_visitor_areas),
		cmocka_unit_test(test_family_writes_nothing),
		cmocka_unit_test(test_admin_everywhere),
		cmocka_unit_test(test_admin_scoped),
		cmocka_unit_test(test_city_official),
		cmocka_unit_test(test_county_official),
		cmocka_unit_test(test_dept_official),
		cmocka_unit_test(test_readonly),
		cmocka_unit_test(test_operator),
		cmocka_unit_test(test_sees_region),
		cmocka_unit_test(test_officials),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
