#include "core/decimal.h"

#include <string.h>

int decimal_parse(const char *s, double *out)
{
	double whole = 0, frac = 0, scale = 1;
	int neg = 0, digits = 0;

	if (!s || strlen(s) > 30)
		return -1;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		whole = whole * 10 + (*s - '0');
	if (!digits)
		return -1;
	if (*s == '.') {
		s++;
		digits = 0;
		/* the fraction's digits summed as an integer and divided
		 * once, so no error accumulates digit by digit */
		for (; *s >= '0' && *s <= '9'; s++, digits++) {
			frac = frac * 10 + (*s - '0');
			scale *= 10;
		}
		if (!digits)
			return -1;
	}
	if (*s)
		return -1;
	*out = (whole + frac / scale) * (neg ? -1 : 1);
	return 0;
}
