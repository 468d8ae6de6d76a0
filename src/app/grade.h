/*
 * Grading and star ratings (docs/api.md "Grading and star ratings"):
 * the schemes of a region's policy, assessments of a facility against a
 * scheme's scorecard and rules (a rating given, or refused with the
 * reason), the region's ratings in force, expiring, lapsed and the annual
 * evaluations due, and the recording of lapses. Officials of the
 * facility's region (admin, city, county, department) write; whoever sees
 * a facility reads. Each returns a new JSON reference (caller decrefs) or
 * NULL with ctx->err set.
 */
#ifndef LX_APP_GRADE_H
#define LX_APP_GRADE_H

#include "app/ctx.h"

/* {region, schemes: [...]}: the schemes of the region's policy
 * (params region, default the caller's). */
json_t *app_grade_schemes(struct app_ctx *ctx, json_t *params);

/* body {scheme, kind, assessed_on, applied_level, scores, evaluator}:
 * records an assessment (201) with its outcome, level and reason. */
json_t *app_grade_assess(struct app_ctx *ctx, long long facility, json_t *body);

/* {items}: a facility's assessments, the latest first. */
json_t *app_grade_assessments(struct app_ctx *ctx, long long facility,
                              json_t *params);

/* The region's grading on as_of (params region, as_of). */
json_t *app_grade_overview(struct app_ctx *ctx, json_t *params);

/* body {day} (default today): records the lapse of every rating of the
 * caller's region whose validity ended before day unrenewed, once. */
json_t *app_grade_lapse(struct app_ctx *ctx, json_t *body);

/* The caller may write grading records for a facility of region:
 * admin, city, county and department officials in scope. */
int grade_may_write(const struct principal *who, const char *region);

struct grade_policy;
/* The grading section that applies to region, or NULL with ctx->err set
 * (LX_EINVALID, field "region") when no policy file gives one. */
const struct grade_policy *grade_policy_for(struct app_ctx *ctx,
                                            const char *region);

/* A scheme as JSON for forms: code, name, unit, kinds, total, sections,
 * levels and rules. */
struct grade_scheme;
json_t *grade_scheme_json(const struct grade_scheme *s);

/* One rating as a row: facility, scheme and level in words, validity,
 * the first day of renewal and, given day, whether it is in its renewal
 * window (expiring); lapsed_on when filled. s may be NULL. */
struct grade_rating;
json_t *grade_rating_row(const struct grade_scheme *s,
                         const struct grade_rating *r, const char *day);

#endif
