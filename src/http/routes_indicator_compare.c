#include "http/routes_indicator_compare.h"

#include "app/indicator_compare.h"

void indicators_compare(struct hreq *r)
{
	app_indicator_compare(r->ctx, r->query, &r->text, &r->textlen,
	                      &r->content_type, &r->filename);
}
