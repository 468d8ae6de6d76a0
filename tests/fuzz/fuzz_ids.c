/*
 * libFuzzer target for the identity number (core/id_number.h, GB 11643)
 * and the unified social credit code (core/credit_code.h, GB 32100). The
 * input, up to its first NUL, is checked as both; so is a copy whose 18th
 * character is replaced by the check character this file computes, so
 * acceptance is reached as often as refusal. Each answer is compared with
 * an independent reading of the standards written here:
 *   - accepted exactly when the reference accepts; then the birth date,
 *     sex and address code are those of the text, the check character is
 *     the 18th, and the mask keeps the first 6 and last 4 and hides the
 *     rest (and is itself refused);
 *   - a refusal is LX_EINVALID naming the given field, and an identity
 *     number's message never repeats the number.
 * Any difference aborts. Build and run: see tests/fuzz/README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/credit_code.h"
#include "core/id_number.h"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* ISO 7064 MOD 11-2: weight of position i (0-based) is 2^(17-i) mod 11;
 * the check value is (12 - sum mod 11) mod 11, 10 written X. */
static char ref_id_check(const char *s)
{
	int sum = 0, w = 1;

	for (int i = 16; i >= 0; i--) {
		w = w * 2 % 11;
		sum += (s[i] - '0') * w;
	}
	sum = (12 - sum % 11) % 11;
	return sum == 10 ? 'X' : (char)('0' + sum);
}

static int ref_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
		                    31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static int ref_id_valid(const char *s)
{
	int y, m, d;
	char last;

	if (strlen(s) != 18)
		return 0;
	for (int i = 0; i < 17; i++)
		if (!is_digit(s[i]))
			return 0;
	last = s[17] == 'x' ? 'X' : s[17];
	if (!is_digit(last) && last != 'X')
		return 0;
	y = digits(s + 6, 4);
	m = digits(s + 10, 2);
	d = digits(s + 12, 2);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
	    d > ref_days(y, m))
		return 0;
	return ref_id_check(s) == last;
}

/* GB 32100: 31 characters 0-9 A-H J-N P-R T-U W-Y valued 0..30; weight of
 * position i is 3^i mod 31; check value (31 - sum mod 31) mod 31. */
static const char cc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int cc_value(char c)
{
	const char *p = c ? strchr(cc_alphabet, c) : NULL;

	return p ? (int)(p - cc_alphabet) : -1;
}

static int ref_cc_check(const char *s, char *out)
{
	int sum = 0, w = 1;

	for (int i = 0; i < 17; i++) {
		int v = cc_value(s[i]);

		if (v < 0)
			return -1;
		sum += v * w;
		w = w * 3 % 31;
	}
	*out = cc_alphabet[(31 - sum % 31) % 31];
	return 0;
}

static int ref_cc_valid(const char *s)
{
	char c;

	if (strlen(s) != 18 || ref_cc_check(s, &c))
		return 0;
	return s[17] == c;
}

static void check_id(const char *s)
{
	struct id_info info;
	struct lx_error err = { 0 };
	char masked[64];
	size_t len = strlen(s);
	int ok = id_number_parse(s, &info, &err, "id_number") == 0;

	CHECK(ok == ref_id_valid(s));
	if (!ok) {
		CHECK(err.code == LX_EINVALID);
		CHECK(strcmp(err.field, "id_number") == 0);
		CHECK(err.message[0]);
		CHECK(len < 6 || strstr(err.message, s) == NULL);
		return;
	}
	CHECK(info.year == digits(s + 6, 4));
	CHECK(info.month == digits(s + 10, 2));
	CHECK(info.day == digits(s + 12, 2));
	CHECK(info.male == (s[16] - '0') % 2);
	CHECK(memcmp(info.region, s, 6) == 0 && info.region[6] == '\0');
	CHECK(id_number_check_char(s) == (s[17] == 'x' ? 'X' : s[17]));
	/* validating alone gives the same answer */
	CHECK(id_number_parse(s, NULL, NULL, "id_number") == 0);

	CHECK(id_number_mask(s, masked, sizeof(masked)) == 0);
	CHECK(strlen(masked) == 18);
	CHECK(memcmp(masked, s, 6) == 0 && memcmp(masked + 14, s + 14, 4) == 0);
	for (int i = 6; i < 14; i++)
		CHECK(masked[i] == '*');
	CHECK(id_number_parse(masked, NULL, NULL, "id_number") == -1);
	/* too small a buffer is refused and left empty */
	CHECK(id_number_mask(s, masked, 18) == -1 && masked[0] == '\0');
}

static void check_mask_any(const char *s)
{
	char masked[64];
	size_t len = strlen(s);

	if (len + 1 > sizeof(masked))
		return;
	CHECK(id_number_mask(s, masked, sizeof(masked)) == 0);
	CHECK(strlen(masked) == len);
	for (size_t i = 0; i < len; i++) {
		int keep = len >= 15 && (i < 6 || i >= len - 4);

		CHECK(masked[i] == (keep ? s[i] : '*'));
	}
}

static void check_cc(const char *s)
{
	struct lx_error err = { 0 };
	int ok = credit_code_check(s, &err, "credit_code") == 0;
	char c;

	CHECK(ok == ref_cc_valid(s));
	if (!ok) {
		CHECK(err.code == LX_EINVALID);
		CHECK(strcmp(err.field, "credit_code") == 0);
		CHECK(err.message[0]);
		return;
	}
	CHECK(credit_code_check_char(s, &c) == 0 && c == s[17]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64], fixed[19];
	size_t len;
	char c;

	if (size >= sizeof(s))
		size = sizeof(s) - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);

	check_id(s);
	check_cc(s);
	check_mask_any(s);
	CHECK(id_number_check_char(s) == '\0' || len >= 17);

	/* the same first 17 with the right check character */
	if (len >= 17) {
		memcpy(fixed, s, 17);
		fixed[18] = '\0';
		if (ref_cc_check(fixed, &c) == 0) {
			fixed[17] = c;
			check_cc(fixed);
		}
		for (int i = 0; i < 17 && is_digit(fixed[i]); i++)
			if (i == 16) {
				fixed[17] = ref_id_check(fixed);
				check_id(fixed);
			}
	}
	return 0;
}
