/* The handler of the public disclosure (信息公示, docs/api.md "Public
 * disclosure"), listed in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_DISCLOSE_H
#define LX_HTTP_ROUTES_DISCLOSE_H

#include "http/route.h"

void disclose_public(struct hreq *r);

#endif
