/* Each handler turns a request into one app_guidance_* call
 * (app/service_guidance.c). */
#include "http/routes_service_guidance.h"

#include "app/service_guidance.h"

#include <stdlib.h>

void guidance_list(struct hreq *r)
{
	r->out = app_guidance_list(r->ctx, r->query);
}

void guidance_create(struct hreq *r)
{
	r->out = app_guidance_create(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void guidance_get(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_guidance_get(r->ctx, id);
}

void guidance_coverage(struct hreq *r)
{
	r->out = app_guidance_coverage(r->ctx, r->query);
}

void guidance_options(struct hreq *r)
{
	r->out = app_guidance_options(r->ctx, r->query);
}
