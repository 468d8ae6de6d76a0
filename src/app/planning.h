/* Planning and gap analysis (DESIGN.md module 6): demand from population
 * and the policy's standards, supply from the registry, gaps; checks of
 * new residential developments; staffing; the 15-minute service circle. */
#ifndef LX_APP_PLANNING_H
#define LX_APP_PLANNING_H

#include "app/ctx.h"

struct res_point;

/* Validates and stores a residential point inside the caller's
 * transaction (CSV import "points"). */
int app_point_save(struct app_ctx *ctx, struct res_point *p);

/* The 15-minute service circle: params region, kind (elderly: community
 * facilities; childcare: every childcare place), reach (metres; default
 * the policy's, else 1000), k (suggested sites, default 5), as_of. */
json_t *app_plan_coverage(struct app_ctx *ctx, json_t *params);

/* Demand, supply and gap for a region and year (params region, year,
 * basis residents|registered|projection, as_of, stated_slots,
 * stated_beds): unrounded values, the rounded ones and the rule, every
 * standard with its source, every figure with where it came from. */
json_t *app_plan_gap(struct app_ctx *ctx, json_t *params);

/* The differences between a region's own plan's stated figures and
 * those computed here, for every year up to year that the plan states
 * figures for: the "audits" entries of GET plan/gap that differ beyond
 * the stated precision. New reference, or NULL with ctx->err. */
json_t *app_plan_flags(struct app_ctx *ctx, const char *region, int year);

/* Appends the bulletin's section listing every flag of app_plan_flags for
 * region up to the year of period ("2025", "2025-06"), in Chinese, before
 * the closing tags of the HTML page in b. 0, or -1 with ctx->err. */
struct abuf;
int app_plan_flags_html(struct app_ctx *ctx, const char *region,
                        const char *period, struct abuf *b);

/* A new or old residential development checked against the standards:
 * body {region, households, residents, district new|old, floor_m2,
 * largest_facility_m2, slots, land_m2}. */
json_t *app_plan_residential_check(struct app_ctx *ctx, json_t *body);

/* Caregivers needed per elderly-care institution from its residents' care
 * levels, social workers, institutions that must have a clinic and have
 * none, childcare institutions by size: params region, as_of. */
json_t *app_plan_staffing(struct app_ctx *ctx, json_t *params);

#endif
