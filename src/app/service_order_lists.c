#include "app/service_order_lists.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/service_catalogue.h"
#include "app/service_order_view.h"
#include "core/service_order.h"
#include "store/service_order_store.h"

#include <stdlib.h>
#include <string.h>

static int month_ok(const char *s)
{
	return s && strlen(s) == 7 && s[4] == '-' && atoi(s) >= 1900 &&
	       atoi(s + 5) >= 1 && atoi(s + 5) <= 12 &&
	       strspn(s, "0123456789-") == 7;
}

/* The region a list or report covers: the one asked (in scope), else the
 * caller's. */
static int scope_region(struct app_ctx *ctx, json_t *params,
                        const char **region)
{
	if (param_region(params, "region", region, &ctx->err))
		return -1;
	if (*region)
		return app_visible_region(ctx, params, region);
	*region = ctx->who->region[0] ? ctx->who->region : NULL;
	return 0;
}

json_t *app_service_order_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = {
		"region",    "status", "item",   "facility", "month",
		"person_id", "limit",  "offset", NULL
	};
	struct service_order_query q = { 0 };
	struct service_order_row *v;
	const char *status = param_str(params, "status");
	long facility = 0, person = 0, limit, offset;
	json_int_t total = 0, counts[SO_STATUS__MAX] = { 0 };
	size_t n;
	json_t *items, *c;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "facility", 0, 0, 1L << 53, &facility,
	               &ctx->err) ||
	    param_long(params, "person_id", 0, 0, 1L << 53, &person,
	               &ctx->err) ||
	    param_long(params, "limit", 100, 1, 1000, &limit, &ctx->err) ||
	    param_long(params, "offset", 0, 0, 1L << 30, &offset, &ctx->err))
		return NULL;
	if (status && strcmp(status, "open") &&
	    service_order_status_parse(status) < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "'status' is 'open' or one of placed, accepted, "
		               "scheduled, started, finished, rated, "
		               "cancelled"),
		       NULL;
	q.month = param_str(params, "month");
	if (q.month && !month_ok(q.month))
		return lx_fail(&ctx->err, LX_EMALFORMED, "month",
		               "'month' is YYYY-MM"),
		       NULL;
	if (ctx->who->role == ROLE_FAMILY) {
		q.linked_to = ctx->who->account_id;
		if (param_str(params, "region"))
			return lx_fail(&ctx->err, LX_EMALFORMED, "region",
			               "a family lists its own persons' "
			               "orders"),
			       NULL;
	} else if (ctx->who->role == ROLE_OPERATOR) {
		q.nfacilities = ctx->who->nfacilities;
		q.facilities = ctx->who->facilities;
		if (!q.nfacilities)
			return json_pack("{s:[], s:i, s:{}}", "items", "total",
			                 0, "counts");
	} else if (ctx->who->role == ROLE_VISITOR) {
		/* its villages lie in its region; which of them is checked
		 * order by order below */
		q.region = ctx->who->region[0] ? ctx->who->region : NULL;
	} else if (scope_region(ctx, params, &q.region)) {
		return NULL;
	}
	q.item = param_str(params, "item");
	q.facility_id = facility;
	q.person_id = person;
	if (service_order_store_list(ctx->db, ctx->arena, &q, &v, &n,
	                             &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		int s = service_order_status_parse(v[i].status);

		if (ctx->who->role == ROLE_VISITOR &&
		    !service_order_visible(ctx, &v[i]))
			continue;
		if (s >= 0)
			counts[s]++;
		if (status &&
		    (!strcmp(status, "open") ? s > SO_STARTED
		                             : strcmp(status, v[i].status)))
			continue;
		if (total++ < offset || total > offset + limit)
			continue;
		json_array_append_new(items, service_order_json(ctx, &v[i], 0));
	}
	c = json_object();
	for (int s = 0; s < SO_STATUS__MAX; s++)
		json_object_set_new(
		    c, service_order_status_name((enum service_order_status)s),
		    json_integer(counts[s]));
	return json_pack("{s:o, s:I, s:o}", "items", items, "total", total,
	                 "counts", c);
}

/* Today's work: scheduled for today, or wished for today and not yet
 * scheduled. */
static int due_today(const struct service_order_row *o, const char *today)
{
	if (o->scheduled_at[0])
		return !strncmp(o->scheduled_at, today, 10);
	return o->wanted_at && !strncmp(o->wanted_at, today, 10);
}

struct queued {
	const struct service_order_row *o;
	int today, status;
};

static int by_queue(const void *a, const void *b)
{
	const struct queued *x = a, *y = b;
	const char *tx, *ty;
	int c;

	if (x->today != y->today)
		return y->today - x->today;
	if (x->status != y->status)
		return y->status - x->status; /* the furthest along first */
	tx = x->o->scheduled_at[0] ? x->o->scheduled_at : x->o->created_at;
	ty = y->o->scheduled_at[0] ? y->o->scheduled_at : y->o->created_at;
	if ((c = strcmp(tx, ty)))
		return c;
	return x->o->id < y->o->id ? -1 : x->o->id > y->o->id;
}

json_t *app_service_queue(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "facility", "region", NULL };
	struct service_order_query q = { .status = "open" };
	struct service_order_row *v;
	struct queued *qv;
	long facility = 0;
	size_t n, m = 0;
	json_int_t counts[SO_STATUS__MAX] = { 0 }, today = 0;
	json_t *items, *c;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "facility", 0, 0, 1L << 53, &facility,
	               &ctx->err))
		return NULL;
	if (ctx->who->role == ROLE_OPERATOR) {
		q.nfacilities = ctx->who->nfacilities;
		q.facilities = ctx->who->facilities;
		if (!q.nfacilities)
			return json_pack("{s:[], s:{}, s:i, s:s}", "items",
			                 "counts", "today", 0, "date",
			                 ctx->today);
	} else if (scope_region(ctx, params, &q.region)) {
		return NULL;
	}
	q.facility_id = facility;
	if (service_order_store_list(ctx->db, ctx->arena, &q, &v, &n,
	                             &ctx->err))
		return NULL;
	qv = arena_alloc(ctx->arena, (n ? n : 1) * sizeof(*qv));
	for (size_t i = 0; i < n; i++) {
		qv[m].o = &v[i];
		qv[m].today = due_today(&v[i], ctx->today);
		qv[m].status = service_order_status_parse(v[i].status);
		if (qv[m].status >= 0)
			counts[qv[m].status]++;
		today += qv[m].today;
		m++;
	}
	qsort(qv, m, sizeof(*qv), by_queue);
	items = json_array();
	for (size_t i = 0; i < m; i++) {
		json_t *j = service_order_json(ctx, qv[i].o, 0);

		json_object_set_new(j, "today", json_boolean(qv[i].today));
		json_array_append_new(items, j);
	}
	c = json_object();
	for (int s = 0; s <= SO_STARTED; s++)
		json_object_set_new(
		    c, service_order_status_name((enum service_order_status)s),
		    json_integer(counts[s]));
	return json_pack("{s:o, s:o, s:I, s:s}", "items", items, "counts", c,
	                 "today", today, "date", ctx->today);
}

json_t *app_service_use(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "month", "year",
		                               NULL };
	const char *region, *month = param_str(params, "month"),
	                    *year = param_str(params, "year"), *period;
	const struct service_policy *pol = NULL;
	struct service_use_row *v;
	size_t n;
	json_int_t t[9] = { 0 };
	json_t *rows;

	if (param_only(params, allowed, &ctx->err) ||
	    scope_region(ctx, params, &region))
		return NULL;
	if (!region)
		return lx_fail(&ctx->err, LX_EMALFORMED, "region",
		               "give the region's 12-digit code"),
		       NULL;
	if ((month != NULL) == (year != NULL))
		return lx_fail(&ctx->err, LX_EMALFORMED,
		               month ? "year" : "month",
		               "give either 'month' (YYYY-MM) or 'year' "
		               "(YYYY)"),
		       NULL;
	if (month && !month_ok(month))
		return lx_fail(&ctx->err, LX_EMALFORMED, "month",
		               "'month' is YYYY-MM"),
		       NULL;
	if (year && (strlen(year) != 4 || strspn(year, "0123456789") != 4))
		return lx_fail(&ctx->err, LX_EMALFORMED, "year",
		               "'year' is YYYY"),
		       NULL;
	period = month ? month : year;
	if (service_use_store_report(ctx->db, ctx->arena, region, period, &v,
	                             &n, &ctx->err))
		return NULL;
	pol = app_service_policy_for(ctx, region, "region");
	lx_error_clear(&ctx->err);
	rows = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct service_item *it =
		    pol ? service_policy_item(pol, v[i].item) : NULL;

		json_array_append_new(
		    rows,
		    json_pack(
		        "{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:{s:I,"
		        " s:I, s:I, s:I}, s:I}",
		        "region", v[i].region, "region_name",
		        v[i].region_name ? v[i].region_name : "", "item",
		        v[i].item, "item_name", it ? it->name : v[i].item,
		        "unit_label",
		        it ? service_unit_label_zh((enum service_unit)it->unit)
		           : "",
		        "orders", (json_int_t)v[i].orders, "quantity",
		        (json_int_t)v[i].quantity, "total_fen",
		        (json_int_t)v[i].total_fen, "fen_by_source", "self",
		        (json_int_t)v[i].self_fen, "entitlement",
		        (json_int_t)v[i].entitlement_fen, "voucher",
		        (json_int_t)v[i].voucher_fen, "timebank",
		        (json_int_t)v[i].timebank_fen, "timebank_minutes",
		        (json_int_t)v[i].timebank_minutes));
		/* the unit's code, for pages in English */
		json_object_set_new(
		    json_array_get(rows, json_array_size(rows) - 1), "unit",
		    json_string(
		        it ? service_unit_name((enum service_unit)it->unit)
		           : ""));
		t[0] += v[i].orders;
		t[1] += v[i].quantity;
		t[2] += v[i].total_fen;
		t[3] += v[i].self_fen;
		t[4] += v[i].entitlement_fen;
		t[5] += v[i].voucher_fen;
		t[6] += v[i].timebank_fen;
		t[7] += v[i].timebank_minutes;
	}
	return json_pack("{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:{s:I, s:I, s:I,"
	                 " s:I}, s:I}}",
	                 "region", region, "period", period, "rows", rows,
	                 "totals", "orders", t[0], "quantity", t[1],
	                 "total_fen", t[2], "fen_by_source", "self", t[3],
	                 "entitlement", t[4], "voucher", t[5], "timebank", t[6],
	                 "timebank_minutes", t[7]);
}
