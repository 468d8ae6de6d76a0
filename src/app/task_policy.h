/*
 * The "tasks" section of a policy file (docs/policy.md "Tasks and projects"):
 * task progress: reporting periods, the traffic lights' thresholds (late
 * starts, points behind schedule) and reminders. The nearest file's section
 * applies to a region, whole.
 */
#ifndef LX_APP_TASK_POLICY_H
#define LX_APP_TASK_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/task_light.h"

#include <jansson.h>

struct task_policy {
	const char *source, *note;
	int written; /* 0 for a section with only "source" */
	const char
	    *period; /* "month": one report per task, department, month */
	int report_due_day; /* a month's report is due by this day of the next
	                     */
	struct task_light_rules lights;
	const char *behind_yellow_text, *behind_red_text; /* as written */
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: tasks.<path>:
 * <what>". *out is arena-owned. */
int task_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct task_policy **out, struct lx_error *err);

#endif
