/* Handlers of vacancy and prices (docs/api.md "Vacancy, prices and
 * caps"), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_PLACE_PRICE_H
#define LX_HTTP_ROUTES_PLACE_PRICE_H

#include "http/route.h"

void place_vacancy_get(struct hreq *r);
void place_prices_get(struct hreq *r);
void facility_prices_get(struct hreq *r);
void facility_prices_add(struct hreq *r);

#endif
