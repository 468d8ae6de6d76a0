/* Money paid once and right (core/subsidy_once.c, core/subsidy_group.c):
 * one-off units paid once across periods, and exclusive groups (就高)
 * across schemes and runs. The examples use the seeds' figures; the
 * properties run the rules over many random cases from a fixed seed and
 * check, against totals computed here, what must hold for every input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/subsidy_group.h"
#include "core/subsidy_once.h"

/* 000 巴中 line 328: 5000元 per affordable childcare slot. */
#define BZ_SLOT 500000
/* 004 景德镇 line 273: 1.3 × the urban 低保 standard (735.55 元) =
 * 956.215, rounded half up 956.22 元; 城市集中供养标准 1100 元. */
#define JDZ_BASIC_URBAN 95622
#define JDZ_BASIC_CARE  110000

/* a small fixed-seed generator (xorshift64*), so runs repeat exactly */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static int64_t rnd_to(int64_t n) /* 0..n-1 */
{
	return (int64_t)(rnd() % (uint64_t)n);
}

static const struct subsidy_unit_rate slot_rate[] = {
	{ "affordable_slots",
	  "普惠托位",
	  "affordable childcare slots",
	  "个",
	  { BZ_SLOT, NULL, 0, 0 } },
};
static const struct subsidy_version slot_version = {
	.amount = { .kind = SUBSIDY_AMOUNT_PER_UNIT,
	            .units = slot_rate,
	            .n_units = 1 },
};

/* 巴中: 50 slots paid in 2024, 80 counted in 2025: 30 × 5000 元 due. */
static void test_once_example(void **state)
{
	struct arena *a = arena_new();
	struct subsidy_unit_count now[] = { { "affordable_slots", 80 } };
	struct subsidy_once_paid before[] = { { "affordable_slots", 50, 0,
		                                0 } };
	struct subsidy_subject subj = { .kind = SUBSIDY_INSTITUTION,
		                        .units = now,
		                        .n_units = 1 },
	                       due;
	const char *note;

	(void)state;
	subsidy_once_subject(a, &subj, before, 1, &due);
	assert_int_equal(due.n_units, 1);
	assert_int_equal(due.units[0].count, 30);
	assert_int_equal(due.units[0].count * BZ_SLOT, 15000000);
	note = subsidy_once_note(a, &slot_version, &due, before, 1);
	assert_non_null(note);
	assert_string_equal(note,
	                    "新增普惠托位30个，每个5000元；此前已补助50个");
	/* nothing paid before: no note, the engine's reason says it all */
	assert_null(subsidy_once_note(a, &slot_version, &due, NULL, 0));
	/* fewer now than paid before: nothing due, never negative */
	{
		struct subsidy_once_paid p = { "u", 50, 0, 0 };

		assert_int_equal(subsidy_once_units_due(40, &p), 0);
		/* 2025 paid 80 first; 2024 with 50 is then due nothing */
		p = (struct subsidy_once_paid){ "u", 0, 0, 80 };
		assert_int_equal(subsidy_once_units_due(50, &p), 0);
		/* 2024 paid 50, 2025 then 30: a re-run of 2024 keeps 50 */
		p = (struct subsidy_once_paid){ "u", 0, 50, 30 };
		assert_int_equal(subsidy_once_units_due(50, &p), 50);
		p = (struct subsidy_once_paid){ "u", -3, 0, 0 };
		assert_int_equal(subsidy_once_units_due(7, &p), 7);
	}
	arena_free(a);
}

/* Runs of a one-off scheme as the ledger does them: a run of period p
 * (periods in order 0, 1, …) with count c writes a line of (due − paid
 * in p) units. */
enum { PERIODS = 5 };

static int64_t run_once(int64_t paid[PERIODS], int p, int64_t count)
{
	struct subsidy_once_paid s = { "u", 0, paid[p], 0 };
	int64_t due, line;

	for (int q = 0; q < PERIODS; q++)
		if (q < p)
			s.earlier += paid[q];
		else if (q > p)
			s.later += paid[q];
	due = subsidy_once_units_due(count, &s);
	line = due - paid[p];
	paid[p] = due;
	return line;
}

static void test_once_property(void **state)
{
	(void)state;
	rng_state = UINT64_C(0x5eed0001);
	for (int c = 0; c < 600; c++) {
		int64_t paid[PERIODS] = { 0 }, max_seen = 0, count = 0;
		int monotone = (int)rnd_to(2);
		int steps = 1 + (int)rnd_to(12);

		for (int s = 0; s < steps; s++) {
			int p = (int)rnd_to(PERIODS);
			int64_t total = 0;

			count = monotone ? count + rnd_to(40) : rnd_to(120);
			if (count > max_seen)
				max_seen = count;
			run_once(paid, p, count);
			for (int q = 0; q < PERIODS; q++) {
				assert_true(paid[q] >= 0);
				total += paid[q];
			}
			/* never more units than ever existed, and every
			 * unit counted now is paid (in some period) */
			assert_true(total <= max_seen);
			assert_true(total >= count);
			/* slots only added: each paid exactly once */
			if (monotone)
				assert_int_equal(total, count);
			/* a re-run of the same period changes nothing;
			 * a run of any other period pays nothing more
			 * either (it may take back units no longer
			 * counted, never add) */
			assert_int_equal(run_once(paid, p, count), 0);
			if (monotone)
				assert_int_equal(
				    run_once(paid, (int)rnd_to(PERIODS), count),
				    0);
			else
				assert_true(run_once(paid, (int)rnd_to(PERIODS),
				                     count) <= 0);
		}
	}
}

/* 景德镇 特困 group: an urban partly disabled 特困 person is due the
 * basic allowance (956.22) and the disabled persons' standard (1100);
 * only the higher, 1100, is paid, whichever runs first. */
static void test_group_example(void **state)
{
	struct arena *a = arena_new();
	struct subsidy_group_member basic = { "城市特困人员基本生活费",
		                              JDZ_BASIC_URBAN, 0 };
	struct subsidy_group_member care = { "特困失能、半失能人员基本生活费",
		                             JDZ_BASIC_CARE, 0 };
	int64_t due, credited;

	(void)state;
	/* basic first: paid in full, then care pays the difference */
	basic.paid = subsidy_group_due(JDZ_BASIC_URBAN, &care, 1, NULL);
	assert_int_equal(basic.paid, JDZ_BASIC_URBAN);
	due = subsidy_group_due(JDZ_BASIC_CARE, &basic, 1, &credited);
	assert_int_equal(credited, JDZ_BASIC_URBAN);
	assert_int_equal(due, JDZ_BASIC_CARE - JDZ_BASIC_URBAN); /* 143.78 */
	assert_int_equal(basic.paid + due, 110000);
	assert_string_equal(subsidy_group_note(a, &basic, 1),
	                    "与城市特困人员基本生活费就高，已发956.22元");
	/* care first: paid in full, basic then pays nothing */
	care.paid = JDZ_BASIC_CARE;
	basic.paid = 0;
	assert_int_equal(subsidy_group_due(JDZ_BASIC_URBAN, &care, 1, NULL), 0);
	/* nobody paid: no note */
	care.paid = 0;
	assert_null(subsidy_group_note(a, &care, 1));
	arena_free(a);
}

enum { MAXG = 5 };

static int64_t run_group(int64_t own[], int64_t paid[], int n, int x)
{
	struct subsidy_group_member o[MAXG];
	int k = 0;
	int64_t due, line;

	for (int i = 0; i < n; i++)
		if (i != x)
			o[k++] = (struct subsidy_group_member){ "", own[i],
				                                paid[i] };
	due = subsidy_group_due(own[x], o, (size_t)k, NULL);
	line = due - paid[x];
	paid[x] = due;
	return line;
}

static void test_group_property(void **state)
{
	(void)state;
	rng_state = UINT64_C(0x5eed0002);
	for (int c = 0; c < 1000; c++) {
		int n = 2 + (int)rnd_to(MAXG - 1), ran[MAXG] = { 0 }, left;
		int64_t own[MAXG], paid[MAXG] = { 0 }, high = 0;

		for (int i = 0; i < n; i++) {
			/* not eligible (0) for some schemes, equal amounts
			 * for others */
			own[i] = rnd_to(4) ? 100 * rnd_to(2000) : 0;
			if (i && !rnd_to(5))
				own[i] = own[i - 1];
			if (own[i] > high)
				high = own[i];
		}
		left = n;
		for (int s = 0; left || s < 3 * n; s++) {
			int x = (int)rnd_to(n);
			int64_t total = 0;

			run_group(own, paid, n, x);
			left -= !ran[x];
			ran[x] = 1;
			for (int i = 0; i < n; i++) {
				assert_true(paid[i] >= 0);
				assert_true(paid[i] <= own[i]);
				total += paid[i];
			}
			assert_true(total <= high);
			if (!left) {
				/* every scheme ran: the highest, and no run
				 * of any scheme changes anything */
				assert_int_equal(total, high);
				for (int i = 0; i < n; i++)
					assert_int_equal(
					    run_group(own, paid, n, i), 0);
			}
			if (s > 40 * n)
				break;
		}
		assert_int_equal(left, 0);
	}
}

/* 高龄 is judged from the age on the reference day; a scheme that names
 * a kept 高龄 category is refused, naming the field. */
static void test_gaoling_is_never_a_category(void **state)
{
	static const char *const any[] = { "advanced_age" };
	static const struct subsidy_version v[] = { {
	    .any_of = any,
	    .n_any_of = 1,
	    .amount = { .kind = SUBSIDY_AMOUNT_FIXED,
		        .fixed = { 6000, NULL, 0, 0 } },
	} };
	struct subsidy_scheme s = { .id = "t.gaoling",
		                    .name_zh = "高龄津贴",
		                    .beneficiary = SUBSIDY_PERSON,
		                    .frequency = SUBSIDY_MONTHLY,
		                    .versions = v,
		                    .n_versions = 1 };
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(subsidy_scheme_check(&s, &err), -1);
	assert_string_equal(err.field, "versions[0].any_of[0]");
	if (!strstr(err.message, "min_age"))
		fail_msg("%s", err.message);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once_example),
		cmocka_unit_test(test_once_property),
		cmocka_unit_test(test_group_example),
		cmocka_unit_test(test_group_property),
		cmocka_unit_test(test_gaoling_is_never_a_category),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
