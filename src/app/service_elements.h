/*
 * The services module's indicator elements counted per region
 * (core/service_element.h) under the policy of the subtree's root: its
 * "meals" section says which villages are rural and what covers them, its
 * "guidance" section the window that counts an infant as reached.
 */
#ifndef LX_APP_SERVICE_ELEMENTS_H
#define LX_APP_SERVICE_ELEMENTS_H

#include "app/ctx.h"
#include "core/service_element.h"
#include "store/person_store.h"

/* The counts of e at as_of per region under root, ordered by region;
 * arena-owned. Errors in ctx->err. */
int app_service_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                       enum service_element e, struct region_count **out,
                       size_t *n);

#endif
