#include "app/synth_assumed.h"

#include "core/population.h"

#include <string.h>

/*
 * Keep in step with docs/synth.md "Filling what a preset lacks". A value
 * here is used only where the preset (presets/regions) states no figure
 * of that metric for the region.
 */
static const struct synth_assumed_figure figures[] = {
	/* 大竹县: seed 001 第29行 gives 60+ as a number and as a share of
	 * the residents but not the residents themselves */
	{ "511724000000", 2020, POP_RESIDENTS, 842152,
	  "assumed: 191000 / 22.68% = 842151.7, rounded half up, because "
	  "seed 001 第29行 states “60周岁以上常住老年人口19.10万，占常住人口"
	  "总数的22.68%” and no resident count" },
	/* 达州市: seed 003 states no population figure at all */
	{ "511700000000", 2020, POP_RESIDENTS, 5385422,
	  "cited: 四川省第七次全国人口普查主要数据 (2021-05-26), 达州市常住"
	  "人口 5385422; seed 003 states none" },
};

static const struct synth_named_township named[] = {
	/* seed 002 第30行: “择优选择临江、南门、白鹤三个乡镇（街道）敬老院作为
	 * 区域性中心敬老院” */
	{ "500154000000", "白鹤街道", 1,
	  "name: seed 002 第30行; code generated" },
	{ "500154000000", "临江镇", 0,
	  "name: seed 002 第30行; code generated" },
	{ "500154000000", "南门镇", 0,
	  "name: seed 002 第30行; code generated" },
};

const struct synth_assumed_figure *synth_assumed_figure(const char *region,
                                                        int metric)
{
	for (size_t i = 0; i < sizeof(figures) / sizeof(figures[0]); i++)
		if (figures[i].metric == metric &&
		    !strcmp(figures[i].region, region))
			return &figures[i];
	return NULL;
}

const struct synth_named_township *synth_named_townships(const char *county,
                                                         size_t *n)
{
	size_t first = 0, count = 0;

	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcmp(named[i].county, county)) {
			if (!count)
				first = i;
			count++;
		}
	*n = count;
	return count ? &named[first] : NULL;
}
