/* Handlers of family care beds (docs/api.md "Family care beds"), listed
 * in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_SERVICE_BED_H
#define LX_HTTP_ROUTES_SERVICE_BED_H

#include "http/route.h"

void beds_list(struct hreq *r);
void beds_create(struct hreq *r);
void beds_counts(struct hreq *r);
void beds_get(struct hreq *r);
void beds_assess(struct hreq *r);
void beds_set_up(struct hreq *r);
void beds_activate(struct hreq *r);
void beds_remove(struct hreq *r);
void beds_log(struct hreq *r);

#endif
