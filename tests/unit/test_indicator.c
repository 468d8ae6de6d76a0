/*
 * Indicator arithmetic (core/indicator.c): registry element names, sums
 * over registry cells and an indicator's status against its target. The
 * expected sums and straight-line values are worked out by hand next to
 * each case.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/facility.h"
#include "core/indicator.h"

/* ---- element_ref_parse ---- */

static struct element_ref ref_ok(const char *name)
{
	struct element_ref r;

	memset(&r, 0x5a, sizeof(r));
	if (element_ref_parse(name, &r) != 1)
		fail_msg("'%s' is not a registry element", name);
	return r;
}

/* facet values in the order of enum facet; -1 for any */
static void expect_ref(const char *name, int measure, int kind, int own, int op,
                       int profit, int filing, int medical)
{
	struct element_ref r = ref_ok(name);
	const int want[FACET__MAX] = { kind, own, op, profit, filing, medical };

	assert_int_equal(r.measure, measure);
	for (int f = 0; f < FACET__MAX; f++)
		if (r.facet[f] != want[f])
			fail_msg("'%s': facet %d is %d, want %d", name, f,
			         r.facet[f], want[f]);
}

static void test_ref_measures(void **state)
{
	expect_ref("facilities", M_FACILITIES, -1, -1, -1, -1, -1, -1);
	expect_ref("beds", M_BEDS, -1, -1, -1, -1, -1, -1);
	expect_ref("nursing_beds", M_NURSING_BEDS, -1, -1, -1, -1, -1, -1);
	expect_ref("occupied_beds", M_OCCUPIED_BEDS, -1, -1, -1, -1, -1, -1);
	expect_ref("slots", M_SLOTS, -1, -1, -1, -1, -1, -1);
	expect_ref("affordable_slots", M_AFFORDABLE_SLOTS, -1, -1, -1, -1, -1,
	           -1);
	expect_ref("enrolled", M_ENROLLED, -1, -1, -1, -1, -1, -1);
	expect_ref("caregivers", M_CAREGIVERS, -1, -1, -1, -1, -1, -1);
}

static void test_ref_filters(void **state)
{
	expect_ref("beds.private", M_BEDS, -1, OWN_PRIVATE, -1, -1, -1, -1);
	expect_ref("beds.public", M_BEDS, -1, OWN_PUBLIC, -1, -1, -1, -1);
	expect_ref("beds.state_owned", M_BEDS, -1, OWN_STATE_OWNED, -1, -1, -1,
	           -1);
	expect_ref("nursing_beds.elderly_institution.private", M_NURSING_BEDS,
	           FK_ELDERLY_INSTITUTION, OWN_PRIVATE, -1, -1, -1, -1);
	/* filters in any order */
	expect_ref("nursing_beds.private.elderly_institution", M_NURSING_BEDS,
	           FK_ELDERLY_INSTITUTION, OWN_PRIVATE, -1, -1, -1, -1);
	expect_ref("facilities.childcare_institution.filed", M_FACILITIES,
	           FK_CHILDCARE_INSTITUTION, -1, -1, -1, FILING_FILED, -1);
	expect_ref("facilities.filed.childcare_institution", M_FACILITIES,
	           FK_CHILDCARE_INSTITUTION, -1, -1, -1, FILING_FILED, -1);
	expect_ref("beds.medical", M_BEDS, -1, -1, -1, -1, -1, 1);
	expect_ref("beds.public_private", M_BEDS, -1, -1, OP_PUBLIC_PRIVATE, -1,
	           -1, -1);
	expect_ref("beds.public_run", M_BEDS, -1, -1, OP_PUBLIC_RUN, -1, -1,
	           -1);
	expect_ref("beds.private_run", M_BEDS, -1, -1, OP_PRIVATE_RUN, -1, -1,
	           -1);
	expect_ref("occupied_beds.nonprofit", M_OCCUPIED_BEDS, -1, -1, -1,
	           PROFIT_NONPROFIT, -1, -1);
	expect_ref("slots.forprofit", M_SLOTS, -1, -1, -1, PROFIT_FORPROFIT, -1,
	           -1);
	expect_ref("slots.kindergarten_nursery", M_SLOTS,
	           FK_KINDERGARTEN_NURSERY, -1, -1, -1, -1, -1);
	expect_ref("slots.family_childcare_point", M_SLOTS, FK_FAMILY_CHILDCARE,
	           -1, -1, -1, -1, -1);
	expect_ref("caregivers.unfiled", M_CAREGIVERS, -1, -1, -1, -1,
	           FILING_UNFILED, -1);
	/* one of every facet at once */
	expect_ref("beds.medical.filed.forprofit.private_run.private."
	           "elderly_institution",
	           M_BEDS, FK_ELDERLY_INSTITUTION, OWN_PRIVATE, OP_PRIVATE_RUN,
	           PROFIT_FORPROFIT, FILING_FILED, 1);
}

static void expect_ref_result(const char *name, int want)
{
	struct element_ref r;
	int got = element_ref_parse(name, &r);

	if (got != want)
		fail_msg("'%s': %d, want %d", name, got, want);
}

static void test_ref_refused(void **state)
{
	/* a measure with a filter that is not one */
	expect_ref_result("beds.xyz", -1);
	expect_ref_result("beds.Private", -1);
	expect_ref_result("beds.private.xyz", -1);
	/* a facet given twice, even with the same value */
	expect_ref_result("beds.public.private", -1);
	expect_ref_result("beds.private.private", -1);
	expect_ref_result("beds.filed.pending", -1);
	expect_ref_result("beds.medical.medical", -1);
	expect_ref_result("beds.public_run.private_run", -1);
	/* empty parts */
	expect_ref_result("beds.", -1);
	expect_ref_result("beds..private", -1);
	expect_ref_result("beds.private.", -1);
	/* a filter longer than any name */
	expect_ref_result("beds.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	                  "aaaaaaaaaaaa",
	                  -1);
}

static void test_ref_not_registry(void **state)
{
	/* population and reported names: not a registry element */
	expect_ref_result("residents", 0);
	expect_ref_result("aged_60", 0);
	expect_ref_result("t.pension", 0);
	expect_ref_result("bazhong.elderly.05", 0);
	expect_ref_result("bed", 0);
	expect_ref_result("bedsx", 0);
	expect_ref_result("Beds", 0);
	expect_ref_result("", 0);
	expect_ref_result(".beds", 0);
}

/* ---- element_sum ---- */

#define CELL(k, o, op, pr, fi, med)                                            \
	{                                                                      \
		k, o, op, pr, fi, med                                          \
	}

/*
 * A hand-made registry. Measures are listed in enum measure order:
 * facilities, beds, nursing_beds, occupied_beds, slots, affordable_slots,
 * enrolled, caregivers.
 */
static const struct registry_cell cells[] = {
	/* 0: public elderly institution, filed, 医养结合 */
	{ CELL(FK_ELDERLY_INSTITUTION, OWN_PUBLIC, OP_PUBLIC_RUN,
	       PROFIT_NONPROFIT, FILING_FILED, 1),
	  { 1, 100, 60, 80, 0, 0, 0, 20 } },
	/* 1: private elderly institutions, filed, for profit */
	{ CELL(FK_ELDERLY_INSTITUTION, OWN_PRIVATE, OP_PRIVATE_RUN,
	       PROFIT_FORPROFIT, FILING_FILED, 0),
	  { 2, 50, 30, 40, 0, 0, 0, 10 } },
	/* 2: private (公建民营) elderly institution, filing pending */
	{ CELL(FK_ELDERLY_INSTITUTION, OWN_PRIVATE, OP_PUBLIC_PRIVATE,
	       PROFIT_NONPROFIT, FILING_PENDING, 0),
	  { 1, 200, 120, 150, 0, 0, 0, 30 } },
	/* 3: community complexes with nothing recorded but the kind */
	{ CELL(FK_COMMUNITY_COMPLEX, -1, -1, -1, FILING_UNFILED, 0),
	  { 3, 10, 0, 4, 0, 0, 0, 5 } },
	/* 4: private childcare institution, filed, for profit */
	{ CELL(FK_CHILDCARE_INSTITUTION, OWN_PRIVATE, -1, PROFIT_FORPROFIT,
	       FILING_FILED, 0),
	  { 1, 0, 0, 0, 80, 40, 60, 12 } },
	/* 5: public childcare institution, not filed */
	{ CELL(FK_CHILDCARE_INSTITUTION, OWN_PUBLIC, OP_PUBLIC_RUN,
	       PROFIT_NONPROFIT, FILING_UNFILED, 0),
	  { 1, 0, 0, 0, 50, 50, 45, 8 } },
};

#define NCELLS (sizeof(cells) / sizeof(cells[0]))

static void expect_sum(const char *name, long long want)
{
	struct element_ref r = ref_ok(name);
	long long got = element_sum(&r, cells, NCELLS);

	if (got != want)
		fail_msg("'%s': %lld, want %lld", name, got, want);
}

static void test_sum(void **state)
{
	/* every cell */
	expect_sum("facilities", 1 + 2 + 1 + 3 + 1 + 1);
	expect_sum("beds", 100 + 50 + 200 + 10);
	expect_sum("nursing_beds", 60 + 30 + 120);
	expect_sum("occupied_beds", 80 + 40 + 150 + 4);
	expect_sum("slots", 80 + 50);
	expect_sum("affordable_slots", 40 + 50);
	expect_sum("enrolled", 60 + 45);
	expect_sum("caregivers", 20 + 10 + 30 + 5 + 12 + 8);
	/* one filter: cells 1, 2 (and 4, which has no beds) */
	expect_sum("beds.private", 50 + 200);
	expect_sum("beds.public", 100);
	expect_sum("beds.state_owned", 0);
	expect_sum("beds.medical", 100);
	expect_sum("beds.public_private", 200);
	expect_sum("beds.community_complex", 10);
	expect_sum("slots.private", 80);
	expect_sum("caregivers.filed", 20 + 10 + 12);
	expect_sum("caregivers.unfiled", 5 + 8);
	expect_sum("occupied_beds.nonprofit", 80 + 150);
	/* several filters, any order */
	expect_sum("nursing_beds.elderly_institution.private", 30 + 120);
	expect_sum("nursing_beds.private.elderly_institution", 30 + 120);
	expect_sum("facilities.childcare_institution.filed", 1);
	expect_sum("facilities.filed.nonprofit", 1);
	expect_sum("enrolled.childcare_institution.public.public_run", 45);
	expect_sum("beds.private.forprofit.filed", 50);
	/* a cell with no ownership recorded is never "public" nor "private" */
	expect_sum("facilities.community_complex.public", 0);
	expect_sum("facilities.community_complex.private", 0);
}

static void test_sum_empty(void **state)
{
	struct element_ref r = ref_ok("beds.private");

	assert_int_equal(element_sum(&r, cells, 0), 0);
	assert_int_equal(element_sum(&r, NULL, 0), 0);
}

/* ---- names ---- */

static void test_op_names(void **state)
{
	static const char *const names[TOP_NONE] = { ">=", ">", "<=",
		                                     "<",  "=", "text" };

	for (int op = 0; op < TOP_NONE; op++) {
		assert_string_equal(target_op_name((enum target_op)op),
		                    names[op]);
		assert_int_equal(target_op_parse(names[op]), op);
		assert_int_equal(
		    target_op_parse(target_op_name((enum target_op)op)), op);
	}
	assert_int_equal(target_op_parse(">="), TOP_GE);
	assert_int_equal(target_op_parse("="), TOP_EQ);
	assert_int_equal(target_op_parse("text"), TOP_TEXT);
	assert_int_equal(target_op_parse("≈"), -1);
	assert_int_equal(target_op_parse("=="), -1);
	assert_int_equal(target_op_parse("≥"), -1);
	assert_int_equal(target_op_parse("=>"), -1);
	assert_int_equal(target_op_parse(" >="), -1);
	assert_int_equal(target_op_parse("TEXT"), -1);
	assert_int_equal(target_op_parse(""), -1);
	assert_int_equal(target_op_parse(NULL), -1);
	/* a file leaves the target out rather than write "none" */
	assert_string_equal(target_op_name(TOP_NONE), "none");
	assert_int_equal(target_op_parse("none"), -1);
	assert_string_equal(target_op_symbol(TOP_NONE), "");
	assert_string_equal(target_op_name(TOP__MAX), "?");
	assert_string_equal(target_op_name((enum target_op)99), "?");
	/* people read ≥ and ≤, never ">=" */
	assert_string_equal(target_op_symbol(TOP_GE), "≥");
	assert_string_equal(target_op_symbol(TOP_LE), "≤");
	assert_string_equal(target_op_symbol(TOP_GT), ">");
	assert_string_equal(target_op_symbol(TOP_LT), "<");
	assert_string_equal(target_op_symbol(TOP_EQ), "");
	assert_string_equal(target_op_symbol(TOP_TEXT), "");
}

static void test_status_names(void **state)
{
	assert_string_equal(status_name(ST_MET), "met");
	assert_string_equal(status_name(ST_ON_TRACK), "on_track");
	assert_string_equal(status_name(ST_BEHIND), "behind");
	assert_string_equal(status_name(ST_NO_DATA), "no_data");
	assert_string_equal(status_name(ST_MISSED), "missed");
	assert_string_equal(status_name(ST_NO_TARGET), "no_target");
	assert_string_equal(status_name(ST_DESCRIPTIVE), "descriptive");
	assert_string_equal(status_name(ST__MAX), "no_data");
	assert_string_equal(status_label_zh(ST_MET), "已达标");
	assert_string_equal(status_label_zh(ST_ON_TRACK), "进度正常");
	assert_string_equal(status_label_zh(ST_BEHIND), "滞后");
	assert_string_equal(status_label_zh(ST_NO_DATA), "无数据");
	assert_string_equal(status_label_zh(ST_MISSED), "未达标");
	assert_string_equal(status_label_zh(ST_NO_TARGET), "无本级目标");
	assert_string_equal(status_label_zh(ST_DESCRIPTIVE), "不考核");
	assert_string_equal(status_label_zh(ST__MAX), "无数据");
}

/* ---- indicator_status ---- */

static struct exact dec(const char *s)
{
	struct exact e;

	assert_int_equal(exact_parse(s, &e), 0);
	return e;
}

/* No target: descriptive with or without a value, at any time, whatever
 * the value (a negative one, a zero, a huge one): never met against an
 * invented ">= 0", never missed, no straight line. */
static void test_status_descriptive(void **state)
{
	static const char *const values[] = { "-5",   "0",       "0.01",
		                              "98.4", "1000000", NULL };
	struct target_line t = { .op = TOP_NONE };
	struct exact out;

	for (size_t k = 0; values[k]; k++)
		for (int year = 2000; year <= 2100; year += 25) {
			assert_int_equal(indicator_status(&t, 1, dec(values[k]),
			                                  exact_int(year)),
			                 ST_DESCRIPTIVE);
			assert_int_equal(indicator_status(&t, 0, exact_int(0),
			                                  exact_int(year)),
			                 ST_DESCRIPTIVE);
		}
	/* even a base does not make a line without a target */
	t.has_base = 1;
	t.base = dec("10");
	t.base_year = 2020;
	assert_int_equal(indicator_status(&t, 1, dec("12"), dec("2023.5")),
	                 ST_DESCRIPTIVE);
	assert_int_equal(indicator_expected(&t, dec("2023.5"), &out), 0);
}

static struct target_line line(enum target_op op, const char *base,
                               int base_year, const char *target,
                               int target_year)
{
	struct target_line t = { op,          1,         dec(base),
		                 dec(target), base_year, target_year };

	return t;
}

static void expect_exact(const struct target_line *t, struct exact value,
                         const char *at, enum indicator_status want)
{
	enum indicator_status got = indicator_status(t, 1, value, dec(at));

	if (got != want)
		fail_msg("%s %lld/%lld, value %lld/%lld at %s: %s, want %s",
		         target_op_name(t->op), (long long)t->target.num,
		         (long long)t->target.den, (long long)value.num,
		         (long long)value.den, at, status_name(got),
		         status_name(want));
}

static void expect_status(const struct target_line *t, const char *value,
                          const char *at, enum indicator_status want)
{
	expect_exact(t, dec(value), at, want);
}

/* >= 55 by 2025 from 50 in 2020: the line is 50 + (at - 2020), 53 in 2023 */
static void test_status_ge(void **state)
{
	struct target_line t = line(TOP_GE, "50", 2020, "55", 2025);

	expect_status(&t, "55", "2025", ST_MET);
	expect_status(&t, "56", "2025", ST_MET);
	expect_status(&t, "55", "2023", ST_MET);
	expect_status(&t, "55", "2027", ST_MET);
	expect_status(&t, "54", "2023", ST_ON_TRACK);
	expect_status(&t, "53", "2023", ST_ON_TRACK); /* exactly on the line */
	expect_status(&t, "52.9", "2023", ST_BEHIND);
	expect_status(&t, "54", "2025", ST_MISSED);
	expect_status(&t, "54.9", "2026", ST_MISSED);
	/* 2023Q2 is 2022.5: the line is 52.5 */
	expect_status(&t, "52.5", "2022.5", ST_ON_TRACK);
	expect_status(&t, "52.4", "2022.5", ST_BEHIND);
	/* before the base year the line stays at the base */
	expect_status(&t, "50", "2019", ST_ON_TRACK);
	expect_status(&t, "49", "2019", ST_BEHIND);
	expect_status(&t, "50", "2020", ST_ON_TRACK);
	/* no value, or one that is not a number, is no data */
	assert_int_equal(indicator_status(&t, 0, dec("60"), dec("2023")),
	                 ST_NO_DATA);
	assert_int_equal(indicator_status(&t, 0, dec("0"), dec("2025")),
	                 ST_NO_DATA);
}

/* <= 10 by 2025 from 20 in 2020: the line is 20 - 2 (at - 2020), 14 in 2023 */
static void test_status_le(void **state)
{
	struct target_line t = line(TOP_LE, "20", 2020, "10", 2025);

	expect_status(&t, "10", "2023", ST_MET);
	expect_status(&t, "10", "2025", ST_MET);
	expect_status(&t, "9", "2025", ST_MET);
	expect_status(&t, "13", "2023", ST_ON_TRACK);
	expect_status(&t, "14", "2023", ST_ON_TRACK);
	expect_status(&t, "15", "2023", ST_BEHIND);
	expect_status(&t, "11", "2025", ST_MISSED);
	expect_status(&t, "20", "2019", ST_ON_TRACK);
	expect_status(&t, "21", "2019", ST_BEHIND);
}

/* < 10 by 2025 from 20: 10 itself is not met */
static void test_status_lt(void **state)
{
	struct target_line t = line(TOP_LT, "20", 2020, "10", 2025);

	expect_status(&t, "9.5", "2025", ST_MET);
	expect_status(&t, "10", "2025", ST_MISSED);
	expect_status(&t, "10", "2023", ST_ON_TRACK); /* line at 14 */
	expect_status(&t, "14.5", "2023", ST_BEHIND);
}

/* = 100 by 2025 from 60: the line is 60 + 8 (at - 2020), 84 in 2023 */
static void test_status_eq(void **state)
{
	struct target_line t = line(TOP_EQ, "60", 2020, "100", 2025);

	expect_status(&t, "100", "2023", ST_MET);
	expect_status(&t, "100", "2025", ST_MET);
	expect_status(&t, "90", "2023", ST_ON_TRACK);
	expect_status(&t, "84", "2023", ST_ON_TRACK);
	expect_status(&t, "80", "2023", ST_BEHIND);
	/* overshooting by as much as the line is short is still on track */
	expect_status(&t, "116", "2023", ST_ON_TRACK);
	expect_status(&t, "117", "2023", ST_BEHIND);
	expect_status(&t, "99", "2025", ST_MISSED);
	expect_status(&t, "101", "2025", ST_MISSED);
}

/* > 55 by 2025 from 50: 55 itself is not met */
static void test_status_gt(void **state)
{
	struct target_line t = line(TOP_GT, "50", 2020, "55", 2025);

	expect_status(&t, "55", "2025", ST_MISSED);
	expect_status(&t, "55", "2023", ST_ON_TRACK); /* not met, above 53 */
	expect_status(&t, "55.1", "2025", ST_MET);
	expect_status(&t, "55.1", "2023", ST_MET);
	expect_status(&t, "52", "2023", ST_BEHIND);
}

/* Without a base there is no line: short of the target is behind at any
 * time, even years before the target year. */
static void test_status_no_base(void **state)
{
	struct target_line t = { TOP_GE, 0, dec("0"), dec("55"), 0, 2025 };

	expect_status(&t, "55", "2021", ST_MET);
	expect_status(&t, "60", "2025", ST_MET);
	expect_status(&t, "54", "2021", ST_BEHIND);
	expect_status(&t, "1", "2020", ST_BEHIND);
	expect_status(&t, "54", "2025", ST_MISSED);
	assert_int_equal(indicator_status(&t, 0, dec("0"), dec("2021")),
	                 ST_NO_DATA);

	t.op = TOP_LE;
	t.target = dec("10");
	expect_status(&t, "10", "2021", ST_MET);
	expect_status(&t, "11", "2021", ST_BEHIND);
}

/* A base year not before the target year gives no line: behind. */
static void test_status_empty_span(void **state)
{
	struct target_line t = line(TOP_GE, "50", 2025, "55", 2025);

	expect_status(&t, "54", "2023", ST_BEHIND);
	expect_status(&t, "55", "2023", ST_MET);
	t = line(TOP_GE, "50", 2026, "55", 2025);
	expect_status(&t, "54", "2023", ST_BEHIND);
}

/* The quarter ending the target year counts as the target year:
 * 2025Q4 is 2025.0. */
static void test_status_target_quarter(void **state)
{
	struct target_line t = line(TOP_GE, "50", 2020, "55", 2025);

	expect_status(&t, "54.9", "2025.0", ST_MISSED);
	expect_status(&t, "54.9", "2024.75", ST_ON_TRACK); /* line 54.75 */
	expect_status(&t, "54.7", "2024.75", ST_BEHIND);
}

/*
 * Exact comparison: no tolerance. 4961 / 8749 × 100 is the fraction
 * 496100/8749 = 56.7036232712309978…; a target written to any number of
 * places is met by >= exactly when it is at most that fraction.
 */
static void test_status_exact(void **state)
{
	struct target_line t = line(TOP_GE, "50", 2020, "56.70362327123", 2025);
	struct exact v;

	assert_int_equal(exact_frac(496100, 8749, &v), 0);
	expect_exact(&t, v, "2025", ST_MET);
	t.op = TOP_GT;
	expect_exact(&t, v, "2025", ST_MET);
	t.op = TOP_EQ; /* not equal to a rounded figure */
	expect_exact(&t, v, "2025", ST_MISSED);
	t.op = TOP_LE;
	expect_exact(&t, v, "2025", ST_MISSED);
	/* rounded up at the 11th place: 8e-12 short, not met */
	t = line(TOP_GE, "50", 2020, "56.70362327124", 2025);
	expect_exact(&t, v, "2025", ST_MISSED);
	t.op = TOP_LT;
	expect_exact(&t, v, "2025", ST_MET);

	/* 0.55 × 100 is exactly 55, and 0.1 + 0.2 exactly 0.3 */
	t = line(TOP_EQ, "50", 2020, "55", 2025);
	expect_status(&t, "55.000", "2025", ST_MET);
	expect_status(&t, "54.99999999999", "2025", ST_MISSED);
	expect_status(&t, "55.00000000001", "2025", ST_MISSED);
	t.op = TOP_GT;
	expect_status(&t, "55.00000000001", "2025", ST_MET);
	t = line(TOP_GE, "0", 2020, "1", 2030);
	expect_status(&t, "0.3", "2023", ST_ON_TRACK); /* line 0.3 */
	expect_status(&t, "0.2999999999", "2023", ST_BEHIND);
}

/* Property: for random bases, targets, values and months, >= is met
 * exactly when value >= target, a miss is missed from the end of the
 * target year on, and before it on track exactly when the value is on or
 * above the line worked out in integers (hundredths and months). */
static void test_status_property(void **state)
{
	uint64_t x = 0x243F6A8885A308D3ull;

	for (int k = 0; k < 5000; k++) {
		long long base, target, value, months;
		struct target_line t;
		struct exact v, at;
		enum indicator_status want, got;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		base = (long long)(x % 10001);
		target = base + 1 + (long long)((x >> 16) % 10000);
		value = (long long)((x >> 32) % 20001);
		/* months since the end of 2019, up to the end of 2027 */
		months = 1 + (long long)((x >> 48) % 96);
		t = (struct target_line){ TOP_GE,          1,    { base, 100 },
			                  { target, 100 }, 2020, 2025 };
		assert_int_equal(exact_frac(base, 100, &t.base), 0);
		assert_int_equal(exact_frac(target, 100, &t.target), 0);
		assert_int_equal(exact_frac(value, 100, &v), 0);
		assert_int_equal(exact_frac(2019 * 12 + months, 12, &at), 0);
		if (value >= target)
			want = ST_MET;
		else if (months >= 6 * 12)
			want = ST_MISSED;
		else {
			/* line at m months after the base year's end (12
			 * months in): base + (target - base) * (m - 12) / 60,
			 * the base itself before; value on or above it, in
			 * integers: value * 60 >= base * 60 + gap * m' */
			long long m = months > 12 ? months - 12 : 0;

			want = value * 60 >= base * 60 + (target - base) * m
			           ? ST_ON_TRACK
			           : ST_BEHIND;
		}
		got = indicator_status(&t, 1, v, at);
		if (got != want)
			fail_msg(
			    "base %lld target %lld value %lld (hundredths) "
			    "month %lld: %s, want %s",
			    base, target, value, months, status_name(got),
			    status_name(want));
	}
}

/* The text op has no number to meet: a numeric value is behind. */
static void test_status_text_op(void **state)
{
	struct target_line t = line(TOP_TEXT, "0", 2020, "1", 2025);

	expect_status(&t, "1", "2023", ST_BEHIND);
	assert_int_equal(indicator_status(&t, 0, dec("0"), dec("2023")),
	                 ST_NO_DATA);
}

/* ---- text_target_status ---- */

static void expect_text(const char *target, const char *reported, double at,
                        int target_year, enum indicator_status want)
{
	char text[32];
	enum indicator_status got;

	snprintf(text, sizeof(text), "%.2f", at);
	got = text_target_status(target, reported, dec(text), target_year);
	if (got != want)
		fail_msg("'%s' for '%s' at %g (target %d): %s, want %s",
		         reported ? reported : "(null)",
		         target ? target : "(null)", at, target_year,
		         status_name(got), status_name(want));
}

static void test_text_target(void **state)
{
	expect_text("建立", "建立", 2023, 2025, ST_MET);
	expect_text("建立", "建立", 2025, 2025, ST_MET);
	expect_text("建立", "done", 2023, 2025, ST_MET);
	expect_text("建立", "是", 2026, 2025, ST_MET);
	expect_text("建立", "已完成", 2025, 2025, ST_MET);
	expect_text("建立", "未建", 2023, 2025, ST_ON_TRACK);
	expect_text("建立", "未建", 2024.75, 2025, ST_ON_TRACK);
	expect_text("建立", "未建", 2025, 2025, ST_MISSED);
	expect_text("建立", "未建", 2026, 2025, ST_MISSED);
	expect_text("建立", "建立 ", 2025, 2025, ST_MISSED); /* exact text */
	expect_text("建立", "Done", 2025, 2025, ST_MISSED);
	expect_text("建立", NULL, 2023, 2025, ST_NO_DATA);
	expect_text("建立", "", 2023, 2025, ST_NO_DATA);
	expect_text("建立", NULL, 2026, 2025, ST_NO_DATA);
	/* no target text: only the generic words count */
	expect_text(NULL, "done", 2023, 2025, ST_MET);
	expect_text(NULL, "建立", 2023, 2025, ST_ON_TRACK);
	expect_text(NULL, "建立", 2025, 2025, ST_MISSED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ref_measures),
		cmocka_unit_test(test_ref_filters),
		cmocka_unit_test(test_ref_refused),
		cmocka_unit_test(test_ref_not_registry),
		cmocka_unit_test(test_sum),
		cmocka_unit_test(test_sum_empty),
		cmocka_unit_test(test_op_names),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_status_ge),
		cmocka_unit_test(test_status_le),
		cmocka_unit_test(test_status_lt),
		cmocka_unit_test(test_status_eq),
		cmocka_unit_test(test_status_gt),
		cmocka_unit_test(test_status_no_base),
		cmocka_unit_test(test_status_empty_span),
		cmocka_unit_test(test_status_target_quarter),
		cmocka_unit_test(test_status_exact),
		cmocka_unit_test(test_status_property),
		cmocka_unit_test(test_status_descriptive),
		cmocka_unit_test(test_status_text_op),
		cmocka_unit_test(test_text_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
