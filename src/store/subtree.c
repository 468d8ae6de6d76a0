#include "store/subtree.h"

#include "core/region_code.h"

#include <string.h>

void subtree_range(const char *code, char lo[13], char hi[13])
{
	static const int sig[REGION_LEVEL__MAX] = { 2, 4, 6, 9, 12 };
	int keep = 0;

	if (code && *code && region_code_valid(code))
		keep = sig[region_code_level(code)];
	memcpy(lo, "000000000000", 13);
	memcpy(hi, "999999999999", 13);
	if (keep) {
		memcpy(lo, code, (size_t)keep);
		memcpy(hi, code, (size_t)keep);
	}
}
