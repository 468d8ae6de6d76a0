#include "core/decimal.h"

#include "core/exact.h"

/* The exact reading (core/exact.c) and the nearest double to it: one
 * parser for every decimal in a policy file. */
int decimal_parse(const char *s, double *out)
{
	struct exact e;

	if (exact_parse(s, &e))
		return -1;
	*out = exact_to_double(e);
	return 0;
}
