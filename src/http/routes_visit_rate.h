/* The handler of the monthly visit rate (app/visit_rate.c), listed in the
 * route table (routes.c). */
#ifndef LX_HTTP_ROUTES_VISIT_RATE_H
#define LX_HTTP_ROUTES_VISIT_RATE_H

#include "http/route.h"

void visit_rate_get(struct hreq *r);

#endif
