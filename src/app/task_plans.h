/*
 * Plan documents and their task-division tables (docs/api.md "Plans,
 * tasks and departments"): a plan's tasks with departments by role and
 * quantity targets, a department's tasks by role, and the counts per
 * department (lead, sole lead, participating, joint, local). Officials see
 * the plans of their region's subtree; others are 404. Each returns a new
 * JSON reference (caller decrefs) or NULL with ctx->err set.
 */
#ifndef LX_APP_TASK_PLANS_H
#define LX_APP_TASK_PLANS_H

#include "app/ctx.h"

/* params region: {region, items: [{id, region, title, number, issued_on,
 * source}]}. */
json_t *app_task_plans(struct app_ctx *ctx, json_t *params);

/* body {region, title, number, issued_on, source}: a plan (201). */
json_t *app_task_plan_create(struct app_ctx *ctx, json_t *body);

/* The same inside the caller's transaction; *id gets the plan. */
int app_task_plan_create_tx(struct app_ctx *ctx, json_t *body, long long *id);

json_t *app_task_plan_get(struct app_ctx *ctx, long long id);

/* {plan, items: [{id, number, section, text, deadline_year, deadline_on,
 * departments: {lead, participate, joint, local: [{id, name}]},
 * targets}]}. */
json_t *app_task_plan_tasks(struct app_ctx *ctx, long long id);

/* {plan, items: [{id, name, lead, sole_lead, participate, joint, local,
 * total}]}, most leads first. */
json_t *app_task_plan_departments(struct app_ctx *ctx, long long id);

/* {department, items: [{role, plan_id, plan_title, task_id, number,
 * text}]}. */
json_t *app_task_department_tasks(struct app_ctx *ctx, long long id);

/* The plan when the caller may see it (404 otherwise): 0 or -1. */
struct task_plan_rec;
int task_plan_visible(struct app_ctx *ctx, long long id,
                      struct task_plan_rec *out);

#endif
