/*
 * What the check and hazard use cases share: the checklists and hazards
 * sections of a region's policy, who may act on a check, and reading the
 * fields of a request body with errors that name the field.
 */
#ifndef LX_APP_INSPECT_COMMON_H
#define LX_APP_INSPECT_COMMON_H

#include "app/ctx.h"
#include "app/inspect_checklist_policy.h"
#include "app/inspect_hazard_policy.h"

#include <jansson.h>

enum { INSPECT_TEXT_MAX = 2000 };

/* The sections of the nearest policy file of region; NULL with err
 * naming field when none has one. */
const struct checklist_policy *
inspect_checklists(struct app_ctx *ctx, const char *region, const char *field);
const struct hazard_policy *inspect_hazard_rules(struct app_ctx *ctx,
                                                 const char *region,
                                                 const char *field);

/* An official who may write in region: an administrator, a city or county
 * official whose scope holds it. */
int inspect_official_in(const struct principal *who, const char *region);

/* A text member: required ones non-empty; at most INSPECT_TEXT_MAX
 * bytes. *out NULL when absent and optional. */
int inspect_body_text(struct app_ctx *ctx, json_t *body, const char *key,
                      int required, const char **out);

/* A date member (YYYY-MM-DD) not after today; *out today when absent
 * and optional. */
int inspect_body_day(struct app_ctx *ctx, json_t *body, const char *key,
                     int required, const char **out);

/* Days since 1970 of a stored date ("" or bad: 0). */
long inspect_days(const char *day);

/* A date text from days since 1970; arena-owned. */
const char *inspect_day_text(struct app_ctx *ctx, long days);

#endif
