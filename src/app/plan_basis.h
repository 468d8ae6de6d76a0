/* What the planning use cases share: the population a plan is computed
 * on and the supply it is set against (app/plan_gap.c). Internal to
 * app/planning.c and app/plan_gap.c. */
#ifndef LX_APP_PLAN_BASIS_H
#define LX_APP_PLAN_BASIS_H

#include "app/ctx.h"
#include "core/exact.h"

/* The population basis for a year: the latest figure at or before it
 * (saying which year), or a linear projection from every known year. When
 * there is none, missing and missing_zh name the figure that is missing
 * ("缺少2025年60岁及以上人口"). covered of children is set when the figure
 * is a roll-up (children 0 for a direct figure). */
struct pop_basis {
	int has;
	struct exact value;
	int year_used; /* 0 for a projection */
	int projection;
	const char *how;
	const char *missing, *missing_zh;
	long covered, children;
};

/* Fills out from the items of GET population for metric and year
 * (project: a linear projection). 0, or -1 with ctx->err ("year": before
 * the first figure, or a trend below zero). */
int plan_population_for(struct app_ctx *ctx, json_t *items, const char *metric,
                        int year, int project, struct pop_basis *out);

/* An element's value at a region on a day: the department's latest
 * report for a period ending on or before the day, else the registry as
 * of the day. 1 with *out and *origin set ("reported for 2021", "registry
 * as of …"), 0 when there is neither, -1 on error. */
int plan_element_latest(struct app_ctx *ctx, const char *region,
                        const char *element, const char *day, struct exact *out,
                        const char **origin);

#endif
