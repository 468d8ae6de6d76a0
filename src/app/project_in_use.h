/*
 * Putting a major project into use: the 投用 milestone is dated, and the
 * project's new capacity is added to the registry through the registry's
 * own code (app/facilities.c) with a capacity entry dated the day of use,
 * so figures read "as of" a day move from that day and not before. Once
 * only: a second call is LX_ECONFLICT.
 */
#ifndef LX_APP_PROJECT_IN_USE_H
#define LX_APP_PROJECT_IN_USE_H

#include "app/ctx.h"

/* body: {"on": "YYYY-MM-DD", "facility_id": N} to add to an existing
 * facility, or {"on": …, "facility": {a new facility's fields}}. */
json_t *app_project_in_use(struct app_ctx *ctx, long long id, json_t *body);

#endif
