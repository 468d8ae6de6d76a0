/* Handlers of import templates (docs/api.md "Import and export"), listed
 * in the route table (routes.c). */
#ifndef LX_HTTP_ROUTES_IMPORT_H
#define LX_HTTP_ROUTES_IMPORT_H

#include "http/route.h"

void import_template(struct hreq *r);

#endif
