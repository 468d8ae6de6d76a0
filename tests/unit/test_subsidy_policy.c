/*
 * Subsidy schemes in policy files (app/subsidy_policy.c): the presets load
 * and give the seed figures (docs/subsidy-seeds.md), yuan text becomes fen
 * exactly, every malformed scheme is refused with the file and key path,
 * and schemes and parameters merge down the region path. Files with errors
 * are written by each test into a fresh temporary folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unistd.h>

#include "app/policy.h"
#include "app/subsidy_policy.h"
#include "core/assessment.h"

#include "support.h"

#define PRESETS_DIR LX_SOURCE_ROOT "/policies"

#define SICHUAN     "510000000000"
#define DAZHOU      "511700000000"
#define DAZHU       "511724000000"
#define DAZHU_HOME  "511724100000" /* a township in 大竹县 */
#define JIANGXI     "360000000000"
#define JINGDEZHEN  "360200000000"
#define JDZ_HOME    "360202000000" /* 昌江区 */
#define BAZHONG     "511900000000"
#define BAZHOU      "511902000000"
#define CITY_FILE   "511900000000-bazhong.json"
#define COUNTY_FILE "511902000000-bazhou.json"

struct fixture {
	char dir[256];
	struct arena *arena;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	if (scratch_make(fx->dir, sizeof(fx->dir), "lx-subsidy-policy")) {
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

static struct period month(int y, int m)
{
	return (struct period){ PERIOD_MONTH, y, m };
}

static struct period year(int y)
{
	return (struct period){ PERIOD_YEAR, y, 0 };
}

/* The view of the region at the end of path, and one scheme in it. */
static const struct subsidy_scheme *scheme_in(struct fixture *fx,
                                              const struct policy_set *s,
                                              const char *const *path, size_t n,
                                              const char *id,
                                              struct policy_view *v)
{
	const struct subsidy_scheme *sc;

	policy_view_build(s, fx->arena, path, n, v);
	sc = policy_view_scheme(v, id);
	if (!sc)
		fail_msg("no scheme %s", id);
	return sc;
}

/* Evaluates with the view's parameters that have a value; returns the fen
 * paid (0 when not eligible), failing on an engine error. */
static int64_t pay(struct fixture *fx, const struct policy_view *v,
                   const struct subsidy_scheme *sc,
                   const struct subsidy_subject *subj, struct period p)
{
	const struct subsidy_param *params;
	size_t np = policy_view_param_values(v, fx->arena, &params);
	struct subsidy_result r;
	struct lx_error err;

	lx_error_clear(&err);
	if (subsidy_evaluate(fx->arena, sc, subj, p, params, np, &r, &err))
		fail_msg("%s: %s", sc->id, err.message);
	return r.eligible ? r.fen : 0;
}

/* ---- the presets ---- */

static void test_presets_load(void **state)
{
	struct policy_set *s = load_ok(PRESETS_DIR);
	const struct policy *dz = policy_set_find(s, DAZHU);
	const struct policy *jdz = policy_set_find(s, JINGDEZHEN);
	const struct policy *bz = policy_set_find(s, BAZHONG);
	const struct subsidy_band *b;

	assert_non_null(dz);
	assert_non_null(jdz);
	assert_non_null(bz);
	assert_int_equal(dz->nschemes, 6);
	assert_int_equal(dz->nparams, 0);
	assert_int_equal(jdz->nschemes, 6);
	assert_int_equal(jdz->nparams, 4);
	assert_int_equal(bz->nschemes, 3);
	assert_int_equal(bz->nparams, 0);

	/* 高龄津贴: yuan text read as fen, "and over" as -1 */
	assert_string_equal(dz->schemes[0].id, "dazhu.gaoling");
	assert_string_equal(dz->schemes[0].name_zh, "高龄津贴");
	assert_int_equal(dz->schemes[0].beneficiary, SUBSIDY_PERSON);
	assert_int_equal(dz->schemes[0].frequency, SUBSIDY_MONTHLY);
	assert_int_equal(dz->schemes[0].versions[0].age_rule,
	                 SUBSIDY_AGE_NEXT_PERIOD);
	assert_string_equal(dz->schemes[0].versions[0].from, "2021-01-01");
	assert_null(dz->schemes[0].versions[0].to);
	assert_int_equal(dz->schemes[0].versions[0].amount.n_bands, 3);
	b = dz->schemes[0].versions[0].amount.bands;
	assert_int_equal(b[0].from_age, 80);
	assert_int_equal(b[0].to_age, 89);
	assert_int_equal(b[0].amount.fen, 6000);
	assert_int_equal(b[2].to_age, -1);
	assert_int_equal(b[2].amount.fen, 60000);

	/* parameters the seed names without a figure */
	for (size_t i = 0; i < jdz->nparams; i++)
		assert_true(jdz->params[i].fen == SUBSIDY_PARAM_UNSET);
	assert_string_equal(jdz->params[3].name, "min_wage");
	assert_string_equal(jdz->params[3].label_zh,
	                    "当地月最低工资标准（元）");
	policy_set_unref(s);
}

static void test_dazhu_gaoling(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PRESETS_DIR);
	const char *const path[] = { SICHUAN, DAZHOU, DAZHU };
	struct policy_view v;
	const struct subsidy_scheme *g =
	    scheme_in(fx, s, path, 3, "dazhu.gaoling", &v);
	const struct subsidy_scheme *jl = policy_view_scheme(&v, "dazhu."
	                                                         "jinglaojin");
	const struct subsidy_scheme *fam =
	    policy_view_scheme(&v, "dazhu.jiating_jiangli");
	const struct subsidy_span home[] = { { DAZHU_HOME, NULL, NULL } };
	const struct subsidy_span away[] = { { "511702000000", NULL, NULL } };
	struct subsidy_subject p = { .kind = SUBSIDY_PERSON,
		                     .residence = home,
		                     .n_residence = 1 };

	assert_int_equal(v.nschemes, 6);
	assert_non_null(jl);
	assert_non_null(fam);
	/* next_period: the age on 2025-05-31 counts for June 2025 */
	p.birth = "1940-01-10"; /* 85 */
	assert_int_equal(pay(fx, &v, g, &p, month(2025, 6)), 6000);
	p.birth = "1933-01-10"; /* 92 */
	assert_int_equal(pay(fx, &v, g, &p, month(2025, 6)), 12000);
	p.birth = "1924-01-10"; /* 101 */
	assert_int_equal(pay(fx, &v, g, &p, month(2025, 6)), 60000);
	/* 敬老金 + 家庭奖励金: 4000 元 a year */
	assert_int_equal(pay(fx, &v, jl, &p, year(2025)) +
	                     pay(fx, &v, fam, &p, year(2025)),
	                 400000);
	/* 79, and the month of the 80th birthday under next_period */
	p.birth = "1946-01-10";
	assert_int_equal(pay(fx, &v, g, &p, month(2025, 6)), 0);
	p.birth = "1945-06-10";
	assert_int_equal(pay(fx, &v, g, &p, month(2025, 6)), 0);
	assert_int_equal(pay(fx, &v, g, &p, month(2025, 7)), 6000);
	/* before the version chosen in the file; outside 大竹 */
	p.birth = "1940-01-10";
	assert_int_equal(pay(fx, &v, g, &p, month(2020, 12)), 0);
	p.residence = away;
	assert_int_equal(pay(fx, &v, g, &p, month(2025, 6)), 0);
	policy_set_unref(s);
}

static void test_dazhu_tekun(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PRESETS_DIR);
	const char *const path[] = { SICHUAN, DAZHOU, DAZHU };
	struct policy_view v;
	const struct subsidy_scheme *care =
	    scheme_in(fx, s, path, 3, "dazhu.tekun_care", &v);
	const struct subsidy_scheme *urban =
	    policy_view_scheme(&v, "dazhu.tekun_basic_urban");
	const struct subsidy_scheme *rural =
	    policy_view_scheme(&v, "dazhu.tekun_basic_rural");
	const struct subsidy_span home[] = { { DAZHU_HOME, NULL, NULL } };
	const struct subsidy_span cats[] = { { "tekun_dispersed", NULL, NULL },
		                             { "rural", NULL, NULL } };
	struct subsidy_assessment as[] = { { ASSESS_CARE_PARTLY,
		                             "2024-03-01" } };
	struct subsidy_subject p = { .kind = SUBSIDY_PERSON,
		                     .birth = "1950-05-05",
		                     .residence = home,
		                     .n_residence = 1,
		                     .categories = cats,
		                     .n_categories = 2,
		                     .assessments = as,
		                     .n_assessments = 1 };

	assert_int_equal(pay(fx, &v, care, &p, month(2025, 6)), 20000);
	as[0].level = ASSESS_CARE_SELF;
	assert_int_equal(pay(fx, &v, care, &p, month(2025, 6)), 5000);
	as[0].level = ASSESS_CARE_DISABLED;
	assert_int_equal(pay(fx, &v, care, &p, month(2025, 6)), 40000);
	assert_int_equal(pay(fx, &v, rural, &p, month(2025, 6)), 62400);
	assert_int_equal(pay(fx, &v, urban, &p, month(2025, 6)), 0);
	p.n_categories = 1; /* 特困 with no 户籍 category: neither */
	assert_int_equal(pay(fx, &v, rural, &p, month(2025, 6)), 0);
	{
		const struct subsidy_span ucats[] = { { "tekun_centralized",
			                                NULL, NULL },
			                              { "urban", NULL, NULL } };

		p.categories = ucats;
		p.n_categories = 2;
		assert_int_equal(pay(fx, &v, urban, &p, month(2025, 6)), 88400);
	}
	policy_set_unref(s);
}

static void test_jingdezhen(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PRESETS_DIR);
	const char *const path[] = { JIANGXI, JINGDEZHEN, JDZ_HOME };
	struct policy_view v;
	const struct subsidy_scheme *intake = scheme_in(
	    fx, s, path, 3, "jingdezhen.private_institution_intake", &v);
	const struct subsidy_scheme *train =
	    policy_view_scheme(&v, "jingdezhen.training");
	const struct subsidy_scheme *care =
	    policy_view_scheme(&v, "jingdezhen.tekun_care");
	const struct subsidy_span reg[] = { { JDZ_HOME, NULL, NULL } };
	const struct subsidy_span priv[] = { { "private", NULL, NULL } };
	const struct subsidy_unit_count res[] = { { "residents_disabled", 12 },
		                                  { "residents_partly", 7 } };
	const struct subsidy_unit_count tr[] = { { "trainees_level_5", 3 },
		                                 { "trainees_level_2", 1 } };
	struct subsidy_subject inst = { .kind = SUBSIDY_INSTITUTION,
		                        .residence = reg,
		                        .n_residence = 1,
		                        .categories = priv,
		                        .n_categories = 1,
		                        .units = res,
		                        .n_units = 2 };
	struct subsidy_subject prov = { .kind = SUBSIDY_PROVIDER,
		                        .residence = reg,
		                        .n_residence = 1,
		                        .units = tr,
		                        .n_units = 2 };
	const struct subsidy_span tk[] = { { "tekun_centralized", NULL,
		                             NULL } };
	const struct subsidy_assessment as[] = { { ASSESS_CARE_DISABLED,
		                                   "2024-01-01" } };
	struct subsidy_subject person = { .kind = SUBSIDY_PERSON,
		                          .birth = "1948-02-02",
		                          .residence = reg,
		                          .n_residence = 1,
		                          .categories = tk,
		                          .n_categories = 1,
		                          .assessments = as,
		                          .n_assessments = 1 };
	const struct subsidy_param *params;
	struct subsidy_param *mw;
	struct subsidy_result r;
	struct lx_error err;

	assert_non_null(train);
	assert_non_null(care);
	/* 12 × 200 + 7 × 100 元 */
	assert_int_equal(pay(fx, &v, intake, &inst, month(2025, 6)), 310000);
	/* 3 × 1200 + 4000 元 */
	assert_int_equal(pay(fx, &v, train, &prov, month(2025, 6)), 760000);
	/* not 民办 */
	inst.n_categories = 0;
	assert_int_equal(pay(fx, &v, intake, &inst, month(2025, 6)), 0);

	/* min_wage has no value in the file: the engine refuses */
	assert_int_equal(v.nparams, 4);
	assert_int_equal(policy_view_param_values(&v, fx->arena, &params), 0);
	lx_error_clear(&err);
	assert_int_equal(subsidy_evaluate(fx->arena, care, &person,
	                                  month(2025, 6), params, 0, &r, &err),
	                 -1);
	assert_string_equal(err.field, "parameters");
	/* once the user sets it (1850 元): 80% = 1480 元 */
	mw = arena_memdup(fx->arena, v.params[3], sizeof(*mw));
	assert_string_equal(mw->name, "min_wage");
	mw->fen = 185000;
	v.params[3] = mw;
	assert_int_equal(pay(fx, &v, care, &person, month(2025, 6)), 148000);
	policy_set_unref(s);
}

static void test_bazhong(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s = load_ok(PRESETS_DIR);
	const char *const path[] = { SICHUAN, BAZHONG, BAZHOU };
	struct policy_view v;
	const struct subsidy_scheme *beds = scheme_in(
	    fx, s, path, 3, "bazhong.private_nonprofit_operating", &v);
	const struct subsidy_scheme *slots =
	    policy_view_scheme(&v, "bazhong.affordable_slots");
	const struct subsidy_span reg[] = { { BAZHOU, NULL, NULL } };
	const struct subsidy_span cats[] = { { "private", NULL, NULL },
		                             { "nonprofit", NULL, NULL } };
	const struct subsidy_unit_count n[] = { { "occupied_beds", 80 },
		                                { "affordable_slots", 10 } };
	struct subsidy_subject inst = { .kind = SUBSIDY_INSTITUTION,
		                        .residence = reg,
		                        .n_residence = 1,
		                        .categories = cats,
		                        .n_categories = 2,
		                        .units = n,
		                        .n_units = 2 };

	assert_non_null(slots);
	/* 80 × 1000 元 a year */
	assert_int_equal(pay(fx, &v, beds, &inst, year(2025)), 8000000);
	/* 10 × 5000 元 once */
	assert_int_equal(pay(fx, &v, slots, &inst, month(2025, 6)), 5000000);
	/* for-profit: no operating subsidy */
	inst.n_categories = 1;
	assert_int_equal(pay(fx, &v, beds, &inst, year(2025)), 0);
	policy_set_unref(s);
}

/* ---- yuan text ---- */

static void test_yuan_parse(void **state)
{
	int64_t f = -7;

	assert_int_equal(subsidy_yuan_parse("0.5", &f), 0);
	assert_int_equal(f, 50);
	assert_int_equal(subsidy_yuan_parse("884", &f), 0);
	assert_int_equal(f, 88400);
	assert_int_equal(subsidy_yuan_parse("735.55", &f), 0);
	assert_int_equal(f, 73555);
	assert_int_equal(subsidy_yuan_parse("0.05", &f), 0);
	assert_int_equal(f, 5);
	assert_int_equal(subsidy_yuan_parse("0", &f), 0);
	assert_int_equal(f, 0);
	assert_int_equal(subsidy_yuan_parse("10000000000", &f), 0);
	assert_true(f == SUBSIDY_FEN_MAX);
	f = -7;
	assert_int_equal(subsidy_yuan_parse("1.005", &f), -1);
	assert_int_equal(subsidy_yuan_parse("10000000000.01", &f), -1);
	assert_int_equal(subsidy_yuan_parse("99999999999999999999", &f), -1);
	assert_int_equal(subsidy_yuan_parse("-1", &f), -1);
	assert_int_equal(subsidy_yuan_parse("+1", &f), -1);
	assert_int_equal(subsidy_yuan_parse("1.", &f), -1);
	assert_int_equal(subsidy_yuan_parse(".5", &f), -1);
	assert_int_equal(subsidy_yuan_parse("05", &f), -1);
	assert_int_equal(subsidy_yuan_parse("1e3", &f), -1);
	assert_int_equal(subsidy_yuan_parse(" 1", &f), -1);
	assert_int_equal(subsidy_yuan_parse("1 ", &f), -1);
	assert_int_equal(subsidy_yuan_parse("", &f), -1);
	assert_int_equal(subsidy_yuan_parse(NULL, &f), -1);
	assert_int_equal(f, -7);
}

/* ---- files with errors ---- */

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

/* A policy file with the given schemes and parameters (JSON list text). */
static void write_subsidies(struct fixture *fx, const char *file,
                            const char *code, const char *schemes,
                            const char *params)
{
	write_file(fx, file,
	           arena_printf(fx->arena,
	                        "{\"jurisdiction\": \"%s\", \"name\": \"测试\","
	                        " \"indicators\": [], \"schemes\": %s, "
	                        "\"parameters\": %s}\n",
	                        code, schemes, params));
}

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
	assert_string_equal(err.field, path);
	if (strncmp(err.message, want, strlen(want)))
		fail_msg("message: %s\nwant:    %s...", err.message, want);
}

#define M(y) "{\"value\": \"" y "\", \"source\": \"t\"}"
#define PERSON                                                                 \
	"\"name_zh\": \"测试\", \"beneficiary\": \"person\", "               \
	"\"frequency\": \"monthly\", \"ref_day\": \"period_start\", "          \
	"\"death\": \"pay_period_of_death\", \"source\": \"t\""
#define INSTITUTION                                                            \
	"\"name_zh\": \"测试\", \"beneficiary\": \"institution\", "          \
	"\"frequency\": \"yearly\", \"ref_day\": \"period_end\", "             \
	"\"source\": \"t\""
#define FIXED(m) "{\"kind\": \"fixed\", \"fixed\": " m "}"
/* a person scheme with one version (its keys are v) */
#define PS(id, v) "{\"id\": \"" id "\", " PERSON ", \"versions\": [{" v "}]}"
#define IS(id, v)                                                              \
	"{\"id\": \"" id "\", " INSTITUTION ", \"versions\": [{" v "}]}"

struct bad_case {
	const char *schemes, *params, *path, *what;
};

static const struct bad_case bad_cases[] = {
	{ "{}", "[]", "schemes", "must be a list" },
	{ "[1]", "[]", "schemes[0]", "must be an object" },
	{ "[" PS("t.a", "\"amount\": " FIXED(M("60"))) ", " PS(
	      "t.a", "\"amount\": " FIXED(M("60"))) "]",
	  "[]", "schemes[1].id", "appears twice in this file" },
	{ "[{\"id\": \"t.a\", \"nmae_zh\": \"x\"}]", "[]", "schemes[0].nmae_zh",
	  "is not a known key" },
	{ "[{\"id\": \"t.a\", \"name_zh\": \"x\", \"beneficiary\": "
	  "\"people\"}]",
	  "[]", "schemes[0].beneficiary",
	  "must be one of person, institution or provider" },
	{ "[{\"id\": \"t.a\", \"name_zh\": \"x\", \"beneficiary\": "
	  "\"person\", \"frequency\": \"weekly\"}]",
	  "[]", "schemes[0].frequency",
	  "must be one of monthly, yearly or once" },
	{ "[{\"id\": \"t.a\", " INSTITUTION ", \"versions\": []}]", "[]",
	  "schemes[0].versions", "needs at least one version" },
	{ "[{\"id\": \"t.a\", " INSTITUTION ", \"death\": "
	  "\"pay_period_of_death\", \"versions\": [{\"amount\": " FIXED(
	      M("1")) "}]}]",
	  "[]", "schemes[0].death", "is for schemes paid to persons" },
	{ "[{\"id\": \"t.a\", \"name_zh\": \"测试\", \"beneficiary\": "
	  "\"person\", \"frequency\": \"monthly\", \"ref_day\": "
	  "\"period_start\", \"source\": \"t\", \"versions\": "
	  "[{\"amount\": " FIXED(M("1")) "}]}]",
	  "[]", "schemes[0].death", "is required for schemes paid to persons" },
	{ "[" PS("t.a", "\"ammount\": 1") "]", "[]",
	  "schemes[0].versions[0].ammount", "is not a known key" },
	{ "[" PS("t.a", "\"min_age\": 80, \"amount\": " FIXED(M("1"))) "]",
	  "[]", "schemes[0].versions[0].age_rule",
	  "is required when a version depends on age" },
	{ "[" IS("t.a", "\"age_rule\": \"period_end\", \"amount\": " FIXED(
	                    M("1"))) "]",
	  "[]", "schemes[0].versions[0].age_rule",
	  "is for schemes paid to persons" },
	{ "[" PS("t.a", "\"care_levels\": [\"self\", \"bedridden\"], "
	                "\"amount\": " FIXED(M("1"))) "]",
	  "[]", "schemes[0].versions[0].care_levels[1]",
	  "must be self, partly or disabled" },
	{ "[" PS("t.a",
	         "\"any_of\": [\"tekun\"], \"amount\": " FIXED(M("1"))) "]",
	  "[]", "schemes[0].versions[0].any_of[0]",
	  "is not a known category code: 'tekun'; did you mean "
	  "tekun_dispersed, tekun_centralized, urban?" },
	{ "[" PS("t.a", "\"all_of\": [1], \"amount\": " FIXED(M("1"))) "]",
	  "[]", "schemes[0].versions[0].all_of[0]", "must be a string" },
	{ "[" PS("t.a", "\"region\": \"511724000000\", \"amount\": " FIXED(
	                    M("1"))) "]",
	  "[]", "schemes[0].versions[0].region",
	  "must be within this file's jurisdiction 511900000000" },
	{ "[" PS("t.a", "\"region\": \"5119\", \"amount\": " FIXED(M("1"))) "]",
	  "[]", "schemes[0].versions[0].region",
	  "is not a 12-digit region code" },
	{ "[" PS("t.a",
	         "\"from\": \"2025-02-30\", \"amount\": " FIXED(M("1"))) "]",
	  "[]", "schemes[0].versions[0].from", "" },
	{ "[{\"id\": \"t.a\", " PERSON ", \"versions\": [{\"amount\": " FIXED(
	      M("1")) "}, {\"from\": "
	              "\"2025-01-01\", "
	              "\"amount\": " FIXED(M("2")) "}]}]",
	  "[]", "schemes[0].versions[1].from", "version 1 overlaps version 0" },
	{ "[" PS("t.a", "") "]", "[]", "schemes[0].versions[0].amount",
	  "is required" },
	{ "[" PS("t.a", "\"amount\": {\"kind\": \"sum\"}") "]", "[]",
	  "schemes[0].versions[0].amount.kind",
	  "must be one of fixed, age_bands, care_levels or per_unit" },
	{ "[" PS("t.a", "\"amount\": {\"kind\": \"fixed\", \"bands\": []}") "]",
	  "[]", "schemes[0].versions[0].amount.bands",
	  "is not used by kind 'fixed' (use 'fixed')" },
	{ "[" PS("t.a", "\"amount\": {\"kind\": \"fixed\"}") "]", "[]",
	  "schemes[0].versions[0].amount.fixed", "is required" },
	{ "[" PS("t.a", "\"amount\": " FIXED(M("1.005"))) "]", "[]",
	  "schemes[0].versions[0].amount.fixed.value",
	  "must be yuan written as text with at most two decimals" },
	{ "[" PS("t.a", "\"amount\": " FIXED("{\"value\": 60, \"source\": "
	                                     "\"t\"}")) "]",
	  "[]", "schemes[0].versions[0].amount.fixed.value",
	  "must be yuan written as text" },
	{ "[" PS("t.a", "\"amount\": " FIXED("{\"value\": \"60\"}")) "]", "[]",
	  "schemes[0].versions[0].amount.fixed.source", "is required" },
	{ "[" PS("t.a", "\"amount\": " FIXED("{\"source\": \"t\"}")) "]", "[]",
	  "schemes[0].versions[0].amount.fixed.value", "is required" },
	{ "[" PS(
	      "t.a",
	      "\"amount\": " FIXED(
	          "{\"value\": \"60\", \"fen\": 6000, \"source\": \"t\"}")) "]",
	  "[]", "schemes[0].versions[0].amount.fixed.fen",
	  "give the amount as value or fen, not both" },
	{ "[" PS("t.a", "\"amount\": " FIXED("{\"fen\": 1.5, \"source\": "
	                                     "\"t\"}")) "]",
	  "[]", "schemes[0].versions[0].amount.fixed.fen",
	  "must be a whole number of fen" },
	{ "[" PS("t.a", "\"amount\": " FIXED("{\"fen\": -1, \"source\": "
	                                     "\"t\"}")) "]",
	  "[]", "schemes[0].versions[0].amount.fixed.fen", "must be from 0" },
	{ "[" PS("t.a",
	         "\"amount\": " FIXED(
	             "{\"param\": \"p\", \"num\": 1, \"source\": \"t\"}")) "]",
	  "[{\"name\": \"p\", \"label\": \"p\", \"source\": \"t\"}]",
	  "schemes[0].versions[0].amount.fixed.den", "is required with param" },
	{ "[" PS("t.a",
	         "\"amount\": " FIXED(
	             "{\"param\": \"p\", \"num\": 1, \"den\": 0, \"source\": "
	             "\"t\"}")) "]",
	  "[{\"name\": \"p\", \"label\": \"p\", \"source\": \"t\"}]",
	  "schemes[0].versions[0].amount.fixed.den", "must be from 1" },
	{ "[" PS("t.a", "\"amount\": " FIXED("{\"param\": \"p\", \"value\": "
	                                     "\"1\", \"num\": 1, \"den\": 1, "
	                                     "\"source\": \"t\"}")) "]",
	  "[{\"name\": \"p\", \"label\": \"p\", \"source\": \"t\"}]",
	  "schemes[0].versions[0].amount.fixed.param",
	  "an amount is a value or fen, or a parameter, not both" },
	{ "[" PS("t.a",
	         "\"amount\": " FIXED(
	             "{\"value\": \"1\", \"num\": 1, \"source\": \"t\"}")) "]",
	  "[]", "schemes[0].versions[0].amount.fixed.num",
	  "is only for an amount given by param" },
	{ "[" PS(
	      "t.a",
	      "\"amount\": " FIXED(
	          "{\"param\": \"nope\", \"num\": 1, \"den\": 1, \"source\": "
	          "\"t\"}")) "]",
	  "[]", "schemes[0].versions[0].amount.fixed.param",
	  "no parameter 'nope' is listed in this file or an ancestor's" },
	{ "[" PS("t.a", "\"age_rule\": \"period_end\", \"amount\": {\"kind\": "
	                "\"age_bands\", \"bands\": [{\"from_age\": 80, "
	                "\"to_age\": 89, \"amount\": " M(
	                    "60") "}, "
	                          "{\"from_age\": \"90\", \"to_age\": null, "
	                          "\"amount\": " M("120") "}]}") "]",
	  "[]", "schemes[0].versions[0].amount.bands[1].from_age",
	  "must be a whole number" },
	{ "[" PS("t.a", "\"age_rule\": \"period_end\", \"amount\": {\"kind\": "
	                "\"age_bands\", \"bands\": [{\"from_age\": 80, "
	                "\"to_age\": 89, \"amount\": " M(
	                    "60") "}, "
	                          "{\"from_age\": 85, \"to_age\": null, "
	                          "\"amount\": " M("120") "}]}") "]",
	  "[]", "schemes[0].versions[0].amount.bands[1]", "overlaps band 0" },
	{ "[" PS("t.a", "\"age_rule\": \"period_end\", \"amount\": {\"kind\": "
	                "\"age_bands\", \"bands\": [{\"from_age\": 80, "
	                "\"amount\": " M("60") "}]}") "]",
	  "[]", "schemes[0].versions[0].amount.bands[0].to_age",
	  "is required (null for \"and over\")" },
	{ "[" PS("t.a", "\"age_rule\": \"period_end\", \"amount\": {\"kind\": "
	                "\"age_bands\", \"bands\": []}") "]",
	  "[]", "schemes[0].versions[0].amount.bands",
	  "needs at least one entry" },
	{ "[" PS("t.a", "\"amount\": {\"kind\": \"care_levels\", \"levels\": "
	                "[{\"level\": \"self\", \"amount\": " M(
	                    "50") "}, "
	                          "{\"level\": \"self\", \"amount\": " M(
	                              "60") "}]}") "]",
	  "[]", "schemes[0].versions[0].amount.levels[1].level",
	  "repeats level" },
	{ "[" PS("t.a", "\"amount\": {\"kind\": \"care_levels\", \"levels\": "
	                "[{\"level\": \"all\", \"amount\": " M("50") "}]}") "]",
	  "[]", "schemes[0].versions[0].amount.levels[0].level",
	  "must be one of self, partly or disabled" },
	{ "[" IS("t.a",
	         "\"amount\": {\"kind\": \"care_levels\", \"levels\": "
	         "[{\"level\": \"self\", \"amount\": " M("50") "}]}") "]",
	  "[]", "schemes[0].versions[0].amount.kind",
	  "'care_levels' is for schemes paid to persons" },
	{ "[" IS("t.a", "\"amount\": {\"kind\": \"per_unit\", \"units\": "
	                "[{\"unit\": \"beds\", \"label_zh\": \"床位\", "
	                "\"amount\": " M(
	                    "1000") "}, {\"unit\": \"beds\", "
	                            "\"label_zh\": \"床\", \"amount\": " M(
	                                "1") "}]}") "]",
	  "[]", "schemes[0].versions[0].amount.units[1].unit", "" },
	{ "[" IS("t.a",
	         "\"amount\": {\"kind\": \"per_unit\", \"units\": "
	         "[{\"unit\": \"beds\", \"amount\": " M("1000") "}]}") "]",
	  "[]", "schemes[0].versions[0].amount.units[0].label_zh",
	  "is required" },
	{ "[" IS("t.A B", "\"amount\": " FIXED(M("1"))) "]", "[]",
	  "schemes[0].id", "must be 1..63 of a-z" },
	{ "[]", "{}", "parameters", "must be a list" },
	{ "[]",
	  "[{\"name\": \"p\", \"label\": \"p\", \"value\": \"1.005\", "
	  "\"source\": \"t\"}]",
	  "parameters[0].value", "must be yuan written as text" },
	{ "[]",
	  "[{\"name\": \"p\", \"label\": \"p\", \"source\": \"t\"}, "
	  "{\"name\": \"p\", \"label\": \"q\", \"source\": \"t\"}]",
	  "parameters[1].name", "appears twice in this file" },
	{ "[]", "[{\"name\": \"P q\", \"label\": \"p\", \"source\": \"t\"}]",
	  "parameters[0].name", "must be 1..63 of a-z" },
	{ "[]", "[{\"name\": \"p\", \"source\": \"t\"}]", "parameters[0].label",
	  "is required" },
	{ "[]",
	  "[{\"name\": \"p\", \"label\": \"p\", \"source\": \"t\", "
	  "\"vaule\": \"1\"}]",
	  "parameters[0].vaule", "is not a known key" },
	/* the support kind a credit listing or a membership may refuse */
	{ "[{\"id\": \"t.a\", " INSTITUTION ", \"support\": \"rent\", "
	  "\"versions\": [{\"amount\": " FIXED(M("1")) "}]}]",
	  "[]", "schemes[0].support",
	  "must be \"operating\" or \"construction\"" },
	{ "[{\"id\": \"t.a\", " PERSON ", \"support\": \"operating\", "
	  "\"versions\": [{\"amount\": " FIXED(M("1")) "}]}]",
	  "[]", "schemes[0].support", "is for schemes paid to institutions" },
};

static void test_malformed(void **state)
{
	struct fixture *fx = *state;

	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];

		print_message("case %zu: %s\n", i, c->path);
		write_subsidies(fx, CITY_FILE, BAZHONG, c->schemes, c->params);
		expect_refused(fx, CITY_FILE, c->path, c->what);
	}
}

/* One bad file refuses the whole set, the good presets with it. */
static void test_one_bad_file_refuses_all(void **state)
{
	struct fixture *fx = *state;

	write_subsidies(fx, CITY_FILE, BAZHONG,
	                "[" PS("t.a", "\"amount\": " FIXED(M("1"))) "]", "[]");
	write_subsidies(fx, COUNTY_FILE, BAZHOU,
	                "[" PS("t.b", "\"amount\": " FIXED(M("0.001"))) "]",
	                "[]");
	expect_refused(fx, COUNTY_FILE,
	               "schemes[0].versions[0].amount.fixed.value",
	               "must be yuan");
}

/* ---- merging down the path ---- */

#define CITY_SCHEMES                                                           \
	"[" IS("t.beds",                                                       \
	       "\"amount\": {\"kind\": \"per_unit\", \"units\": [{\"unit\": "  \
	       "\"occupied_beds\", \"label_zh\": \"床位\", \"amount\": " M(    \
	           "1000") "}]}") ", " IS("t.slots",                           \
	                                  "\"amount\": {\"kind\": "            \
	                                  "\"per_unit\", \"units\": "          \
	                                  "[{\"unit\": \"affordable_slots\", " \
	                                  "\"label_zh\": \"托位\", "         \
	                                  "\"amount\": {\"param\": "           \
	                                  "\"slot_rate\", \"num\": 1, "        \
	                                  "\"den\": 1, \"source\": "           \
	                                  "\"t\"}}]}") "]"
#define CITY_PARAMS                                                             \
	"[{\"name\": \"slot_rate\", \"label\": \"托位补助\", \"source\": "  \
	"\"t\"}, {\"name\": \"other\", \"label\": \"其他\", \"fen\": 12345, " \
	"\"source\": \"t\"}]"
#define COUNTY_SCHEMES                                                         \
	"[" IS("t.beds", "\"region\": \"511902000000\", \"amount\": "          \
	                 "{\"kind\": \"per_unit\", \"units\": [{\"unit\": "    \
	                 "\"occupied_beds\", \"label_zh\": \"床位\", "       \
	                 "\"amount\": " M("1500") "}]}") "]"
#define COUNTY_PARAMS                                                          \
	"[{\"name\": \"slot_rate\", \"label\": \"托位补助（区）\", "    \
	"\"value\": \"6000\", \"source\": \"t\"}]"

static void test_county_overrides(void **state)
{
	struct fixture *fx = *state;
	struct policy_set *s;
	const char *const city_path[] = { "510000000000", BAZHONG };
	const char *const county_path[] = { "510000000000", BAZHONG, BAZHOU };
	const struct subsidy_span reg[] = { { BAZHOU, NULL, NULL } };
	const struct subsidy_unit_count n[] = { { "occupied_beds", 80 },
		                                { "affordable_slots", 2 } };
	struct subsidy_subject inst = { .kind = SUBSIDY_INSTITUTION,
		                        .residence = reg,
		                        .n_residence = 1,
		                        .units = n,
		                        .n_units = 2 };
	const struct subsidy_param *params;
	struct policy_view v;

	write_subsidies(fx, CITY_FILE, BAZHONG, CITY_SCHEMES, CITY_PARAMS);
	/* the county's scheme names a parameter only its city lists */
	write_subsidies(fx, COUNTY_FILE, BAZHOU, COUNTY_SCHEMES, COUNTY_PARAMS);
	s = load_ok(fx->dir);

	policy_view_build(s, fx->arena, city_path, 2, &v);
	assert_int_equal(v.nschemes, 2);
	assert_int_equal(v.nparams, 2);
	assert_true(v.params[0]->fen == SUBSIDY_PARAM_UNSET);
	assert_int_equal(policy_view_param_values(&v, fx->arena, &params), 1);
	assert_string_equal(params[0].name, "other");
	assert_int_equal(params[0].fen, 12345);
	assert_int_equal(
	    pay(fx, &v, policy_view_scheme(&v, "t.beds"), &inst, year(2025)),
	    8000000);

	policy_view_build(s, fx->arena, county_path, 3, &v);
	assert_int_equal(v.nschemes, 2);
	/* the county's t.beds keeps the city's place */
	assert_string_equal(v.schemes[0]->id, "t.beds");
	assert_ptr_equal(v.schemes[0], &policy_set_find(s, BAZHOU)->schemes[0]);
	assert_ptr_equal(policy_view_scheme(&v, "t.beds"), v.schemes[0]);
	assert_ptr_equal(v.schemes[1],
	                 &policy_set_find(s, BAZHONG)->schemes[1]);
	assert_null(policy_view_scheme(&v, "t.none"));
	assert_int_equal(pay(fx, &v, v.schemes[0], &inst, year(2025)),
	                 12000000);
	/* parameters merged by name: the county sets the city's slot_rate */
	assert_int_equal(v.nparams, 2);
	assert_string_equal(v.params[0]->name, "slot_rate");
	assert_string_equal(v.params[0]->label_zh, "托位补助（区）");
	assert_int_equal(v.params[0]->fen, 600000);
	assert_string_equal(v.params[1]->name, "other");
	assert_int_equal(pay(fx, &v, v.schemes[1], &inst, year(2025)), 1200000);
	policy_set_unref(s);
}

/* A parameter listed only in a sibling's or a child's file does not
 * count. */
static void test_param_not_from_child(void **state)
{
	struct fixture *fx = *state;

	write_subsidies(fx, CITY_FILE, BAZHONG, CITY_SCHEMES, "[]");
	write_subsidies(fx, COUNTY_FILE, BAZHOU, "[]", CITY_PARAMS);
	expect_refused(fx, CITY_FILE,
	               "schemes[1].versions[0].amount.units[0].amount.param",
	               "no parameter 'slot_rate'");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_presets_load),     T(test_dazhu_gaoling),
		T(test_dazhu_tekun),      T(test_jingdezhen),
		T(test_bazhong),          T(test_yuan_parse),
		T(test_malformed),        T(test_one_bad_file_refuses_all),
		T(test_county_overrides), T(test_param_not_from_child),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
