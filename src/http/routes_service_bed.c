/* Each handler turns a request into one app_bed_* call
 * (app/service_beds.c). */
#include "http/routes_service_bed.h"

#include "app/service_beds.h"

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

void beds_list(struct hreq *r)
{
	r->out = app_bed_list(r->ctx, r->query);
}

void beds_create(struct hreq *r)
{
	r->out = app_bed_create(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void beds_counts(struct hreq *r)
{
	r->out = app_bed_counts(r->ctx, r->query);
}

void beds_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_bed_get(r->ctx, id);
}

static void step(struct hreq *r, const char *name)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_bed_step(r->ctx, id, name, r->body);
}

void beds_assess(struct hreq *r)
{
	step(r, "assess");
}

void beds_set_up(struct hreq *r)
{
	step(r, "set_up");
}

void beds_activate(struct hreq *r)
{
	step(r, "activate");
}

void beds_remove(struct hreq *r)
{
	step(r, "remove");
}

void beds_log(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_bed_log(r->ctx, id, r->body);
}
