/* Handlers of closure cases (机构退出, docs/api.md "Closures"), listed in
 * the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_CLOSURE_H
#define LX_HTTP_ROUTES_CLOSURE_H

#include "http/route.h"

void closure_open(struct hreq *r);
void closure_list(struct hreq *r);
void closure_get(struct hreq *r);
void closure_refresh(struct hreq *r);
void closure_member(struct hreq *r);
void closure_transfer(struct hreq *r);
void closure_close(struct hreq *r);
void closure_withdraw(struct hreq *r);

#endif
