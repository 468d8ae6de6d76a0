/* The handlers of 导出Excel on the lists officials work from
 * (app/export_lists.c), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_EXPORT_H
#define LX_HTTP_ROUTES_EXPORT_H

#include "http/route.h"

void export_facilities(struct hreq *r);
void export_persons(struct hreq *r);
void export_ledger(struct hreq *r);
void export_applications(struct hreq *r);
void export_audit(struct hreq *r);
void export_plan_gap(struct hreq *r);
void export_plan_staffing(struct hreq *r);
void export_plan_coverage(struct hreq *r);

#endif
