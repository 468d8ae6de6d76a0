/* Handlers of visits to special-difficulty elderly: targets, worklists,
 * visits, events, tiers, the ledger and coverage, listed in the route
 * table (routes.c). */
#ifndef LX_HTTP_ROUTES_VISIT_H
#define LX_HTTP_ROUTES_VISIT_H

#include "http/route.h"

void visit_targets_get(struct hreq *r);
void visit_worklist_get(struct hreq *r);
void visit_record(struct hreq *r);
void visit_list(struct hreq *r);
void visit_get(struct hreq *r);
void visit_import(struct hreq *r);
void visit_event_add(struct hreq *r);
void visit_event_list(struct hreq *r);
void visit_tier_put(struct hreq *r);
void visit_tier_delete(struct hreq *r);
void visit_ledger_get(struct hreq *r);
void visit_coverage_get(struct hreq *r);
void visit_options_get(struct hreq *r);

#endif
