/* Handlers of referrals (docs/api.md "Referrals"), listed in the route
 * table (routes.c). */
#ifndef LX_HTTP_ROUTES_REFERRAL_H
#define LX_HTTP_ROUTES_REFERRAL_H

#include "http/route.h"

void referrals_list(struct hreq *r);
void referrals_create(struct hreq *r);
void referrals_options(struct hreq *r);
void referrals_get(struct hreq *r);
void referrals_accept(struct hreq *r);
void referrals_handle(struct hreq *r);
void referrals_feedback(struct hreq *r);
void referrals_close(struct hreq *r);
void referrals_reopen(struct hreq *r);

#endif
