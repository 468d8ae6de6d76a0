/* Each handler turns a request into one app_inspect_* call
 * (app/inspect_roster.c, app/inspect_plans.c). */
#include "http/routes_inspect_plan.h"

#include "app/inspect_bulletin.h"
#include "app/inspect_plans.h"
#include "app/inspect_roster.h"
#include "app/params.h"

#include <stdlib.h>
#include <string.h>

static long long path_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0) {
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
		return -1;
	}
	return id;
}

void inspect_inspectors_list(struct hreq *r)
{
	r->out = app_inspect_inspectors(r->ctx, r->query);
}

void inspect_inspector_put(struct hreq *r)
{
	long long id = path_id(r);

	if (id > 0)
		r->out = app_inspect_inspector_put(r->ctx, id, r->body);
}

void inspect_tie_add(struct hreq *r)
{
	long long id = path_id(r);

	if (id > 0) {
		r->out = app_inspect_tie_add(r->ctx, id, r->body);
		r->status = r->out ? 201 : r->status;
	}
}

void inspect_tie_remove(struct hreq *r)
{
	long long id = path_id(r);

	if (id > 0)
		r->out = app_inspect_tie_remove(r->ctx, id, r->body);
}

void inspect_risk_put(struct hreq *r)
{
	long long id = path_id(r);

	if (id > 0)
		r->out = app_inspect_risk_set(r->ctx, id, r->body);
}

void inspect_plans_list(struct hreq *r)
{
	r->out = app_inspect_plans(r->ctx, r->query);
}

void inspect_plan_create(struct hreq *r)
{
	r->out = app_inspect_plan_create(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void inspect_plan_get(struct hreq *r)
{
	long long id = path_id(r);

	if (id > 0)
		r->out = app_inspect_plan_get(r->ctx, id);
}

void inspect_plan_verify(struct hreq *r)
{
	long long id = path_id(r);

	if (id > 0)
		r->out = app_inspect_plan_verify(r->ctx, id);
}

void inspect_plan_publish(struct hreq *r)
{
	long long id = path_id(r);

	if (id > 0)
		r->out = app_inspect_plan_publish(r->ctx, id);
}

void inspect_public_plan(struct hreq *r)
{
	long long id = path_id(r);

	if (id > 0)
		r->out = app_inspect_public_plan(r->ctx, id);
}

void inspect_checks_list(struct hreq *r)
{
	r->out = app_inspect_checks(r->ctx, r->query);
}

void inspect_check_create(struct hreq *r)
{
	r->out = app_inspect_check_create(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void inspect_bulletin(struct hreq *r)
{
	const char *format = param_str(r->query, "format"), *ext;

	if (!format || !strcmp(format, "json")) {
		r->out = app_inspect_bulletin(r->ctx, r->query);
		return;
	}
	if (!app_inspect_bulletin_file(r->ctx, r->query, format, &r->text,
	                               &r->textlen, &r->content_type, &ext))
		r->filename =
		    arena_printf(r->ctx->arena, "inspect-bulletin-%s-%s.%s",
		                 param_str(r->query, "region")
		                     ? param_str(r->query, "region")
		                     : r->ctx->who->region,
		                 param_str(r->query, "period"), ext);
}
