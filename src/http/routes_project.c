/* Each handler turns a request into one app_project_* call
 * (app/project_records.c, project_in_use.c, project_import.c). */
#include "http/routes_project.h"

#include "app/params.h"
#include "app/project_import.h"
#include "app/project_in_use.h"
#include "app/project_records.h"

#include <stdlib.h>

static long long id_arg(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0) {
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
		return 0;
	}
	return id;
}

void project_list(struct hreq *r)
{
	r->out = app_project_list(r->ctx, r->query);
}

void project_create(struct hreq *r)
{
	r->out = app_project_create(r->ctx, r->query, r->body);
	r->status = r->out ? 201 : r->status;
}

void project_get(struct hreq *r)
{
	long long id = id_arg(r);

	if (id)
		r->out = app_project_get(r->ctx, id);
}

void project_milestone(struct hreq *r)
{
	long long id = id_arg(r);

	if (id)
		r->out = app_project_milestone(r->ctx, id, r->body);
}

void project_in_use(struct hreq *r)
{
	long long id = id_arg(r);

	if (id)
		r->out = app_project_in_use(r->ctx, id, r->body);
}

void project_summary(struct hreq *r)
{
	r->out = app_project_summary(r->ctx, r->query);
}

void project_import(struct hreq *r)
{
	static const char *const allowed[] = { "region", NULL };
	const char *region;

	if (param_only(r->query, allowed, &r->ctx->err) ||
	    param_region(r->query, "region", &region, &r->ctx->err))
		return;
	r->out = app_project_import(r->ctx, region, r->raw, r->rawlen);
}

void project_export(struct hreq *r)
{
	size_t len = 0;
	char *csv = app_project_export(r->ctx, r->query, &len);

	if (!csv)
		return;
	r->text = csv;
	r->textlen = len;
	r->content_type = "text/csv; charset=utf-8";
	r->filename = "projects.csv";
}
