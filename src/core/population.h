/* Population metrics per region and year (DESIGN.md module 1). */
#ifndef LX_CORE_POPULATION_H
#define LX_CORE_POPULATION_H

enum pop_metric {
	POP_RESIDENTS,         /* 常住人口 */
	POP_URBAN_RESIDENTS,   /* 城镇常住人口 */
	POP_REGISTERED,        /* 户籍人口 */
	POP_HOUSEHOLDS,        /* 户数 */
	POP_AGED_60,           /* 60岁及以上 */
	POP_AGED_65,           /* 65岁及以上 */
	POP_AGED_80,           /* 80岁及以上 */
	POP_CHILDREN_0_3,      /* 0–3岁婴幼儿 */
	POP_AGED_0_14,         /* 0—14岁 */
	POP_FAMILY_HOUSEHOLDS, /* 家庭户户数 */
	POP_FAMILY_PERSONS,    /* 家庭户人口 */
	POP__MAX
};

const char *pop_metric_name(enum pop_metric m);
const char *pop_metric_label_zh(enum pop_metric m);
int pop_metric_parse(const char *s); /* enum or -1; accepts Chinese label */
/* The POP__MAX names, in enum order: what an error lists as accepted. */
const char *const *pop_metric_names(void);

/* Figures the plans quote that are computed from two imported ones, never
 * entered: a share of the residents (0—14, 60+, 65+, in percent) and the
 * persons per family household (家庭户人口 ÷ 家庭户户数). */
enum pop_derived {
	POP_SHARE_AGED_0_14,
	POP_SHARE_AGED_60,
	POP_SHARE_AGED_65,
	POP_PERSONS_PER_FAMILY_HOUSEHOLD,
	POP_DERIVED__MAX
};

struct pop_derived_def {
	const char *name, *label_zh, *unit_zh;
	int numerator, denominator; /* enum pop_metric */
	int scale;                  /* 100 for a percentage, else 1 */
	int places;                 /* shown to, rounded half up */
};

/* The definition of d; NULL for an unknown one. */
const struct pop_derived_def *pop_derived_def(int d);

/* numerator × scale ÷ denominator of d, exactly, into *out (a struct
 * exact, core/exact.h); -1 when the denominator is 0 or a figure is
 * negative. */
struct exact;
int pop_derive(int d, long long numerator, long long denominator,
               struct exact *out);

/* Years the registry accepts for population figures. */
enum { POP_YEAR_MIN = 1949, POP_YEAR_MAX = 2100 };

#endif
