/* Each handler turns a request into one app_icheck_* or app_hazard_*
 * call (app/inspect_checks.c, app/inspect_hazards.c,
 * app/inspect_hazard_lists.c, app/inspect_hazard_notice.c). */
#include "http/routes_inspect_hazard.h"

#include "app/inspect_checks.h"
#include "app/inspect_hazard_lists.h"
#include "app/inspect_hazard_notice.h"
#include "app/inspect_hazards.h"

#include <stdlib.h>
#include <string.h>

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

void icheck_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_icheck_get(r->ctx, id);
}

void icheck_start(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_icheck_start(r->ctx, id, r->body);
}

void icheck_results(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_icheck_results(r->ctx, id, r->body);
}

void icheck_finish(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_icheck_finish(r->ctx, id, r->body);
}

void icheck_hazard_add(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_hazard_add(r->ctx, id, r->body);
	r->status = r->out ? 201 : r->status;
}

void hazard_list(struct hreq *r)
{
	const char *ext;
	json_t *json = NULL;

	if (app_hazard_lists(r->ctx, r->query, &json, &r->text, &r->textlen,
	                     &r->content_type, &ext))
		return;
	if (json) {
		r->out = json;
		return;
	}
	r->filename = arena_printf(
	    r->ctx->arena, "hazards-%s-%s.%s",
	    json_string_value(json_object_get(r->query, "list"))
	        ? json_string_value(json_object_get(r->query, "list"))
	        : "hazards",
	    r->ctx->today, ext);
}

void hazard_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_hazard_get(r->ctx, id);
}

static void step(struct hreq *r, const char *name)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_hazard_step(r->ctx, id, name, r->body);
}

void hazard_order(struct hreq *r)
{
	step(r, "order");
}

void hazard_answer(struct hreq *r)
{
	step(r, "answer");
}

void hazard_recheck(struct hreq *r)
{
	step(r, "recheck");
}

void hazard_escalate(struct hreq *r)
{
	r->out = app_hazard_escalate(r->ctx, r->body);
}

void hazard_notice(struct hreq *r)
{
	long long id = arg_id(r);
	const char *format =
	    json_string_value(json_object_get(r->query, "format"));

	if (id <= 0)
		return;
	if (format && strcmp(format, "html")) {
		lx_fail(&r->ctx->err, LX_EINVALID, "format",
		        "'format' must be html");
		return;
	}
	if (!app_hazard_notice(r->ctx, id, &r->text, &r->textlen))
		r->content_type = "text/html; charset=utf-8";
}
