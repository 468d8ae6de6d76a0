/* Handlers of task progress (docs/api.md "Progress, traffic lights and
 * reminders"), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_TASK_PROGRESS_H
#define LX_HTTP_ROUTES_TASK_PROGRESS_H

#include "http/route.h"

void task_report_add(struct hreq *r);
void task_report_list(struct hreq *r);
void task_progress_list(struct hreq *r);
void task_progress_reminders(struct hreq *r);
void task_progress_league(struct hreq *r);
void task_progress_mine(struct hreq *r);

#endif
