/* Handlers of checks, checklists and hazards (docs/api.md "Checks,
 * checklists and hazards"), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_INSPECT_HAZARD_H
#define LX_HTTP_ROUTES_INSPECT_HAZARD_H

#include "http/route.h"

void icheck_get(struct hreq *r);
void icheck_start(struct hreq *r);
void icheck_results(struct hreq *r);
void icheck_finish(struct hreq *r);
void icheck_hazard_add(struct hreq *r);
void hazard_list(struct hreq *r);
void hazard_get(struct hreq *r);
void hazard_order(struct hreq *r);
void hazard_answer(struct hreq *r);
void hazard_recheck(struct hreq *r);
void hazard_escalate(struct hreq *r);
void hazard_notice(struct hreq *r);

#endif
