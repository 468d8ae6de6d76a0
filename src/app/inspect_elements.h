/*
 * The supervision elements (core/inspect_element.h) counted per region
 * under the policy of the subtree's root: its "food_safety" section says
 * which grades are B or better and how long a grade stays in force, its
 * "staff" section which occupations count and which training is pre-job.
 */
#ifndef LX_APP_INSPECT_ELEMENTS_H
#define LX_APP_INSPECT_ELEMENTS_H

#include "app/ctx.h"
#include "core/inspect_element.h"
#include "store/person_store.h"

/* The counts of ref at as_of per region under root (by the facility's
 * region), ordered by region; arena-owned. Errors in ctx->err. */
int app_inspect_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                       const struct inspect_element_ref *ref,
                       struct region_count **out, size_t *n);

#endif
