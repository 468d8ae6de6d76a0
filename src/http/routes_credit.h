/* Handlers of credit files, red and black lists and prepaid fees
 * (docs/api.md "Credit files, red and black lists, prepaid fees"), listed
 * in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_CREDIT_H
#define LX_HTTP_ROUTES_CREDIT_H

#include "http/route.h"

void credit_records_add(struct hreq *r);
void credit_records_list(struct hreq *r);
void credit_file_get(struct hreq *r);
void credit_membership_put(struct hreq *r);
void credit_listings_add(struct hreq *r);
void credit_listings_list(struct hreq *r);
void credit_listing_get(struct hreq *r);
void credit_listing_notice(struct hreq *r);
void credit_listing_hearing(struct hreq *r);
void credit_listing_list(struct hreq *r);
void credit_listing_publish(struct hreq *r);
void credit_listing_remove(struct hreq *r);
void credit_listing_withdraw(struct hreq *r);
void credit_prepaid_add(struct hreq *r);
void credit_prepaid_list(struct hreq *r);

#endif
