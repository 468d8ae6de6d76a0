/* Each handler answers one list's workbook (app/export_lists.c). */
#include "http/routes_export.h"

#include "app/export_lists.h"
#include "core/media_type.h"

static void answer(struct hreq *r, const char *kind)
{
	const char *name = NULL;

	if (app_export_list_xlsx(r->ctx, kind, r->query, &r->text, &r->textlen,
	                         &name))
		return;
	r->content_type = MEDIA_TYPE_XLSX;
	r->filename = name;
}

void export_facilities(struct hreq *r)
{
	answer(r, "facilities");
}

void export_persons(struct hreq *r)
{
	answer(r, "persons");
}

void export_ledger(struct hreq *r)
{
	answer(r, "ledger");
}

void export_applications(struct hreq *r)
{
	answer(r, "applications");
}

void export_audit(struct hreq *r)
{
	answer(r, "audit");
}

void export_plan_gap(struct hreq *r)
{
	answer(r, "plan-gap");
}

void export_plan_staffing(struct hreq *r)
{
	answer(r, "plan-staffing");
}

void export_plan_coverage(struct hreq *r)
{
	answer(r, "plan-coverage");
}
