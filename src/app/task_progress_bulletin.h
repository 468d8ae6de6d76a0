/*
 * The task-progress section of the indicator bulletin (app/bulletin.c):
 * "重点任务进展", each task of the region's plans with its light today and
 * why, then "部门进展汇总", the league table of departments. Nothing is
 * added when the region has no tasks, so a bulletin without plans' task
 * tables reads as before.
 */
#ifndef LX_APP_TASK_PROGRESS_BULLETIN_H
#define LX_APP_TASK_PROGRESS_BULLETIN_H

#include "app/ctx.h"
#include "core/arena.h"

#include <xlsxwriter.h>

int task_progress_bulletin_csv(struct app_ctx *ctx, const char *region,
                               struct abuf *b);
int task_progress_bulletin_html(struct app_ctx *ctx, const char *region,
                                struct abuf *b);
int task_progress_bulletin_xlsx(struct app_ctx *ctx, const char *region,
                                lxw_workbook *wb);

#endif
