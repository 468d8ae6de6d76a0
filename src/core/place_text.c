#include "core/place_text.h"

#include <stdio.h>
#include <string.h>

/* n >= 0 with a comma every three digits */
static void grouped(long long n, char *out, size_t len)
{
	char digits[32];
	size_t nd, o = 0;

	snprintf(digits, sizeof(digits), "%lld", n);
	nd = strlen(digits);
	for (size_t i = 0; i < nd && o + 2 < len; i++) {
		if (i && (nd - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

char *place_text_yuan(int64_t fen, char out[40])
{
	int neg = fen < 0;
	uint64_t a = neg ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	char whole[32];

	grouped((long long)(a / 100), whole, sizeof(whole));
	if (a % 100)
		snprintf(out, 40, "%s%s.%02d", neg ? "-" : "", whole,
		         (int)(a % 100));
	else
		snprintf(out, 40, "%s%s", neg ? "-" : "", whole);
	return out;
}

char *place_text_distance(long long metres, char out[40])
{
	long long tenths;

	if (metres < 0)
		metres = 0;
	if (metres < 1000) {
		snprintf(out, 40, "%lld 米", metres);
		return out;
	}
	tenths = (metres + 50) / 100; /* half up to 100 m */
	snprintf(out, 40, "%lld.%lld 公里", tenths / 10, tenths % 10);
	return out;
}

long long place_text_round_m(double metres)
{
	if (!(metres > 0))
		return 0;
	return (long long)(metres + 0.5);
}
