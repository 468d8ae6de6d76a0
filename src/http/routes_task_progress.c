/* Each handler turns a request into one app call (app/task_report.c,
 * app/task_progress.c). */
#include "http/routes_task_progress.h"

#include "app/task_progress.h"
#include "app/task_report.h"

#include <stdlib.h>

static long long task_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0) {
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such task");
		return -1;
	}
	return id;
}

void task_report_add(struct hreq *r)
{
	long long id = task_id(r);
	int created = 0;

	if (id > 0) {
		r->out = app_task_report_add(r->ctx, id, r->body, &created);
		if (r->out && created)
			r->status = 201;
	}
}

void task_report_list(struct hreq *r)
{
	long long id = task_id(r);

	if (id > 0)
		r->out = app_task_report_list(r->ctx, id);
}

void task_progress_list(struct hreq *r)
{
	r->out = app_progress_list(r->ctx, r->query);
}

void task_progress_reminders(struct hreq *r)
{
	r->out = app_progress_reminders(r->ctx, r->query);
}

void task_progress_league(struct hreq *r)
{
	r->out = app_progress_league(r->ctx, r->query);
}

void task_progress_mine(struct hreq *r)
{
	r->out = app_progress_mine(r->ctx, r->query);
}
