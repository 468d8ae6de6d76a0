/* Each handler turns a request into one app_inspect_* call
 * (app/inspect_food.c, app/inspect_staff.c). */
#include "http/routes_inspect_staff.h"

#include "app/inspect_food.h"
#include "app/inspect_staff.h"
#include "app/inspect_staff_import.h"

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

static void created(struct hreq *r, json_t *out)
{
	r->out = out;
	r->status = out ? 201 : r->status;
}

void inspect_food_grades_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_inspect_food_list(r->ctx, id, r->query);
}

void inspect_food_grades_add(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		created(r, app_inspect_food_add(r->ctx, id, r->body));
}

void inspect_food_get(struct hreq *r)
{
	r->out = app_inspect_food_shares(r->ctx, r->query);
}

void inspect_staff_list(struct hreq *r)
{
	r->out = app_inspect_staff_list(r->ctx, r->query);
}

void inspect_staff_add(struct hreq *r)
{
	created(r, app_inspect_staff_add(r->ctx, r->body));
}

void inspect_staff_duplicates(struct hreq *r)
{
	r->out = app_inspect_staff_duplicates(r->ctx, r->query);
}

void inspect_staff_shares(struct hreq *r)
{
	r->out = app_inspect_staff_shares(r->ctx, r->query);
}

void inspect_staff_get(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_inspect_staff_get(r->ctx, id, r->query);
}

void inspect_staff_end(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		r->out = app_inspect_staff_end(r->ctx, id, r->body);
}

void inspect_staff_train(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		created(r, app_inspect_staff_train(r->ctx, id, r->body));
}

void inspect_staff_health(struct hreq *r)
{
	long long id = arg_id(r);

	if (id > 0)
		created(r, app_inspect_staff_health(r->ctx, id, r->body));
}

void inspect_staff_options(struct hreq *r)
{
	r->out = app_inspect_staff_options(r->ctx, r->query);
}

void inspect_staff_import(struct hreq *r)
{
	r->out = app_inspect_staff_import(r->ctx, r->raw, r->rawlen);
}
