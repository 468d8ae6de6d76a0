/* Each handler turns a request into one app_review_* call
 * (app/reviews.c). */
#include "http/routes_review.h"

#include "app/reviews.h"

#include <stdlib.h>

static long long arg_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	return !r->arg || *end || id <= 0 ? -1 : id;
}

void reviews_list(struct hreq *r)
{
	r->out = app_review_list(r->ctx, r->query);
}

void reviews_create(struct hreq *r)
{
	r->out = app_review_create(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void reviews_options(struct hreq *r)
{
	r->out = app_review_options(r->ctx, r->query);
}

void reviews_appeal(struct hreq *r)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_review_appeal(r->ctx, id, r->body);
}

void reviews_decide(struct hreq *r)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_review_decide(r->ctx, id, r->body);
}

void facility_reviews(struct hreq *r)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_facility_reviews(r->ctx, id);
}
