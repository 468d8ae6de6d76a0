/*
 * Major projects (DESIGN.md module 10): registering them, their
 * milestones and light, and the summary of investment and capacity. Each
 * json_t function returns a new reference or NULL with ctx->err set.
 */
#ifndef LX_APP_PROJECT_RECORDS_H
#define LX_APP_PROJECT_RECORDS_H

#include "app/ctx.h"
#include "app/project_policy.h"
#include "store/project_store.h"

json_t *app_project_create(struct app_ctx *ctx, json_t *params, json_t *body);
json_t *app_project_list(struct app_ctx *ctx, json_t *params);
json_t *app_project_get(struct app_ctx *ctx, long long id);
json_t *app_project_milestone(struct app_ctx *ctx, long long id, json_t *body);
json_t *app_project_summary(struct app_ctx *ctx, json_t *params);

/* The "projects" policy of region, or LX_EINVALID when its file has none
 * filled in. */
int project_policy_for(struct app_ctx *ctx, const char *region,
                       const struct project_policy **out);

/* Checks body (a project's fields) and writes it with audit, inside the
 * caller's transaction; *id is the new project's. region is the default
 * when body names none. */
int project_create_tx(struct app_ctx *ctx, const char *region, json_t *body,
                      long long *id);

/* A project the caller may see, or LX_ENOTFOUND. */
int project_load_visible(struct app_ctx *ctx, long long id,
                         struct project_row *p);

json_t *project_to_json(struct app_ctx *ctx, const struct project_row *p,
                        int with_milestones);

#endif
