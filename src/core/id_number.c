#include "core/id_number.h"

#include "core/date.h"

#include <string.h>

enum { ID_LEN = 18 };

static const int weights[ID_LEN - 1] = { 7, 9, 10, 5,  8, 4, 2, 1, 6,
	                                 3, 7, 9,  10, 5, 8, 4, 2 };

/* check character for each remainder 0..10 */
static const char check_chars[] = "10X98765432";

char id_number_check_char(const char *first17)
{
	int sum = 0;

	if (!first17)
		return '\0';
	for (int i = 0; i < ID_LEN - 1; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return '\0';
		sum += (first17[i] - '0') * weights[i];
	}
	return check_chars[sum % 11];
}

static int num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int id_number_parse(const char *s, struct id_info *out, struct lx_error *err,
                    const char *field)
{
	size_t len;
	int y, m, d;
	char last;

	if (!s || !*s)
		return lx_fail(err, LX_EINVALID, field,
		               "an identity number is required");
	len = strlen(s);
	if (len == 15)
		return lx_fail(err, LX_EINVALID, field,
		               "identity number must be 18 characters; old "
		               "15-digit numbers are not accepted");
	if (len != ID_LEN)
		return lx_fail(err, LX_EINVALID, field,
		               "identity number must be 18 characters, got %zu",
		               len);
	for (int i = 0; i < ID_LEN - 1; i++)
		if (s[i] < '0' || s[i] > '9')
			return lx_fail(err, LX_EINVALID, field,
			               "character %d of the identity number "
			               "must be a digit",
			               i + 1);
	last = s[ID_LEN - 1] == 'x' ? 'X' : s[ID_LEN - 1];
	if ((last < '0' || last > '9') && last != 'X')
		return lx_fail(err, LX_EINVALID, field,
		               "the last character of the identity number "
		               "must be a digit or 'X'");
	y = num(s + 6, 4);
	m = num(s + 10, 2);
	d = num(s + 12, 2);
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || d < 1 ||
	    d > date_days_in_month(y, m))
		return lx_fail(err, LX_EINVALID, field,
		               "characters 7-14 of the identity number are not "
		               "a real birth date (YYYYMMDD)");
	if (last != id_number_check_char(s))
		return lx_fail(err, LX_EINVALID, field,
		               "identity number check character does not "
		               "match; a character is probably mistyped");
	if (out) {
		out->year = y;
		out->month = m;
		out->day = d;
		out->male = (s[16] - '0') % 2;
		memcpy(out->region, s, 6);
		out->region[6] = '\0';
	}
	return 0;
}

int id_number_mask(const char *s, char *out, size_t outlen)
{
	size_t len;

	if (out && outlen > 0)
		out[0] = '\0';
	if (!s || !out)
		return -1;
	len = strlen(s);
	if (outlen < len + 1)
		return -1;
	for (size_t i = 0; i < len; i++) {
		int keep = len >= 15 && (i < 6 || i >= len - 4);

		out[i] = keep ? s[i] : '*';
	}
	out[len] = '\0';
	return 0;
}
