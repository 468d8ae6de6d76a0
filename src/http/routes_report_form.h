/* Handlers of the department reporting form (docs/api.md "Reporting
 * form"), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_REPORT_FORM_H
#define LX_HTTP_ROUTES_REPORT_FORM_H

#include "http/route.h"

void report_form_get(struct hreq *r);
void report_form_save(struct hreq *r);

#endif
