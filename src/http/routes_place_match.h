/* Handlers of ratings, matching and the public search (docs/api.md
 * "Matching and the public search"), listed in the route table
 * (routes.c). */
#ifndef LX_HTTP_ROUTES_PLACE_MATCH_H
#define LX_HTTP_ROUTES_PLACE_MATCH_H

#include "http/route.h"

void place_ratings_list(struct hreq *r);
void place_ratings_add(struct hreq *r);
void place_match(struct hreq *r);
void place_public_search(struct hreq *r);
void place_public_regions(struct hreq *r);

#endif
