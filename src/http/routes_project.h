/* The handlers of major projects (app/project_*.c), listed in the route
 * table (routes.c). */
#ifndef LX_HTTP_ROUTES_PROJECT_H
#define LX_HTTP_ROUTES_PROJECT_H

#include "http/route.h"

void project_list(struct hreq *r);
void project_create(struct hreq *r);
void project_get(struct hreq *r);
void project_milestone(struct hreq *r);
void project_in_use(struct hreq *r);
void project_summary(struct hreq *r);
void project_import(struct hreq *r);
void project_export(struct hreq *r);

#endif
