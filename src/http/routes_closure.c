/* Each handler turns a request into one app_closure_* call
 * (app/closure_cases.c). */
#include "http/routes_closure.h"

#include "app/closure_cases.h"

#include <stdlib.h>

static long long case_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0) {
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
		return -1;
	}
	return id;
}

void closure_open(struct hreq *r)
{
	r->out = app_closure_open(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void closure_list(struct hreq *r)
{
	r->out = app_closure_list(r->ctx, r->query);
}

void closure_get(struct hreq *r)
{
	long long id = case_id(r);

	if (id > 0)
		r->out = app_closure_get(r->ctx, id);
}

void closure_refresh(struct hreq *r)
{
	long long id = case_id(r);

	if (id > 0)
		r->out = app_closure_refresh(r->ctx, id);
}

void closure_member(struct hreq *r)
{
	long long id = case_id(r);

	if (id > 0)
		r->out = app_closure_member(r->ctx, id, r->body);
}

void closure_transfer(struct hreq *r)
{
	long long id = case_id(r);

	if (id > 0)
		r->out = app_closure_transfer(r->ctx, id, r->body);
}

void closure_close(struct hreq *r)
{
	long long id = case_id(r);

	if (id > 0)
		r->out = app_closure_close(r->ctx, id, r->body);
}

void closure_withdraw(struct hreq *r)
{
	long long id = case_id(r);

	if (id > 0)
		r->out = app_closure_withdraw(r->ctx, id, r->body);
}
