/*
 * The time bank's pure rules (core/service_timebank.c): who may benefit,
 * the cap, the oldest minutes first with every minute traced to its lot,
 * the elapsed minutes of a service and the share as exact text. Expected
 * values are written out here or computed by a plain model in the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/service_timebank.h"

static void kin_and_age(void **state)
{
	struct timebank_beneficiary b;

	(void)state;
	memset(&b, 0, sizeof(b));
	/* the holder always, whatever the age */
	b.is_holder = 1;
	b.age = 30;
	assert_true(timebank_may_benefit(&b, 60));
	/* kin of a counted relation at exactly the floor, not a day less */
	memset(&b, 0, sizeof(b));
	b.is_kin = 1;
	b.relation_counts = 1;
	b.age = 60;
	assert_true(timebank_may_benefit(&b, 60));
	b.age = 59;
	assert_false(timebank_may_benefit(&b, 60));
	b.age = -1; /* unknown */
	assert_false(timebank_may_benefit(&b, 0));
	/* a relation the policy does not count, or no recorded kin */
	b.age = 80;
	b.relation_counts = 0;
	assert_false(timebank_may_benefit(&b, 60));
	b.relation_counts = 1;
	b.is_kin = 0;
	assert_false(timebank_may_benefit(&b, 60));
}

static void relations(void **state)
{
	(void)state;
	assert_int_equal(timebank_relation_parse("spouse"), TR_SPOUSE);
	assert_int_equal(timebank_relation_parse("grandchild"), TR_GRANDCHILD);
	assert_int_equal(timebank_relation_parse("sibling"), -1);
	assert_int_equal(timebank_relation_parse(NULL), -1);
	assert_string_equal(timebank_relation_label(TR_PARENT), "父母");
	for (int i = 0; i < TR__MAX; i++)
		assert_int_equal(
		    timebank_relation_parse(timebank_relation_code(i)), i);
}

static void cap(void **state)
{
	(void)state;
	assert_true(timebank_fits_cap(0, 600, 600));
	assert_false(timebank_fits_cap(0, 601, 600));
	assert_true(timebank_fits_cap(599, 1, 600));
	assert_false(timebank_fits_cap(600, 1, 600));
	assert_false(timebank_fits_cap(10, 0, 600));
	assert_false(timebank_fits_cap(10, -5, 600));
	/* no overflow near the largest numbers */
	assert_false(timebank_fits_cap(TIMEBANK_MINUTES_MAX, INT64_MAX,
	                               TIMEBANK_MINUTES_MAX));
	/* against the plain sum over a grid */
	for (long long b = 0; b <= 50; b += 7)
		for (long long a = -3; a <= 60; a += 5)
			assert_int_equal(timebank_fits_cap(b, a, 50),
			                 a > 0 && b + a <= 50);
}

/* Four eyes: someone other than the recorder verifies; account 0, the
 * command line's system account, is no one. */
static void four_eyes(void **state)
{
	(void)state;
	assert_true(timebank_verifier_independent(3, 4));
	assert_true(
	    timebank_verifier_independent(0, 4)); /* the shell's record */
	assert_false(timebank_verifier_independent(4, 4));
	assert_false(timebank_verifier_independent(4, 0));
	assert_false(timebank_verifier_independent(0, 0));
}

static void oldest_first(void **state)
{
	struct timebank_lot lots[3] = { { 11, 30 }, { 12, 45 }, { 13, 60 } };
	struct timebank_lot take[3];
	size_t n;

	(void)state;
	assert_int_equal(timebank_take_oldest(lots, 3, 50, take, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(take[0].service_id, 11);
	assert_int_equal(take[0].minutes, 30);
	assert_int_equal(take[1].service_id, 12);
	assert_int_equal(take[1].minutes, 20);
	assert_int_equal(timebank_take_oldest(lots, 3, 135, take, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(timebank_take_oldest(lots, 3, 136, take, &n), -1);
	assert_int_equal(timebank_take_oldest(lots, 3, 0, take, &n), -1);
	assert_int_equal(timebank_take_oldest(lots, 0, 1, take, &n), -1);
}

/* Random lots and takes against a model that spends minute by minute:
 * what is taken sums to the request, comes from the lots in order, never
 * more than a lot holds, and a lot is touched only when every older one
 * is empty. */
static void oldest_first_random(void **state)
{
	(void)state;
	srand(318);
	for (int run = 0; run < 3000; run++) {
		struct timebank_lot lots[8], take[8];
		long long total = 0, want, left[8];
		size_t n = (size_t)(rand() % 8), nt;

		for (size_t i = 0; i < n; i++) {
			lots[i].service_id = 100 + (long long)i;
			lots[i].minutes = rand() % 5 ? 1 + rand() % 120 : 0;
			total += lots[i].minutes;
			left[i] = lots[i].minutes;
		}
		want = rand() % (total + 20 + 1);
		if (timebank_take_oldest(lots, n, want, take, &nt)) {
			assert_true(want == 0 || want > total);
			continue;
		}
		assert_true(want > 0 && want <= total);
		/* the model: minute by minute from the first non-empty lot */
		for (long long m = 0; m < want; m++) {
			size_t i = 0;

			while (!left[i])
				i++;
			left[i]--;
		}
		{
			size_t j = 0;
			long long sum = 0;

			for (size_t i = 0; i < n; i++) {
				long long used = lots[i].minutes - left[i];

				if (!used)
					continue;
				assert_true(j < nt);
				assert_int_equal(take[j].service_id,
				                 lots[i].service_id);
				assert_int_equal(take[j].minutes, used);
				sum += take[j].minutes;
				j++;
			}
			assert_int_equal(j, nt);
			assert_int_equal(sum, want);
		}
	}
}

static void minutes_between(void **state)
{
	long long m = 0;
	int bad;

	(void)state;
	assert_int_equal(timebank_minutes_between("2026-03-01T09:00",
	                                          "2026-03-01T10:30", &m, &bad),
	                 0);
	assert_int_equal(m, 90);
	/* across midnight and a leap day */
	assert_int_equal(timebank_minutes_between("2024-02-28T23:50",
	                                          "2024-02-29T00:10", &m, &bad),
	                 0);
	assert_int_equal(m, 20);
	assert_int_equal(timebank_minutes_between("2026-03-01T10:00",
	                                          "2026-03-01T10:00", &m, &bad),
	                 -1);
	assert_int_equal(bad, 2);
	assert_int_equal(timebank_minutes_between("2026-02-30T10:00",
	                                          "2026-03-01T10:00", &m, &bad),
	                 -1);
	assert_int_equal(bad, 1);
	assert_int_equal(timebank_minutes_between("2026-03-01T10:00",
	                                          "2026-03-01T24:00", &m, &bad),
	                 -1);
	assert_int_equal(bad, 2);
	assert_int_equal(timebank_minutes_between("2026-03-01 10:00",
	                                          "2026-03-01T11:00", &m, &bad),
	                 -1);
}

static void share_text(void **state)
{
	char out[24];

	(void)state;
	timebank_share_text(1, 8, 2, out, sizeof(out));
	assert_string_equal(out, "12.50%");
	timebank_share_text(1, 3, 2, out, sizeof(out));
	assert_string_equal(out, "33.33%");
	timebank_share_text(2, 3, 2, out, sizeof(out));
	assert_string_equal(out, "66.67%"); /* half up */
	timebank_share_text(1, 200000, 2, out, sizeof(out));
	assert_string_equal(out, "0.00%"); /* 0.0005% rounds down */
	timebank_share_text(1, 160000, 2, out, sizeof(out));
	assert_string_equal(out, "0.00%");
	timebank_share_text(1, 800, 2, out, sizeof(out));
	assert_string_equal(out, "0.13%"); /* 0.125 up */
	timebank_share_text(0, 0, 2, out, sizeof(out));
	assert_string_equal(out, "—");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kin_and_age),
		cmocka_unit_test(relations),
		cmocka_unit_test(cap),
		cmocka_unit_test(four_eyes),
		cmocka_unit_test(oldest_first),
		cmocka_unit_test(oldest_first_random),
		cmocka_unit_test(minutes_between),
		cmocka_unit_test(share_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
