/*
 * Progress reports on a task (docs/api.md "Progress, traffic lights and
 * reminders"): one per task, department and month. A department official
 * reports for the department on its account; administrators and city and
 * county officials may report for any department the task names whose
 * plan lies in their scope (audited as on behalf). A second report for the
 * same task, department and month is refused (409) unless it is the same
 * account correcting its own report with the version it read.
 */
#ifndef LX_APP_TASK_REPORT_H
#define LX_APP_TASK_REPORT_H

#include "app/ctx.h"

/* body: department_id (a dept official's own by default), period
 * (YYYY-MM), text, percent (decimal text 0–100) and/or quantity (decimal
 * text), reported_on (default today; not before the period's month nor
 * after today), version (to correct one's own report). 201 with the
 * report and the task's light today; 200 on a correction. */
json_t *app_task_report_add(struct app_ctx *ctx, long long task_id,
                            json_t *body, int *created);

/* The reports on a task, oldest period first, with the light today. */
json_t *app_task_report_list(struct app_ctx *ctx, long long task_id);

#endif
