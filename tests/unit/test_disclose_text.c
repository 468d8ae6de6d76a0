/*
 * Personal numbers in published free text (core/disclose_text.c): mobile
 * and ID numbers masked wherever they stand, other numbers kept; and over
 * many random texts, no run the public scan looks for (11 digits from 13,
 * 17 digits and a digit or X) left in the output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/disclose_text.h"

static void masks(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_string_equal(disclose_scrub(a, "联系电话13800138000。"),
	                    "联系电话138****8000。");
	assert_string_equal(disclose_scrub(a, "511902194501020012"),
	                    "511902********0012");
	assert_string_equal(disclose_scrub(a, "x51190219450102001Xy"),
	                    "x511902********001Xy");
	assert_string_equal(disclose_scrub(a, "511902450102001"),
	                    "511902*****2001");
	/* not personal: a year, a short number, a landline, 12 digits */
	assert_string_equal(disclose_scrub(a, "2025年 120 0827-1234567"),
	                    "2025年 120 0827-1234567");
	assert_string_equal(disclose_scrub(a, "511902000000"), "511902000000");
	assert_string_equal(disclose_scrub(a, "12345678901"), "12345678901");
	assert_string_equal(disclose_scrub(a, NULL), "");
	arena_free(a);
}

static int found(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		if (i && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j - i == 11 && s[i] == '1' && s[i + 1] >= '3')
			return 1;
		if (j - i == 18 ||
		    (j - i == 17 && j < n && (s[j] == 'X' || s[j] == 'x')))
			return 1;
	}
	return 0;
}

static void nothing_left_in_random_texts(void **state)
{
	struct arena *a = arena_new();
	static const char *const bits[] = { "电话", " ",  "，", "X",
		                            "x",    "号", "-",  "a" };

	(void)state;
	srand(4242);
	for (int round = 0; round < 5000; round++) {
		char text[400] = "";
		size_t used = 0;

		while (used < 300) {
			char piece[40];
			int k = rand() % 3;

			if (k == 0) {
				/* a run of digits of a random length */
				int len = rand() % 20 + 1;

				for (int i = 0; i < len; i++)
					piece[i] = (char)('0' + rand() % 10);
				piece[len] = '\0';
				if (rand() % 2 && len >= 2)
					piece[0] = '1', piece[1] = '3';
			} else {
				snprintf(piece, sizeof(piece), "%s",
				         bits[rand() % 8]);
			}
			used += (size_t)snprintf(
			    text + used, sizeof(text) - used, "%s", piece);
		}
		{
			char *out = disclose_scrub(a, text);

			assert_int_equal(strlen(out), strlen(text));
			assert_false(found(out));
		}
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(masks),
		cmocka_unit_test(nothing_left_in_random_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
