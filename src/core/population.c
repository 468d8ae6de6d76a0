#include "core/population.h"

#include "core/exact.h"

#include <string.h>

static const char *const names[POP__MAX] = {
	"residents",
	"urban_residents",
	"registered",
	"households",
	"aged_60",
	"aged_65",
	"aged_80",
	"children_0_3",
	"aged_0_14",
	"family_households",
	"family_household_persons",
};
static const char *const labels_zh[POP__MAX] = {
	"常住人口",       "城镇常住人口",   "户籍人口",       "户数",
	"60岁及以上人口", "65岁及以上人口", "80岁及以上人口", "0-3岁婴幼儿",
	"0-14岁人口",     "家庭户户数",     "家庭户人口",
};

static const struct pop_derived_def derived[POP_DERIVED__MAX] = {
	[POP_SHARE_AGED_0_14] = { "share_aged_0_14", "0-14岁人口占比", "%",
	                          POP_AGED_0_14, POP_RESIDENTS, 100, 2 },
	[POP_SHARE_AGED_60] = { "share_aged_60", "60岁及以上人口占比", "%",
	                        POP_AGED_60, POP_RESIDENTS, 100, 2 },
	[POP_SHARE_AGED_65] = { "share_aged_65", "65岁及以上人口占比", "%",
	                        POP_AGED_65, POP_RESIDENTS, 100, 2 },
	[POP_PERSONS_PER_FAMILY_HOUSEHOLD] = { "persons_per_family_household",
	                                       "家庭户户均人口", "人",
	                                       POP_FAMILY_PERSONS,
	                                       POP_FAMILY_HOUSEHOLDS, 1, 2 },
};

const struct pop_derived_def *pop_derived_def(int d)
{
	return d >= 0 && d < POP_DERIVED__MAX ? &derived[d] : NULL;
}

int pop_derive(int d, long long numerator, long long denominator,
               struct exact *out)
{
	const struct pop_derived_def *def = pop_derived_def(d);
	struct exact v;

	if (!def || numerator < 0 || denominator <= 0 ||
	    exact_frac(numerator, denominator, &v) ||
	    exact_mul(v, exact_int(def->scale), out))
		return -1;
	return 0;
}

const char *pop_metric_name(enum pop_metric m)
{
	return (unsigned)m < POP__MAX ? names[m] : "unknown";
}

const char *const *pop_metric_names(void)
{
	return names;
}

const char *pop_metric_label_zh(enum pop_metric m)
{
	return (unsigned)m < POP__MAX ? labels_zh[m] : "未知";
}

int pop_metric_parse(const char *s)
{
	for (int i = 0; s && i < POP__MAX; i++)
		if (!strcmp(names[i], s) || !strcmp(labels_zh[i], s))
			return i;
	return -1;
}
