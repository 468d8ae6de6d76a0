#include "core/credit_code.h"

#include <string.h>

enum { CODE_LEN = 18 };

/* The 31 characters in value order: 0-9 are 0-9, A is 10 ... Y is 30. */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const int weights[CODE_LEN - 1] = { 1,  3,  9,  27, 19, 26, 16, 17, 20,
	                                   29, 25, 13, 8,  24, 10, 30, 28 };

/* Value of character c, or -1 if it is not in the alphabet. */
static int value_of(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(alphabet, c);
	return p ? (int)(p - alphabet) : -1;
}

int credit_code_check_char(const char *first17, char *out)
{
	int sum = 0;

	if (!first17)
		return -1;
	for (int i = 0; i < CODE_LEN - 1; i++) {
		int v = value_of(first17[i]);

		if (v < 0)
			return -1;
		sum += v * weights[i];
	}
	*out = alphabet[(31 - sum % 31) % 31];
	return 0;
}

int credit_code_check(const char *s, struct lx_error *err, const char *field)
{
	size_t len;
	char want;

	if (!s || !*s)
		return lx_fail(err, LX_EINVALID, field,
		               "a unified social credit code is required");
	len = strlen(s);
	if (len != CODE_LEN)
		return lx_fail(err, LX_EINVALID, field,
		               "unified social credit code must be 18 "
		               "characters, got %zu",
		               len);
	for (int i = 0; i < CODE_LEN; i++) {
		unsigned char c = (unsigned char)s[i];

		if (value_of(s[i]) >= 0)
			continue;
		if (c >= 'a' && c <= 'z')
			return lx_fail(err, LX_EINVALID, field,
			               "character %d ('%c') must be uppercase",
			               i + 1, c);
		if (c > 0x20 && c < 0x7F)
			return lx_fail(err, LX_EINVALID, field,
			               "character %d ('%c') is not allowed: "
			               "only digits and uppercase letters "
			               "other than I, O, S, V and Z",
			               i + 1, c);
		return lx_fail(err, LX_EINVALID, field,
		               "character %d (byte 0x%02x) is not allowed: "
		               "only digits and uppercase letters other than "
		               "I, O, S, V and Z",
		               i + 1, c);
	}
	credit_code_check_char(s, &want);
	if (s[CODE_LEN - 1] != want)
		return lx_fail(err, LX_EINVALID, field,
		               "check character should be '%c', not '%c'; if "
		               "the code was copied by hand, check the other "
		               "characters first",
		               want, s[CODE_LEN - 1]);
	return 0;
}
