/* Each handler turns a request into one app call (app/report_form.c). */
#include "http/routes_report_form.h"

#include "app/report_form.h"

void report_form_get(struct hreq *r)
{
	r->out = app_report_form_get(r->ctx, r->query);
}

void report_form_save(struct hreq *r)
{
	r->out = app_report_form_save(r->ctx, r->body);
}
