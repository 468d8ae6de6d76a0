/* Population metrics per region and year (DESIGN.md module 1). */
#ifndef LX_CORE_POPULATION_H
#define LX_CORE_POPULATION_H

enum pop_metric {
	POP_RESIDENTS,       /* 常住人口 */
	POP_URBAN_RESIDENTS, /* 城镇常住人口 */
	POP_REGISTERED,      /* 户籍人口 */
	POP_HOUSEHOLDS,      /* 户数 */
	POP_AGED_60,         /* 60岁及以上 */
	POP_AGED_65,         /* 65岁及以上 */
	POP_AGED_80,         /* 80岁及以上 */
	POP_CHILDREN_0_3,    /* 0–3岁婴幼儿 */
	POP__MAX
};

const char *pop_metric_name(enum pop_metric m);
const char *pop_metric_label_zh(enum pop_metric m);
int pop_metric_parse(const char *s); /* enum or -1; accepts Chinese label */

/* Years the registry accepts for population figures. */
enum { POP_YEAR_MIN = 1949, POP_YEAR_MAX = 2100 };

#endif
