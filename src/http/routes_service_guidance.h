/* Handlers of parenting guidance (docs/api.md "Parenting guidance"),
 * listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_SERVICE_GUIDANCE_H
#define LX_HTTP_ROUTES_SERVICE_GUIDANCE_H

#include "http/route.h"

void guidance_list(struct hreq *r);
void guidance_create(struct hreq *r);
void guidance_get(struct hreq *r);
void guidance_coverage(struct hreq *r);
void guidance_options(struct hreq *r);

#endif
