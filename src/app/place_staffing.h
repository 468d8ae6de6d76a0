/*
 * The childcare part of the staffing plan (GET /plan/staffing, key
 * "childcare"): for each childcare institution open on the day, carers
 * needed class by class from the children enrolled and the carer ratios of
 * the region's "childcare" policy section, classes over their size, and the
 * health worker (core/place_staffing.h holds the rules).
 */
#ifndef LX_APP_PLACE_STAFFING_H
#define LX_APP_PLACE_STAFFING_H

#include "app/ctx.h"
#include "core/facility.h"

#include <jansson.h>
#include <stddef.h>

struct childcare_policy;

/* The childcare staffing of the institutions among v[0..n) under the
 * policy section c; JSON null when c is NULL (no section). New
 * reference. */
json_t *place_staffing_json(struct app_ctx *ctx,
                            const struct childcare_policy *c,
                            const struct facility *v, size_t n);

#endif
