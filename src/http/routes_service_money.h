/* Handlers of government-purchased service entitlements and vouchers
 * (docs/api.md "Services": "Entitlements" and "Vouchers"), listed in the
 * route table (routes.c). */
#ifndef LX_HTTP_ROUTES_SERVICE_MONEY_H
#define LX_HTTP_ROUTES_SERVICE_MONEY_H

#include "http/route.h"

void service_entitlements_list(struct hreq *r);
void service_entitlements_grant(struct hreq *r);
void service_entitlements_run(struct hreq *r);
void service_entitlements_report(struct hreq *r);
void service_voucher_batches_list(struct hreq *r);
void service_voucher_batches_issue(struct hreq *r);
void service_voucher_batches_get(struct hreq *r);
void service_vouchers_list(struct hreq *r);
void service_money_options(struct hreq *r);

#endif
