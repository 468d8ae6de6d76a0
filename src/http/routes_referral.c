/* Each handler turns a request into one app_referral_* call
 * (app/referrals.c). */
#include "http/routes_referral.h"

#include "app/referrals.h"

#include <stdlib.h>

static long long arg_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	return !r->arg || *end || id <= 0 ? -1 : id;
}

void referrals_list(struct hreq *r)
{
	r->out = app_referral_list(r->ctx, r->query);
}

void referrals_create(struct hreq *r)
{
	r->out = app_referral_create(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void referrals_options(struct hreq *r)
{
	r->out = app_referral_options(r->ctx, r->query);
}

void referrals_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_referral_get(r->ctx, id, r->query);
}

static void step(struct hreq *r, const char *name)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_referral_step(r->ctx, id, name, r->body);
}

void referrals_accept(struct hreq *r)
{
	step(r, "accept");
}

void referrals_handle(struct hreq *r)
{
	step(r, "handle");
}

void referrals_feedback(struct hreq *r)
{
	step(r, "feedback");
}

void referrals_close(struct hreq *r)
{
	step(r, "close");
}

void referrals_reopen(struct hreq *r)
{
	step(r, "reopen");
}
