/* Each handler turns a request into one app_complaint_* call
 * (app/complaints.c, app/complaint_stats.c). */
#include "http/routes_complaint.h"

#include "app/complaint_stats.h"
#include "app/complaints.h"

#include <stdlib.h>

static long long arg_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	return !r->arg || *end || id <= 0 ? -1 : id;
}

void complaints_list(struct hreq *r)
{
	r->out = app_complaint_list(r->ctx, r->query);
}

void complaints_create(struct hreq *r)
{
	r->out = app_complaint_create(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void complaints_options(struct hreq *r)
{
	r->out = app_complaint_options(r->ctx, r->query);
}

void complaints_stats(struct hreq *r)
{
	r->out = app_complaint_stats(r->ctx, r->query);
}

void complaints_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_complaint_get(r->ctx, id);
}

static void step(struct hreq *r, const char *name)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_complaint_step(r->ctx, id, name, r->body);
}

void complaints_assign(struct hreq *r)
{
	step(r, "assign");
}

void complaints_answer(struct hreq *r)
{
	step(r, "answer");
}

void complaints_callback(struct hreq *r)
{
	step(r, "callback");
}

void complaints_close(struct hreq *r)
{
	step(r, "close");
}

void complaints_reopen(struct hreq *r)
{
	step(r, "reopen");
}
