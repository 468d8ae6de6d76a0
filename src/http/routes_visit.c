/* Each handler turns a request into one app_* call (app/visit*.c). */
#include "http/routes_visit.h"

#include "app/params.h"
#include "app/visit_import.h"
#include "app/visit_lists.h"
#include "app/visits.h"

#include <stdlib.h>
#include <string.h>

static long long arg_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	return !r->arg || *end || id <= 0 ? -1 : id;
}

static void by_id(struct hreq *r,
                  json_t *(*fn)(struct app_ctx *, long long, json_t *),
                  json_t *in)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = fn(r->ctx, id, in);
}

void visit_targets_get(struct hreq *r)
{
	r->out = app_visit_targets_list(r->ctx, r->query);
}

/* kept in the result cache: a city's worklist takes seconds */
void visit_worklist_get(struct hreq *r)
{
	int hit = 0;

	if (!app_visit_worklist_cached(r->ctx, r->query, &r->text, &r->textlen,
	                               &hit)) {
		r->content_type = "application/json; charset=utf-8";
		r->cache = hit ? "hit" : "miss";
	}
}

void visit_record(struct hreq *r)
{
	r->out = app_visit_record(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void visit_list(struct hreq *r)
{
	r->out = app_visit_list(r->ctx, r->query);
}

void visit_get(struct hreq *r)
{
	by_id(r, app_visit_get, r->query);
}

void visit_import(struct hreq *r)
{
	r->out = app_visit_import(r->ctx, r->raw, r->rawlen);
}

void visit_event_add(struct hreq *r)
{
	r->out = app_visit_event_add(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void visit_event_list(struct hreq *r)
{
	r->out = app_visit_events(r->ctx, r->query);
}

void visit_tier_put(struct hreq *r)
{
	by_id(r, app_visit_tier_set, r->body);
}

void visit_tier_delete(struct hreq *r)
{
	/* the reason in a JSON body, or as ?reason= for clients that send
	 * no body with DELETE */
	json_t *in = r->body ? json_incref(r->body) : json_object();
	const char *q = param_str(r->query, "reason");

	if (!r->body && q)
		json_object_set_new(in, "reason", json_string(q));
	by_id(r, app_visit_tier_end, in);
	json_decref(in);
}

void visit_ledger_get(struct hreq *r)
{
	const char *ext;

	if (!json_object_get(r->query, "format")) {
		r->out = app_visit_ledger(r->ctx, r->query);
		return;
	}
	if (!app_visit_ledger_file(r->ctx, r->query, &r->text, &r->textlen,
	                           &r->content_type, &ext))
		r->filename =
		    arena_printf(r->ctx->arena, "visit-ledger.%s", ext);
}

void visit_coverage_get(struct hreq *r)
{
	r->out = app_visit_coverage(r->ctx, r->query);
}

void visit_options_get(struct hreq *r)
{
	r->out = app_visit_options(r->ctx, r->query);
}
