/* The ranking of a comparison (app/indicator_compare.c): best first by
 * the direction, ties sharing a rank (1, 1, 3), rows without a value last
 * unranked. Hand-worked cases for each direction, and a property over
 * random rows checked against a count done here: a row's rank is one more
 * than the number of rows strictly better. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/indicator_compare.h"

static struct compare_row row(const char *code, int has, int64_t num,
                              int64_t den)
{
	struct compare_row r = { 0 };

	r.code = code;
	r.has_value = has;
	if (has)
		assert_int_equal(exact_frac(num, den, &r.value), 0);
	r.rank = 99; /* overwritten for every row */
	return r;
}

static void expect(const struct compare_row *rows, size_t n,
                   const char *const *codes, const int *ranks)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].code, codes[i]) || rows[i].rank != ranks[i])
			fail_msg("position %zu: %s rank %d, want %s rank %d", i,
			         rows[i].code, rows[i].rank, codes[i],
			         ranks[i]);
	}
}

static void higher_is_better(void **state)
{
	struct compare_row r[] = {
		row("c", 1, 975, 10),   row("a", 0, 0, 1),  row("e", 1, 99, 1),
		row("b", 1, 9750, 100), row("d", 1, 96, 1),
	};
	static const char *const codes[] = { "e", "b", "c", "d", "a" };
	static const int ranks[] = { 1, 2, 2, 4, 0 };

	(void)state;
	indicator_compare_rank(r, 5, BETTER_HIGHER);
	expect(r, 5, codes, ranks);
}

static void lower_is_better(void **state)
{
	struct compare_row r[] = {
		row("c", 1, 5, 1), row("a", 1, 3, 1), row("e", 0, 0, 1),
		row("b", 1, 3, 1), row("d", 1, 1, 2),
	};
	static const char *const codes[] = { "d", "a", "b", "c", "e" };
	static const int ranks[] = { 1, 2, 2, 4, 0 };

	(void)state;
	indicator_compare_rank(r, 5, BETTER_LOWER);
	expect(r, 5, codes, ranks);
}

static void no_direction_ranks_descending(void **state)
{
	struct compare_row r[] = { row("a", 1, 1, 1), row("b", 1, 2, 1),
		                   row("c", 1, 2, 1) };
	static const char *const codes[] = { "b", "c", "a" };
	static const int ranks[] = { 1, 1, 3 };

	(void)state;
	indicator_compare_rank(r, 3, BETTER_NONE);
	expect(r, 3, codes, ranks);
}

static void nothing_to_rank(void **state)
{
	struct compare_row r[] = { row("b", 0, 0, 1), row("a", 0, 0, 1) };
	static const char *const codes[] = { "a", "b" };
	static const int ranks[] = { 0, 0 };

	(void)state;
	indicator_compare_rank(r, 0, BETTER_HIGHER);
	indicator_compare_rank(r, 2, BETTER_HIGHER);
	expect(r, 2, codes, ranks);
}

/* Whether a is strictly better than b in direction d. */
static int better(const struct compare_row *a, const struct compare_row *b,
                  enum compare_better d)
{
	int c = exact_cmp(a->value, b->value);

	return d == BETTER_LOWER ? c < 0 : c > 0;
}

static void random_rows_rank_consistently(void **state)
{
	static const char *const names[] = {
		"00", "01", "02", "03", "04", "05",
		"06", "07", "08", "09", "10", "11"
	};
	struct compare_row r[12];

	(void)state;
	srand(22);
	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)(rand() % 13);
		enum compare_better d = (enum compare_better)(rand() % 3);
		int seen[12] = { 0 };

		for (size_t i = 0; i < n; i++)
			/* few distinct values, so ties are common */
			r[i] = row(names[i], rand() % 5 != 0, rand() % 7 - 3,
			           1 + rand() % 2);
		indicator_compare_rank(r, n, d);
		for (size_t i = 0; i < n; i++) {
			int want = 0;

			/* a permutation of the rows given */
			seen[atoi(r[i].code)]++;
			if (r[i].has_value) {
				want = 1;
				for (size_t k = 0; k < n; k++)
					want += r[k].has_value &&
					        better(&r[k], &r[i], d);
				assert_true(i == 0 || r[i - 1].has_value);
			}
			if (r[i].rank != want)
				fail_msg("round %d: %s rank %d, want %d", round,
				         r[i].code, r[i].rank, want);
			/* equal values in code order */
			if (i && r[i].has_value &&
			    !exact_cmp(r[i].value, r[i - 1].value))
				assert_true(strcmp(r[i - 1].code, r[i].code) <
				            0);
		}
		for (size_t i = 0; i < n; i++)
			assert_int_equal(seen[i], 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(higher_is_better),
		cmocka_unit_test(lower_is_better),
		cmocka_unit_test(no_direction_ranks_descending),
		cmocka_unit_test(nothing_to_rank),
		cmocka_unit_test(random_rows_rank_consistently),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
