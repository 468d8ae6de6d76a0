/* Handlers of the roster of inspectors, inspection plans and their draw,
 * and checks (docs/api.md "Inspectors, plans and the random draw"),
 * listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_INSPECT_PLAN_H
#define LX_HTTP_ROUTES_INSPECT_PLAN_H

#include "http/route.h"

void inspect_inspectors_list(struct hreq *r);
void inspect_inspector_put(struct hreq *r);
void inspect_tie_add(struct hreq *r);
void inspect_tie_remove(struct hreq *r);
void inspect_risk_put(struct hreq *r);
void inspect_plans_list(struct hreq *r);
void inspect_plan_create(struct hreq *r);
void inspect_plan_get(struct hreq *r);
void inspect_plan_verify(struct hreq *r);
void inspect_plan_publish(struct hreq *r);
void inspect_public_plan(struct hreq *r);
void inspect_checks_list(struct hreq *r);
void inspect_check_create(struct hreq *r);
void inspect_bulletin(struct hreq *r);

#endif
