/* Handlers of food-safety grades and staff records (docs/api.md "Food
 * safety and staff"), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_INSPECT_STAFF_H
#define LX_HTTP_ROUTES_INSPECT_STAFF_H

#include "http/route.h"

void inspect_food_grades_get(struct hreq *r);
void inspect_food_grades_add(struct hreq *r);
void inspect_food_get(struct hreq *r);
void inspect_staff_list(struct hreq *r);
void inspect_staff_add(struct hreq *r);
void inspect_staff_duplicates(struct hreq *r);
void inspect_staff_shares(struct hreq *r);
void inspect_staff_get(struct hreq *r);
void inspect_staff_end(struct hreq *r);
void inspect_staff_train(struct hreq *r);
void inspect_staff_health(struct hreq *r);
void inspect_staff_options(struct hreq *r);
void inspect_staff_import(struct hreq *r);

#endif
