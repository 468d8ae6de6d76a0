/* Handlers of the service catalogue, offers, family links and orders
 * (docs/api.md "Services: offers and orders"), listed in the route table
 * (routes.c). */
#ifndef LX_HTTP_ROUTES_SERVICE_ORDER_H
#define LX_HTTP_ROUTES_SERVICE_ORDER_H

#include "http/route.h"

void service_catalogue_get(struct hreq *r);
void service_offers_list(struct hreq *r);
void service_offers_add(struct hreq *r);
void service_links_list(struct hreq *r);
void service_links_add(struct hreq *r);
void service_links_remove(struct hreq *r);
void service_orders_list(struct hreq *r);
void service_orders_place(struct hreq *r);
void service_orders_get(struct hreq *r);
void service_orders_accept(struct hreq *r);
void service_orders_schedule(struct hreq *r);
void service_orders_start(struct hreq *r);
void service_orders_finish(struct hreq *r);
void service_orders_rate(struct hreq *r);
void service_orders_cancel(struct hreq *r);
void service_queue_get(struct hreq *r);
void service_use_get(struct hreq *r);

#endif
