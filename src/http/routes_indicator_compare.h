/* The handler of the county comparison (app/indicator_compare.h), listed
 * in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_INDICATOR_COMPARE_H
#define LX_HTTP_ROUTES_INDICATOR_COMPARE_H

#include "http/route.h"

void indicators_compare(struct hreq *r);

#endif
