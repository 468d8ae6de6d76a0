/* Each handler turns a request into one app_* call (app/approval*.c). */
#include "http/routes_approval.h"

#include "app/approval.h"
#include "app/approval_budget.h"
#include "app/approval_notice.h"

#include <stdlib.h>
#include <string.h>

static long long arg_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	return !r->arg || *end || id <= 0 ? -1 : id;
}

static void by_id(struct hreq *r,
                  json_t *(*fn)(struct app_ctx *, long long, json_t *),
                  json_t *in)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = fn(r->ctx, id, in);
}

void approval_duties_list(struct hreq *r)
{
	r->out = app_duties_list(r->ctx, r->query);
}

void approval_duties_set(struct hreq *r)
{
	by_id(r, app_duties_set, r->body);
}

void approval_batches_list(struct hreq *r)
{
	r->out = app_batch_list(r->ctx, r->query);
}

void approval_batches_prepare(struct hreq *r)
{
	r->out = app_batch_prepare(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

void approval_batches_get(struct hreq *r)
{
	by_id(r, app_batch_get, r->query);
}

void approval_batches_check(struct hreq *r)
{
	by_id(r, app_batch_check, r->body);
}

void approval_batches_approve(struct hreq *r)
{
	by_id(r, app_batch_approve, r->body);
}

void approval_batches_return(struct hreq *r)
{
	by_id(r, app_batch_return, r->body);
}

void approval_batches_notice(struct hreq *r)
{
	long long id = arg_id(r);
	const char *type, *ext;

	if (id < 0) {
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
		return;
	}
	if (!json_object_get(r->query, "format")) {
		r->out = app_batch_notice(r->ctx, id, r->query);
		return;
	}
	if (!app_batch_notice_file(r->ctx, id, r->query, &r->text, &r->textlen,
	                           &type, &ext)) {
		r->content_type = type;
		r->filename = arena_printf(r->ctx->arena,
		                           "batch-%lld-notice.%s", id, ext);
	}
}

void approval_budgets_list(struct hreq *r)
{
	r->out = app_budget_list(r->ctx, r->query);
}

void approval_budgets_set(struct hreq *r)
{
	r->out = app_budget_set(r->ctx, r->body);
}
