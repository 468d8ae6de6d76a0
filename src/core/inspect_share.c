#include "core/inspect_share.h"

char *inspect_percent_text(long long num, long long den,
                           char out[EXACT_TEXT_MAX])
{
	struct exact e, pct;

	out[0] = 0;
	if (den <= 0 || exact_frac(num, den, &e) ||
	    exact_mul(e, exact_int(100), &pct))
		return out;
	return exact_format(pct, 2, EXACT_HALF_UP, out);
}
