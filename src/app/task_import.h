/*
 * A plan's task-division table in and out as CSV (docs/api.md "Plans,
 * tasks and departments"), and the seeds' tables loaded as presets.
 * Columns (Chinese headings): 序号, 章节, 重点任务 (or 任务), 责任单位 (or
 * 部门), 牵头单位, 完成时限, 目标; only 序号 and 重点任务 are required.
 * Each returns a new JSON reference (caller decrefs) or NULL with ctx->err
 * set (an import's row errors in ctx->details).
 */
#ifndef LX_APP_TASK_IMPORT_H
#define LX_APP_TASK_IMPORT_H

#include "app/ctx.h"

#include <stddef.h>

/* All or nothing: {imported, new_departments: [names], encoding}. A
 * department not in the plan's jurisdiction's directory (by name or
 * alias) is created and reported as new. */
json_t *app_task_import(struct app_ctx *ctx, long long plan_id, const char *buf,
                        size_t len);

/* The plan's tasks in the import's format; 0, or -1 with ctx->err. */
int app_task_export(struct app_ctx *ctx, long long plan_id, char **text,
                    size_t *len);

/* Reads a preset file named in plans.csv; NULL when it cannot. */
typedef char *(*task_preset_reader)(struct app_ctx *ctx, void *arg,
                                    const char *file, size_t *len);

/* Loads the departments (departments.csv: region, name, kind, aliases
 * separated by "|") and plan documents (plans.csv: region, title, number,
 * issued_on, source, file) of region (NULL: every region), importing each
 * plan's file; all or nothing. {plans: [{id, title, imported}],
 * departments}. */
json_t *app_task_preset(struct app_ctx *ctx, const char *region,
                        const char *departments_csv, size_t dlen,
                        const char *plans_csv, size_t plen,
                        task_preset_reader read, void *arg);

#endif
