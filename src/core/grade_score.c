#include "core/grade_score.h"

#include <string.h>

int grade_score_parse(const char *s, int64_t max, int64_t *tenths)
{
	int64_t whole = 0;
	int digits = 0, frac = 0;

	if (!s || !*s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 6)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (!digits)
		return -1;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		frac = *s++ - '0';
	}
	if (*s)
		return -1;
	whole = whole * 10 + frac;
	if (whole > max * 10)
		return -1;
	*tenths = whole;
	return 0;
}

int grade_scheme_section(const struct grade_scheme *s, const char *code)
{
	for (size_t i = 0; code && i < s->nsections; i++)
		if (!strcmp(s->sections[i].code, code))
			return (int)i;
	return -1;
}

int grade_level_holds(const struct grade_scheme *s, const int64_t *tenths,
                      int n)
{
	const struct grade_level *l;
	int64_t sum = 0;

	if (n < 1 || (size_t)n > s->nlevels)
		return 0;
	l = &s->levels[n - 1];
	for (size_t i = 0; i < s->nsections; i++) {
		/* tenths/10 >= share/100 × max, kept in whole numbers */
		if (tenths[i] * 10 < (int64_t)l->min_share * s->sections[i].max)
			return 0;
		sum += tenths[i];
	}
	return sum >= l->min_total * 10;
}

void grade_score_compute(const struct grade_scheme *s, const int64_t *tenths,
                         struct exact *total, int *reached)
{
	int64_t sum = 0;

	for (size_t i = 0; i < s->nsections; i++)
		sum += tenths[i];
	if (exact_frac(sum, 10, total))
		*total = exact_int(0); /* cannot happen: sums are small */
	*reached = 0;
	for (int n = (int)s->nlevels; n >= 1; n--)
		if (grade_level_holds(s, tenths, n)) {
			*reached = n;
			break;
		}
}

const char *grade_level_name(const struct grade_scheme *s, int level)
{
	if (level < 1 || (size_t)level > s->nlevels)
		return "";
	return s->levels[level - 1].name;
}
