#include "core/category_rule.h"

int category_rule_match(const struct category_rule *r, unsigned held, int age)
{
	if (r->min_age > 0 && age < r->min_age)
		return -1;
	if (!r->nsets)
		return 0;
	for (size_t i = 0; i < r->nsets; i++)
		if ((held & r->sets[i]) == r->sets[i])
			return (int)i;
	return -1;
}
