#include "core/place_share.h"

#include <stddef.h>

char *place_share_percent(long long part, long long whole,
                          char out[EXACT_TEXT_MAX])
{
	struct exact v;

	if (whole <= 0 || part < 0 || exact_frac(part, whole, &v) ||
	    exact_mul(v, exact_int(100), &v))
		return NULL;
	exact_format(v, PLACE_SHARE_PLACES, EXACT_HALF_UP, out);
	return *out ? out : NULL;
}
