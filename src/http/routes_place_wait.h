/* Handlers of waiting lists (docs/api.md "Waiting lists (轮候)"), listed
 * in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_PLACE_WAIT_H
#define LX_HTTP_ROUTES_PLACE_WAIT_H

#include "http/route.h"

void waitlist_list(struct hreq *r);
void waitlist_apply(struct hreq *r);
void waitlist_applications(struct hreq *r);
void waitlist_get(struct hreq *r);
void waitlist_history(struct hreq *r);
void waitlist_offer(struct hreq *r);
void waitlist_accept(struct hreq *r);
void waitlist_decline(struct hreq *r);
void waitlist_skip(struct hreq *r);
void waitlist_withdraw(struct hreq *r);
void waitlist_expire(struct hreq *r);
void waitlist_must_place(struct hreq *r);

#endif
