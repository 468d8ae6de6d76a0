/* GET /api/v1/visits/rate: one app_* call (app/visit_rate.c). */
#include "http/routes_visit_rate.h"

#include "app/visit_rate.h"

void visit_rate_get(struct hreq *r)
{
	r->out = app_visit_rate(r->ctx, r->query);
}
