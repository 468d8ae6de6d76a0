/*
 * Task progress (DESIGN.md module 10, docs/api.md "Progress, traffic lights
 * and reminders"): each task's traffic light on a day from its span and its
 * latest report (core/task_light.h) under the "tasks" policy of the plan's
 * region; reminders; the league table of departments; a department's
 * reporting form. Reads are for the caller's region subtree.
 */
#ifndef LX_APP_TASK_PROGRESS_H
#define LX_APP_TASK_PROGRESS_H

#include "app/ctx.h"
#include "core/task_light.h"
#include "store/task_progress_store.h"

struct task_policy;

/* One task as the views show it. */
struct tp_task {
	const struct tp_task_row *t;
	const struct task_policy *policy;
	struct lx_date start, deadline; /* deadline valid when has_deadline */
	int has_deadline;
	const struct tp_report_row *latest; /* on or before the day; or NULL */
	struct task_light light;
	const struct tp_task_dept_row *lead; /* the first lead, or NULL */
};

/* Everything in view: tasks with lights on day `on`, their departments and
 * reports. */
struct tp_view {
	size_t ntasks, ndepts, nreports;
	struct tp_task *tasks;
	struct tp_task_dept_row *depts;
	struct tp_report_row *reports;
};

/* Loads and judges the tasks of plans in region's subtree (NULL: every
 * region), of plan (0: all), naming dept (0: any), or one task (task_id).
 * on is YYYY-MM-DD. */
int tp_view_load(struct app_ctx *ctx, const char *region, long long plan,
                 long long dept, long long task_id, const char *on,
                 struct tp_view *out);

/* The light of a task as JSON: colour, reason (with Chinese labels),
 * expected and behind (exact text, half up, when judged on schedule),
 * months_late, why (a Chinese sentence). */
json_t *tp_light_json(struct app_ctx *ctx, const struct tp_task *k);

/* The task and its departments as JSON (no light). */
json_t *tp_task_json(const struct tp_view *v, const struct tp_task *k);

/* A report as JSON. */
json_t *tp_report_json(const struct tp_report_row *r);

/* "YYYY-MM" valid? */
int tp_period_ok(const char *s);

/* The day a period's report is due under p: "YYYY-MM-DD". */
void tp_due_on(const struct task_policy *p, const char *period, char out[11]);

/* GET /progress, /progress/reminders, /progress/league, /progress/mine
 * (an account without a department gets no department and no tasks) */
json_t *app_progress_list(struct app_ctx *ctx, json_t *params);
json_t *app_progress_reminders(struct app_ctx *ctx, json_t *params);
json_t *app_progress_league(struct app_ctx *ctx, json_t *params);
json_t *app_progress_mine(struct app_ctx *ctx, json_t *params);

#endif
