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
	/* a name holding the word ranks before a nearer spelling, and a
	 * name listed twice is given once */
	{
		static const char *const cats[] = {
			"urban", "dibao",           "tekun_centralized",
			"urban", "tekun_dispersed", "rural",
		};
		n = nearest_names("tekun", cats, 6, out, 3);
		assert_int_equal(n, 3);
		/* 10 and 12 away, then urban 4 away (dibao, rural 5) */
		assert_string_equal(out[0], "tekun_dispersed");
		assert_string_equal(out[1], "tekun_centralized");
		assert_string_equal(out[2], "urban");
		n = nearest_names("zzzzz", cats, 6, out, 3);
		assert_int_equal(n, 3);
		assert_string_equal(out[0], "urban");
		assert_string_equal(out[1], "dibao");
		assert_string_equal(out[2], "rural");
		n = nearest_names("urban", cats, 4, out, 5);
		assert_int_equal(n, 3);
	}
	assert_true(nearest_contains("tekun_dispersed", "TEKUN"));
	assert_true(nearest_contains("beds", ""));
	assert_false(nearest_contains("bed", "beds"));
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

/* containment first, then the distance, as the header says */
static int slow_rank(const char *word, const char *name)
{
	return (strstr(name, word) ? 0 : 100) + slow_distance(word, name);
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
		int got, i, j, distinct;

		random_word(word, &seed);
		for (i = 0; i < n; i++) {
			random_word(words[i], &seed);
			names[i] = words[i];
		}
		got = nearest_names(word, names, (size_t)n, out, k);
		distinct = 0;
		for (i = 0; i < n; i++) {
			for (j = 0; j < i && strcmp(names[j], names[i]); j++)
				;
			distinct += j == i;
		}
		assert_int_equal(got, k < distinct ? k : distinct);
		for (i = 0; i < got; i++) {
			int d = slow_rank(word, out[i]);
			int better = 0, seen = 0;
			assert_int_equal(nearest_distance(word, out[i]),
			                 slow_distance(word, out[i]));
			for (j = 0; j < i; j++)
				assert_string_not_equal(out[j], out[i]);
			if (i > 0)
				assert_true(slow_rank(word, out[i - 1]) <= d);
			/* every distinct strictly better name is listed */
			for (j = 0; j < n; j++) {
				int r;
				for (r = 0; r < j && strcmp(names[r], names[j]);
				     r++)
					;
				if (r == j && slow_rank(word, names[j]) < d)
					better++;
			}
			for (j = 0; j < i; j++)
				if (slow_rank(word, out[j]) < d)
					seen++;
			assert_int_equal(better, seen);
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
