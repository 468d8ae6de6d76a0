#include "core/id_search.h"

#include <string.h>

size_t id_lower_bound(const void *base, size_t n, size_t size, size_t offset,
                      long long key)
{
	const unsigned char *p = base;
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		long long id;

		/* memcpy: the field need not be aligned for a cast */
		memcpy(&id, p + mid * size + offset, sizeof(id));
		if (id < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
