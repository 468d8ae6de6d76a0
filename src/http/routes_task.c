/* Each handler turns a request into one app_task_* call
 * (app/task_plans.c, app/task_directory.c, app/task_import.c). */
#include "http/routes_task.h"

#include "app/task_directory.h"
#include "app/task_import.h"
#include "app/task_plans.h"

#include <stdlib.h>

static long long arg_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0) {
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
		return -1;
	}
	return id;
}

static void created(struct hreq *r, json_t *out)
{
	r->out = out;
	r->status = out ? 201 : r->status;
}

void task_plans_list(struct hreq *r)
{
	r->out = app_task_plans(r->ctx, r->query);
}

void task_plans_create(struct hreq *r)
{
	created(r, app_task_plan_create(r->ctx, r->body));
}

void task_plan_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_task_plan_get(r->ctx, id);
}

void task_plan_tasks(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_task_plan_tasks(r->ctx, id);
}

void task_plan_departments(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_task_plan_departments(r->ctx, id);
}

void task_plan_import(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_task_import(r->ctx, id, r->raw, r->rawlen);
}

void task_plan_export(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0 && !app_task_export(r->ctx, id, &r->text, &r->textlen)) {
		r->content_type = "text/csv; charset=utf-8";
		r->filename =
		    arena_printf(r->ctx->arena, "plan-%lld-tasks.csv", id);
	}
}

void task_departments_list(struct hreq *r)
{
	r->out = app_task_departments(r->ctx, r->query);
}

void task_departments_create(struct hreq *r)
{
	created(r, app_task_department_create(r->ctx, r->body));
}

void task_department_tasks(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_task_department_tasks(r->ctx, id);
}
