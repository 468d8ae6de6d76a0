#include "core/rollup_note.h"

#include "core/region_code.h"

#include <stdio.h>

static const struct {
	const char *one, *many, *zh;
} words[REGION_LEVEL__MAX] = {
	[REGION_PROVINCE] = { "province", "provinces", "省" },
	[REGION_CITY] = { "city", "cities", "市（州）" },
	[REGION_COUNTY] = { "county", "counties", "县（区）" },
	[REGION_TOWNSHIP] = { "township", "townships", "乡镇（街道）" },
	[REGION_VILLAGE] = { "village", "villages", "村（社区）" },
};

int rollup_is_partial(long covered, long children)
{
	return children > 0 && covered >= 0 && covered < children;
}

char *rollup_note(long covered, long children, int child_level, int zh,
                  char *buf, size_t n)
{
	int known = child_level >= 0 && child_level < REGION_LEVEL__MAX;

	if (!buf || n == 0)
		return buf;
	if (zh)
		snprintf(buf, n, "%ld个%s中%ld个", children,
		         known ? words[child_level].zh : "下级区划", covered);
	else
		snprintf(buf, n, "%ld of %ld %s", covered, children,
		         !known          ? (children == 1 ? "area" : "areas")
		         : children == 1 ? words[child_level].one
		                         : words[child_level].many);
	return buf;
}
