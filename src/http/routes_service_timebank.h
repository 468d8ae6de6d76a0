/* Handlers of the time bank (docs/api.md "Time bank"), listed in the
 * route table (routes.c). */
#ifndef LX_HTTP_ROUTES_SERVICE_TIMEBANK_H
#define LX_HTTP_ROUTES_SERVICE_TIMEBANK_H

#include "http/route.h"

void timebank_options(struct hreq *r);
void timebank_volunteers_list(struct hreq *r);
void timebank_volunteers_create(struct hreq *r);
void timebank_volunteer_get(struct hreq *r);
void timebank_volunteer_leave(struct hreq *r);
void timebank_volunteer_kin(struct hreq *r);
void timebank_services_list(struct hreq *r);
void timebank_services_create(struct hreq *r);
void timebank_service_verify(struct hreq *r);
void timebank_service_reject(struct hreq *r);
void timebank_transfer(struct hreq *r);
void timebank_accounts_list(struct hreq *r);
void timebank_account_get(struct hreq *r);

#endif
