/* Handlers of the three-step approval, the 公示 list and budgets, listed
 * in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_APPROVAL_H
#define LX_HTTP_ROUTES_APPROVAL_H

#include "http/route.h"

void approval_duties_list(struct hreq *r);
void approval_duties_set(struct hreq *r);
void approval_batches_list(struct hreq *r);
void approval_batches_prepare(struct hreq *r);
void approval_batches_get(struct hreq *r);
void approval_batches_check(struct hreq *r);
void approval_batches_approve(struct hreq *r);
void approval_batches_return(struct hreq *r);
void approval_batches_notice(struct hreq *r);
void approval_budgets_list(struct hreq *r);
void approval_budgets_set(struct hreq *r);

#endif
