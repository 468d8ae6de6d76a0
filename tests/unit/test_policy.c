/*
 * Policy files (app/policy.c): loading a folder as a set, inheritance down
 * the region tree, reference counting, and refusals that name the file and
 * the key path. The valid city and county pair is stored under
 * tests/data/policy/pair (see its README.md); files with errors are
 * written by each test into a fresh temporary folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <locale.h>
#include <unistd.h>

#include "app/policy.h"

#include "support.h"

#define PAIR_DIR    LX_SOURCE_ROOT "/tests/data/policy/pair"
#define PRESETS_DIR LX_SOURCE_ROOT "/policies"

#define PROVINCE     "510000000000"
#define CITY         "511900000000"
#define COUNTY       "511902000000"
#define OTHER_COUNTY "511921000000"
#define CITY_FILE    "511900000000-bazhong.json"
#define COUNTY_FILE  "511902000000-bazhou.json"

struct fixture {
	char dir[256];
	struct arena *arena;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	if (scratch_make(fx->dir, sizeof(fx->dir), "lx-policy")) {
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

/* ---- writing policy files ---- */

static void write_file(struct fixture *fx, const char *name, const char *text)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	f = fopen(path, "w");
	if (!f)
		fail_msg("cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

#define BASE     "{\"year\": 2020, \"value\": \"50\"}"
#define TARGET   "{\"year\": 2025, \"op\": \">=\", \"value\": \"55\"}"
#define GROUPS   "[{\"id\": \"elderly\", \"name\": \"养老服务\"}]"
#define REPORTED "[]"

/* An indicator object; base, target, numerator and denominator are JSON
 * text ("null" for null). */
static const char *ind(struct fixture *fx, const char *id, const char *group,
                       const char *base, const char *target, const char *num,
                       const char *den)
{
	return arena_printf(fx->arena,
	                    "{\"id\": \"%s\", \"group\": \"%s\", \"seq\": 1, "
	                    "\"name\": \"指标\", \"unit\": \"%%\", "
	                    "\"base\": %s, \"target\": %s, "
	                    "\"attribute\": null, \"department\": null, "
	                    "\"numerator\": %s, \"denominator\": %s, "
	                    "\"factor\": 100, \"source\": \"test\"}",
	                    id, group, base, target, num, den);
}

/* The default indicator: nursing_beds / beds × 100, >= 55 by 2025. */
static const char *ind_ok(struct fixture *fx, const char *id)
{
	return ind(fx, id, "elderly", BASE, TARGET, "\"nursing_beds\"",
	           "\"beds\"");
}

/* A policy file; indicators is the JSON list text, or NULL to leave the
 * key out. */
static void write_policy(struct fixture *fx, const char *file, const char *code,
                         const char *groups, const char *reported,
                         const char *indicators)
{
	write_file(fx, file,
	           arena_printf(fx->arena,
	                        "{\"jurisdiction\": \"%s\", \"name\": \"测试\","
	                        " \"groups\": %s, \"reported_elements\": %s%s%s"
	                        "}\n",
	                        code, groups, reported,
	                        indicators ? ", \"indicators\": " : "",
	                        indicators ? indicators : ""));
}

static void write_one(struct fixture *fx, const char *indicators)
{
	write_policy(fx, CITY_FILE, CITY, GROUPS, REPORTED, indicators);
}

static struct policy_set *load_ok(const char *dir)
{
	struct lx_error err;
	struct policy_set *s;

	lx_error_clear(&err);
	s = policy_set_load(dir, &err);
	if (!s)
		fail_msg("%s refused: %s", dir, err.message);
	return s;
}

/* The folder is refused: NULL, LX_EINVALID, and the message starts with
 * "<file>: <key path>: " followed by what (a prefix of the reason). */
static void expect_refused(struct fixture *fx, const char *file,
                           const char *path, const char *what)
{
	struct lx_error err;
	struct policy_set *s;
	char *want = arena_printf(fx->arena, "%s: %s: %s", file, path, what);

	lx_error_clear(&err);
	s = policy_set_load(fx->dir, &err);
	if (s) {
		policy_set_unref(s);
		fail_msg("accepted, want %s", want);
	}
	assert_int_equal(err.code, LX_EINVALID);
	/* a key path is also the error's field */
	if (strncmp(path, "line ", 5))
		assert_string_equal(err.field, path);
	if (strncmp(err.message, want, strlen(want)))
		fail_msg("message: %s\nwant:    %s...", err.message, want);
}

/* ---- the valid pair ---- */

static void test_load_pair(void **state)
{
	struct policy_set *s = load_ok(PAIR_DIR);
	const struct policy *city, *county;
	const struct indicator_def *d;

	/* README.md in the folder is not a policy */
	assert_int_equal(policy_set_count(s), 2);
	/* in file name order */
	assert_string_equal(policy_set_at(s, 0)->code, CITY);
	assert_string_equal(policy_set_at(s, 1)->code, COUNTY);
	city = policy_set_find(s, CITY);
	county = policy_set_find(s, COUNTY);
	assert_ptr_equal(city, policy_set_at(s, 0));
	assert_ptr_equal(county, policy_set_at(s, 1));
	assert_null(policy_set_find(s, PROVINCE));
	assert_null(policy_set_find(s, OTHER_COUNTY));

	assert_string_equal(city->name, "巴中市");
	assert_string_equal(city->file, CITY_FILE);
	assert_string_equal(city->seed, "test");
	assert_string_equal(city->document, "测试：市级方案");
	assert_int_equal(city->ngroups, 2);
	assert_int_equal(city->nreported, 2);
	assert_int_equal(city->nindicators, 3);
	assert_int_equal(city->nfacts, 0);
	assert_null(county->seed);
	assert_null(county->document);
	assert_int_equal(county->ngroups, 1);
	assert_int_equal(county->nreported, 1);
	assert_int_equal(county->nindicators, 2);

	assert_string_equal(city->groups[1].id, "childcare");
	assert_string_equal(city->groups[1].name_en, "Childcare");
	assert_null(county->groups[0].name_en);
	assert_int_equal(city->reported[0].aggregation, AGG_NONE);
	assert_string_equal(city->reported[0].department,
	                    "市人力资源社会保障局");
	assert_int_equal(county->reported[0].aggregation, AGG_SUM);

	/* a computed indicator */
	d = &city->indicators[0];
	assert_string_equal(d->id, "t.elderly.01");
	assert_string_equal(d->group, "elderly");
	assert_int_equal(d->seq, 1);
	assert_string_equal(d->attribute, "binding");
	assert_null(d->department);
	assert_int_equal(d->base_year, 2020);
	assert_string_equal(d->base_value, "50");
	assert_null(d->base_text);
	assert_int_equal(d->target_year, 2025);
	assert_int_equal(d->op, TOP_GE);
	assert_string_equal(d->target_value, "55");
	assert_null(d->target_text);
	assert_string_equal(d->numerator_text, "nursing_beds");
	assert_string_equal(d->denominator_text, "beds");
	assert_non_null(d->numerator);
	assert_non_null(d->denominator);
	assert_true(d->factor.num == 100 && d->factor.den == 1);
	assert_true(d->target.num == 55 && d->target.den == 1);
	assert_int_equal(d->places, 0);
	assert_string_equal(d->file, CITY_FILE);

	/* a reported indicator: the base text kept as written, factor 1 */
	d = &city->indicators[1];
	assert_string_equal(d->base_value, "98.40");
	assert_int_equal(d->op, TOP_EQ);
	assert_string_equal(d->department, "市民政局");
	assert_null(d->numerator_text);
	assert_null(d->numerator);
	assert_null(d->denominator);
	assert_true(d->factor.num == 1 && d->factor.den == 1);
	/* "98.40" read exactly, and its 2 places are the precision */
	assert_true(d->base.num == 492 && d->base.den == 5);
	assert_int_equal(d->places, 2);

	/* no base column */
	d = &city->indicators[2];
	assert_int_equal(d->base_year, 0);
	assert_null(d->base_value);
	assert_null(d->base_text);
	assert_string_equal(d->attribute, "indicative");

	/* a text base */
	d = &county->indicators[1];
	assert_int_equal(d->base_year, 2020);
	assert_null(d->base_value);
	assert_string_equal(d->base_text, "未建");
	assert_string_equal(d->note,
	                    "uses a reported element of its own file and a "
	                    "population element");
	assert_string_equal(d->file, COUNTY_FILE);

	policy_set_unref(s);
}

/* 四川省 > 巴中市 > 巴州区: the county's t.elderly.01 and group elderly
 * replace the city's in place; t.county.01 and home_visits are added; the
 * group childcare, two reported elements and two indicators are the
 * city's. */
static void test_view_county(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PAIR_DIR);
	const char *const path[] = { PROVINCE, CITY, COUNTY };
	struct policy_view v;
	const struct indicator_def *d;

	policy_view_build(s, fx->arena, path, 3, &v);
	assert_string_equal(v.jurisdiction, COUNTY);
	assert_int_equal(v.ngroups, 2);
	assert_int_equal(v.nreported, 3);
	assert_int_equal(v.nindicators, 4);

	assert_string_equal(v.groups[0]->id, "elderly");
	assert_string_equal(v.groups[0]->name, "养老服务（区）");
	assert_string_equal(v.groups[1]->id, "childcare");
	assert_string_equal(v.groups[1]->name, "托育服务");

	assert_string_equal(v.reported[0]->name, "pension_insurance_rate");
	assert_string_equal(v.reported[1]->name, "t.elderly.02");
	assert_string_equal(v.reported[2]->name, "home_visits");
	assert_ptr_equal(policy_view_reported(&v, "home_visits"),
	                 v.reported[2]);
	assert_ptr_equal(policy_view_reported(&v, "pension_insurance_rate"),
	                 &policy_set_find(s, CITY)->reported[0]);
	assert_null(policy_view_reported(&v, "nursing_beds"));

	/* the overridden row keeps its place, in the county's version */
	d = v.indicators[0];
	assert_string_equal(d->id, "t.elderly.01");
	assert_string_equal(d->file, COUNTY_FILE);
	assert_string_equal(d->name, "护理型养老床位占比（区）");
	assert_string_equal(d->target_value, "60");
	assert_string_equal(d->base_value, "52");
	assert_string_equal(d->numerator_text,
	                    "nursing_beds.private + nursing_beds.public");
	assert_ptr_equal(d, &policy_set_find(s, COUNTY)->indicators[0]);
	assert_string_equal(v.indicators[1]->id, "t.elderly.02");
	assert_string_equal(v.indicators[1]->file, CITY_FILE);
	assert_string_equal(v.indicators[2]->id, "t.childcare.01");
	assert_string_equal(v.indicators[2]->file, CITY_FILE);
	assert_string_equal(v.indicators[3]->id, "t.county.01");
	assert_string_equal(v.indicators[3]->file, COUNTY_FILE);
	assert_ptr_equal(policy_view_indicator(&v, "t.elderly.01"), d);
	assert_ptr_equal(policy_view_indicator(&v, "t.county.01"),
	                 v.indicators[3]);
	assert_null(policy_view_indicator(&v, "t.elderly.03"));

	policy_set_unref(s);
}

static void test_view_city_and_sibling(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PAIR_DIR);
	const char *const city_path[] = { PROVINCE, CITY };
	const char *const sibling[] = { PROVINCE, CITY, OTHER_COUNTY };
	const char *const township[] = { PROVINCE, CITY, COUNTY,
		                         "511902001000" };
	struct policy_view v;

	/* the city itself */
	policy_view_build(s, fx->arena, city_path, 2, &v);
	assert_string_equal(v.jurisdiction, CITY);
	assert_int_equal(v.ngroups, 2);
	assert_int_equal(v.nreported, 2);
	assert_int_equal(v.nindicators, 3);
	assert_string_equal(policy_view_indicator(&v, "t.elderly.01")->file,
	                    CITY_FILE);
	assert_string_equal(
	    policy_view_indicator(&v, "t.elderly.01")->target_value, "55");
	assert_null(policy_view_indicator(&v, "t.county.01"));

	/* a county with no file of its own: the city's policy */
	policy_view_build(s, fx->arena, sibling, 3, &v);
	assert_string_equal(v.jurisdiction, CITY);
	assert_int_equal(v.nindicators, 3);
	assert_string_equal(v.groups[0]->name, "养老服务");

	/* a township under the county: the county's */
	policy_view_build(s, fx->arena, township, 4, &v);
	assert_string_equal(v.jurisdiction, COUNTY);
	assert_int_equal(v.nindicators, 4);
	assert_string_equal(
	    policy_view_indicator(&v, "t.elderly.01")->target_value, "60");

	policy_set_unref(s);
}

static void test_view_no_policy(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PAIR_DIR);
	const char *const path[] = { "500000000000", "500154000000" };
	struct policy_view v;

	memset(&v, 0x5a, sizeof(v));
	policy_view_build(s, fx->arena, path, 2, &v);
	assert_null(v.jurisdiction);
	assert_int_equal(v.ngroups, 0);
	assert_int_equal(v.nreported, 0);
	assert_int_equal(v.nindicators, 0);
	assert_null(policy_view_indicator(&v, "t.elderly.01"));
	assert_null(policy_view_reported(&v, "home_visits"));

	/* an empty path */
	memset(&v, 0x5a, sizeof(v));
	policy_view_build(s, fx->arena, path, 0, &v);
	assert_null(v.jurisdiction);
	assert_int_equal(v.nindicators, 0);

	/* the province alone has no file */
	policy_view_build(s, fx->arena, (const char *const[]){ PROVINCE }, 1,
	                  &v);
	assert_null(v.jurisdiction);
	assert_int_equal(v.ngroups, 0);

	policy_set_unref(s);
}

/* A set outlives the reference it was loaded with while another is held,
 * and so does a view built from it. ASan reports a use after free or a
 * leak if the count is wrong. */
static void test_refcount(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PAIR_DIR);
	const char *const path[] = { PROVINCE, CITY, COUNTY };
	struct policy_set *held = policy_set_ref(s);
	struct policy_view v;

	assert_ptr_equal(held, s);
	policy_view_build(s, fx->arena, path, 3, &v);
	policy_set_unref(s); /* the loader's reference */
	assert_int_equal(policy_set_count(held), 2);
	assert_string_equal(policy_set_find(held, COUNTY)->name, "巴州区");
	assert_string_equal(v.indicators[0]->target_value, "60");
	assert_string_equal(v.jurisdiction, COUNTY);

	/* three more and three fewer */
	policy_set_ref(policy_set_ref(policy_set_ref(held)));
	policy_set_unref(held);
	policy_set_unref(held);
	policy_set_unref(held);
	assert_string_equal(policy_set_at(held, 0)->code, CITY);
	policy_set_unref(held); /* the last: freed */

	/* NULL is allowed where a set may be missing */
	assert_null(policy_set_ref(NULL));
	policy_set_unref(NULL);
	assert_int_equal(policy_set_count(NULL), 0);
	assert_null(policy_set_find(NULL, CITY));
}

static void test_empty_folder(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s;

	write_file(fx, "notes.txt", "not a policy\n");
	write_file(fx, ".json", "{");
	s = load_ok(fx->dir);
	assert_int_equal(policy_set_count(s), 0);
	policy_set_unref(s);
}

static void test_missing_folder(void **state)
{
	struct fixture *fx = *state;
	struct lx_error err;
	char *dir = arena_printf(fx->arena, "%s/nope", fx->dir);

	lx_error_clear(&err);
	assert_null(policy_set_load(dir, &err));
	assert_int_equal(err.code, LX_EINVALID);
	assert_non_null(strstr(err.message, dir));
}

/* ---- the presets in policies/ ---- */

static void test_presets(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PRESETS_DIR);
	static const struct {
		const char *code;
		size_t nindicators;
	} want[] = {
		{ "511900000000", 44 }, /* 巴中市 */
		{ "511724000000", 17 }, /* 大竹县: 专栏一 and 专栏7 第309行 */
		{ "500154000000", 27 }, /* 开州区 */
		{ "360200000000", 22 }, /* 景德镇市 */
		{ "511700000000", 3 },  /* 达州市 */
	};
	const char *const dazhu[] = { "510000000000", "511700000000",
		                      "511724000000" };
	struct policy_view v;

	assert_int_equal(policy_set_count(s), 5);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct policy *p = policy_set_find(s, want[i].code);

		if (!p)
			fail_msg("no policy for %s", want[i].code);
		if (p->nindicators != want[i].nindicators)
			fail_msg("%s: %zu indicators, want %zu", p->file,
			         p->nindicators, want[i].nindicators);
	}

	/* 大竹县 inherits 达州市's three rows */
	policy_view_build(s, fx->arena, dazhu, 3, &v);
	assert_string_equal(v.jurisdiction, "511724000000");
	assert_int_equal(v.nindicators, 3 + 17);
	assert_int_equal(v.ngroups, 3); /* 达州's, 专栏一 and 专栏7 */
	assert_non_null(policy_view_indicator(&v, "dazhou.overall.01"));
	assert_non_null(policy_view_indicator(&v, "dazhu.elderly.16"));

	/* whose target: ratios, per-1,000 figures and rates apply to each
	 * region under the plan, totals and counts to the plan's area; each
	 * row knows the plan that states it */
	{
		static const struct {
			const char *id;
			enum target_scope scope;
		} rows[] = {
			{ "dazhou.overall.01",
			  SCOPE_EACH_REGION }, /* 每千人口 */
			{ "dazhou.overall.02", SCOPE_JURISDICTION }, /* 3万张 */
			{ "dazhou.overall.03", SCOPE_EACH_REGION }, /* 占比 */
			{ "dazhu.elderly.01", SCOPE_JURISDICTION }, /* 0.45万 */
			{ "dazhu.elderly.11", SCOPE_EACH_REGION }, /* 每千名 */
			{ "dazhu.elderly.16",
			  SCOPE_JURISDICTION }, /* 企业(个) */
		};

		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			const struct indicator_def *d =
			    policy_view_indicator(&v, rows[i].id);

			if (d->scope != rows[i].scope)
				fail_msg("%s (%s, unit %s): scope %d, want %d",
				         rows[i].id, d->name,
				         d->unit ? d->unit : "-", d->scope,
				         rows[i].scope);
		}
		assert_string_equal(
		    policy_view_indicator(&v, "dazhou.overall.02")
		        ->jurisdiction,
		    "511700000000");
		assert_string_equal(
		    policy_view_indicator(&v, "dazhu.elderly.01")->jurisdiction,
		    "511724000000");
	}
	policy_set_unref(s);
}

/* ---- refusals ---- */

static void test_malformed_json(void **state)
{
	struct fixture *fx = *state;

	write_file(fx, CITY_FILE,
	           "{\n"
	           "  \"jurisdiction\": \"511900000000\",\n"
	           "  \"name\": ,\n"
	           "  \"indicators\": []\n"
	           "}\n");
	expect_refused(fx, CITY_FILE, "line 3", "");
}

static void test_duplicate_key(void **state)
{
	struct fixture *fx = *state;

	write_file(fx, CITY_FILE,
	           "{\"jurisdiction\": \"511900000000\",\n"
	           " \"name\": \"甲\",\n"
	           " \"name\": \"乙\",\n"
	           " \"indicators\": []}\n");
	expect_refused(fx, CITY_FILE, "line 3", "");
}

/* A malformed file among good ones refuses the whole folder. */
static void test_one_bad_file_refuses_all(void **state)
{
	struct fixture *fx = *state;

	write_policy(fx, CITY_FILE, CITY, GROUPS, REPORTED,
	             arena_printf(fx->arena, "[%s]", ind_ok(fx, "a.01")));
	write_file(fx, COUNTY_FILE, "{\"jurisdiction\": \"511902000000\",\n");
	expect_refused(fx, COUNTY_FILE, "line 2", "");
}

static void test_jurisdiction_mismatch(void **state)
{
	struct fixture *fx = *state;

	write_policy(fx, CITY_FILE, COUNTY, GROUPS, REPORTED, "[]");
	expect_refused(fx, CITY_FILE, "jurisdiction",
	               "must match the code the file is named by");
}

static void test_jurisdiction_invalid(void **state)
{
	struct fixture *fx = *state;

	write_policy(fx, "5119-bazhong.json", "5119", GROUPS, REPORTED, "[]");
	expect_refused(fx, "5119-bazhong.json", "jurisdiction",
	               "must be a 12-digit division code");
}

/* A file without indicators is whole (planning standards alone, say); an
 * indicators key that is not a list is still refused. */
static void test_missing_indicators(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s;

	write_one(fx, NULL);
	s = load_ok(fx->dir);
	assert_int_equal(policy_set_find(s, CITY)->nindicators, 0);
	policy_set_unref(s);
	write_one(fx, "{}");
	expect_refused(fx, CITY_FILE, "indicators", "must be a list");
}

static void test_bad_op(void **state)
{
	struct fixture *fx = *state;
	const char *bad = ind(fx, "a.02", "elderly", BASE,
	                      "{\"year\": 2025, \"op\": \"≈\", "
	                      "\"value\": \"55\"}",
	                      "\"nursing_beds\"", "\"beds\"");

	write_one(fx,
	          arena_printf(fx->arena, "[%s, %s]", ind_ok(fx, "a.01"), bad));
	expect_refused(fx, CITY_FILE, "indicators[1].target.op",
	               "must be one of >=, >, <=, <, =, text");
}

static void test_bad_base_value(void **state)
{
	struct fixture *fx = *state;

	write_one(fx,
	          arena_printf(fx->arena, "[%s]",
	                       ind(fx, "a.01", "elderly",
	                           "{\"year\": 2020, \"value\": \"abc\"}",
	                           TARGET, "\"nursing_beds\"", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].base.value",
	               "must be a decimal number written as text");
}

static void test_bad_target_value(void **state)
{
	struct fixture *fx = *state;

	write_one(fx, arena_printf(fx->arena, "[%s]",
	                           ind(fx, "a.01", "elderly", BASE,
	                               "{\"year\": 2025, \"op\": \">=\", "
	                               "\"value\": \"55%\"}",
	                               "\"nursing_beds\"", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].target.value",
	               "must be a decimal number written as text");
}

static void test_base_number_not_text(void **state)
{
	struct fixture *fx = *state;

	write_one(fx,
	          arena_printf(fx->arena, "[%s]",
	                       ind(fx, "a.01", "elderly",
	                           "{\"year\": 2020, \"value\": 50}", TARGET,
	                           "\"nursing_beds\"", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].base.value",
	               "must be a string");
}

static void test_target_year_not_after_base(void **state)
{
	struct fixture *fx = *state;

	write_one(fx,
	          arena_printf(fx->arena, "[%s]",
	                       ind(fx, "a.01", "elderly",
	                           "{\"year\": 2025, \"value\": \"50\"}",
	                           TARGET, "\"nursing_beds\"", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].target.year",
	               "the target year must come after the base year");
}

static void test_base_value_without_year(void **state)
{
	struct fixture *fx = *state;

	write_one(fx,
	          arena_printf(fx->arena, "[%s]",
	                       ind(fx, "a.01", "elderly",
	                           "{\"year\": null, \"value\": \"50\"}",
	                           TARGET, "\"nursing_beds\"", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].base.year",
	               "a base value needs its year");
}

/* "nursing_beds +" is 14 bytes: the end is position 15. */
static void test_numerator_syntax(void **state)
{
	struct fixture *fx = *state;

	write_one(fx, arena_printf(fx->arena, "[%s]",
	                           ind(fx, "a.01", "elderly", BASE, TARGET,
	                               "\"nursing_beds +\"", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].numerator",
	               "at position 15: unexpected end of expression");
}

static void test_denominator_syntax(void **state)
{
	struct fixture *fx = *state;

	write_one(fx, arena_printf(fx->arena, "[%s]",
	                           ind(fx, "a.01", "elderly", BASE, TARGET,
	                               "\"nursing_beds\"", "\"avg(beds)\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].denominator",
	               "at position 1: unknown function 'avg'");
}

static void test_unknown_element(void **state)
{
	struct fixture *fx = *state;

	write_one(fx, arena_printf(fx->arena, "[%s]",
	                           ind(fx, "a.01", "elderly", BASE, TARGET,
	                               "\"nursing_beds + bedz\"", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].numerator",
	               "unknown data element 'bedz'");
}

static void test_unknown_filter(void **state)
{
	struct fixture *fx = *state;

	write_one(fx, arena_printf(fx->arena, "[%s]",
	                           ind(fx, "a.01", "elderly", BASE, TARGET,
	                               "\"nursing_beds\"", "\"beds.xyz\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].denominator",
	               "'beds.xyz' narrows a registry element by an unknown "
	               "or repeated filter");
}

static void test_group_not_in_file(void **state)
{
	struct fixture *fx = *state;

	write_one(fx, arena_printf(fx->arena, "[%s]",
	                           ind(fx, "a.01", "childcare", BASE, TARGET,
	                               "\"slots\"", "\"residents\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].group",
	               "no group 'childcare' in this file");
}

/* A group is looked up in the indicator's own file, not its ancestors'. */
static void test_group_only_in_parent(void **state)
{
	struct fixture *fx = *state;

	write_policy(fx, CITY_FILE, CITY,
	             "[{\"id\": \"elderly\", \"name\": \"养老\"},"
	             " {\"id\": \"childcare\", \"name\": \"托育\"}]",
	             REPORTED,
	             arena_printf(fx->arena, "[%s]", ind_ok(fx, "a.01")));
	write_policy(fx, COUNTY_FILE, COUNTY, GROUPS, REPORTED,
	             arena_printf(fx->arena, "[%s]",
	                          ind(fx, "b.01", "childcare", BASE, TARGET,
	                              "\"slots\"", "\"residents\"")));
	expect_refused(fx, COUNTY_FILE, "indicators[0].group",
	               "no group 'childcare' in this file");
}

static void test_duplicate_id(void **state)
{
	struct fixture *fx = *state;

	write_one(fx,
	          arena_printf(fx->arena, "[%s, %s, %s]", ind_ok(fx, "a.01"),
	                       ind_ok(fx, "a.02"), ind_ok(fx, "a.01")));
	expect_refused(fx, CITY_FILE, "indicators[2].id",
	               "appears twice in this file");
}

static void test_reported_without_element(void **state)
{
	struct fixture *fx = *state;

	write_policy(
	    fx, CITY_FILE, CITY, GROUPS,
	    "[{\"name\": \"a.02\", \"label\": \"乙\", "
	    "\"aggregation\": \"none\"}]",
	    arena_printf(
	        fx->arena, "[%s, %s]",
	        ind(fx, "a.02", "elderly", BASE, TARGET, "null", "null"),
	        ind(fx, "a.01", "elderly", BASE, TARGET, "null", "null")));
	expect_refused(fx, CITY_FILE, "indicators[1].numerator",
	               "is null, so the indicator is reported, but no "
	               "reported element 'a.01' is listed");
}

/* A reported element listed in another file of the set counts, both for a
 * reported indicator and in a formula. */
static void test_reported_element_from_parent(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s;

	write_policy(fx, CITY_FILE, CITY, GROUPS,
	             "[{\"name\": \"a.02\", \"label\": \"乙\", "
	             "\"aggregation\": \"none\"}]",
	             arena_printf(fx->arena, "[%s]", ind_ok(fx, "a.01")));
	write_policy(fx, COUNTY_FILE, COUNTY, GROUPS, REPORTED,
	             arena_printf(fx->arena, "[%s, %s]",
	                          ind(fx, "a.02", "elderly", BASE, TARGET,
	                              "null", "null"),
	                          ind(fx, "b.01", "elderly", BASE, TARGET,
	                              "\"a.02 * aged_65\"", "\"aged_60\"")));
	s = load_ok(fx->dir);
	assert_int_equal(policy_set_count(s), 2);
	policy_set_unref(s);
}

static void test_denominator_without_numerator(void **state)
{
	struct fixture *fx = *state;

	write_policy(fx, CITY_FILE, CITY, GROUPS,
	             "[{\"name\": \"a.01\", \"label\": \"甲\", "
	             "\"aggregation\": \"none\"}]",
	             arena_printf(fx->arena, "[%s]",
	                          ind(fx, "a.01", "elderly", BASE, TARGET,
	                              "null", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].denominator",
	               "a denominator needs a numerator");
}

static void test_bad_aggregation(void **state)
{
	struct fixture *fx = *state;

	write_policy(fx, CITY_FILE, CITY, GROUPS,
	             "[{\"name\": \"a.01\", \"label\": \"甲\", "
	             "\"aggregation\": \"avg\"}]",
	             arena_printf(fx->arena, "[%s]", ind_ok(fx, "a.02")));
	expect_refused(fx, CITY_FILE, "reported_elements[0].aggregation",
	               "must be sum or none");
}

static void test_same_jurisdiction_twice(void **state)
{
	struct fixture *fx = *state;
	const char *list = arena_printf(fx->arena, "[%s]", ind_ok(fx, "a.01"));

	write_policy(fx, "511900000000-a.json", CITY, GROUPS, REPORTED, list);
	write_policy(fx, "511900000000-b.json", CITY, GROUPS, REPORTED, list);
	expect_refused(fx, "511900000000-b.json", "jurisdiction",
	               "another file has the same jurisdiction");
}

static void test_missing_required(void **state)
{
	struct fixture *fx = *state;

	/* no name at the top */
	write_file(fx, CITY_FILE,
	           "{\"jurisdiction\": \"511900000000\", \"indicators\": []}");
	expect_refused(fx, CITY_FILE, "name", "is required");

	/* a group without its name */
	write_policy(fx, CITY_FILE, CITY, "[{\"id\": \"elderly\"}]", REPORTED,
	             "[]");
	expect_refused(fx, CITY_FILE, "groups[0].name", "is required");

	/* an indicator without a source */
	write_one(fx, "[{\"id\": \"a.01\", \"group\": \"elderly\", \"seq\": 1,"
	              " \"name\": \"甲\", \"base\": " BASE
	              ", \"target\": " TARGET ", \"numerator\": \"beds\"}]");
	expect_refused(fx, CITY_FILE, "indicators[0].source", "is required");
}

static void test_top_not_object(void **state)
{
	struct fixture *fx = *state;

	write_file(fx, CITY_FILE, "[]\n");
	expect_refused(fx, CITY_FILE, "(top)", "must be a JSON object");
}

/*
 * Regression: decimals in policy files were once read with strtod(),
 * which follows LC_NUMERIC, so under a locale with a decimal comma "98.40"
 * was refused. They are now read the same under any locale. Skipped where
 * no such locale is installed.
 */
static void test_decimal_locale(void **state)
{
	static const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8",
		                         "ru_RU.UTF-8" };
	const char *set = NULL;
	char name[64];
	struct lx_error err;
	struct policy_set *s;

	for (size_t i = 0; i < 3 && !set; i++)
		set = setlocale(LC_NUMERIC, locales[i]);
	if (!set) {
		skip();
		return;
	}
	snprintf(name, sizeof(name), "%s", set);
	lx_error_clear(&err);
	s = policy_set_load(PAIR_DIR, &err);
	setlocale(LC_NUMERIC, "C");
	if (!s)
		fail_msg("refused under %s: %s", name, err.message);
	policy_set_unref(s);
}

/*
 * Regression: strtod() once accepted texts that are not decimal numbers
 * as written in a seed: "nan", "inf", "infinity", hexadecimal "0x32" and a
 * leading space (a trailing one is refused). A target of "nan" can never
 * be met.
 */
static void test_decimal_strict(void **state)
{
	struct fixture *fx = *state;
	static const char *const texts[] = { "nan", "inf", "infinity", "0x32",
		                             " 50" };
	struct abuf accepted;

	abuf_init(&accepted, fx->arena);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct lx_error err;
		struct policy_set *s;

		write_one(fx, arena_printf(
		                  fx->arena, "[%s]",
		                  ind(fx, "a.01", "elderly", BASE,
		                      arena_printf(fx->arena,
		                                   "{\"year\": 2025, \"op\": "
		                                   "\">=\", \"value\": \"%s\"}",
		                                   texts[i]),
		                      "\"nursing_beds\"", "\"beds\"")));
		lx_error_clear(&err);
		s = policy_set_load(fx->dir, &err);
		if (s)
			abuf_printf(&accepted, " '%s'", texts[i]);
		else if (!strstr(err.message, "indicators[0].target.value"))
			fail_msg("'%s': %s", texts[i], err.message);
		policy_set_unref(s);
	}
	if (accepted.len)
		fail_msg("target.value accepted:%s", accepted.data);
}

/*
 * Regression: "reported_elements" (and "facts") that was not a list was
 * silently read as an empty list, where "groups" and "indicators" were
 * refused with "must be a list".
 */
static void test_reported_not_list(void **state)
{
	struct fixture *fx = *state;

	write_policy(fx, CITY_FILE, CITY, GROUPS,
	             "{\"name\": \"a.01\", \"label\": \"甲\", "
	             "\"aggregation\": \"none\"}",
	             arena_printf(fx->arena, "[%s]", ind_ok(fx, "a.02")));
	expect_refused(fx, CITY_FILE, "reported_elements", "must be a list");
}

/*
 * Regression: get_int() once cast the JSON integer to int without a range
 * check, so a year of 4294969321 (2^32 + 2025) is read as 2025.
 */
static void test_year_out_of_range(void **state)
{
	struct fixture *fx = *state;

	write_one(fx, arena_printf(fx->arena, "[%s]",
	                           ind(fx, "a.01", "elderly", BASE,
	                               "{\"year\": 4294969321, \"op\": \">=\", "
	                               "\"value\": \"55\"}",
	                               "\"nursing_beds\"", "\"beds\"")));
	expect_refused(fx, CITY_FILE, "indicators[0].target.year", "");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_load_pair),
		T(test_view_county),
		T(test_view_city_and_sibling),
		T(test_view_no_policy),
		T(test_refcount),
		T(test_empty_folder),
		T(test_missing_folder),
		T(test_presets),
		T(test_malformed_json),
		T(test_duplicate_key),
		T(test_one_bad_file_refuses_all),
		T(test_jurisdiction_mismatch),
		T(test_jurisdiction_invalid),
		T(test_missing_indicators),
		T(test_bad_op),
		T(test_bad_base_value),
		T(test_bad_target_value),
		T(test_base_number_not_text),
		T(test_target_year_not_after_base),
		T(test_base_value_without_year),
		T(test_numerator_syntax),
		T(test_denominator_syntax),
		T(test_unknown_element),
		T(test_unknown_filter),
		T(test_group_not_in_file),
		T(test_group_only_in_parent),
		T(test_duplicate_id),
		T(test_reported_without_element),
		T(test_reported_element_from_parent),
		T(test_denominator_without_numerator),
		T(test_bad_aggregation),
		T(test_same_jurisdiction_twice),
		T(test_missing_required),
		T(test_top_not_object),
		T(test_decimal_locale),
		T(test_decimal_strict),
		T(test_reported_not_list),
		T(test_year_out_of_range),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
