/* Each handler turns a request into one app_grade_* call (app/grade.h). */
#include "http/routes_grade.h"

#include "app/grade.h"

#include <stdlib.h>

static long long arg_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0) {
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
		return -1;
	}
	return id;
}

void grade_schemes_get(struct hreq *r)
{
	r->out = app_grade_schemes(r->ctx, r->query);
}

void grade_assess_add(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0) {
		r->out = app_grade_assess(r->ctx, id, r->body);
		r->status = r->out ? 201 : r->status;
	}
}

void grade_assess_list(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_grade_assessments(r->ctx, id, r->query);
}

void grade_overview_get(struct hreq *r)
{
	r->out = app_grade_overview(r->ctx, r->query);
}

void grade_lapse_run(struct hreq *r)
{
	r->out = app_grade_lapse(r->ctx, r->body);
}
