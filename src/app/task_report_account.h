/*
 * The department an account reports progress for (account.department_id):
 * set when an administrator creates or edits a user, shown with the user.
 * The department must lie in the account's region's jurisdiction or above
 * (a county official may report for the city's 民政局 only when the
 * department's region contains the account's).
 */
#ifndef LX_APP_TASK_REPORT_ACCOUNT_H
#define LX_APP_TASK_REPORT_ACCOUNT_H

#include "app/ctx.h"
#include "core/role.h"

/* v: the body's "department_id" (NULL: unchanged; null: none; an id).
 * Inside the account write's transaction; LX_EINVALID naming
 * department_id on a bad one. */
int task_report_account_set(struct app_ctx *ctx, long long account_id,
                            enum role role, const char *region, json_t *v);

/* Adds "department_id" and "department" (its name) to a user's JSON. */
void task_report_account_json(struct app_ctx *ctx, json_t *user);

#endif
