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

#include <jansson.h>

struct task_policy {
	const char *source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: tasks.<path>:
 * <what>". *out is arena-owned. */
int task_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct task_policy **out, struct lx_error *err);

#endif
