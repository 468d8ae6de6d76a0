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
static const long long kz_population = 1203300;
static const long long kz_aged_60 = 274000;
static const long long kz_beds = 9130;
static const long long kz_slots = 1514;

/* 004 景德镇 一(三)1: 全省养老服务床位总数达到30万张左右, 江西省60岁及以上
 * 老年人口数为762.48万人, 需要养老床位数10500张, 现存量为4059张, 缺口为6441张;
 * 60岁及以上常住老年人口数为26.92万人 (2020), 预计达到32.41万人 (2025);
 * 每千人口托位数4.5个 -> 需要托位7367个, 托位数量为4036个, 缺口数为3331个;
 * 一: 常住人口总数为161.90万人. */
static const long long jdz_province_target = 300000;
static const long long jdz_province_aged_60 = 7624800;
static const long long jdz_aged_60 = 269200;
static const long long jdz_aged_60_2025 = 324100;
static const long long jdz_stated_beds = 10500;
static const long long jdz_beds = 4059;
static const long long jdz_stated_slots = 7367;
static const long long jdz_slots = 4036;
static const long long jdz_population = 1619000;

/* 000 巴中 一(三): 常住人口为271.29万人, 60岁及以上人口66.34万人;
 * 一(一): 全市现有托位4662个; 需新增托位10000个以上. */
static const long long bz_population = 2712900;
static const long long bz_slots = 4662;

/* 001 大竹 第三节: 60周岁以上常住老年人口19.10万, 2025年 21万;
 * 第一节: 各类养老床位0.49万张; 二: 养老床位总数力争达到4500张. */
static const long long dz_aged_60 = 191000;
static const long long dz_aged_60_2025 = 210000;
static const long long dz_beds = 4900;
static const long long dz_beds_target = 4500;

/* Exact values in the tests: D("4.5") is the decimal as written, N(n) a
 * whole number, Q(n, d) a fraction. */
static struct exact D(const char *s) {
	struct exact e = { 0, 1 };

	if (exact_parse(s, &e))
		fail_msg("bad decimal in the test: %s", s);
	return e;
}

static struct exact
N(long long n) {
	return exact_int(n);
}

static struct exact
Q(long long num, long long den) {
	struct exact e = { 0, 1 };

	if (exact_frac(num, den, &e))
		fail_msg("bad fraction in the test: %lld/%lld", num, den);
	return e;
}

static struct plan_param
P(const char *s) {
	struct plan_param p = { 1, D(s) };

	return p;
}

/* the standards */
#define slots_per_1000   D("4.5") /* all five seeds */
#define kz_beds_per_1000 N(40)

/* got == want exactly, both shown as fractions when not. */
#define assert_eq(got, want) eq_((got), (want), #got, __FILE__, __LINE__)

static void
eq_(struct exact got, struct exact want, const char *expr, const char *file,
    int line)
{
	if (exact_cmp(got, want) != 0)
		fail_msg("%s:%d: %s is %lld/%lld, want %lld/%lld", file, line,
		         expr, (long long)got.num, (long long)got.den,
		         (long long)want.num, (long long)want.den);
}

/* v rounded by rule to places, exactly */
static struct exact rounded(struct exact v, enum exact_rounding rule,
                            int places)
{
	struct exact r;

	assert_int_equal(plan_round(v, rule, places, &r), 0);
	return r;
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

static void expect_ratio(struct plan_ratio r, struct exact num,
                         struct exact den)
{
	struct exact v;

	assert_eq(r.num, num);
	assert_eq(r.den, den);
	assert_int_equal(exact_div(num, den, &v), 0);
	assert_eq(r.value, v);
}

/* ---- rounding ---- */

static void test_round_half_up(void **state)
{
	/* the seeds' figures, each exactly as written */
	assert_eq(rounded(D("5414.85"), EXACT_HALF_UP, 0), N(5415));
	assert_eq(rounded(D("5414.85"), EXACT_HALF_UP, 1), D("5414.9"));
	assert_eq(rounded(D("3900.85"), EXACT_HALF_UP, 0), N(3901));
	assert_eq(rounded(D("12208.05"), EXACT_HALF_UP, 0), N(12208));
	/* ...05 is exactly a half at 1 decimal: up, with no double to
	 * round it the wrong way */
	assert_eq(rounded(D("12208.05"), EXACT_HALF_UP, 1), D("12208.1"));
	assert_eq(rounded(D("7546.05"), EXACT_HALF_UP, 0), N(7546));
	assert_eq(rounded(D("2.675"), EXACT_HALF_UP, 2), D("2.68"));
	assert_eq(rounded(D("1.005"), EXACT_HALF_UP, 2), D("1.01"));
	/* the 35% of 90: exactly 31.5, which rounds to 32 */
	{
		struct exact v;

		assert_int_equal(exact_mul(D("0.35"), N(90), &v), 0);
		assert_eq(v, D("31.5"));
		assert_eq(rounded(v, EXACT_HALF_UP, 0), N(32));
	}
	/* 0.125 shows as 0.13 */
	assert_eq(rounded(D("0.125"), EXACT_HALF_UP, 2), D("0.13"));
	/* 开州 rounds 5414.85 to hundreds: 5400; 12208.05 to thousands */
	assert_eq(rounded(D("5414.85"), EXACT_HALF_UP, -2), N(5400));
	assert_eq(rounded(D("12500"), EXACT_HALF_UP, -3), N(13000));
	/* a carry through every digit */
	assert_eq(rounded(D("9.95"), EXACT_HALF_UP, 1), N(10));
	assert_eq(rounded(D("999.5"), EXACT_HALF_UP, 0), N(1000));
	/* halves go away from zero on both sides */
	assert_eq(rounded(D("0.5"), EXACT_HALF_UP, 0), N(1));
	assert_eq(rounded(D("-0.5"), EXACT_HALF_UP, 0), N(-1));
	assert_eq(rounded(D("-2.5"), EXACT_HALF_UP, 0), N(-3));
	assert_eq(rounded(D("2.4999"), EXACT_HALF_UP, 0), N(2));
	/* below the last place kept: zero */
	assert_eq(rounded(D("0.04"), EXACT_HALF_UP, 1), N(0));
	assert_eq(rounded(D("-0.04"), EXACT_HALF_UP, 1), N(0));
	/* a third: 0.33 */
	assert_eq(rounded(Q(1, 3), EXACT_HALF_UP, 2), D("0.33"));
	assert_eq(rounded(N(10960), EXACT_HALF_UP, 0), N(10960));
	/* half to even, down */
	assert_eq(rounded(D("31.5"), EXACT_HALF_EVEN, 0), N(32));
	assert_eq(rounded(D("32.5"), EXACT_HALF_EVEN, 0), N(32));
	assert_eq(rounded(D("31.9"), EXACT_DOWN, 0), N(31));
	/* decimals beyond -12..12 or an unknown rule: refused */
	{
		struct exact r;

		assert_int_equal(plan_round(D("0.1234"), EXACT_HALF_UP, 99, &r),
		                 -1);
		assert_int_equal(
		    plan_round(D("1.25"), (enum exact_rounding)9, 0, &r), -1);
		assert_eq(r, N(0));
	}
}

/* Property: rounding half up to whole numbers equals the integer formula
 * floor((2n + d) / 2d) for n/d >= 0, over many random fractions (seeded),
 * and to hundreds it equals rounding n/(100d) likewise. */
static void test_round_property(void **state)
{
	unsigned long long x = 20261203;

	for (int i = 0; i < 20000; i++) {
		long long n, d, want;
		struct exact v;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		n = (long long)((x >> 20) % 100000000000ULL);
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		d = (long long)((x >> 20) % 10000ULL) + 1;
		assert_int_equal(exact_frac(n, d, &v), 0);
		want = (2 * n + d) / (2 * d);
		assert_eq(rounded(v, EXACT_HALF_UP, 0), N(want));
		want = (2 * n + 100 * d) / (200 * d) * 100;
		assert_eq(rounded(v, EXACT_HALF_UP, -2), N(want));
		/* up: ceil(n / d) */
		assert_eq(rounded(v, EXACT_UP, 0), N((n + d - 1) / d));
	}
}

static void test_round_up(void **state)
{
	/* 大竹 staffing: 25/10, 14/6, 7/3 */
	assert_eq(rounded(Q(25, 10), EXACT_UP, 0), N(3));
	assert_eq(rounded(Q(14, 6), EXACT_UP, 0), N(3));
	assert_eq(rounded(Q(7, 3), EXACT_UP, 0), N(3));
	assert_eq(rounded(N(3), EXACT_UP, 0), N(3));
	assert_eq(rounded(N(0), EXACT_UP, 0), N(0));
	/* away from zero, as 向上取整 of a count is */
	assert_eq(rounded(D("-2.5"), EXACT_UP, 0), N(-3));
	assert_eq(rounded(D("2.01"), EXACT_UP, 1), D("2.1"));
}

static void test_round_describe(void **state)
{
	char buf[96];

	assert_string_equal(
	    plan_rounding_describe(EXACT_HALF_UP, 1, 0, buf, sizeof(buf)),
	    "round half up to 1 decimal");
	assert_string_equal(
	    plan_rounding_describe(EXACT_HALF_UP, 2, 0, buf, sizeof(buf)),
	    "round half up to 2 decimals");
	assert_string_equal(
	    plan_rounding_describe(EXACT_HALF_UP, 0, 0, buf, sizeof(buf)),
	    "round half up to a whole number");
	assert_string_equal(
	    plan_rounding_describe(EXACT_HALF_UP, -2, 0, buf, sizeof(buf)),
	    "round half up to the nearest 100");
	assert_string_equal(
	    plan_rounding_describe(EXACT_UP, 0, 0, buf, sizeof(buf)),
	    "round up to a whole number");
	assert_string_equal(
	    plan_rounding_describe(EXACT_HALF_UP, 1, 1, buf, sizeof(buf)),
	    "四舍五入，保留1位小数");
	assert_string_equal(
	    plan_rounding_describe(EXACT_HALF_UP, 0, 1, buf, sizeof(buf)),
	    "四舍五入，取整");
	assert_string_equal(
	    plan_rounding_describe(EXACT_HALF_UP, -2, 1, buf, sizeof(buf)),
	    "四舍五入，精确到100");
	assert_string_equal(
	    plan_rounding_describe(EXACT_UP, 0, 1, buf, sizeof(buf)),
	    "向上取整");
	assert_string_equal(
	    plan_rounding_describe(EXACT_HALF_EVEN, 0, 1, buf, sizeof(buf)),
	    "四舍六入五成双，取整");
	/* a short buffer is cut and terminated */
	assert_string_equal(plan_rounding_describe(EXACT_UP, 0, 0, buf, 6),
	                    "round");
}

/* ---- 开州: demand from per-1000 standards ---- */

static void test_kaizhou(void **state)
{
	struct plan_ratio slots, beds, nursing;
	struct plan_gap gap;

	/* 1,203,300 * 4.5 = 5,414,850; / 1000 = 5,414.85 (the seed: 5400) */
	assert_int_equal(
	    plan_slots_needed(N(kz_population), slots_per_1000, &slots, &err),
	    0);
	expect_ratio(slots, N(5414850), N(1000));
	assert_eq(slots.value, D("5414.85"));
	assert_eq(rounded(slots.value, EXACT_HALF_UP, -2), N(5400));

	/* 5,414.85 - 1,514 = 3,900.85 -> 3,901 (the seed: 3800余 from 5400) */
	assert_int_equal(plan_gap_compute(slots.value, N(kz_slots), &gap, &err),
	                 0);
	assert_int_equal(gap.kind, PLAN_SHORTFALL);
	assert_eq(gap.shortfall, D("3900.85"));
	assert_eq(gap.surplus, N(0));
	assert_eq(rounded(gap.shortfall, EXACT_HALF_UP, 0), N(3901));

	/* 274,000 * 40 / 1000 = 10,960 (the seed: 1.1万) */
	struct plan_beds_input in = {
		.method = PLAN_BEDS_PER_1000_AGED_60,
		.aged_60 = N(kz_aged_60),
		.per_1000 = kz_beds_per_1000,
	};
	assert_int_equal(plan_beds_needed(&in, &beds, &err), 0);
	expect_ratio(beds, N(10960000), N(1000));
	assert_eq(beds.value, N(10960));

	/* 10,960 - 9,130 = 1,830 */
	assert_int_equal(plan_gap_compute(beds.value, N(kz_beds), &gap, &err),
	                 0);
	assert_int_equal(gap.kind, PLAN_SHORTFALL);
	assert_eq(gap.shortfall, N(1830));

	/* 60% nursing-type: 10,960 * 60 / 100 = 6,576 */
	assert_int_equal(
	    plan_nursing_beds_needed(beds.value, N(60), &nursing, &err), 0);
	expect_ratio(nursing, N(657600), N(100));
	assert_eq(nursing.value, N(6576));
}

/* ---- 景德镇: a share of the provincial target, and a basis ---- */

static void test_jingdezhen(void **state)
{
	struct plan_ratio beds, basis, slots;
	struct plan_gap gap;
	struct plan_beds_input in = {
		.method = PLAN_BEDS_PROVINCIAL_SHARE,
		.aged_60 = N(jdz_aged_60),
		.target = N(jdz_province_target),
		.province_aged_60 = N(jdz_province_aged_60),
	};

	/* 300,000 * 269,200 = 80,760,000,000; / 7,624,800
	 * = 33,650,000 / 3,177 (both divided by 2,400) = 10,591.7532263... */
	assert_int_equal(plan_beds_needed(&in, &beds, &err), 0);
	expect_ratio(beds, N(80760000000), N(7624800));
	assert_eq(beds.value, Q(33650000, 3177));

	assert_eq(rounded(beds.value, EXACT_HALF_UP, 1), D("10591.8"));
	/* the seed's 10,500 is that figure cut to hundreds, not rounded */
	assert_eq(rounded(beds.value, EXACT_HALF_UP, -2), N(10600));

	/* with the seed's own 10,500: 10,500 - 4,059 = 6,441, as it says */
	assert_int_equal(
	    plan_gap_compute(N(jdz_stated_beds), N(jdz_beds), &gap, &err), 0);
	assert_int_equal(gap.kind, PLAN_SHORTFALL);
	assert_eq(gap.shortfall, N(6441));

	/* 7,367 slots at 4.5 per 1000: 7,367,000 / 4.5 = 1,637,111.1,
	 * 18,111.1 more than the census 1,619,000 */
	assert_int_equal(plan_basis_population(N(jdz_stated_slots),
	                                       slots_per_1000, &basis, &err),
	                 0);
	expect_ratio(basis, N(7367000), D("4.5"));
	assert_eq(basis.value, Q(14734000, 9)); /* 1,637,111.1 */
	assert_eq(rounded(basis.value, EXACT_HALF_UP, 0), N(1637111));
	{
		struct exact d;

		assert_int_equal(exact_sub(basis.value, N(jdz_population), &d),
		                 0);
		assert_eq(d, Q(163000, 9)); /* 18,111.1 */
	}

	/* the census gives 1,619,000 * 4.5 / 1000 = 7,285.5, not 7,367 */
	assert_int_equal(
	    plan_slots_needed(N(jdz_population), slots_per_1000, &slots, &err),
	    0);
	assert_eq(slots.value, D("7285.5"));

	/* the seed's slot gap: 7,367 - 4,036 = 3,331 */
	assert_int_equal(
	    plan_gap_compute(N(jdz_stated_slots), N(jdz_slots), &gap, &err), 0);
	assert_eq(gap.shortfall, N(3331));
}

/* ---- 巴中 ---- */

static void test_bazhong(void **state)
{
	struct plan_ratio slots, basis;
	struct plan_gap gap;

	/* 2,712,900 * 4.5 / 1000 = 12,208.05 -> 12,208 */
	assert_int_equal(
	    plan_slots_needed(N(bz_population), slots_per_1000, &slots, &err),
	    0);
	expect_ratio(slots, N(12208050), N(1000));
	assert_eq(slots.value, D("12208.05"));
	assert_eq(rounded(slots.value, EXACT_HALF_UP, 0), N(12208));

	/* 12,208.05 - 4,662 = 7,546.05 -> 7,546 */
	assert_int_equal(plan_gap_compute(slots.value, N(bz_slots), &gap, &err),
	                 0);
	assert_int_equal(gap.kind, PLAN_SHORTFALL);
	assert_eq(gap.shortfall, D("7546.05"));
	assert_eq(rounded(gap.shortfall, EXACT_HALF_UP, 0), N(7546));

	/* the seed's "需新增托位10000个以上" on top of 4,662 implies a base of
	 * 14,662 * 1000 / 4.5 = 3,258,222.2, not the census 2,712,900 */
	assert_int_equal(plan_basis_population(N(bz_slots + 10000),
	                                       slots_per_1000, &basis, &err),
	                 0);
	assert_eq(basis.value, Q(29324000, 9)); /* 3,258,222.2 */
}

/* ---- stated against computed ---- */

static void test_audit_jingdezhen(void **state)
{
	struct plan_ratio need, implied, tol;
	struct plan_audit a;
	struct plan_beds_input in = {
		.method = PLAN_BEDS_PROVINCIAL_SHARE,
		.aged_60 = N(jdz_aged_60),
		.target = N(jdz_province_target),
		.province_aged_60 = N(jdz_province_aged_60),
	};

	/* 7,367 slots stated, 7,285.5 computed from the census: 81.5 apart,
	 * far beyond the half slot a whole number is stated to */
	assert_int_equal(
	    plan_slots_needed(N(jdz_population), slots_per_1000, &need, &err),
	    0);
	assert_int_equal(
	    plan_audit_compare(N(jdz_stated_slots), 0, need.value, &a, &err),
	    0);
	assert_eq(a.difference, D("-81.5"));
	assert_eq(a.tolerance, D("0.5"));
	assert_true(a.differs);
	/* the basis the stated figure implies: 7,367 × 1000 ÷ 4.5 =
	 * 1,637,111.1 residents, ± 0.5 × 1000 ÷ 4.5 = 111.1 */
	assert_int_equal(plan_basis_population(N(jdz_stated_slots),
	                                       slots_per_1000, &implied, &err),
	                 0);
	assert_eq(rounded(implied.value, EXACT_HALF_UP, 0), N(1637111));
	assert_int_equal(
	    plan_basis_population(a.tolerance, slots_per_1000, &tol, &err), 0);
	assert_eq(tol.value, Q(1000, 9));

	/* 10,500 beds stated; the provincial share gives 10,591.75: they
	 * differ; 10,500 implies 10,500 × 7,624,800 ÷ 300,000 = 266,868
	 * aged 60+, not the census 269,200 */
	assert_int_equal(plan_beds_needed(&in, &need, &err), 0);
	assert_int_equal(
	    plan_audit_compare(N(jdz_stated_beds), 0, need.value, &a, &err), 0);
	assert_true(a.differs);
	assert_int_equal(
	    plan_beds_basis(&in, N(jdz_stated_beds), &implied, &err), 0);
	assert_eq(implied.value, N(266868));
}

static void test_audit_precision(void **state)
{
	struct plan_audit a;

	/* 5,415 stated against 5,414.85: within half a slot */
	assert_int_equal(plan_audit_compare(N(5415), 0, D("5414.85"), &a, &err),
	                 0);
	assert_false(a.differs);
	assert_eq(a.difference, D("-0.15"));
	/* exactly half a unit off is still within: 5414.5 against 5415 */
	assert_int_equal(plan_audit_compare(N(5415), 0, D("5414.5"), &a, &err),
	                 0);
	assert_false(a.differs);
	assert_int_equal(plan_audit_compare(N(5415), 0, D("5414.49"), &a, &err),
	                 0);
	assert_true(a.differs);
	/* 开州's 1.1万 beds (to thousands: places -3) against 10,960 */
	assert_int_equal(plan_audit_compare(N(11000), -3, N(10960), &a, &err),
	                 0);
	assert_eq(a.tolerance, N(500));
	assert_false(a.differs);
	/* 景德镇's 34.21% occupancy against 740 of 2,163 */
	{
		struct exact rate;

		assert_int_equal(exact_frac(74000, 2163, &rate), 0);
		assert_int_equal(
		    plan_audit_compare(D("34.21"), 2, rate, &a, &err), 0);
		assert_false(a.differs);
		assert_eq(rounded(rate, EXACT_HALF_UP, 2), D("34.21"));
		assert_int_equal(exact_sub(N(100), rate, &rate), 0);
		assert_eq(rounded(rate, EXACT_HALF_UP, 2), D("65.79"));
	}
}

/* Property: a stated figure equal to the computed one rounded half up to
 * its places never differs; one a whole unit off always does. */
static void test_audit_property(void **state)
{
	unsigned long long x = 12;

	for (int i = 0; i < 5000; i++) {
		long long n, d;
		int places;
		struct exact v, st, unit, off;
		struct plan_audit a;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		n = (long long)((x >> 24) % 1000000000ULL);
		d = (long long)((x >> 8) % 997ULL) + 1;
		places = (int)((x >> 4) % 5) - 2;
		assert_int_equal(exact_frac(n, d, &v), 0);
		st = rounded(v, EXACT_HALF_UP, places);
		assert_int_equal(plan_audit_compare(st, places, v, &a, &err),
		                 0);
		assert_false(a.differs);
		unit = places >= 0 ? Q(1, places == 0   ? 1
		                          : places == 1 ? 10
		                                        : 100)
		                   : N(places == -1 ? 10 : 100);
		assert_int_equal(exact_add(st, unit, &off), 0);
		assert_int_equal(plan_audit_compare(off, places, v, &a, &err),
		                 0);
		assert_true(a.differs);
	}
}

/* ---- gap: surplus is never a negative need ---- */

static void test_gap_surplus(void **state)
{
	struct plan_gap gap;

	/* 大竹: 4,900 beds against its 4,500 target: surplus 400 */
	assert_int_equal(
	    plan_gap_compute(N(dz_beds_target), N(dz_beds), &gap, &err), 0);
	assert_int_equal(gap.kind, PLAN_SURPLUS);
	assert_eq(gap.surplus, N(400));
	assert_eq(gap.shortfall, N(0));
	assert_eq(gap.need, N(4500));
	assert_eq(gap.supply, N(4900));

	/* equal: a surplus of 0 */
	assert_int_equal(plan_gap_compute(N(kz_slots), N(kz_slots), &gap, &err),
	                 0);
	assert_int_equal(gap.kind, PLAN_SURPLUS);
	assert_eq(gap.surplus, N(0));
	assert_eq(gap.shortfall, N(0));

	/* nothing needed, something there */
	assert_int_equal(plan_gap_compute(N(0), N(10), &gap, &err), 0);
	assert_int_equal(gap.kind, PLAN_SURPLUS);
	assert_eq(gap.surplus, N(10));
}

/* ---- residential development check ---- */

/* 巴中: 每100户不低于30平方米、单处用房建筑面积不低于300平方米; 新建居住区
 * 每千人口不少于10个托位, 老城区 8个; 人均用地不少于0.1平方米. */
static const struct plan_dev_policy bz_policy = {
	.floor_m2_per_100_households = { 1, { 30, 1 } },
	.single_facility_min_m2 = { 1, { 300, 1 } },
	.slots_per_1000_new = { 1, { 10, 1 } },
	.slots_per_1000_old = { 1, { 8, 1 } },
	.land_m2_per_resident = { 1, { 1, 10 } },
};

/* The brief's example: 2,000 households, 6,000 residents. */
static struct plan_development bz_dev(void)
{
	struct plan_development d = {
		.households = 2000,
		.residents = 6000,
		.district = PLAN_DISTRICT_NEW,
		.floor_m2 = { 1, { 600, 1 } },
		.largest_facility_m2 = { 1, { 300, 1 } },
		.slots = { 1, { 60, 1 } },
		.land_m2 = { 1, { 600, 1 } },
	};
	return d;
}

/* required and provided as decimal text; provided NULL: not given */
static void expect_rule(const struct plan_dev_result *r, int rule, int verdict,
                        const char *required, const char *provided)
{
	const struct plan_rule_result *x = &r->rule[rule];

	if ((int)x->verdict != verdict)
		fail_msg(
		    "rule %s: verdict %s, want %s", plan_dev_rule_name(rule),
		    plan_verdict_name(x->verdict), plan_verdict_name(verdict));
	assert_eq(x->required.value, D(required));
	assert_int_equal(x->provided.set, provided != NULL);
	if (provided)
		assert_eq(x->provided.value, D(provided));
}

static void test_dev_bazhong_new(void **state)
{
	struct plan_development d = bz_dev();
	struct plan_dev_result r;

	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	/* 2000 * 30 / 100 = 600 m²; 300 m²; 6000 * 10 / 1000 = 60 slots;
	 * 6000 * 0.1 = 600 m² of land */
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_PASS, "600", "600");
	expect_ratio(r.rule[PLAN_RULE_FLOOR_AREA].required, N(60000), N(100));
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_PASS, "300", "300");
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_PASS, "60", "60");
	expect_ratio(r.rule[PLAN_RULE_CHILDCARE_SLOTS].required, N(60000),
	             N(1000));
	assert_eq(r.rule[PLAN_RULE_CHILDCARE_SLOTS].param, N(10));
	expect_rule(&r, PLAN_RULE_LAND, PLAN_PASS, "600", "600");
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
	d.slots = P("48");
	d.floor_m2 = P("0");
	d.largest_facility_m2 = P("0");
	assert_int_equal(plan_dev_check(&d, &pol, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_PASS, "48", "48");
	assert_eq(r.rule[PLAN_RULE_CHILDCARE_SLOTS].param, N(8));
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_NOT_APPLICABLE, "0", "0");
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_NOT_APPLICABLE, "0",
	            "0");
	expect_rule(&r, PLAN_RULE_LAND, PLAN_PASS, "600", "600");
	assert_int_equal(r.applicable, 2);
	assert_int_equal(r.failed, 0);

	/* 47 slots fall short of 48 */
	d.slots = P("47");
	assert_int_equal(plan_dev_check(&d, &pol, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_FAIL, "48", "47");
	assert_int_equal(r.failed, 1);

	/* a policy that binds old districts too */
	pol.floor_rules_bind_old = 1;
	d.slots = P("48");
	assert_int_equal(plan_dev_check(&d, &pol, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_FAIL, "600", "0");
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_FAIL, "300", "0");
	assert_int_equal(r.applicable, 4);
	assert_int_equal(r.failed, 2);
}

static void test_dev_failing(void **state)
{
	struct plan_development d = bz_dev();
	struct plan_dev_result r;

	d.floor_m2 = P("599.5");
	d.largest_facility_m2 = P("299");
	d.slots = P("59");
	d.land_m2 = P("599.99");
	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_FAIL, "600", "599.5");
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_FAIL, "300", "299");
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_FAIL, "60", "59");
	expect_rule(&r, PLAN_RULE_LAND, PLAN_FAIL, "600", "599.99");
	assert_int_equal(r.failed, 4);
	assert_string_equal(plan_verdict_name(PLAN_FAIL), "fail");

	/* unrounded requirement: 6,050 * 10 / 1000 = 60.5, so 60 fails and
	 * 61 passes */
	d = bz_dev();
	d.residents = 6050;
	d.land_m2 = P("605");
	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_FAIL, "60.5", "60");
	d.slots = P("61");
	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_PASS, "60.5", "61");
	assert_int_equal(r.failed, 0);
}

static void test_dev_not_applicable(void **state)
{
	/* 景德镇: 每百户不少于20平方米; 新建 每千人口规划托位数10个; no
	 * single-site minimum, no figure for old districts, no land per
	 * resident */
	struct plan_dev_policy jdz = {
		.floor_m2_per_100_households = P("20"),
		.single_facility_min_m2 = PLAN_UNSET,
		.slots_per_1000_new = P("10"),
		.land_m2_per_resident = PLAN_UNSET,
	};
	/* 开州: 人均用地不少于0.2平方米 only */
	struct plan_dev_policy kz = {
		.land_m2_per_resident = P("0.2"),
	};
	struct plan_development d = bz_dev();
	struct plan_dev_result r;

	/* 2000 * 20 / 100 = 400 m² */
	d.floor_m2 = P("400");
	d.largest_facility_m2 = P("150");
	assert_int_equal(plan_dev_check(&d, &jdz, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_PASS, "400", "400");
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_NOT_APPLICABLE, "0",
	            "150");
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_PASS, "60", "60");
	expect_rule(&r, PLAN_RULE_LAND, PLAN_NOT_APPLICABLE, "0", "600");
	assert_int_equal(r.applicable, 2);
	assert_string_equal(plan_verdict_name(PLAN_NOT_APPLICABLE),
	                    "not_applicable");
	assert_string_equal(plan_verdict_label_zh(PLAN_NOT_APPLICABLE),
	                    "不适用");

	d.district = PLAN_DISTRICT_OLD;
	assert_int_equal(plan_dev_check(&d, &jdz, &r, &err), 0);
	assert_int_equal(r.applicable, 0);
	expect_rule(&r, PLAN_RULE_CHILDCARE_SLOTS, PLAN_NOT_APPLICABLE, "0",
	            "60");

	/* 6000 * 0.2 = 1,200 m² of land; 600 fails */
	d = bz_dev();
	assert_int_equal(plan_dev_check(&d, &kz, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_LAND, PLAN_FAIL, "1200", "600");
	assert_int_equal(r.applicable, 1);
	assert_int_equal(r.failed, 1);
	assert_string_equal(plan_dev_rule_name(PLAN_RULE_LAND), "land");
	assert_string_equal(plan_dev_rule_name(PLAN_RULE__MAX), "");
}

/* A blank amount is not given: never 0, never a failed rule. */
static void test_dev_not_given(void **state)
{
	struct plan_development d = bz_dev();
	struct plan_dev_result r;

	d.land_m2 = PLAN_UNSET;
	d.largest_facility_m2 = PLAN_UNSET;
	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_LAND, PLAN_NOT_GIVEN, "600", NULL);
	expect_rule(&r, PLAN_RULE_SINGLE_FACILITY, PLAN_NOT_GIVEN, "300", NULL);
	expect_rule(&r, PLAN_RULE_FLOOR_AREA, PLAN_PASS, "600", "600");
	assert_int_equal(r.applicable, 4);
	assert_int_equal(r.failed, 0);
	assert_int_equal(r.not_given, 2);
	assert_string_equal(plan_verdict_name(PLAN_NOT_GIVEN), "not_given");
	assert_string_equal(plan_verdict_label_zh(PLAN_NOT_GIVEN), "未填写");
	/* a given 0 is a 0, and fails */
	d.land_m2 = P("0");
	assert_int_equal(plan_dev_check(&d, &bz_policy, &r, &err), 0);
	expect_rule(&r, PLAN_RULE_LAND, PLAN_FAIL, "600", "0");
}

/* ---- staffing ---- */

static const struct exact dz_ratio[PLAN_CARE__MAX] = { { 10, 1 },
	                                               { 6, 1 },
	                                               { 3, 1 } };

static void test_caregivers(void **state)
{
	const long long res[PLAN_CARE__MAX] = { 25, 14, 7 };
	struct plan_caregivers c;

	/* 25/10 = 2.5 -> 3; 14/6 = 2.33 -> 3; 7/3 = 2.33 -> 3; 9 in all
	 * (ceil of the sum, 7.17, would be 8) */
	assert_int_equal(
	    plan_caregivers_needed(res, dz_ratio, EXACT_UP, 8, &c, &err), 0);
	assert_eq(c.exact[PLAN_CARE_SELF], D("2.5"));
	assert_eq(c.exact[PLAN_CARE_PARTLY], Q(14, 6));
	assert_eq(c.exact[PLAN_CARE_DISABLED], Q(7, 3));
	assert_int_equal(c.needed[PLAN_CARE_SELF], 3);
	assert_int_equal(c.needed[PLAN_CARE_PARTLY], 3);
	assert_int_equal(c.needed[PLAN_CARE_DISABLED], 3);
	assert_int_equal(c.total, 9);
	/* 8 on staff: one short */
	assert_int_equal(c.gap.kind, PLAN_SHORTFALL);
	assert_eq(c.gap.shortfall, N(1));

	/* 10 on staff: one over */
	assert_int_equal(
	    plan_caregivers_needed(res, dz_ratio, EXACT_UP, 10, &c, &err), 0);
	assert_int_equal(c.gap.kind, PLAN_SURPLUS);
	assert_eq(c.gap.surplus, N(1));

	/* exact multiples are not rounded up: 30/10, 18/6, 9/3 = 3 + 3 + 3 */
	const long long even[PLAN_CARE__MAX] = { 30, 18, 9 };
	assert_int_equal(
	    plan_caregivers_needed(even, dz_ratio, EXACT_UP, 9, &c, &err), 0);
	assert_int_equal(c.total, 9);
	assert_eq(c.gap.surplus, N(0));
	assert_eq(c.gap.shortfall, N(0));
}

static void test_caregivers_zero(void **state)
{
	const long long none[PLAN_CARE__MAX] = { 0, 0, 0 };
	const long long one[PLAN_CARE__MAX] = { 0, 0, 1 };
	struct plan_caregivers c;

	assert_int_equal(
	    plan_caregivers_needed(none, dz_ratio, EXACT_UP, 0, &c, &err), 0);
	assert_int_equal(c.total, 0);
	assert_int_equal(c.gap.kind, PLAN_SURPLUS);
	assert_eq(c.gap.surplus, N(0));

	/* one fully disabled resident needs a whole caregiver */
	assert_int_equal(
	    plan_caregivers_needed(one, dz_ratio, EXACT_UP, 0, &c, &err), 0);
	assert_int_equal(c.total, 1);
	assert_eq(c.gap.shortfall, N(1));
}

static void test_social_workers(void **state)
{
	struct plan_social_workers s;

	/* 大竹: 每千名老年人、每百张养老机构床位均配备1名社会工作者:
	 * 4,900 * 1 / 100 = 49; 191,000 * 1 / 1000 = 191 */
	assert_int_equal(plan_social_workers_needed(N(dz_beds), P("1"),
	                                            N(dz_aged_60), P("1"), &s,
	                                            &err),
	                 0);
	assert_true(s.has_by_beds);
	assert_true(s.has_by_aged);
	expect_ratio(s.by_beds, N(4900), N(100));
	expect_ratio(s.by_aged, N(191000), N(1000));
	assert_eq(s.by_beds.value, N(49));
	assert_eq(s.by_aged.value, N(191));

	/* 开州: 5 per 1000 aged 60+: 274,000 * 5 / 1000 = 1,370; no per-bed
	 * standard */
	assert_int_equal(plan_social_workers_needed(N(kz_beds), PLAN_UNSET,
	                                            N(kz_aged_60), P("5"), &s,
	                                            &err),
	                 0);
	assert_false(s.has_by_beds);
	assert_eq(s.by_beds.value, N(0));
	assert_eq(s.by_aged.value, N(1370));

	/* 4,950 beds at 1 per 100: 49.5, shown as 50 persons */
	assert_int_equal(plan_social_workers_needed(N(4950), P("1"), N(0),
	                                            PLAN_UNSET, &s, &err),
	                 0);
	assert_eq(s.by_beds.value, D("49.5"));
	assert_eq(rounded(s.by_beds.value, EXACT_UP, 0), N(50));
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
		{ 2025, { jdz_aged_60_2025, 1 } },
		{ 2020, { jdz_aged_60, 1 } },
	};
	struct plan_projection p;

	assert_int_equal(plan_project(pts, 2, 2023, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_true(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_LINE);
	assert_eq(p.value, N(302140));
	assert_eq(p.slope, N(10980));
	assert_eq(p.mean_year, D("2022.5"));
	assert_eq(p.mean_value, N(296650));
	assert_int_equal(p.n, 2);

	/* beyond the known years: 2027 = 324,100 + 2 * 10,980 = 346,060 */
	assert_int_equal(plan_project(pts, 2, 2027, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_eq(p.value, N(346060));

	/* a known year is not a projection: the value as given */
	assert_int_equal(plan_project(pts, 2, 2020, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_false(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_KNOWN);
	assert_eq(p.value, N(jdz_aged_60));

	/* flat from the latest year */
	assert_int_equal(plan_project(pts, 2, 2030, PLAN_PROJ_LATEST, &p, &err),
	                 0);
	assert_true(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_FLAT);
	assert_eq(p.value, N(jdz_aged_60_2025));
}

static void test_project_collinear(void **state)
{
	/* 大竹 aged 60+: 191,000 (2020), 210,000 (2025): 3,800 a year; a
	 * point on that line, 2022: 191,000 + 2 * 3,800 = 198,600;
	 * 2024: 191,000 + 4 * 3,800 = 206,200 */
	const struct plan_point pts[] = {
		{ 2020, { dz_aged_60, 1 } },
		{ 2022, { 198600, 1 } },
		{ 2025, { dz_aged_60_2025, 1 } },
	};
	struct plan_projection p;

	assert_int_equal(plan_project(pts, 3, 2024, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_true(p.is_projection);
	assert_eq(p.value, N(206200));
	assert_eq(p.slope, N(3800));
	assert_int_equal(p.n, 3);
}

static void test_project_least_squares(void **state)
{
	/* (2020, 1), (2021, 3), (2022, 2): mean year 2021, mean value 2;
	 * Sxy = (-1)(-1) + 0 + (1)(0) = 1, Sxx = 2, slope 0.5;
	 * 2024: 2 + 0.5 * 3 = 3.5 */
	const struct plan_point pts[] = {
		{ 2022, { 2, 1 } },
		{ 2020, { 1, 1 } },
		{ 2021, { 3, 1 } },
	};
	struct plan_projection p;

	assert_int_equal(plan_project(pts, 3, 2024, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_eq(p.value, D("3.5"));
	assert_eq(p.slope, D("0.5"));
}

static void test_project_one_year(void **state)
{
	/* 开州: 0—3岁婴幼儿52136人 (2021): carried to 2025 unchanged, and said
	 */
	const struct plan_point pts[] = { { 2021, { 52136, 1 } } };
	struct plan_projection p;

	assert_int_equal(plan_project(pts, 1, 2025, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_true(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_SINGLE);
	assert_eq(p.value, N(52136));
	assert_eq(p.slope, N(0));

	assert_int_equal(plan_project(pts, 1, 2021, PLAN_PROJ_LINEAR, &p, &err),
	                 0);
	assert_false(p.is_projection);
	assert_int_equal(p.basis, PLAN_PROJ_KNOWN);
}

static void test_project_errors(void **state)
{
	const struct plan_point dup[] = { { 2020, { 1, 1 } },
		                          { 2020, { 2, 1 } } };
	/* a value with no denominator is no value */
	const struct plan_point nan_v[] = { { 2020, { 1, 0 } } };
	const struct plan_point ok[] = { { 2020, { 1, 1 } } };
	struct plan_projection p;

	expect_invalid(plan_project(NULL, 0, 2025, 0, &p, &err), "points");
	expect_invalid(plan_project(ok, 0, 2025, 0, &p, &err), "points");
	expect_invalid(plan_project(dup, 2, 2025, 0, &p, &err), "points[1]");
	expect_invalid(plan_project(nan_v, 1, 2025, 0, &p, &err), "points[0]");
	expect_invalid(plan_project(ok, 1, 2025, 7, &p, &err), "method");
	expect_invalid(plan_project(ok, 1, 2025, -1, &p, &err), "method");
	assert_eq(p.value, N(0));
	assert_false(p.is_projection);
}

/* ---- bad inputs ---- */

static void test_demand_errors(void **state)
{
	struct plan_ratio r;
	struct plan_gap g;
	struct plan_audit au;
	struct plan_beds_input in = {
		.method = PLAN_BEDS_PROVINCIAL_SHARE,
		.aged_60 = N(jdz_aged_60),
		.target = N(jdz_province_target),
		.province_aged_60 = N(0),
	};

	expect_invalid(plan_slots_needed(N(-1), D("4.5"), &r, &err),
	               "population");
	expect_invalid(plan_slots_needed(N(1000), N(0), &r, &err),
	               "slots_per_1000");
	expect_invalid(plan_slots_needed(N(1000), D("-4.5"), &r, &err),
	               "slots_per_1000");
	assert_eq(r.value, N(0));
	assert_eq(r.den, N(0));
	/* a product beyond 64 bits is refused, not wrapped */
	expect_invalid(
	    plan_slots_needed(N(4000000000000000000LL), N(1000000), &r, &err),
	    "population");

	expect_invalid(plan_beds_needed(&in, &r, &err), "province_aged_60");
	in.province_aged_60 = N(-5);
	expect_invalid(plan_beds_needed(&in, &r, &err), "province_aged_60");
	in.province_aged_60 = N(100000); /* fewer than the region's 269,200 */
	expect_invalid(plan_beds_needed(&in, &r, &err), "aged_60");
	in.province_aged_60 = N(jdz_province_aged_60);
	in.target = N(-1);
	expect_invalid(plan_beds_needed(&in, &r, &err),
	               "provincial_beds_target");
	in.method = PLAN_BEDS__MAX;
	expect_invalid(plan_beds_needed(&in, &r, &err), "method");
	in.method = -1;
	expect_invalid(plan_beds_needed(&in, &r, &err), "method");
	in.method = PLAN_BEDS_PER_1000_AGED_60;
	in.per_1000 = N(0);
	expect_invalid(plan_beds_needed(&in, &r, &err),
	               "beds_per_1000_aged_60");
	in.per_1000 = N(40);
	in.aged_60 = N(-1);
	expect_invalid(plan_beds_needed(&in, &r, &err), "aged_60");

	expect_invalid(plan_nursing_beds_needed(N(-1), N(55), &r, &err),
	               "beds");
	expect_invalid(plan_nursing_beds_needed(N(100), D("100.5"), &r, &err),
	               "nursing_share_percent");
	expect_invalid(plan_nursing_beds_needed(N(100), N(-1), &r, &err),
	               "nursing_share_percent");

	expect_invalid(plan_gap_compute(N(-1), N(10), &g, &err), "need");
	expect_invalid(plan_gap_compute(N(10), N(-1), &g, &err), "supply");
	assert_eq(g.shortfall, N(0));

	expect_invalid(plan_basis_population(N(7367), N(0), &r, &err),
	               "per_1000");
	expect_invalid(plan_basis_population(N(-7367), D("4.5"), &r, &err),
	               "stated_need");
	in.method = PLAN_BEDS_PROVINCIAL_SHARE;
	in.target = N(0);
	expect_invalid(plan_beds_basis(&in, N(10500), &r, &err),
	               "provincial_beds_target");
	expect_invalid(plan_audit_compare(N(1), 13, N(1), &au, &err), "places");
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
	d.largest_facility_m2 = P("700");
	expect_invalid(plan_dev_check(&d, &pol, &r, &err),
	               "largest_facility_m2");
	d = bz_dev();
	d.slots = P("-1");
	expect_invalid(plan_dev_check(&d, &pol, &r, &err), "slots");
	d = bz_dev();
	d.land_m2 = P("-0.5");
	expect_invalid(plan_dev_check(&d, &pol, &r, &err), "land_m2");

	d = bz_dev();
	pol.slots_per_1000_old = P("0");
	expect_invalid(plan_dev_check(&d, &pol, &r, &err),
	               "slots_per_1000_old");
	pol = bz_policy;
	pol.floor_m2_per_100_households = P("-30");
	expect_invalid(plan_dev_check(&d, &pol, &r, &err),
	               "floor_m2_per_100_households");
	/* an unset parameter's value is not looked at */
	pol = bz_policy;
	pol.land_m2_per_resident = (struct plan_param){ 0, { -1, 1 } };
	assert_int_equal(plan_dev_check(&d, &pol, &r, &err), 0);
}

static void test_staff_errors(void **state)
{
	const long long res[PLAN_CARE__MAX] = { 25, -14, 7 };
	const long long ok[PLAN_CARE__MAX] = { 25, 14, 7 };
	const long long huge[PLAN_CARE__MAX] = { 0, 0, 1000000000000LL };
	const long long too_many[PLAN_CARE__MAX] = { 0, 1000000000001LL, 0 };
	const struct exact zero[PLAN_CARE__MAX] = { { 10, 1 },
		                                    { 6, 1 },
		                                    { 0, 1 } };
	const struct exact tiny[PLAN_CARE__MAX] = { { 10, 1 },
		                                    { 6, 1 },
		                                    { 1, 1000000000 } };
	struct plan_caregivers c;
	struct plan_social_workers s;
	struct plan_clinic_result r;
	struct plan_institution in = { PLAN_OWN_PUBLIC, 100, 50, 0 };
	const struct plan_clinic_rule bad_rules[] = {
		{ PLAN_OWN_ANY, 100, -1, 0 },
		{ PLAN_OWN_PUBLIC, -1, -1, 0 },
	};
	const struct plan_clinic_rule bad_own[] = { { 9, 100, -1, 0 } };

	expect_invalid(
	    plan_caregivers_needed(res, dz_ratio, EXACT_UP, 0, &c, &err),
	    "residents_partly");
	expect_invalid(
	    plan_caregivers_needed(too_many, dz_ratio, EXACT_UP, 0, &c, &err),
	    "residents_partly");
	expect_invalid(plan_caregivers_needed(ok, zero, EXACT_UP, 0, &c, &err),
	               "caregiver_ratio_disabled");
	expect_invalid(
	    plan_caregivers_needed(huge, tiny, EXACT_UP, 0, &c, &err),
	    "caregiver_ratio_disabled");
	expect_invalid(
	    plan_caregivers_needed(ok, dz_ratio, EXACT_UP, -1, &c, &err),
	    "caregivers_on_staff");
	assert_int_equal(c.total, 0);

	expect_invalid(plan_social_workers_needed(N(-1), P("1"), N(0),
	                                          PLAN_UNSET, &s, &err),
	               "beds");
	expect_invalid(plan_social_workers_needed(N(0), PLAN_UNSET, N(-1),
	                                          PLAN_UNSET, &s, &err),
	               "aged_60");
	expect_invalid(plan_social_workers_needed(N(100), P("0"), N(0),
	                                          PLAN_UNSET, &s, &err),
	               "social_workers_per_100_beds");
	expect_invalid(plan_social_workers_needed(N(100), PLAN_UNSET, N(0),
	                                          P("-1"), &s, &err),
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
	assert_int_equal(plan_slots_needed(N(-1), D("4.5"), &r, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_half_up),
		cmocka_unit_test(test_round_property),
		cmocka_unit_test(test_round_up),
		cmocka_unit_test(test_round_describe),
		cmocka_unit_test_setup(test_kaizhou, setup),
		cmocka_unit_test_setup(test_jingdezhen, setup),
		cmocka_unit_test_setup(test_bazhong, setup),
		cmocka_unit_test_setup(test_gap_surplus, setup),
		cmocka_unit_test_setup(test_audit_jingdezhen, setup),
		cmocka_unit_test_setup(test_audit_precision, setup),
		cmocka_unit_test_setup(test_audit_property, setup),
		cmocka_unit_test_setup(test_dev_not_given, setup),
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
