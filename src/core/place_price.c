#include "core/place_price.h"

#include <string.h>

const char *const place_price_kind_names[PRICE__MAX] = { "bed", "care",
	                                                 "class" };

int place_price_kind_parse(const char *s)
{
	for (int i = 0; s && i < PRICE__MAX; i++)
		if (!strcmp(s, place_price_kind_names[i]))
			return i;
	return -1;
}
