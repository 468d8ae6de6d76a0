#include "core/service_entitlement.h"

#include "core/date.h"
#include "core/facility.h"
#include "core/person.h"

#include <string.h>

unsigned service_held_mask(const struct service_held *c, size_t n,
                           const char *day, int age)
{
	unsigned m = 0;

	for (size_t i = 0; i < n; i++) {
		int k = enum_lookup(&person_category_names, c[i].category);

		/* ISO dates order as text */
		if (k < 0 || !c[i].start || strcmp(c[i].start, day) > 0 ||
		    (c[i].end && c[i].end[0] && strcmp(c[i].end, day) < 0))
			continue;
		m |= 1u << k;
	}
	if (age >= SERVICE_ADVANCED_AGE)
		m |= 1u << PC_ADVANCED_AGE;
	return m;
}

int service_qualifies(const struct category_rule *who, unsigned held, int age)
{
	return who && category_rule_match(who, held, age) >= 0;
}

int service_year_of(const char *day)
{
	struct lx_date d;

	return date_parse(day, &d) ? -1 : d.y;
}

long long service_balance(long long granted, long long used)
{
	return used >= granted ? 0 : granted - used;
}

long long service_draw(long long granted, long long used, long long fen)
{
	if (fen <= 0 || used < 0 || used > granted || fen > granted - used)
		return -1;
	return used + fen;
}

char *service_use_rate(long long used, long long granted,
                       char out[EXACT_TEXT_MAX])
{
	struct exact r;

	out[0] = '\0';
	if (granted <= 0 || used < 0)
		return out;
	/* percent: used × 100 ÷ granted, exactly, then rounded once */
	if (exact_frac(used, granted, &r) || exact_mul(r, exact_int(100), &r))
		return out;
	return exact_format(r, 2, EXACT_HALF_UP, out);
}
