/* Each handler turns a request into one app_service_* call
 * (app/service_catalogue.c, service_offers.c, service_links.c,
 * service_orders.c, service_order_lists.c). */
#include "http/routes_service_order.h"

#include "app/service_catalogue.h"
#include "app/service_links.h"
#include "app/service_offers.h"
#include "app/service_order_lists.h"
#include "app/service_orders.h"

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

void service_catalogue_get(struct hreq *r)
{
	r->out = app_service_catalogue(r->ctx, r->query);
}

void service_offers_list(struct hreq *r)
{
	r->out = app_service_offer_list(r->ctx, r->query);
}

void service_offers_add(struct hreq *r)
{
	r->out = app_service_offer_add(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void service_links_list(struct hreq *r)
{
	r->out = app_service_link_list(r->ctx, r->query);
}

void service_links_add(struct hreq *r)
{
	r->out = app_service_link_add(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void service_links_remove(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_service_link_remove(r->ctx, id);
}

void service_orders_list(struct hreq *r)
{
	r->out = app_service_order_list(r->ctx, r->query);
}

void service_orders_place(struct hreq *r)
{
	r->out = app_service_order_place(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void service_orders_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_service_order_get(r->ctx, id);
}

static void step(struct hreq *r, const char *name)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_service_order_step(r->ctx, id, name, r->body);
}

void service_orders_accept(struct hreq *r)
{
	step(r, "accept");
}

void service_orders_schedule(struct hreq *r)
{
	step(r, "schedule");
}

void service_orders_start(struct hreq *r)
{
	step(r, "start");
}

void service_orders_finish(struct hreq *r)
{
	step(r, "finish");
}

void service_orders_rate(struct hreq *r)
{
	step(r, "rate");
}

void service_orders_cancel(struct hreq *r)
{
	step(r, "cancel");
}

void service_queue_get(struct hreq *r)
{
	r->out = app_service_queue(r->ctx, r->query);
}

void service_use_get(struct hreq *r)
{
	r->out = app_service_use(r->ctx, r->query);
}
