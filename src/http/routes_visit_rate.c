/* GET /api/v1/visits/rate: one app_* call (app/visit_rate.c). */
#include "http/routes_visit_rate.h"

#include "app/visit_rate.h"

void visit_rate_get(struct hreq *r)
{
	int hit = 0;

	if (!app_visit_rate_cached(r->ctx, r->query, &r->text, &r->textlen,
	                           &hit)) {
		r->content_type = "application/json; charset=utf-8";
		r->cache = hit ? "hit" : "miss";
	}
}
