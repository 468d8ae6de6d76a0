/*
 * The grading elements (core/grade_element.h) counted per region: open
 * facilities of the element's kind holding a rating of its scheme in force
 * on the day.
 */
#ifndef LX_APP_GRADE_ELEMENTS_H
#define LX_APP_GRADE_ELEMENTS_H

#include "app/ctx.h"
#include "core/grade_element.h"
#include "store/person_store.h"

/* The counts of e at as_of per region under root (by the facility's
 * region), ordered by region; arena-owned. Errors in ctx->err. */
int app_grade_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                     enum grade_element e, struct region_count **out,
                     size_t *n);

#endif
