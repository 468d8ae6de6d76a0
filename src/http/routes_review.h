/* Handlers of reviews (docs/api.md "Complaints and reviews"), listed in
 * the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_REVIEW_H
#define LX_HTTP_ROUTES_REVIEW_H

#include "http/route.h"

void reviews_list(struct hreq *r);
void reviews_create(struct hreq *r);
void reviews_options(struct hreq *r);
void reviews_appeal(struct hreq *r);
void reviews_decide(struct hreq *r);
void facility_reviews(struct hreq *r);

#endif
