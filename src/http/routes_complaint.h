/* Handlers of complaints (docs/api.md "Complaints and reviews"), listed
 * in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_COMPLAINT_H
#define LX_HTTP_ROUTES_COMPLAINT_H

#include "http/route.h"

void complaints_list(struct hreq *r);
void complaints_create(struct hreq *r);
void complaints_options(struct hreq *r);
void complaints_stats(struct hreq *r);
void complaints_get(struct hreq *r);
void complaints_assign(struct hreq *r);
void complaints_answer(struct hreq *r);
void complaints_callback(struct hreq *r);
void complaints_close(struct hreq *r);
void complaints_reopen(struct hreq *r);

#endif
