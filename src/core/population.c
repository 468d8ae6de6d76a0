#include "core/population.h"

#include <string.h>

static const char *const names[POP__MAX] = {
	"residents", "urban_residents", "registered", "households",
	"aged_60",   "aged_65",         "aged_80",    "children_0_3",
};
static const char *const labels_zh[POP__MAX] = {
	"常住人口",       "城镇常住人口",   "户籍人口",       "户数",
	"60岁及以上人口", "65岁及以上人口", "80岁及以上人口", "0-3岁婴幼儿",
};

const char *pop_metric_name(enum pop_metric m)
{
	return (unsigned)m < POP__MAX ? names[m] : "unknown";
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
