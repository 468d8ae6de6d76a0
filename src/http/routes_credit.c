/* Each handler turns a request into one app_credit_* call
 * (app/credit_records.c, app/credit_listings.c, app/credit_prepaid.c). */
#include "http/routes_credit.h"

#include "app/credit_listings.h"
#include "app/credit_prepaid.h"
#include "app/credit_records.h"

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

static void created(struct hreq *r)
{
	r->status = r->out ? 201 : r->status;
}

void credit_records_add(struct hreq *r)
{
	r->out = app_credit_record_add(r->ctx, r->body);
	created(r);
}

void credit_records_list(struct hreq *r)
{
	r->out = app_credit_records_list(r->ctx, r->query);
}

void credit_file_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_credit_file(r->ctx, id);
}

void credit_membership_put(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_credit_membership_put(r->ctx, id, r->body);
}

void credit_listings_add(struct hreq *r)
{
	r->out = app_credit_listing_propose(r->ctx, r->body);
	created(r);
}

void credit_listings_list(struct hreq *r)
{
	r->out = app_credit_listings_list(r->ctx, r->query);
}

void credit_listing_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_credit_listing_get(r->ctx, id);
}

static void step(struct hreq *r, const char *name)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_credit_listing_step(r->ctx, id, name, r->body);
}

void credit_listing_notice(struct hreq *r)
{
	step(r, "notice");
}

void credit_listing_hearing(struct hreq *r)
{
	step(r, "hearing");
}

void credit_listing_list(struct hreq *r)
{
	step(r, "list");
}

void credit_listing_publish(struct hreq *r)
{
	step(r, "publish");
}

void credit_listing_remove(struct hreq *r)
{
	step(r, "remove");
}

void credit_listing_withdraw(struct hreq *r)
{
	step(r, "withdraw");
}

void credit_prepaid_add(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0) {
		r->out = app_credit_prepaid_report(r->ctx, id, r->body);
		created(r);
	}
}

void credit_prepaid_list(struct hreq *r)
{
	r->out = app_credit_prepaid_list(r->ctx, r->query);
}
