/* Each handler turns a request into one app call (app/service_volunteers.c,
 * app/service_timebank_ledger.c). */
#include "http/routes_service_timebank.h"

#include "app/service_timebank_ledger.h"
#include "app/service_volunteers.h"

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

static void created(struct hreq *r, json_t *out)
{
	r->out = out;
	r->status = out ? 201 : r->status;
}

void timebank_options(struct hreq *r)
{
	r->out = app_timebank_options(r->ctx, r->query);
}

void timebank_volunteers_list(struct hreq *r)
{
	r->out = app_volunteer_list(r->ctx, r->query);
}

void timebank_volunteers_create(struct hreq *r)
{
	created(r, app_volunteer_register(r->ctx, r->body));
}

void timebank_volunteer_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_volunteer_get(r->ctx, id, r->query);
}

void timebank_volunteer_leave(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_volunteer_leave(r->ctx, id, r->body);
}

void timebank_volunteer_kin(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		created(r, app_volunteer_kin_add(r->ctx, id, r->body));
}

void timebank_services_list(struct hreq *r)
{
	r->out = app_vservice_list(r->ctx, r->query);
}

void timebank_services_create(struct hreq *r)
{
	created(r, app_vservice_record(r->ctx, r->body));
}

void timebank_service_verify(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_vservice_verify(r->ctx, id, r->body);
}

void timebank_service_reject(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_vservice_reject(r->ctx, id, r->body);
}

void timebank_transfer(struct hreq *r)
{
	created(r, app_timebank_transfer(r->ctx, r->body));
}

void timebank_accounts_list(struct hreq *r)
{
	r->out = app_timebank_accounts(r->ctx, r->query);
}

void timebank_account_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_timebank_account(r->ctx, id, r->query);
}
