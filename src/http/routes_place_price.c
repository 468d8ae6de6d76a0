/* Each handler turns a request into one app_place_* call
 * (app/place_vacancy_report.c, app/place_prices.c). */
#include "http/routes_place_price.h"

#include "app/place_prices.h"
#include "app/place_vacancy_report.h"

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

void place_vacancy_get(struct hreq *r)
{
	r->out = app_place_vacancy(r->ctx, r->query);
}

void place_prices_get(struct hreq *r)
{
	r->out = app_place_prices(r->ctx, r->query);
}

void facility_prices_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_place_price_history(r->ctx, id, r->query);
}

void facility_prices_add(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0) {
		r->out = app_place_price_add(r->ctx, id, r->body);
		r->status = r->out ? 201 : r->status;
	}
}
