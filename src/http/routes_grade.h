/* Handlers of grading and star ratings (docs/api.md "Grading and star
 * ratings"), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_GRADE_H
#define LX_HTTP_ROUTES_GRADE_H

#include "http/route.h"

void grade_schemes_get(struct hreq *r);
void grade_assess_add(struct hreq *r);
void grade_assess_list(struct hreq *r);
void grade_overview_get(struct hreq *r);
void grade_lapse_run(struct hreq *r);

#endif
