/* core/nearest.c: edit distances worked by hand, and a property test that
 * the names returned are the k nearest of a random list, checked against a
 * plain recursive distance and a full count of nearer names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/nearest.h"

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(nearest_distance("", ""), 0);
	assert_int_equal(nearest_distance(NULL, "abc"), 3);
	assert_int_equal(nearest_distance("kitten", "sitting"), 3);
	assert_int_equal(nearest_distance("flaw", "lawn"), 2);
	assert_int_equal(nearest_distance("aged60", "aged_60"), 1);
	assert_int_equal(nearest_distance("aged60", "aged_65"), 2);
	assert_int_equal(nearest_distance("Beds", "beds"), 0);
	assert_int_equal(nearest_distance("abc", "abc"), 0);
	assert_int_equal(nearest_distance("abc", ""), 3);
}

static void test_names(void **state)
{
	static const char *const names[] = {
		"population", "aged_80", "aged_60", "aged_65", NULL, "beds",
	};
	const char *out[3];
	int n;

	(void)state;
	n = nearest_names("aged60", names, 6, out, 3);
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "aged_60");
	/* aged_80 and aged_65 are both 2 away: the list's order decides */
	assert_string_equal(out[1], "aged_80");
	assert_string_equal(out[2], "aged_65");
	/* fewer names than asked: all of them, NULL skipped */
	n = nearest_names("bed", names, 6, out, 3);
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "beds");
	n = nearest_names("x", names + 4, 2, out, 3);
	assert_int_equal(n, 1);
	assert_string_equal(out[0], "beds");
	assert_int_equal(nearest_names("x", names, 6, out, 0), 0);
	assert_int_equal(nearest_names("x", names, 0, out, 3), 0);
}

/* the textbook recursion, exponential but fine for words of 5 letters */
static int slow_distance(const char *a, const char *b)
{
	int x, y, z, best;
	if (!*a)
		return (int)strlen(b);
	if (!*b)
		return (int)strlen(a);
	x = slow_distance(a + 1, b + 1) + (*a == *b ? 0 : 1);
	y = slow_distance(a + 1, b) + 1;
	z = slow_distance(a, b + 1) + 1;
	best = x < y ? x : y;
	return best < z ? best : z;
}

static void random_word(char *w, unsigned *seed)
{
	int len = (int)(rand_r(seed) % 6), i;
	for (i = 0; i < len; i++)
		w[i] = (char)('a' + rand_r(seed) % 3);
	w[len] = '\0';
}

static void test_property(void **state)
{
	unsigned seed = 24;
	int round;

	(void)state;
	for (round = 0; round < 500; round++) {
		char words[12][8], word[8];
		const char *names[12], *out[4];
		int n = 1 + (int)(rand_r(&seed) % 12),
		    k = (int)(rand_r(&seed) % 5);
		int got, i, j;

		random_word(word, &seed);
		for (i = 0; i < n; i++) {
			random_word(words[i], &seed);
			names[i] = words[i];
		}
		got = nearest_names(word, names, (size_t)n, out, k);
		assert_int_equal(got, k < n ? k : n);
		for (i = 0; i < got; i++) {
			int d = slow_distance(word, out[i]);
			int nearer = 0, seen = 0;
			assert_int_equal(nearest_distance(word, out[i]), d);
			if (i > 0)
				assert_true(slow_distance(word, out[i - 1]) <=
				            d);
			/* every strictly nearer name is already listed */
			for (j = 0; j < n; j++)
				if (slow_distance(word, names[j]) < d)
					nearer++;
			for (j = 0; j < i; j++)
				if (slow_distance(word, out[j]) < d)
					seen++;
			assert_int_equal(nearer, seen);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_property),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
