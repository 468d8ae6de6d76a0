/*
 * The department directory of a jurisdiction (docs/api.md "Plans, tasks
 * and departments"): departments with their aliases, so that 市卫健委 and
 * 市卫生健康委 are one department, and the resolution of the names a
 * responsibility cell gives into department ids, creating the unknown
 * ones. Each json_t function returns a new reference (caller decrefs) or
 * NULL with ctx->err set.
 */
#ifndef LX_APP_TASK_DIRECTORY_H
#define LX_APP_TASK_DIRECTORY_H

#include "app/ctx.h"
#include "core/task_duty.h"

#include <stddef.h>

/* A jurisdiction's directory loaded in memory for one use case. */
struct task_directory {
	const char *region;
	size_t n, cap;
	long long *ids;
	char **names;
	size_t n_aliases;
	struct task_duty_alias *aliases; /* alias → canonical name */
};

/* Loads region's departments and aliases into d (arena memory). */
int task_directory_load(struct app_ctx *ctx, const char *region,
                        struct task_directory *d);

/* The id of the department named name (canonical, after aliases); when
 * there is none it is created with kind ('local' role → 'government' or
 * 'zone') and *created set. Inside the caller's transaction. */
int task_directory_resolve(struct app_ctx *ctx, struct task_directory *d,
                           const char *name, enum task_role role, long long *id,
                           int *created);

/* params region: {region, items: [{id, name, kind, aliases}]}. */
json_t *app_task_departments(struct app_ctx *ctx, json_t *params);

/* body {region, name, kind, aliases: []}: a department (201); or with
 * only aliases for an existing name, the aliases are added. */
json_t *app_task_department_create(struct app_ctx *ctx, json_t *body);

#endif
