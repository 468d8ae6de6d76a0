/*
 * What every credit use case does first: find a facility the caller may
 * see (404 otherwise, so scope does not leak existence), the credit policy
 * of its region, and read the fields of a request body.
 */
#ifndef LX_APP_CREDIT_SCOPE_H
#define LX_APP_CREDIT_SCOPE_H

#include "app/credit_policy.h"
#include "app/ctx.h"
#include "core/facility.h"

#include <jansson.h>

/* The facility id as the caller may see it; -1 with LX_ENOTFOUND. */
int credit_facility(struct app_ctx *ctx, long long id, struct facility *f);

/* The credit policy of region; -1 with LX_EINVALID (field "region") when
 * no policy file of the region has a credit section. Borrowed. */
int credit_policy_of(struct app_ctx *ctx, const char *region,
                     const struct credit_policy **out);

/* A text field of at most max bytes; "" when absent and optional. */
int credit_text(struct app_ctx *ctx, json_t *body, const char *key,
                int required, size_t max, const char **out);

/* A date field YYYY-MM-DD; NULL when absent and optional. */
int credit_date(struct app_ctx *ctx, json_t *body, const char *key,
                int required, const char **out);

/* A whole number field in [min, max]. */
int credit_int(struct app_ctx *ctx, json_t *body, const char *key, int required,
               long long min, long long max, long long *out);

/* The region a list is asked for: the "region" parameter (seen by the
 * caller, else LX_ENOTFOUND), or the caller's own region; NULL for all. */
int credit_list_region(struct app_ctx *ctx, json_t *params,
                       const char **region);

#endif
