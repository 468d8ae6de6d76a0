/* Each handler turns a request into one app_wait_* call
 * (app/place_wait*.c). */
#include "http/routes_place_wait.h"

#include "app/place_wait.h"

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

void waitlist_list(struct hreq *r)
{
	r->out = app_wait_list(r->ctx, r->query);
}

void waitlist_apply(struct hreq *r)
{
	r->out = app_wait_apply(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void waitlist_applications(struct hreq *r)
{
	r->out = app_wait_applications(r->ctx, r->query);
}

void waitlist_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_wait_get(r->ctx, id, 0);
}

void waitlist_history(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_wait_get(r->ctx, id, 1);
}

static void step(struct hreq *r, const char *name)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_wait_step(r->ctx, id, name, r->body);
}

void waitlist_offer(struct hreq *r)
{
	step(r, "offer");
}

void waitlist_accept(struct hreq *r)
{
	step(r, "accept");
}

void waitlist_decline(struct hreq *r)
{
	step(r, "decline");
}

void waitlist_skip(struct hreq *r)
{
	step(r, "skip");
}

void waitlist_withdraw(struct hreq *r)
{
	step(r, "withdraw");
}

void waitlist_expire(struct hreq *r)
{
	r->out = app_wait_expire(r->ctx, r->body);
}

void waitlist_must_place(struct hreq *r)
{
	r->out = app_wait_must_place(r->ctx, r->query);
}
