/* Handlers of plans, tasks and departments (docs/api.md "Plans, tasks
 * and departments"), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_TASK_H
#define LX_HTTP_ROUTES_TASK_H

#include "http/route.h"

void task_plans_list(struct hreq *r);
void task_plans_create(struct hreq *r);
void task_plan_get(struct hreq *r);
void task_plan_tasks(struct hreq *r);
void task_plan_departments(struct hreq *r);
void task_plan_import(struct hreq *r);
void task_plan_export(struct hreq *r);
void task_departments_list(struct hreq *r);
void task_departments_create(struct hreq *r);
void task_department_tasks(struct hreq *r);

#endif
