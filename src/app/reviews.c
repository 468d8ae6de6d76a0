#include "app/reviews.h"

#include "app/complaints.h"
#include "app/indicators.h"
#include "app/params.h"
#include "core/exact.h"
#include "store/facility_store.h"
#include "store/review_store.h"

#include <stdio.h>
#include <string.h>

enum { COMMENT_MAX = 1000 };

static const char *status_label(const char *s)
{
	return !strcmp(s, "shown")      ? "已公开"
	       : !strcmp(s, "appealed") ? "申诉中"
	       : !strcmp(s, "hidden")   ? "已隐藏"
	                                : s;
}

json_t *review_average_json(long sum, long count)
{
	struct exact e;
	char buf[EXACT_TEXT_MAX];

	if (count <= 0 || exact_frac(sum, count, &e))
		return json_null();
	return json_string(exact_format(e, 2, EXACT_HALF_UP, buf));
}

static int is_official(const struct principal *p)
{
	return p->role == ROLE_ADMIN || p->role == ROLE_CITY_OFFICIAL ||
	       p->role == ROLE_COUNTY_OFFICIAL || p->role == ROLE_DEPT_OFFICIAL;
}

static int operates(const struct principal *p, long long facility)
{
	for (size_t i = 0;
	     p->role == ROLE_OPERATOR && facility && i < p->nfacilities; i++)
		if (p->facilities[i] == facility)
			return 1;
	return 0;
}

/* Who sees a review: the family that wrote it, the operator of its
 * facility, officials, read-only accounts and inspectors of its region. */
static int may_see(const struct principal *p, const struct review_row *r)
{
	switch (p->role) {
	case ROLE_FAMILY:
		return r->account_id == p->account_id;
	case ROLE_OPERATOR:
		return operates(p, r->facility_id);
	case ROLE_VISITOR:
		return 0;
	default:
		return principal_sees_region(p, r->region);
	}
}

static json_t *review_json(struct app_ctx *ctx, const struct review_row *r)
{
	return json_pack(
	    "{s:I, s:s, s:o, s:s, s:s, s:o, s:s, s:i, s:s, s:s, s:s, s:s,"
	    " s:s, s:s, s:I, s:b}",
	    "id", (json_int_t)r->id, "target_kind", r->target_kind,
	    "facility_id",
	    r->facility_id ? json_integer(r->facility_id) : json_null(),
	    "facility_name", r->facility_name ? r->facility_name : "", "matter",
	    r->matter ? r->matter : "", "application_id",
	    r->application_id ? json_integer(r->application_id) : json_null(),
	    "region", r->region, "rating", r->rating, "comment",
	    r->comment ? r->comment : "", "status", r->status, "status_label",
	    status_label(r->status), "appeal", r->appeal ? r->appeal : "",
	    "decision", r->decision ? r->decision : "", "reviewed_on",
	    r->reviewed_on, "version", (json_int_t)r->version, "mine",
	    ctx->who->role == ROLE_FAMILY &&
	        r->account_id == ctx->who->account_id);
}

static int text_field(struct app_ctx *ctx, json_t *body, const char *key,
                      int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = "";
	if (!v || json_is_null(v))
		return required ? lx_fail(&ctx->err, LX_EINVALID, key,
		                          "give '%s'", key)
		                : 0;
	if (!json_is_string(v) || json_string_length(v) > COMMENT_MAX ||
	    (required && !*json_string_value(v)))
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of at most %d bytes", key,
		               COMMENT_MAX);
	*out = json_string_value(v);
	return 0;
}

struct put {
	struct review_row r;
	const char *action;
	json_t *before, *out;
	long long version;
	const char *from, *to, *text;
};

static int create_in_tx(struct app_ctx *ctx, void *arg)
{
	struct put *x = arg;
	struct review_row after;

	if (review_store_add(ctx->db, &x->r, &ctx->err) ||
	    review_store_get(ctx->db, ctx->arena, x->r.id, &after, &ctx->err))
		return -1;
	x->out = review_json(ctx, &after);
	if (app_audit(ctx, "create", "review",
	              arena_printf(ctx->arena, "%lld", x->r.id), NULL,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

json_t *app_review_create(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "target_kind",    "facility_id",
		                            "application_id", "rating",
		                            "comment",        NULL };
	struct put x = { 0 };
	const char *kind =
	    json_string_value(json_object_get(body, "target_kind"));
	const struct complaint_policy *p;
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (ctx->who->role != ROLE_FAMILY)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "reviews are written by the families who used "
		               "the service"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (kind && !strcmp(kind, "service"))
		return lx_fail(&ctx->err, LX_EINVALID, "target_kind",
		               "a service order is rated on the order itself "
		               "(POST /api/v1/services/orders/{id}/rate)"),
		       NULL;
	if (!kind || (strcmp(kind, "facility") && strcmp(kind, "government")))
		return lx_fail(&ctx->err, LX_EINVALID, "target_kind",
		               "'target_kind' must be facility or government"),
		       NULL;
	v = json_object_get(body, "rating");
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > 5)
		return lx_fail(&ctx->err, LX_EINVALID, "rating",
		               "'rating' is a level from 5 (非常满意) to 1 "
		               "(非常不满意)"),
		       NULL;
	x.r.rating = (int)json_integer_value(v);
	if (text_field(ctx, body, "comment", 0, (const char **)&x.r.comment))
		return NULL;
	if (!strcmp(kind, "facility")) {
		struct facility f;
		int used;

		v = json_object_get(body, "facility_id");
		if (!json_is_integer(v) || json_integer_value(v) <= 0 ||
		    facility_store_get(ctx->db, ctx->arena,
		                       json_integer_value(v), NULL, &f, NULL))
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "'facility_id' must name a facility"),
			       NULL;
		used = review_store_used_facility(ctx->db, ctx->who->account_id,
		                                  f.id, &ctx->err);
		if (used < 0)
			return NULL;
		if (!used)
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "facility_id",
			               "only a family whose relative lives or "
			               "lived in the institution reviews it"),
			       NULL;
		x.r.facility_id = f.id;
		snprintf(x.r.region, sizeof(x.r.region), "%s", f.region);
		x.r.target = arena_printf(ctx->arena, "facility:%lld", f.id);
	} else {
		int decided = 0;

		v = json_object_get(body, "application_id");
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return lx_fail(&ctx->err, LX_EINVALID, "application_id",
			               "'application_id' must name your "
			               "application"),
			       NULL;
		x.r.application_id = json_integer_value(v);
		if (review_store_application(
		        ctx->db, ctx->arena, x.r.application_id,
		        ctx->who->account_id, &decided, x.r.region, &x.r.matter,
		        &ctx->err))
			return NULL;
		if (!decided)
			return lx_fail(&ctx->err, LX_ECONFLICT,
			               "application_id",
			               "a government matter is rated after "
			               "its application is decided"),
			       NULL;
		x.r.target = arena_printf(ctx->arena, "application:%lld",
		                          x.r.application_id);
	}
	if (!(p = complaint_policy_for(ctx, x.r.region, "target_kind")))
		return NULL;
	if (!complaint_policy_reviews(p, kind))
		return lx_fail(&ctx->err, LX_EINVALID, "target_kind",
		               "the policy of region '%s' takes no %s reviews",
		               x.r.region, kind),
		       NULL;
	snprintf(x.r.target_kind, sizeof(x.r.target_kind), "%s", kind);
	x.r.account_id = ctx->who->account_id;
	memcpy(x.r.reviewed_on, ctx->today, sizeof(x.r.reviewed_on));
	x.r.created_at = ctx->now;
	if (app_transaction(ctx, create_in_tx, &x)) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}

static int move_in_tx(struct app_ctx *ctx, void *arg)
{
	struct put *x = arg;
	struct review_row after;

	if (review_store_move(ctx->db, x->r.id, x->version, x->from, x->to,
	                      x->text, ctx->who->account_id, &ctx->err) ||
	    review_store_get(ctx->db, ctx->arena, x->r.id, &after, &ctx->err))
		return -1;
	x->out = review_json(ctx, &after);
	if (app_audit(ctx, x->action, "review",
	              arena_printf(ctx->arena, "%lld", x->r.id), x->before,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

/* Reads review id and the version of the body; 0 or -1 with err. */
static int load(struct app_ctx *ctx, long long id, json_t *body, struct put *x)
{
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (review_store_get(ctx->db, ctx->arena, id, &x->r, NULL) ||
	    !may_see(ctx->who, &x->r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no review %lld",
		               id);
	v = json_object_get(body, "version");
	if (v && !json_is_integer(v))
		return lx_fail(&ctx->err, LX_EINVALID, "version",
		               "'version' must be the version read");
	x->version = v ? json_integer_value(v) : x->r.version;
	return 0;
}

static json_t *run_move(struct app_ctx *ctx, struct put *x)
{
	x->before = review_json(ctx, &x->r);
	if (app_transaction(ctx, move_in_tx, x)) {
		json_decref(x->before);
		json_decref(x->out);
		return NULL;
	}
	json_decref(x->before);
	return x->out;
}

json_t *app_review_appeal(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "reason", "version", NULL };
	struct put x = { 0 };

	if (load(ctx, id, body, &x) || body_only(body, keys, &ctx->err))
		return NULL;
	if (!operates(ctx->who, x.r.facility_id))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "the operator of the reviewed institution "
		               "appeals"),
		       NULL;
	if (text_field(ctx, body, "reason", 1, &x.text))
		return NULL;
	if (strcmp(x.r.status, "shown"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "review %lld is '%s': only a shown review is "
		               "appealed, once",
		               id, x.r.status),
		       NULL;
	x.action = "appeal";
	x.from = "shown";
	x.to = "appealed";
	return run_move(ctx, &x);
}

json_t *app_review_decide(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "decision", "reason", "version",
		                            NULL };
	struct put x = { 0 };
	const char *d;

	if (load(ctx, id, body, &x) || body_only(body, keys, &ctx->err))
		return NULL;
	if (!is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "an official decides an appeal"),
		       NULL;
	d = json_string_value(json_object_get(body, "decision"));
	if (!d || (strcmp(d, "keep") && strcmp(d, "hide")))
		return lx_fail(&ctx->err, LX_EINVALID, "decision",
		               "'decision' must be keep or hide"),
		       NULL;
	if (text_field(ctx, body, "reason", 1, &x.text))
		return NULL;
	if (strcmp(x.r.status, "appealed"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "review %lld is '%s': only an appealed review "
		               "is decided, once",
		               id, x.r.status),
		       NULL;
	x.action = !strcmp(d, "keep") ? "keep" : "hide";
	x.from = "appealed";
	x.to = !strcmp(d, "keep") ? "shown" : "hidden";
	return run_move(ctx, &x);
}

json_t *app_review_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "facility_id",
		                               "status", "from",
		                               "to",     NULL };
	struct review_query q = { 0 };
	struct review_row *v;
	size_t n;
	long fac = 0;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &q.region, &ctx->err) ||
	    param_long(params, "facility_id", 0, 0, 1L << 53, &fac,
	               &ctx->err) ||
	    param_date(params, "from", &q.from, &ctx->err) ||
	    param_date(params, "to", &q.to, &ctx->err))
		return NULL;
	q.status = param_str(params, "status");
	if (q.status && strcmp(q.status, "shown") &&
	    strcmp(q.status, "appealed") && strcmp(q.status, "hidden"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "'status' must be shown, appealed or hidden"),
		       NULL;
	if (q.region) {
		if (app_visible_region(ctx, params, &q.region))
			return NULL;
	} else if (ctx->who->region[0] && ctx->who->role != ROLE_FAMILY &&
	           ctx->who->role != ROLE_OPERATOR) {
		q.region = ctx->who->region;
	}
	q.facility_id = fac;
	if (ctx->who->role == ROLE_FAMILY)
		q.account_id = ctx->who->account_id;
	if (review_store_list(ctx->db, ctx->arena, &q, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		if (may_see(ctx->who, &v[i]))
			json_array_append_new(items, review_json(ctx, &v[i]));
	return json_pack("{s:o, s:I}", "items", items, "total",
	                 (json_int_t)json_array_size(items));
}

json_t *app_facility_reviews(struct app_ctx *ctx, long long facility)
{
	struct review_query q = { 0 };
	struct review_average avg = { 0 };
	struct review_row *v;
	struct facility f;
	size_t n;
	json_t *items;
	/* the operator and officials see appealed and hidden ones too, to
	 * act on them; others see what is shown */
	int all;

	if (facility_store_get(ctx->db, ctx->arena, facility, NULL, &f, NULL) ||
	    (ctx->who->role == ROLE_OPERATOR && !operates(ctx->who, f.id)) ||
	    (ctx->who->role != ROLE_OPERATOR && ctx->who->role != ROLE_FAMILY &&
	     !principal_sees_region(ctx->who, f.region)))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no facility %lld", facility),
		       NULL;
	all = operates(ctx->who, f.id) ||
	      (ctx->who->role != ROLE_FAMILY &&
	       principal_sees_region(ctx->who, f.region));
	q.facility_id = f.id;
	if (review_store_list(ctx->db, ctx->arena, &q, &v, &n, &ctx->err) ||
	    review_store_average(ctx->db, f.id, &avg, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].target_kind, "facility") &&
		    (all || strcmp(v[i].status, "hidden")))
			json_array_append_new(items, review_json(ctx, &v[i]));
	return json_pack(
	    "{s:I, s:s, s:o, s:i, s:o, s:i, s:o, s:s, s:b, s:b}", "facility_id",
	    (json_int_t)f.id, "facility_name", f.name, "items", items,
	    "reviews", (int)avg.reviews, "average",
	    review_average_json(avg.review_sum, avg.reviews), "rated_orders",
	    (int)avg.orders, "order_average",
	    review_average_json(avg.order_sum, avg.orders), "rounding",
	    "平均分保留两位小数，四舍五入；隐藏的评价不计入", "may_appeal",
	    operates(ctx->who, f.id), "may_review",
	    ctx->who->role == ROLE_FAMILY &&
	        review_store_used_facility(ctx->db, ctx->who->account_id, f.id,
	                                   &ctx->err) == 1);
}

json_t *app_review_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { NULL };
	struct review_choice *f, *ap;
	struct review_query q = { 0 };
	struct review_row *mine;
	size_t nf, na, nm;
	json_t *fac, *apps;

	if (param_only(params, allowed, &ctx->err))
		return NULL;
	if (ctx->who->role != ROLE_FAMILY)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "reviews are written by families"),
		       NULL;
	q.account_id = ctx->who->account_id;
	if (review_store_choices(ctx->db, ctx->arena, ctx->who->account_id, &f,
	                         &nf, &ap, &na, &ctx->err) ||
	    review_store_list(ctx->db, ctx->arena, &q, &mine, &nm, &ctx->err))
		return NULL;
	fac = json_array();
	apps = json_array();
	for (size_t i = 0; i < nf; i++) {
		int done = 0;

		for (size_t j = 0; j < nm; j++)
			done |= mine[j].facility_id == f[i].id &&
			        !strcmp(mine[j].target_kind, "facility");
		json_array_append_new(
		    fac, json_pack("{s:I, s:s, s:s, s:b}", "id",
		                   (json_int_t)f[i].id, "name", f[i].name,
		                   "region", f[i].region, "reviewed", done));
	}
	for (size_t i = 0; i < na; i++) {
		int done = 0;

		for (size_t j = 0; j < nm; j++)
			done |= mine[j].application_id == ap[i].id;
		json_array_append_new(
		    apps, json_pack("{s:I, s:s, s:s, s:b}", "id",
		                    (json_int_t)ap[i].id, "scheme", ap[i].name,
		                    "region", ap[i].region, "reviewed", done));
	}
	return json_pack("{s:o, s:o}", "facilities", fac, "applications", apps);
}
