/* Each handler turns a request into one app call
 * (app/service_entitlement_grants.c, app/service_voucher_batches.c). */
#include "http/routes_service_money.h"

#include "app/service_entitlement_grants.h"
#include "app/service_money_options.h"
#include "app/service_voucher_batches.h"

#include <stdlib.h>

void service_entitlements_list(struct hreq *r)
{
	r->out = app_entitlement_list(r->ctx, r->query);
}

void service_entitlements_grant(struct hreq *r)
{
	r->out = app_entitlement_grant(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void service_entitlements_run(struct hreq *r)
{
	r->out = app_entitlement_run(r->ctx, r->body);
}

void service_entitlements_report(struct hreq *r)
{
	r->out = app_entitlement_report(r->ctx, r->query);
}

void service_voucher_batches_list(struct hreq *r)
{
	r->out = app_voucher_batches(r->ctx, r->query);
}

void service_voucher_batches_issue(struct hreq *r)
{
	r->out = app_voucher_issue(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void service_voucher_batches_get(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = app_voucher_batch_get(r->ctx, id, r->query);
}

void service_vouchers_list(struct hreq *r)
{
	r->out = app_voucher_list(r->ctx, r->query);
}

void service_money_options(struct hreq *r)
{
	r->out = app_service_money_options(r->ctx, r->query);
}
