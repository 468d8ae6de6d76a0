/*
 * Planning and gap arithmetic (core/plan.c). The figures are the seeds'
 * (the five files in shared/seeds), gathered in one place below with where each
 * is stated; every expected result is worked out again here, by hand in a
 * comment or with an independent expression, never by calling the code
 * under test twice.
 */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/plan.h"

/* ---- the seed figures ---- */

/* 002 开州 一(二)1: 常住人口120.33万人, 60岁及以上人口为27.4万人;
 * 一(一)2: 养老床位9130张, 护理型养老床位4930张, 托位数1514个;
 * 每千人口托位数不少于4.5个 -> 托育床位需求为5400个;
 * 按每千名老年人口养老床位达40张 -> 养老床位需求为1.1万张;
 * 二(一): 护理型床位占比不低于60%; 7. 人均用地不少于0.2平方米;
 * indicator 17: 每千名老年人配套社会工作者人数 5. */
static const double kz_population = 1203300.0;
static const double kz_aged_60 = 274000.0;
static const double kz_beds = 9130.0;
static const double kz_slots = 1514.0;

/* 004 景德镇 一(三)1: 全省养老服务床位总数达到30万张左右, 江西省60岁及以上
 * 老年人口数为762.48万人, 需要养老床位数10500张, 现存量为4059张, 缺口为6441张;
 * 60岁及以上常住老年人口数为26.92万人 (2020), 预计达到32.41万人 (2025);
 * 每千人口托位数4.5个 -> 需要托位7367个, 托位数量为4036个, 缺口数为3331个;
 * 一: 常住人口总数为161.90万人. */
static const double jdz_province_target = 300000.0;
static const double jdz_province_aged_60 = 7624800.0;
static const double jdz_aged_60 = 269200.0;
static const double jdz_aged_60_2025 = 324100.0;
static const double jdz_stated_beds = 10500.0;
static const double jdz_beds = 4059.0;
static const double jdz_stated_slots = 7367.0;
static const double jdz_slots = 4036.0;
static const double jdz_population = 1619000.0;

/* 000 巴中 一(三): 常住人口为271.29万人, 60岁及以上人口66.34万人;
 * 一(一): 全市现有托位4662个; 需新增托位10000个以上. */
static const double bz_population = 2712900.0;
static const double bz_slots = 4662.0;

/* 001 大竹 第三节: 60周岁以上常住老年人口19.10万, 2025年 21万;
 * 第一节: 各类养老床位0.49万张; 二: 养老床位总数力争达到4500张. */
static const double dz_aged_60 = 191000.0;
static const double dz_aged_60_2025 = 210000.0;
static const double dz_beds = 4900.0;
static const double dz_beds_target = 4500.0;

/* the standards */
static const double slots_per_1000 = 4.5; /* all five seeds */
static const double kz_beds_per_1000 = 40.0;

#define EPS 1e-9

/* cmocka has no double comparison: |got - want| <= eps, the values shown
 * in full when not. */
#define assert_near(got, want, eps)                                            \
	near_((got), (want), (eps), #got, __FILE__, __LINE__)

static void near_(double got, double want, double eps, const char *expr,
                  const char *file, int line)
{
	if (!(fabs(got - want) <= eps))
		fail_msg("%s:%d: %s is %.17g, want %.17g (within %g)", file,
		         line, expr, got, want, eps);
}

static struct lx_error err;

static int setup(void **state)
{
	lx_error_clear(&err);
	return 0;
}

/* A call that must fail with LX_EINVALID naming field. */
#define expect_invalid(call, want_field)                                       \
	do {                                                                   \
		lx_error_clear(&err);                                          \
		assert_int_equal((call), -1);                                  \
		assert_int_equal(err.code, LX_EINVALID);                       \
		assert_string_equal(err.field, (want_field));                  \
		assert_non_null(strstr(err.message, (want_field)));            \
	} while (0)

static void expect_ratio(struct plan_ratio r, double num, double den)
{
	assert_near(r.num, num, EPS);
	assert_near(r.den, den, EPS);
	assert_near(r.value, num / den, EPS);
}

/* ---- rounding ---- */

static void test_round_half_away(void **state)
{
	/* the seeds' figures, each as written */
	assert_near(plan_round(5414.85, PLAN_ROUND_HALF_AWAY, 0), 5415, 0);
	assert_near(plan_round(5414.85, PLAN_ROUND_HALF_AWAY, 1), 5414.9, 0);
	assert_near(plan_round(3900.85, PLAN_ROUND_HALF_AWAY, 0), 3901, 0);
	assert_near(plan_round(12208.05, PLAN_ROUND_HALF_AWAY, 0), 12208, 0);
	/* ...05 is a half at 1 decimal: away from zero, though the double
	 * nearest 12208.05 is 12208.04999999999927 */
	assert_near(plan_round(12208.05, PLAN_ROUND_HALF_AWAY, 1), 12208.1, 0);
	assert_near(plan_round(7546.05, PLAN_ROUND_HALF_AWAY, 0), 7546, 0);
	assert_near(plan_round(2.675, PLAN_ROUND_HALF_AWAY, 2), 2.68, 0);
	assert_near(plan_round(1.005, PLAN_ROUND_HALF_AWAY, 2), 1.01, 0);
	/* 开州 rounds 5414.85 to hundreds: 5400 */
	assert_near(plan_round(5414.85, PLAN_ROUND_HALF_AWAY, -2), 5400, 0);
	/* a carry through every digit */
	assert_near(plan_round(9.95, PLAN_ROUND_HALF_AWAY, 1), 10.0, 0);
	assert_near(plan_round(999.5, PLAN_ROUND_HALF_AWAY, 0), 1000, 0);
	/* halves go away from zero on both sides */
	assert_near(plan_round(0.5, PLAN_ROUND_HALF_AWAY, 0), 1, 0);
	assert_near(plan_round(-0.5, PLAN_ROUND_HALF_AWAY, 0), -1, 0);
	assert_near(plan_round(-2.5, PLAN_ROUND_HALF_AWAY, 0), -3, 0);
	assert_near(plan_round(2.4999, PLAN_ROUND_HALF_AWAY, 0), 2, 0);
	/* below the last place kept: zero */
	assert_near(plan_round(0.04, PLAN_ROUND_HALF_AWAY, 1), 0, 0);
	assert_near(plan_round(-0.04, PLAN_ROUND_HALF_AWAY, 1), 0, 0);
	assert_near(plan_round(1e-300, PLAN_ROUND_HALF_AWAY, 2), 0, 0);
	assert_near(plan_round(0.0, PLAN_ROUND_HALF_AWAY, 2), 0, 0);
	/* nothing to round */
	assert_near(plan_round(1e300, PLAN_ROUND_HALF_AWAY, 2), 1e300, 0);
	assert_near(plan_round(10960, PLAN_ROUND_HALF_AWAY, 0), 10960, 0);
	/* decimals clamped to -15..15 */
	assert_near(plan_round(0.1234, PLAN_ROUND_HALF_AWAY, 99), 0.1234, 0);
	assert_near(plan_round(5.5e15, PLAN_ROUND_HALF_AWAY, -99), 6e15, 0);
	/* not finite or unknown rule: unchanged */
	assert_true(isnan(plan_round(NAN, PLAN_ROUND_HALF_AWAY, 0)));
	assert_true(isinf(plan_round(INFINITY, PLAN_ROUND_UP, 0)));
	assert_near(plan_round(1.25, (enum plan_rounding)9, 0), 1.25, 0);
}

/* main() calls setlocale(LC_ALL, ""): a decimal comma must not change
 * the rounding. Skipped where no such locale is installed. */
static void test_round_locale(void **state)
{
	static const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8",
		                         "ru_RU.UTF-8" };
	const char *set = NULL;
	double a, b;

	for (size_t i = 0; i < 3 && !set; i++)
		set = setlocale(LC_NUMERIC, locales[i]);
	if (!set) {
		skip();
		return;
	}
	a = plan_round(5414.85, PLAN_ROUND_HALF_AWAY, 1);
	b = plan_round(12208.05, PLAN_ROUND_HALF_AWAY, 0);
	setlocale(LC_NUMERIC, "C");
	assert_near(a, 5414.9, 0);
	assert_near(b, 12208, 0);
}

static void test_round_up(void **state)
{
	/* 大竹 staffing: 25/10, 14/6, 7/3 */
	assert_near(plan_round(25.0 / 10.0, PLAN_ROUND_UP, 0), 3, 0);
	assert_near(plan_round(14.0 / 6.0, PLAN_ROUND_UP, 0), 3, 0);
	assert_near(plan_round(7.0 / 3.0, PLAN_ROUND_UP, 0), 3, 0);
	assert_near(plan_round(3.0, PLAN_ROUND_UP, 0), 3, 0);
	assert_near(plan_round(0.0, PLAN_ROUND_UP, 0), 0, 0);
	assert_near(plan_round(-2.5, PLAN_ROUND_UP, 0), -2, 0);
	/* decimals play no part */
	assert_near(plan_round(2.01, PLAN_ROUND_UP, 2), 3, 0);
}

static void test_round_describe(void **state)
{
	char buf[96];

	assert_string_equal(plan_rounding_describe(PLAN_ROUND_HALF_AWAY, 1, 0,
	                                           buf, sizeof(buf)),
	                    "round half away from zero to 1 decimal");
	assert_string_equal(plan_rounding_describe(PLAN_ROUND_HALF_AWAY, 2, 0,
	                                           buf, sizeof(buf)),
	                    "round half away from zero to 2 decimals");
	assert_string_equal(plan_rounding_describe(PLAN_ROUND_HALF_AWAY, 0, 0,
	                                           buf, sizeof(buf)),
	                    "round half away from zero to a whole number");
	assert_string_equal(plan_rounding_describe(PLAN_ROUND_HALF_AWAY, -2, 0,
	                                           buf, sizeof(buf)),
	                    "round half away from zero to the nearest 100");
	assert_string_equal(
	    plan_rounding_describe(PLAN_ROUND_UP, 0, 0, buf, sizeof(buf)),
	    "round up to whole persons");
	assert_string_equal(plan_rounding_describe(PLAN_ROUND_HALF_AWAY, 1, 1,
	                                           buf, sizeof(buf)),
	                    "四舍五入，保留1位小数");
	assert_string_equal(plan_rounding_describe(PLAN_ROUND_HALF_AWAY, 0, 1,
	                                           buf, sizeof(buf)),
	                    "四舍五入，取整");
	assert_string_equal(plan_rounding_describe(PLAN_ROUND_HALF_AWAY, -2, 1,
	                                           buf, sizeof(buf)),
	                    "四舍五入，精确到100");
	assert_string_equal(
	    plan_rounding_describe(PLAN_ROUND_UP, 0, 1, buf, sizeof(buf)),
	    "向上取整（整人）");
	/* a short buffer is cut and terminated */
	assert_string_equal(plan_rounding_describe(PLAN_ROUND_UP, 0, 0, buf, 6),
	                    "round");
}

/* ---- 开州: demand from per-1000 standards ---- */

static void test_kaizhou(void **state)
{
	struct plan_ratio slots, beds, nursing;
	struct plan_gap gap;

	/* 1,203,300 * 4.5 = 5,414,850; / 1000 = 5,414.85 (the seed: 5400) */
	assert_int_equal(
	    plan_slots_needed(kz_population, slots_per_1000, &slots, &err), 0);
	expect_ratio(slots, 5414850.0, 1000.0);
	assert_near(slots.value, 5414.85, EPS);
	assert_near(plan_round(slots.value, PLAN_ROUND_HALF_AWAY, -2), 5400, 0);

	/* 5,414.85 - 1,514 = 3,900.85 -> 3,901 (the seed: 3800余 from 5400) */
	assert_int_equal(plan_gap_compute(slots.value, kz_slots, &gap, &err),
	                 0);
	assert_int_equal(gap.kind, PLAN_SHORTFALL);
	assert_near(gap.shortfall, 3900.85, EPS);
	assert_near(gap.surplus, 0, 0);
	assert_near(plan_round(gap.shortfall, PLAN_ROUND_HALF_AWAY, 0), 3901,
	            0);

	/* 274,000 * 40 / 1000 = 10,960 (the seed: 1.1万) */
	struct plan_beds_input in = {
		.method = PLAN_BEDS_PER_1000_AGED_60,
		.aged_60 = kz_aged_60,
		.per_1000 = kz_beds_per_1000,
	};
	assert_int_equal(plan_beds_needed(&in, &beds, &err), 0);
	expect_ratio(beds, 10960000.0, 1000.0);
	assert_near(beds.value, 10960, EPS);

	/* 10,960 - 9,130 = 1,830 */
	assert_int_equal(plan_gap_compute(beds.value, kz_beds, &gap, &err), 0);
	assert_int_equal(gap.kind, PLAN_SHORTFALL);
	assert_near(gap.shortfall, 1830, EPS);

	/* 60% nursing-type: 10,960 * 60 / 100 = 6,576 */
	assert_int_equal(
	    plan_nursing_beds_needed(beds.value, 60, &nursing, &err), 0);
	expect_ratio(nursing, 657600.0, 100.0);
	assert_near(nursing.value, 6576, EPS);
}

/* ---- 景德镇: a share of the provincial target, and a basis ---- */

static void test_jingdezhen(void **state)
{
	struct plan_ratio beds, basis, slots;
	struct plan_gap gap;
	struct plan_beds_input in = {
		.method = PLAN_BEDS_PROVINCIAL_SHARE,
		.aged_60 = jdz_aged_60,
		.target = jdz_province_target,
		.province_aged_60 = jdz_province_aged_60,
	};

	/* 300,000 * 269,200 = 80,760,000,000; / 7,624,800
	 * = 33,650,000 / 3,177 (both divided by 2,400) = 10,591.7532263... */
	assert_int_equal(plan_beds_needed(&in, &beds, &err), 0);
	expect_ratio(beds, 80760000000.0, 7624800.0);
	assert_near(beds.value, 33650000.0 / 3177.0, 1e-6);
	assert_near(beds.value, 10591.7532263, 1e-6);
	assert_near(plan_round(beds.value, PLAN_ROUND_HALF_AWAY, 1), 10591.8,
	            0);
	/* the seed's 10,500 is that figure cut to hundreds, not rounded */
	assert_near(plan_round(beds.value, PLAN_ROUND_HALF_AWAY, -2), 10600, 0);

	/* with the seed's own 10,500: 10,500 - 4,059 = 6,441, as it says */
	assert_int_equal(
	    plan_gap_compute(jdz_stated_beds, jdz_beds, &gap, &err), 0);
	assert_int_equal(gap.kind, PLAN_SHORTFALL);
	assert_near(gap.shortfall, 6441, EPS);

	/* 7,367 slots at 4.5 per 1000: 7,367,000 / 4.5 = 1,637,111.1,
	 * 18,111.1 more than the census 1,619,000 */
	assert_int_equal(plan_basis_population(jdz_stated_slots, slots_per_1000,
	                                       &basis, &err),
	                 0);
	expect_ratio(basis, 7367000.0, 4.5);
	assert_near(basis.value, 1637111.1111111, 1e-6);
	assert_near(plan_round(basis.value, PLAN_ROUND_HALF_AWAY, 0), 1637111,
	            0);
	assert_near(basis.value - jdz_population, 18111.1111111, 1e-6);

	/* the census gives 1,619,000 * 4.5 / 1000 = 7,285.5, not 7,367 */
	assert_int_equal(
	    plan_slots_needed(jdz_population, slots_per_1000, &slots, &err), 0);
	assert_near(slots.value, 7285.5, EPS);

	/* the seed's slot gap: 7,367 - 4,036 = 3,331 */
	assert_int_equal(
	    plan_gap_compute(jdz_stated_slots, jdz_slots, &gap, &err), 0);
	assert_near(gap.shortfall, 3331, EPS);
}

/* ---- 巴中 ---- */

static void test_bazhong(void **state)
{
	struct plan_ratio slots, basis;
	struct plan_gap gap;

	/* 2,712,900 * 4.5 / 1000 = 12,208.05 -> 12,208 */
	assert_int_equal(
	    plan_slots_needed(bz_population, slots_per_1000, &slots, &err), 0);
	expect_ratio(slots, 12208050.0, 1000.0);
	assert_near(slots.value, 12208.05, EPS);
	assert_near(plan_round(slots.value, PLAN_ROUND_HALF_AWAY, 0), 12208, 0);

	/* 12,208.05 - 4,662 = 7,546.05 -> 7,546 */
	assert_int_equal(plan_gap_compute(slots.value, bz_slots, &gap, &err),
	                 0);
	assert_int_equal(gap.kind, PLAN_SHORTFALL);
	assert_near(gap.shortfall, 7546.05, EPS);
	assert_near(plan_round(gap.shortfall, PLAN_ROUND_HALF_AWAY, 0), 7546,
	            0);

	/* the seed's "需新增托位10000个以上" on top of 4,662 implies a base of
	 * 14,662 * 1000 / 4.5 = 3,258,222.2, not the census 2,712,900 */
	assert_int_equal(plan_basis_population(bz_slots + 10000, slots_per_1000,
	                                       &basis, &err),
	                 0);
	assert_near(basis.value, 3258222.2222222, 1e-6);
}

/* ---- gap: surplus is never a negative need ---- */

static void test_gap_surplus(void **state)
{
	struct plan_gap gap;

	/* 大竹: 4,900 beds against its 4,500 target: surplus 400 */
	assert_int_equal(plan_gap_compute(dz_beds_target, dz_beds, &gap, &err),
	                 0);
	assert_int_equal(gap.kind, PLAN_SURPLUS);
	assert_near(gap.surplus, 400, EPS);
	assert_near(gap.shortfall, 0, 0);
	assert_near(gap.need, 4500, 0);
	assert_near(gap.supply, 4900, 0);

	/* equal: a surplus of 0 */
	assert_int_equal(plan_gap_compute(kz_slots, kz_slots, &gap, &err), 0);
	assert_int_equal(gap.kind, PLAN_SURPLUS);
	assert_near(gap.surplus, 0, 0);
	assert_near(gap.shortfall, 0, 0);

	/* nothing needed, something there */
	assert_int_equal(plan_gap_compute(0, 10, &gap, &err), 0);
	assert_int_equal(gap.kind, PLAN_SURPLUS);
	assert_near(gap.surplus, 10, 0);
}

/* ---- residential development check ---- */

/* 巴中: 每100户不低于30平方米、单处用房建筑面积不低于300平方米; 新建居住区
 * 每千人口不少于10个托位, 老城区 8个; 人均用地不少于0.1平方米. */
static const struct plan_dev_policy bz_policy = {
	.floor_m2_per_100_households = { 1, 30 },
	.single_facility_min_m2 = { 1, 300 },
	.slots_per_1000_new = { 1, 10 },
	.slots_per_1000_old = { 1, 8 },
	.land_m2_per_resident = { 1, 0.1 },
};

/* The brief's example: 2,000 households, 6,000 residents. */
static struct plan_development bz_dev(void)
{
	struct plan_development d = {
		.households = 2000,
		.residents = 6000,
		.district = PLAN_DISTRICT_NEW,
		.floor_m2 = 600,
		.largest_facility_m2 = 300,
		.slots = 60,
		.land_m2 = 600,
	};
	return d;
}

static void expect_rule(const struct plan_dev_result *r, int rule, int verdict,
                        double required, double provided)
{
	const struct plan_rule_result *x = &r->rule[rule];

	if ((int)x->verdict != verdict)
		fail_msg(
		    "rule %s: verdict %s, want %s", plan_dev_rule_name(rule),
		    plan_verdict_name(x->verdict), plan_verdict_name(verdict));
	assert_near(x->required.value, required, EPS);
	assert_near(x->provided, provided, EPS);
}

static void test_dev_bazhong_new(void **state)
{
	struct plan_development d = bz_dev();
	struct plan_dev_result r;

	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	/* 2000 * 30 / 100 = 600 m²; 300 m²; 6000 * 10 / 1000 = 60 slots;
	 * 6000 * 0.1 = 600 m² of land */
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_PASS, 600, 600);
	expect_ratio(r.rule[PLAN_RULE_FLOOR_AREA].required, 60000, 100);
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_PASS, 300, 300);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_PASS, 60, 60);
	expect_ratio(r.rule[PLAN_RULE_CHILDCARE_SLOTS].required, 60000, 1000);
	assert_near(r.rule[PLAN_RULE_CHILDCARE_SLOTS].param, 10, 0);
	expect_rule(&r, PLAN_RULE_LAND, PLAN_PASS, 600, 600);
	assert_int_equal(r.applicable, 4);
	assert_int_equal(r.failed, 0);
	assert_string_equal(plan_verdict_label_zh(PLAN_PASS), "达标");
}

static void test_dev_old_district(void **state)
{
	struct plan_development d = bz_dev();
	struct plan_dev_policy pol = bz_policy;
	struct plan_dev_result r;

	/* 老城区: 6000 * 8 / 1000 = 48 slots; the floor rules are for new
	 * developments, so they do not apply */
	d.district = PLAN_DISTRICT_OLD;
	d.slots = 48;
	d.floor_m2 = 0;
	d.largest_facility_m2 = 0;
	assert_int_equal(plan_dev_check(&d, &pol, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_PASS, 48, 48);
	assert_near(r.rule[PLAN_RULE_CHILDCARE_SLOTS].param, 8, 0);
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_NOT_APPLICABLE, 0, 0);
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_NOT_APPLICABLE, 0, 0);
	expect_rule(&r, PLAN_RULE_LAND, PLAN_PASS, 600, 600);
	assert_int_equal(r.applicable, 2);
	assert_int_equal(r.failed, 0);

	/* 47 slots fall short of 48 */
	d.slots = 47;
	assert_int_equal(plan_dev_check(&d, &pol, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_FAIL, 48, 47);
	assert_int_equal(r.failed, 1);

	/* a policy that binds old districts too */
	pol.floor_rules_bind_old = 1;
	d.slots = 48;
	assert_int_equal(plan_dev_check(&d, &pol, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_FAIL, 600, 0);
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_FAIL, 300, 0);
	assert_int_equal(r.applicable, 4);
	assert_int_equal(r.failed, 2);
}

static void test_dev_failing(void **state)
{
	struct plan_development d = bz_dev();
	struct plan_dev_result r;

	d.floor_m2 = 599.5;
	d.largest_facility_m2 = 299;
	d.slots = 59;
	d.land_m2 = 599.99;
	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_FAIL, 600, 599.5);
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_FAIL, 300, 299);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_FAIL, 60, 59);
	expect_rule(&r, PLAN_RULE_LAND, PLAN_FAIL, 600, 599.99);
	assert_int_equal(r.failed, 4);
	assert_string_equal(plan_verdict_name(PLAN_FAIL), "fail");

	/* unrounded requirement: 6,050 * 10 / 1000 = 60.5, so 60 fails and
	 * 61 passes */
	d = bz_dev();
	d.residents = 6050;
	d.land_m2 = 605;
	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_FAIL, 60.5, 60);
	d.slots = 61;
	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_PASS, 60.5, 61);
	assert_int_equal(r.failed, 0);
}

static void test_dev_not_applicable(void **state)
{
	/* 景德镇: 每百户不少于20平方米; 新建 每千人口规划托位数10个; no
	 * single-site minimum, no figure for old districts, no land per
	 * resident */
	struct plan_dev_policy jdz = {
		.floor_m2_per_100_households = PLAN_PARAM(20),
		.single_facility_min_m2 = PLAN_UNSET,
		.slots_per_1000_new = PLAN_PARAM(10),
		.land_m2_per_resident = PLAN_UNSET,
	};
	/* 开州: 人均用地不少于0.2平方米 only */
	struct plan_dev_policy kz = {
		.land_m2_per_resident = PLAN_PARAM(0.2),
	};
	struct plan_development d = bz_dev();
	struct plan_dev_result r;

	/* 2000 * 20 / 100 = 400 m² */
	d.floor_m2 = 400;
	d.largest_facility_m2 = 150;
	assert_int_equal(plan_dev_check(&d, &jdz, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_PASS, 400, 400);
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_NOT_APPLICABLE, 0, 150);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_PASS, 60, 60);
	expect_rule(&r, PLAN_RULE_LAND, PLAN_NOT_APPLICABLE, 0, 600);
	assert_int_equal(r.applicable, 2);
	assert_string_equal(plan_verdict_name(PLAN_NOT_APPLICABLE),
	                    "not_applicable");
	assert_string_equal(plan_verdict_label_zh(PLAN_NOT_APPLICABLE),
	                    "不适用");

	d.district = PLAN_DISTRICT_OLD;
	assert_int_equal(plan_dev_check(&d, &jdz, &r, &err), 0);
	assert_int_equal(r.applicable, 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_NOT_APPLICABLE, 0, 60);

	/* 6000 * 0.2 = 1,200 m² of land; 600 fails */
	d = bz_dev();
	assert_int_equal(plan_dev_check(&d, &kz, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_LAND, PLAN_FAIL, 1200, 600);
	assert_int_equal(r.applicable, 1);
	assert_int_equal(r.failed, 1);
	assert_string_equal(plan_dev_rule_name(PLAN_RULE_LAND), "land");
	assert_string_equal(plan_dev_rule_name(PLAN_RULE__MAX), "");
}

/* ---- staffing ---- */

static const double dz_ratio[PLAN_CARE__MAX] = { 10, 6, 3 };

static void test_caregivers(void **state)
{
	const long long res[PLAN_CARE__MAX] = { 25, 14, 7 };
	struct plan_caregivers c;

	/* 25/10 = 2.5 -> 3; 14/6 = 2.33 -> 3; 7/3 = 2.33 -> 3; 9 in all
	 * (ceil of the sum, 7.17, would be 8) */
	assert_int_equal(plan_caregivers_needed(res, dz_ratio, 8, &c, &err), 0);
	assert_near(c.exact[PLAN_CARE_SELF], 2.5, EPS);
	assert_near(c.exact[PLAN_CARE_PARTLY], 14.0 / 6.0, EPS);
	assert_near(c.exact[PLAN_CARE_DISABLED], 7.0 / 3.0, EPS);
	assert_int_equal(c.needed[PLAN_CARE_SELF], 3);
	assert_int_equal(c.needed[PLAN_CARE_PARTLY], 3);
	assert_int_equal(c.needed[PLAN_CARE_DISABLED], 3);
	assert_int_equal(c.total, 9);
	/* 8 on staff: one short */
	assert_int_equal(c.gap.kind, PLAN_SHORTFALL);
	assert_near(c.gap.shortfall, 1, 0);

	/* 10 on staff: one over */
	assert_int_equal(plan_caregivers_needed(res, dz_ratio, 10, &c, &err),
	                 0);
	assert_int_equal(c.gap.kind, PLAN_SURPLUS);
	assert_near(c.gap.surplus, 1, 0);

	/* exact multiples are not rounded up: 30/10, 18/6, 9/3 = 3 + 3 + 3 */
	const long long even[PLAN_CARE__MAX] = { 30, 18, 9 };
	assert_int_equal(plan_caregivers_needed(even, dz_ratio, 9, &c, &err),
	                 0);
	assert_int_equal(c.total, 9);
	assert_near(c.gap.surplus, 0, 0);
	assert_near(c.gap.shortfall, 0, 0);
}

static void test_caregivers_zero(void **state)
{
	const long long none[PLAN_CARE__MAX] = { 0, 0, 0 };
	const long long one[PLAN_CARE__MAX] = { 0, 0, 1 };
	struct plan_caregivers c;

	assert_int_equal(plan_caregivers_needed(none, dz_ratio, 0, &c, &err),
	                 0);
	assert_int_equal(c.total, 0);
	assert_int_equal(c.gap.kind, PLAN_SURPLUS);
	assert_near(c.gap.surplus, 0, 0);

	/* one fully disabled resident needs a whole caregiver */
	assert_int_equal(plan_caregivers_needed(one, dz_ratio, 0, &c, &err), 0);
	assert_int_equal(c.total, 1);
	assert_near(c.gap.shortfall, 1, 0);
}

static void test_social_workers(void **state)
{
	struct plan_social_workers s;

	/* 大竹: 每千名老年人、每百张养老机构床位均配备1名社会工作者:
	 * 4,900 * 1 / 100 = 49; 191,000 * 1 / 1000 = 191 */
	assert_int_equal(plan_social_workers_needed(dz_beds, PLAN_PARAM(1),
	                                            dz_aged_60, PLAN_PARAM(1),
	                                            &s, &err),
	                 0);
	assert_true(s.has_by_beds);
	assert_true(s.has_by_aged);
	expect_ratio(s.by_beds, 4900, 100);
	expect_ratio(s.by_aged, 191000, 1000);
	assert_near(s.by_beds.value, 49, EPS);
	assert_near(s.by_aged.value, 191, EPS);

	/* 开州: 5 per 1000 aged 60+: 274,000 * 5 / 1000 = 1,370; no per-bed
	 * standard */
	assert_int_equal(plan_social_workers_needed(kz_beds, PLAN_UNSET,
	                                            kz_aged_60, PLAN_PARAM(5),
	                                            &s, &err),
	                 0);
	assert_false(s.has_by_beds);
	assert_near(s.by_beds.value, 0, 0);
	assert_near(s.by_aged.value, 1370, EPS);

	/* 4,950 beds at 1 per 100: 49.5, shown as 50 persons */
	assert_int_equal(plan_social_workers_needed(4950, PLAN_PARAM(1), 0,
	                                            PLAN_UNSET, &s, &err),
	                 0);
	assert_near(s.by_beds.value, 49.5, EPS);
	assert_near(plan_round(s.by_beds.value, PLAN_ROUND_UP, 0), 50, 0);
	assert_false(s.has_by_aged);
}

/* ---- internal clinic ---- */

/* 大竹: 100张以上床位的养老机构，除与医疗机构整合设置的，应内设医疗机构 */
static const struct plan_clinic_rule dz_rules[] = {
	{ PLAN_OWN_ANY, 100, -1, 1 },
};

/* 景德镇: 入住50人以上的公办…和设置床位、托位150张以上的民办…应内设医务室
 * 或护理站 */
static const struct plan_clinic_rule jdz_rules[] = {
	{ PLAN_OWN_PUBLIC, -1, 50, 0 },
	{ PLAN_OWN_PRIVATE, 150, -1, 0 },
};

static struct plan_clinic_result clinic(const struct plan_clinic_rule *rules,
                                        size_t n, int own, long long beds,
                                        long long residents, int integrated)
{
	struct plan_institution in = { own, beds, residents, integrated };
	struct plan_clinic_result r;

	assert_int_equal(plan_clinic_required(rules, n, &in, &r, &err), 0);
	return r;
}

static void test_clinic_dazhu(void **state)
{
	struct plan_clinic_result r;

	r = clinic(dz_rules, 1, PLAN_OWN_PRIVATE, 99, 99, 0);
	assert_false(r.required);
	assert_int_equal(r.rule, -1);
	assert_int_equal(r.matched, 0);

	r = clinic(dz_rules, 1, PLAN_OWN_PRIVATE, 100, 0, 0);
	assert_true(r.required);
	assert_int_equal(r.rule, 0);
	assert_int_equal(r.matched, 1);

	r = clinic(dz_rules, 1, PLAN_OWN_PUBLIC, 100, 0, 0);
	assert_true(r.required);
	r = clinic(dz_rules, 1, PLAN_OWN_OTHER, 300, 0, 0);
	assert_true(r.required);

	/* set up with a medical institution: exempt */
	r = clinic(dz_rules, 1, PLAN_OWN_PUBLIC, 300, 250, 1);
	assert_false(r.required);
}

static void test_clinic_jingdezhen(void **state)
{
	struct plan_clinic_result r;

	/* public: by residents, 49 / 50 */
	r = clinic(jdz_rules, 2, PLAN_OWN_PUBLIC, 300, 49, 0);
	assert_false(r.required);
	r = clinic(jdz_rules, 2, PLAN_OWN_PUBLIC, 10, 50, 0);
	assert_true(r.required);
	assert_int_equal(r.rule, 0);

	/* private: by beds, 149 / 150 */
	r = clinic(jdz_rules, 2, PLAN_OWN_PRIVATE, 149, 149, 0);
	assert_false(r.required);
	r = clinic(jdz_rules, 2, PLAN_OWN_PRIVATE, 150, 0, 0);
	assert_true(r.required);
	assert_int_equal(r.rule, 1);

	/* integration does not exempt under these rules */
	r = clinic(jdz_rules, 2, PLAN_OWN_PRIVATE, 150, 0, 1);
	assert_true(r.required);

	/* neither public nor private: no 景德镇 rule reaches it */
	r = clinic(jdz_rules, 2, PLAN_OWN_OTHER, 500, 500, 0);
	assert_false(r.required);

	/* no rules: nothing required */
	r = clinic(NULL, 0, PLAN_OWN_PUBLIC, 500, 500, 0);
	assert_false(r.required);
	assert_int_equal(r.rule, -1);
}

static void test_clinic_both_thresholds(void **state)
{
	/* a rule with both thresholds needs both; two rules can both apply */
	const struct plan_clinic_rule rules[] = {
		{ PLAN_OWN_ANY, 100, 80, 0 },
		{ PLAN_OWN_PUBLIC, -1, 50, 0 },
	};
	struct plan_clinic_result r;

	r = clinic(rules, 2, PLAN_OWN_PRIVATE, 100, 79, 0);
	assert_false(r.required);
	r = clinic(rules, 2, PLAN_OWN_PRIVATE, 100, 80, 0);
	assert_true(r.required);
	r = clinic(rules, 2, PLAN_OWN_PUBLIC, 100, 80, 0);
	assert_int_equal(r.rule, 0);
	assert_int_equal(r.matched, 2);
	r = clinic(rules, 2, PLAN_OWN_PUBLIC, 10, 60, 0);
	assert_int_equal(r.rule, 1);
	assert_int_equal(r.matched, 1);
}

/* ---- size classes ---- */

/* 巴中: 超过150个托位的超大型、100-150个的大型、51-99个的中型，50个以下的 */
static const struct plan_size_band bz_bands[] = {
	{ "超大型", 151, -1 },
	{ "大型", 100, 150 },
	{ "中型", 51, 99 },
	{ "小型", 0, 50 },
};

static void test_size_boundaries(void **state)
{
	assert_int_equal(plan_size_bands_check(bz_bands, 4, &err), 0);
	assert_int_equal(plan_size_class(bz_bands, 4, 151), 0);
	assert_int_equal(plan_size_class(bz_bands, 4, 1000), 0);
	assert_int_equal(plan_size_class(bz_bands, 4, 150), 1);
	assert_int_equal(plan_size_class(bz_bands, 4, 100), 1);
	assert_int_equal(plan_size_class(bz_bands, 4, 99), 2);
	assert_int_equal(plan_size_class(bz_bands, 4, 51), 2);
	assert_int_equal(plan_size_class(bz_bands, 4, 50), 3);
	assert_int_equal(plan_size_class(bz_bands, 4, 0), 3);
	assert_int_equal(plan_size_class(bz_bands, 4, -1), -1);
	assert_int_equal(plan_size_class(bz_bands, 0, 10), -1);
}

static void test_size_count_bazhong(void **state)
{
	/* 巴中's 19 institutions, split 1 / 5 / 7 / 6 as the seed says, the
	 * boundaries among them */
	const long long slots[] = {
		160,                             /* 超大型: 1 */
		100, 120, 135, 149, 150,         /* 大型: 5 */
		51,  60,  70,  80,  90,  95, 99, /* 中型: 7 */
		10,  20,  30,  40,  45,  50,     /* 50 or fewer: 6 */
	};
	size_t counts[5];

	assert_int_equal(sizeof(slots) / sizeof(slots[0]), 19);
	assert_int_equal(plan_size_count(bz_bands, 4, slots, 19, counts, &err),
	                 0);
	assert_int_equal(counts[0], 1);
	assert_int_equal(counts[1], 5);
	assert_int_equal(counts[2], 7);
	assert_int_equal(counts[3], 6);
	assert_int_equal(counts[4], 0); /* none unclassified */
}

static void test_size_gaps_and_errors(void **state)
{
	const struct plan_size_band gappy[] = {
		{ "small", 0, 50 },
		{ "large", 60, -1 },
	};
	const struct plan_size_band overlap[] = {
		{ "a", 0, 100 },
		{ "b", 100, 150 },
	};
	const struct plan_size_band open_overlap[] = {
		{ "a", 151, -1 },
		{ "b", 100, 200 },
	};
	const struct plan_size_band backwards[] = {
		{ "a", 99, 51 },
	};
	const long long slots[] = { 55, 10, 70 };
	const long long bad[] = { 10, 20, -3 };
	size_t counts[3];

	assert_int_equal(plan_size_count(gappy, 2, slots, 3, counts, &err), 0);
	assert_int_equal(counts[0], 1);
	assert_int_equal(counts[1], 1);
	assert_int_equal(counts[2], 1); /* 55 is in no band */

	expect_invalid(plan_size_bands_check(overlap, 2, &err), "bands[1]");
	expect_invalid(plan_size_bands_check(open_overlap, 2, &err),
	               "bands[1]");
	expect_invalid(plan_size_bands_check(backwards, 1, &err), "bands[0]");
	expect_invalid(plan_size_bands_check(NULL, 1, &err), "bands");
	expect_invalid(plan_size_count(overlap, 2, slots, 3, counts, &err),
	               "bands[1]");
	expect_invalid(plan_size_count(gappy, 2, bad, 3, counts, &err),
	               "slots[2]");
	assert_int_equal(counts[0] + counts[1] + counts[2], 0);
	expect_invalid(plan_size_count(gappy, 2, NULL, 3, counts, &err),
	               "slots");
}

/* ---- projection ---- */

static void test_project_two_years(void **state)
{
	/* 景德镇 aged 60+: 269,200 (2020), 324,100 (2025): 10,980 a year;
	 * 2023: 269,200 + 3 * 10,980 = 302,140 */
	const struct plan_point pts[] = {
		{ 2025, jdz_aged_60_2025 },
		{ 2020, jdz_aged_60 },
	};
	struct plan_projection p;

	assert_int_equal(plan_project(pts, 2, 2023, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_true(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_LINE);
	assert_near(p.value, 302140, 1e-6);
	assert_near(p.slope, 10980, 1e-9);
	assert_near(p.mean_year, 2022.5, 0);
	assert_near(p.mean_value, 296650, 1e-9);
	assert_int_equal(p.n, 2);

	/* beyond the known years: 2027 = 324,100 + 2 * 10,980 = 346,060 */
	assert_int_equal(plan_project(pts, 2, 2027, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_near(p.value, 346060, 1e-6);

	/* a known year is not a projection: the value as given */
	assert_int_equal(plan_project(pts, 2, 2020, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_false(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_KNOWN);
	assert_near(p.value, jdz_aged_60, 0);

	/* flat from the latest year */
	assert_int_equal(plan_project(pts, 2, 2030, PLAN_PROJ_LATEST, &p, &err),
	                 0);
	assert_true(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_FLAT);
	assert_near(p.value, jdz_aged_60_2025, 0);
}

static void test_project_collinear(void **state)
{
	/* 大竹 aged 60+: 191,000 (2020), 210,000 (2025): 3,800 a year; a
	 * point on that line, 2022: 191,000 + 2 * 3,800 = 198,600;
	 * 2024: 191,000 + 4 * 3,800 = 206,200 */
	const struct plan_point pts[] = {
		{ 2020, dz_aged_60 },
		{ 2022, 198600 },
		{ 2025, dz_aged_60_2025 },
	};
	struct plan_projection p;

	assert_int_equal(plan_project(pts, 3, 2024, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_true(p.is_projection);
	assert_near(p.value, 206200, 1e-6);
	assert_near(p.slope, 3800, 1e-9);
	assert_int_equal(p.n, 3);
}

static void test_project_least_squares(void **state)
{
	/* (2020, 1), (2021, 3), (2022, 2): mean year 2021, mean value 2;
	 * Sxy = (-1)(-1) + 0 + (1)(0) = 1, Sxx = 2, slope 0.5;
	 * 2024: 2 + 0.5 * 3 = 3.5 */
	const struct plan_point pts[] = {
		{ 2022, 2 },
		{ 2020, 1 },
		{ 2021, 3 },
	};
	struct plan_projection p;

	assert_int_equal(plan_project(pts, 3, 2024, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_near(p.value, 3.5, 1e-12);
	assert_near(p.slope, 0.5, 1e-12);
}

static void test_project_one_year(void **state)
{
	/* 开州: 0—3岁婴幼儿52136人 (2021): carried to 2025 unchanged, and said
	 */
	const struct plan_point pts[] = { { 2021, 52136 } };
	struct plan_projection p;

	assert_int_equal(plan_project(pts, 1, 2025, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_true(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_SINGLE);
	assert_near(p.value, 52136, 0);
	assert_near(p.slope, 0, 0);

	assert_int_equal(plan_project(pts, 1, 2021, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_false(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_KNOWN);
}

static void test_project_errors(void **state)
{
	const struct plan_point dup[] = { { 2020, 1 }, { 2020, 2 } };
	const struct plan_point nan_v[] = { { 2020, NAN } };
	const struct plan_point ok[] = { { 2020, 1 } };
	struct plan_projection p;

	expect_invalid(plan_project(NULL, 0, 2025, 0, &p, &err), "points");
	expect_invalid(plan_project(ok, 0, 2025, 0, &p, &err), "points");
	expect_invalid(plan_project(dup, 2, 2025, 0, &p, &err), "points[1]");
	expect_invalid(plan_project(nan_v, 1, 2025, 0, &p, &err), "points[0]");
	expect_invalid(plan_project(ok, 1, 2025, 7, &p, &err), "method");
	expect_invalid(plan_project(ok, 1, 2025, -1, &p, &err), "method");
	assert_near(p.value, 0, 0);
	assert_false(p.is_projection);
}

/* ---- bad inputs ---- */

static void test_demand_errors(void **state)
{
	struct plan_ratio r;
	struct plan_gap g;
	struct plan_beds_input in = {
		.method = PLAN_BEDS_PROVINCIAL_SHARE,
		.aged_60 = jdz_aged_60,
		.target = jdz_province_target,
		.province_aged_60 = 0,
	};

	expect_invalid(plan_slots_needed(-1, 4.5, &r, &err), "population");
	expect_invalid(plan_slots_needed(NAN, 4.5, &r, &err), "population");
	expect_invalid(plan_slots_needed(INFINITY, 4.5, &r, &err),
	               "population");
	expect_invalid(plan_slots_needed(1000, 0, &r, &err), "slots_per_1000");
	expect_invalid(plan_slots_needed(1000, -4.5, &r, &err),
	               "slots_per_1000");
	assert_near(r.value, 0, 0);
	assert_near(r.den, 0, 0);

	expect_invalid(plan_beds_needed(&in, &r, &err), "province_aged_60");
	in.province_aged_60 = -5;
	expect_invalid(plan_beds_needed(&in, &r, &err), "province_aged_60");
	in.province_aged_60 = 100000; /* fewer than the region's 269,200 */
	expect_invalid(plan_beds_needed(&in, &r, &err), "aged_60");
	in.province_aged_60 = jdz_province_aged_60;
	in.target = -1;
	expect_invalid(plan_beds_needed(&in, &r, &err),
	               "provincial_beds_target");
	in.method = PLAN_BEDS__MAX;
	expect_invalid(plan_beds_needed(&in, &r, &err), "method");
	in.method = -1;
	expect_invalid(plan_beds_needed(&in, &r, &err), "method");
	in.method = PLAN_BEDS_PER_1000_AGED_60;
	in.per_1000 = 0;
	expect_invalid(plan_beds_needed(&in, &r, &err),
	               "beds_per_1000_aged_60");
	in.per_1000 = 40;
	in.aged_60 = -1;
	expect_invalid(plan_beds_needed(&in, &r, &err), "aged_60");

	expect_invalid(plan_nursing_beds_needed(-1, 55, &r, &err), "beds");
	expect_invalid(plan_nursing_beds_needed(100, 100.5, &r, &err),
	               "nursing_share_percent");
	expect_invalid(plan_nursing_beds_needed(100, -1, &r, &err),
	               "nursing_share_percent");

	expect_invalid(plan_gap_compute(-1, 10, &g, &err), "need");
	expect_invalid(plan_gap_compute(10, -1, &g, &err), "supply");
	expect_invalid(plan_gap_compute(NAN, 10, &g, &err), "need");
	assert_near(g.shortfall, 0, 0);

	expect_invalid(plan_basis_population(7367, 0, &r, &err), "per_1000");
	expect_invalid(plan_basis_population(-7367, 4.5, &r, &err),
	               "stated_need");
}

static void test_bed_method_names(void **state)
{
	assert_int_equal(plan_bed_method_parse("per_1000_aged_60"),
	                 PLAN_BEDS_PER_1000_AGED_60);
	assert_int_equal(plan_bed_method_parse("provincial_share"),
	                 PLAN_BEDS_PROVINCIAL_SHARE);
	assert_int_equal(plan_bed_method_parse("per_1000"), -1);
	assert_int_equal(plan_bed_method_parse(NULL), -1);
	assert_string_equal(plan_bed_method_name(PLAN_BEDS_PROVINCIAL_SHARE),
	                    "provincial_share");
	assert_string_equal(plan_bed_method_name(9), "");
}

static void test_dev_errors(void **state)
{
	struct plan_development d = bz_dev();
	struct plan_dev_policy pol = bz_policy;
	struct plan_dev_result r;

	d.households = -1;
	expect_invalid(plan_dev_check(&d, &pol, &r, &err), "households");
	assert_int_equal(r.applicable, 0);
	d = bz_dev();
	d.residents = -6000;
	expect_invalid(plan_dev_check(&d, &pol, &r, &err), "residents");
	d = bz_dev();
	d.district = PLAN_DISTRICT__MAX;
	expect_invalid(plan_dev_check(&d, &pol, &r, &err), "district");
	d = bz_dev();
	d.largest_facility_m2 = 700;
	expect_invalid(plan_dev_check(&d, &pol, &r, &err),
	               "largest_facility_m2");
	d = bz_dev();
	d.slots = -1;
	expect_invalid(plan_dev_check(&d, &pol, &r, &err), "slots");
	d = bz_dev();
	d.land_m2 = NAN;
	expect_invalid(plan_dev_check(&d, &pol, &r, &err), "land_m2");

	d = bz_dev();
	pol.slots_per_1000_old = PLAN_PARAM(0);
	expect_invalid(plan_dev_check(&d, &pol, &r, &err),
	               "slots_per_1000_old");
	pol = bz_policy;
	pol.floor_m2_per_100_households = PLAN_PARAM(-30);
	expect_invalid(plan_dev_check(&d, &pol, &r, &err),
	               "floor_m2_per_100_households");
	/* an unset parameter's value is not looked at */
	pol = bz_policy;
	pol.land_m2_per_resident = (struct plan_param){ 0, -1 };
	assert_int_equal(plan_dev_check(&d, &pol, &r, &err), 0);
}

static void test_staff_errors(void **state)
{
	const long long res[PLAN_CARE__MAX] = { 25, -14, 7 };
	const long long ok[PLAN_CARE__MAX] = { 25, 14, 7 };
	const long long huge[PLAN_CARE__MAX] = { 0, 0, 1000000000000LL };
	const long long too_many[PLAN_CARE__MAX] = { 0, 1000000000001LL, 0 };
	const double zero[PLAN_CARE__MAX] = { 10, 6, 0 };
	const double tiny[PLAN_CARE__MAX] = { 10, 6, 1e-9 };
	struct plan_caregivers c;
	struct plan_social_workers s;
	struct plan_clinic_result r;
	struct plan_institution in = { PLAN_OWN_PUBLIC, 100, 50, 0 };
	const struct plan_clinic_rule bad_rules[] = {
		{ PLAN_OWN_ANY, 100, -1, 0 },
		{ PLAN_OWN_PUBLIC, -1, -1, 0 },
	};
	const struct plan_clinic_rule bad_own[] = { { 9, 100, -1, 0 } };

	expect_invalid(plan_caregivers_needed(res, dz_ratio, 0, &c, &err),
	               "residents_partly");
	expect_invalid(plan_caregivers_needed(too_many, dz_ratio, 0, &c, &err),
	               "residents_partly");
	expect_invalid(plan_caregivers_needed(ok, zero, 0, &c, &err),
	               "caregiver_ratio_disabled");
	expect_invalid(plan_caregivers_needed(huge, tiny, 0, &c, &err),
	               "caregiver_ratio_disabled");
	expect_invalid(plan_caregivers_needed(ok, dz_ratio, -1, &c, &err),
	               "caregivers_on_staff");
	assert_int_equal(c.total, 0);

	expect_invalid(plan_social_workers_needed(-1, PLAN_PARAM(1), 0,
	                                          PLAN_UNSET, &s, &err),
	               "beds");
	expect_invalid(
	    plan_social_workers_needed(0, PLAN_UNSET, -1, PLAN_UNSET, &s, &err),
	    "aged_60");
	expect_invalid(plan_social_workers_needed(100, PLAN_PARAM(0), 0,
	                                          PLAN_UNSET, &s, &err),
	               "social_workers_per_100_beds");
	expect_invalid(plan_social_workers_needed(100, PLAN_UNSET, 0,
	                                          PLAN_PARAM(-1), &s, &err),
	               "social_workers_per_1000_aged_60");

	expect_invalid(plan_clinic_required(bad_rules, 2, &in, &r, &err),
	               "clinic_rules[1]");
	expect_invalid(plan_clinic_required(bad_own, 1, &in, &r, &err),
	               "clinic_rules[0]");
	expect_invalid(plan_clinic_required(NULL, 1, &in, &r, &err),
	               "clinic_rules");
	in.ownership = PLAN_OWN_ANY;
	expect_invalid(plan_clinic_required(dz_rules, 1, &in, &r, &err),
	               "ownership");
	in.ownership = PLAN_OWN_PRIVATE;
	in.beds = -1;
	expect_invalid(plan_clinic_required(dz_rules, 1, &in, &r, &err),
	               "beds");
	in.beds = 100;
	in.residents = -1;
	expect_invalid(plan_clinic_required(dz_rules, 1, &in, &r, &err),
	               "residents");
	assert_false(r.required);
	assert_int_equal(r.rule, 0);
}

static void test_null_err(void **state)
{
	struct plan_ratio r;

	/* err may be NULL */
	assert_int_equal(plan_slots_needed(-1, 4.5, &r, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_half_away),
		cmocka_unit_test(test_round_locale),
		cmocka_unit_test(test_round_up),
		cmocka_unit_test(test_round_describe),
		cmocka_unit_test_setup(test_kaizhou, setup),
		cmocka_unit_test_setup(test_jingdezhen, setup),
		cmocka_unit_test_setup(test_bazhong, setup),
		cmocka_unit_test_setup(test_gap_surplus, setup),
		cmocka_unit_test_setup(test_dev_bazhong_new, setup),
		cmocka_unit_test_setup(test_dev_old_district, setup),
		cmocka_unit_test_setup(test_dev_failing, setup),
		cmocka_unit_test_setup(test_dev_not_applicable, setup),
		cmocka_unit_test_setup(test_caregivers, setup),
		cmocka_unit_test_setup(test_caregivers_zero, setup),
		cmocka_unit_test_setup(test_social_workers, setup),
		cmocka_unit_test_setup(test_clinic_dazhu, setup),
		cmocka_unit_test_setup(test_clinic_jingdezhen, setup),
		cmocka_unit_test_setup(test_clinic_both_thresholds, setup),
		cmocka_unit_test_setup(test_size_boundaries, setup),
		cmocka_unit_test_setup(test_size_count_bazhong, setup),
		cmocka_unit_test_setup(test_size_gaps_and_errors, setup),
		cmocka_unit_test_setup(test_project_two_years, setup),
		cmocka_unit_test_setup(test_project_collinear, setup),
		cmocka_unit_test_setup(test_project_least_squares, setup),
		cmocka_unit_test_setup(test_project_one_year, setup),
		cmocka_unit_test_setup(test_project_errors, setup),
		cmocka_unit_test_setup(test_demand_errors, setup),
		cmocka_unit_test_setup(test_bed_method_names, setup),
		cmocka_unit_test_setup(test_dev_errors, setup),
		cmocka_unit_test_setup(test_staff_errors, setup),
		cmocka_unit_test(test_null_err),
	};

	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
