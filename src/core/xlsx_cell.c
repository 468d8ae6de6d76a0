#include "core/xlsx_cell.h"

#include <stdio.h>
#include <string.h>

enum { SIG_DIGITS = 15, MAX_DIGITS = 64 };

int xlsx_number_text(const char *v, char *out, size_t outlen)
{
	char dig[MAX_DIGITS + 2];
	int nd = 0, point = -1, exp = 0, neg = 0, seen = 0;
	const char *p = v;
	size_t o = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	/* mantissa digits without leading zeros; point = digits before the
	 * decimal point */
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
		if (*p == '.') {
			if (point >= 0)
				return -1;
			point = nd;
			continue;
		}
		seen = 1;
		if (nd == 0 && *p == '0') {
			if (point >= 0)
				exp--;
			continue;
		}
		if (nd >= MAX_DIGITS)
			return -1;
		dig[nd++] = *p;
	}
	if (!seen)
		return -1;
	if (point < 0)
		point = nd;
	if (*p == 'E' || *p == 'e') {
		int eneg = 0, e = 0, any = 0;

		p++;
		if (*p == '-' || *p == '+')
			eneg = *p++ == '-';
		for (; *p >= '0' && *p <= '9'; p++, any = 1)
			if ((e = e * 10 + (*p - '0')) > 400)
				return -1;
		if (!any)
			return -1;
		exp += eneg ? -e : e;
	}
	if (*p)
		return -1;
	/* value = 0.dig * 10^(point + exp) */
	point += exp;
	if (nd > SIG_DIGITS) {
		int carry = dig[SIG_DIGITS] >= '5';

		nd = SIG_DIGITS;
		for (int i = nd - 1; carry && i >= 0; i--) {
			if (dig[i] == '9') {
				dig[i] = '0';
			} else {
				dig[i]++;
				carry = 0;
			}
		}
		if (carry) {
			memmove(dig + 1, dig, (size_t)nd);
			dig[0] = '1';
			point++;
		}
	}
	while (nd > 0 && dig[nd - 1] == '0')
		nd--;
	if (nd == 0) {
		if (outlen < 2)
			return -1;
		strcpy(out, "0");
		return 0;
	}
	if (point > MAX_DIGITS || point < -MAX_DIGITS)
		return -1;
#define PUT(ch)                                                                \
	do {                                                                   \
		if (o + 1 >= outlen)                                           \
			return -1;                                             \
		out[o++] = (ch);                                               \
	} while (0)
	if (neg)
		PUT('-');
	if (point <= 0) {
		PUT('0');
		PUT('.');
		for (int i = point; i < 0; i++)
			PUT('0');
		for (int i = 0; i < nd; i++)
			PUT(dig[i]);
	} else {
		for (int i = 0; i < point; i++)
			PUT(i < nd ? dig[i] : '0');
		if (nd > point) {
			PUT('.');
			for (int i = point; i < nd; i++)
				PUT(dig[i]);
		}
	}
#undef PUT
	out[o] = '\0';
	return 0;
}

/* Howard Hinnant's civil_from_days, on days since 1970-01-01. */
static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int xlsx_serial_date(const char *v, int date1904, char out[11])
{
	long days = 0;
	const char *p = v;
	int y, m, d;

	if (!(*p >= '0' && *p <= '9'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((days = days * 10 + (*p - '0')) > 3000000)
			return -1;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p)
		return -1;
	/* days since 1970-01-01: the 1900 system's serial 25569 and the
	 * 1904 system's 24107 are that day */
	if (date1904) {
		days -= 24107;
	} else {
		if (days < 1)
			return -1;
		if (days == 60)
			return -1; /* 1900-02-29 does not exist */
		days -= days < 60 ? 25568 : 25569;
	}
	civil_from_days(days, &y, &m, &d);
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* the bounds above, restated so the compiler sees the text fits */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	         (unsigned)m % 100u, (unsigned)d % 100u);
	return 0;
}

int xlsx_format_is_date(int id, const char *code)
{
	int has_hs = 0, has_ymd = 0, has_m = 0;

	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
	    (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return 1;
	if (!code)
		return 0;
	for (const char *p = code; *p; p++) {
		char c = *p;

		if (c == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (c == '[') {
			while (p[1] && p[1] != ']')
				p++;
			if (p[1])
				p++;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
		} else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
			has_ymd = 1;
		} else if (c == 'm' || c == 'M') {
			has_m = 1;
		} else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
			has_hs = 1;
		} else if (c == ';') {
			break; /* the first section decides */
		}
	}
	return has_ymd || (has_m && !has_hs);
}
