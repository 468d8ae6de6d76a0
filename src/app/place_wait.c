#include "app/place_wait.h"

#include "app/params.h"
#include "app/place_wait_rank.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/region_code.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/region_store.h"
#include "store/service_entitlement_store.h"

#include <stdio.h>
#include <string.h>

enum { TEXT_MAX = 2000, LIST_MAX = 500 };

static int text_field(struct app_ctx *ctx, json_t *body, const char *key,
                      int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = "";
	if (!v || json_is_null(v)) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is required", key);
		return 0;
	}
	if (!json_is_string(v))
		return lx_fail(&ctx->err, LX_EINVALID, key, "'%s' must be text",
		               key);
	if (json_string_length(v) > TEXT_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' is longer than %d bytes", key, TEXT_MAX);
	*out = json_string_value(v);
	if (required && !**out)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must not be empty", key);
	return 0;
}

/* A day given in the body (not after today, not before floor), or
 * today. */
static int day_field(struct app_ctx *ctx, json_t *body, const char *key,
                     const char *floor, const char *floor_what, char out[11])
{
	const char *s;
	struct lx_date d;

	if (text_field(ctx, body, key, 0, &s))
		return -1;
	if (!*s) {
		snprintf(out, 11, "%s", ctx->today);
		return 0;
	}
	if (date_parse_field(s, &d, &ctx->err, key))
		return -1;
	if (strcmp(s, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' %s is after today", key, s);
	if (floor && strcmp(s, floor) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' %s is before %s (%s)", key, s, floor_what,
		               floor);
	snprintf(out, 11, "%s", s);
	return 0;
}

/* The county (区县) holding a region: a list takes applicants of its
 * county (001 第243行: the county places across its townships). */
static void county_of(const char *region, char out[13])
{
	snprintf(out, 13, "%.6s000000", region);
}

static long long id_field(struct app_ctx *ctx, json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);

	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "give '%s' (a positive whole number)", key);
	return json_integer_value(v);
}

/* declared: a list of the policy's flags, each once, into "a,b". */
static int read_declared(struct app_ctx *ctx, const struct wait_policy *p,
                         json_t *v, const char **out)
{
	char *s = arena_strdup(ctx->arena, "");
	json_t *e;
	size_t i;

	*out = s;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v) || json_array_size(v) > WAIT_DECLARED_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "declared",
		               "'declared' is a list of the policy's flags");
	json_array_foreach(v, i, e)
	{
		const char *f = json_string_value(e);
		const char *at = arena_printf(ctx->arena, "declared[%zu]", i);

		if (!f || !wait_policy_declares(p, f))
			return lx_fail(&ctx->err, LX_EINVALID, at,
			               "'%s' is not a flag of this policy's "
			               "tiers",
			               f ? f : "?");
		if (strstr(arena_printf(ctx->arena, ",%s,", s),
		           arena_printf(ctx->arena, ",%s,", f)))
			return lx_fail(&ctx->err, LX_EINVALID, at,
			               "'%s' is given twice", f);
		s = *s ? arena_printf(ctx->arena, "%s,%s", s, f)
		       : arena_strdup(ctx->arena, f);
	}
	*out = s;
	return 0;
}

struct apply {
	struct wait_app_row r;
	json_t *out;
	const struct wait_policy *p;
};

static int apply_in_tx(struct app_ctx *ctx, void *arg)
{
	struct apply *x = arg;
	struct wait_app_row got;

	if (wait_store_apply(ctx->db, &x->r, ctx->who->account_id, &ctx->err) ||
	    wait_store_event(
	        ctx->db, x->r.id, ctx->now, "apply",
	        arena_printf(ctx->arena, "%s：%s", wait_event_zh("apply"),
	                     wait_policy_tier(x->p, x->r.tier)->name),
	        ctx->who->account_id, &ctx->err) ||
	    wait_store_get(ctx->db, ctx->arena, x->r.id, &got, &ctx->err))
		return -1;
	x->out = wait_app_json(ctx, x->p, &got, NULL, 0);
	return app_audit(ctx, "apply", "wait_application",
	                 arena_printf(ctx->arena, "%lld", x->r.id), NULL,
	                 x->out);
}

json_t *app_wait_apply(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = {
		"person_id",     "facility_id", "region", "willing", "declared",
		"declared_note", "applied_on",  "note",   NULL
	};
	struct apply x;
	struct person per;
	struct facility f;
	json_t *w;
	const char *region, *declared, *dnote, *note;
	char county[13];
	size_t tier;
	int level;

	memset(&x, 0, sizeof(x));
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    (x.r.person_id = id_field(ctx, body, "person_id")) < 0)
		return NULL;
	/* someone the caller may not see is "no such person" */
	if (person_store_get(ctx->db, ctx->arena, x.r.person_id, &per, NULL) ||
	    strcmp(per.kind, "elderly") ||
	    !principal_sees_region(ctx->who, per.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "no elderly person %lld", x.r.person_id),
		       NULL;
	if (per.deceased_on[0])
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "person %lld died on %s", x.r.person_id,
		               per.deceased_on),
		       NULL;
	if (!strcmp(per.residence, "institution") && per.facility_id)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "person %lld already lives in an institution",
		               x.r.person_id),
		       NULL;
	county_of(per.region, county);
	if (json_object_get(body, "facility_id")) {
		if ((x.r.facility_id = id_field(ctx, body, "facility_id")) < 0)
			return NULL;
		if (facility_store_get(ctx->db, ctx->arena, x.r.facility_id,
		                       ctx->today, &f, NULL))
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "no facility %lld", x.r.facility_id),
			       NULL;
		if (!(x.p = wait_policy_of(ctx, f.region, "facility_id")))
			return NULL;
		if (x.p->scope != WAIT_SCOPE_INSTITUTION)
			return lx_fail(
			           &ctx->err, LX_EINVALID, "facility_id",
			           "the policy of %s keeps one list for the "
			           "region: give 'region', not 'facility_id'",
			           f.region),
			       NULL;
		if (!wait_policy_covers(x.p, f.kind, f.ownership))
			return lx_fail(
			           &ctx->err, LX_EINVALID, "facility_id",
			           "'%s' keeps no waiting list: the policy's "
			           "lists are for public institutions",
			           f.name),
			       NULL;
		if (f.closed_on[0] && strcmp(f.closed_on, ctx->today) <= 0)
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "'%s' closed on %s", f.name,
			               f.closed_on),
			       NULL;
		if (!region_code_is_within(f.region, county))
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "'%s' is not in the applicant's county "
			               "(%s)",
			               f.name, county),
			       NULL;
		if (json_object_get(body, "region"))
			return lx_fail(&ctx->err, LX_EINVALID, "region",
			               "give 'facility_id' or 'region', not "
			               "both"),
			       NULL;
		snprintf(x.r.list_region, sizeof(x.r.list_region), "%s",
		         f.region);
	} else {
		if (text_field(ctx, body, "region", 1, &region))
			return NULL;
		if (!region_code_valid(region) ||
		    !region_store_exists(ctx->db, region))
			return lx_fail(&ctx->err, LX_EINVALID, "region",
			               "no region '%.20s'", region),
			       NULL;
		if (!(x.p = wait_policy_of(ctx, region, "region")))
			return NULL;
		if (x.p->scope != WAIT_SCOPE_REGION)
			return lx_fail(&ctx->err, LX_EINVALID, "region",
			               "the policy of %s keeps one list per "
			               "institution: give 'facility_id'",
			               region),
			       NULL;
		if (!region_code_is_within(per.region, region) ||
		    !region_code_is_within(region, county))
			return lx_fail(&ctx->err, LX_EINVALID, "region",
			               "the applicant lives outside region %s "
			               "(a list takes its county's people)",
			               region),
			       NULL;
		snprintf(x.r.list_region, sizeof(x.r.list_region), "%s",
		         region);
	}
	w = json_object_get(body, "willing");
	if (w && !json_is_boolean(w))
		return lx_fail(&ctx->err, LX_EINVALID, "willing",
		               "'willing' is true (有集中供养意愿) or false"),
		       NULL;
	if (read_declared(ctx, x.p, json_object_get(body, "declared"),
	                  &declared) ||
	    text_field(ctx, body, "declared_note", *declared != 0, &dnote) ||
	    text_field(ctx, body, "note", 0, &note) ||
	    day_field(ctx, body, "applied_on", NULL, NULL, x.r.applied_on))
		return NULL;
	if (!*declared && *dnote)
		return lx_fail(&ctx->err, LX_EINVALID, "declared_note",
		               "'declared_note' explains a declared flag: none "
		               "is given"),
		       NULL;
	x.r.willing = json_is_true(w);
	x.r.declared = (char *)declared;
	x.r.declared_note = (char *)dnote;
	x.r.note = (char *)note;
	snprintf(x.r.region, sizeof(x.r.region), "%s", per.region);
	snprintf(x.r.list_key, sizeof(x.r.list_key), "%s",
	         wait_list_key(ctx, x.r.facility_id, x.r.list_region));
	snprintf(x.r.applied_at, sizeof(x.r.applied_at), "%s", ctx->now);
	if (wait_rank_one(ctx, x.p, &x.r, &tier, &level))
		return NULL;
	snprintf(x.r.tier, sizeof(x.r.tier), "%s", x.p->rules.tiers[tier].code);
	x.r.care_level = level;
	/* 有集中供养意愿 is said of the 特困 (兜底) tier, whose willing
	 * applicants are always admitted and counted by willing_tekun */
	if (x.r.willing && !x.p->rules.tiers[tier].always_admit_willing)
		return lx_fail(
		           &ctx->err, LX_EINVALID, "willing",
		           "'willing' (有集中供养意愿) is for applicants of a "
		           "tier always admitted; this person is in '%s'",
		           x.p->rules.tiers[tier].name),
		       NULL;
	if (app_transaction(ctx, apply_in_tx, &x)) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}

/* May the caller read this application: a family its linked persons',
 * an operator its own institution's, others in scope of the applicant
 * or of the list. */
static int may_see(struct app_ctx *ctx, const struct wait_app_row *r)
{
	const struct principal *who = ctx->who;

	switch (who->role) {
	case ROLE_FAMILY: {
		struct lx_error ignore;

		return service_store_linked(ctx->db, who->account_id,
		                            r->person_id, &ignore) == 1;
	}
	case ROLE_OPERATOR:
		for (size_t i = 0; i < who->nfacilities; i++)
			if (who->facilities[i] == r->facility_id ||
			    who->facilities[i] == r->placed_facility_id)
				return 1;
		return 0;
	case ROLE_VISITOR:
		return 0;
	default:
		return principal_sees_region(who, r->region) ||
		       principal_sees_region(who, r->list_region);
	}
}

int wait_load_visible(struct app_ctx *ctx, long long id, struct wait_app_row *r)
{
	if (wait_store_get(ctx->db, ctx->arena, id, r, &ctx->err))
		return -1;
	if (!may_see(ctx, r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no waiting-list application %lld", id);
	return 0;
}

/* The caller may read a list of region (and facility, 0 for a region's
 * list). */
static int may_read_list(struct app_ctx *ctx, const char *region,
                         long long facility)
{
	if (ctx->who->role == ROLE_OPERATOR) {
		for (size_t i = 0; i < ctx->who->nfacilities; i++)
			if (facility && ctx->who->facilities[i] == facility)
				return 1;
		return 0;
	}
	if (ctx->who->role == ROLE_FAMILY || ctx->who->role == ROLE_VISITOR)
		return 0;
	return principal_sees_region(ctx->who, region);
}

json_t *app_wait_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "facility", "region", NULL };
	const char *region, *key;
	long facility;
	struct facility f;
	struct wait_list l;
	long long closed;
	json_t *arr, *out, *keys;
	long long must = 0;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "facility", 0, 0, 1L << 53, &facility,
	               &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (facility) {
		if (facility_store_get(ctx->db, ctx->arena, facility,
		                       ctx->today, &f, NULL) ||
		    !may_read_list(ctx, f.region, facility))
			return lx_fail(&ctx->err, LX_ENOTFOUND, "facility",
			               "no facility %ld", facility),
			       NULL;
		region = arena_strdup(ctx->arena, f.region);
	} else if (!region) {
		return lx_fail(&ctx->err, LX_EMALFORMED, "facility",
		               "give 'facility' (an institution's list) or "
		               "'region' (a region's list)"),
		       NULL;
	} else if (!region_store_exists(ctx->db, region) ||
	           !may_read_list(ctx, region, 0)) {
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", region),
		       NULL;
	}
	key = wait_list_key(ctx, facility, region);
	if (wait_expire_overdue(ctx, key, NULL, &closed) ||
	    wait_list_load(ctx, key, region, &l))
		return NULL;
	if ((l.p->scope == WAIT_SCOPE_INSTITUTION) != (facility != 0))
		return lx_fail(&ctx->err, LX_EMALFORMED,
		               facility ? "facility" : "region",
		               l.p->scope == WAIT_SCOPE_INSTITUTION
		                   ? "the policy keeps one list per "
		                     "institution: give 'facility'"
		                   : "the policy keeps one list per region: "
		                     "give 'region'"),
		       NULL;
	arr = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_array_append_new(
		    arr,
		    wait_app_json(ctx, l.p, &l.items[i].row, &l.items[i], l.n));
		must += l.items[i].must_place;
	}
	out = json_pack("{s:s, s:s, s:o, s:o, s:I, s:I, s:I, s:o}", "list_key",
	                key, "region", region, "facility_id",
	                facility ? json_integer(facility) : json_null(),
	                "facility_name",
	                facility ? json_string(f.name) : json_null(), "size",
	                (json_int_t)l.n, "must_place", (json_int_t)must,
	                "expired_now", (json_int_t)closed, "items", arr);
	keys = json_array();
	for (size_t k = 0; k < l.p->rules.norder; k++)
		json_array_append_new(
		    keys, json_string(wait_key_name(l.p->rules.order[k])));
	json_object_set_new(
	    out, "order",
	    json_pack("{s:o, s:s}", "keys", keys, "source", l.p->order_source));
	return out;
}

/* An application with its position on its list as it stands. */
static json_t *ranked_json(struct app_ctx *ctx, const struct wait_app_row *r,
                           int family)
{
	struct wait_list l;
	const struct wait_ranked *k;

	if (wait_list_load(ctx, r->list_key, r->list_region, &l))
		return NULL;
	k = wait_list_find(&l, r->id);
	return family ? wait_app_family_json(ctx, l.p, r, k, l.n)
	              : wait_app_json(ctx, l.p, r, k, l.n);
}

json_t *app_wait_applications(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "person_id", "region", "limit",
		                               NULL };
	int family = ctx->who->role == ROLE_FAMILY;
	const char *region;
	long person, limit;
	struct wait_app_row *rows;
	size_t n;
	long long closed;
	json_t *arr;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "person_id", 0, 0, 1L << 53, &person,
	               &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "limit", 100, 1, LIST_MAX, &limit, &ctx->err))
		return NULL;
	if (family)
		region = NULL;
	else if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", region),
		       NULL;
	if (ctx->who->role == ROLE_OPERATOR)
		region = NULL;
	if (region && wait_expire_overdue(ctx, NULL, region, &closed))
		return NULL;
	if (wait_store_find(ctx->db, ctx->arena, region,
	                    family ? ctx->who->account_id : 0, person, limit,
	                    &rows, &n, &ctx->err))
		return NULL;
	if (!region) {
		/* a family's or an operator's read closes the lapses of the
		 * lists it holds applications on, not every list */
		long long any = 0;

		for (size_t i = 0; i < n; i++) {
			if (wait_expire_overdue(ctx, rows[i].list_key, NULL,
			                        &closed))
				return NULL;
			any += closed;
		}
		if (any && wait_store_find(ctx->db, ctx->arena, region,
		                           family ? ctx->who->account_id : 0,
		                           person, limit, &rows, &n, &ctx->err))
			return NULL;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o;

		if (!may_see(ctx, &rows[i]))
			continue;
		if (!(o = ranked_json(ctx, &rows[i], family))) {
			json_decref(arr);
			return NULL;
		}
		json_array_append_new(arr, o);
	}
	return json_pack("{s:o}", "items", arr);
}

static json_t *history_json(struct app_ctx *ctx, long long id)
{
	struct wait_offer_row *offers;
	struct wait_event_row *ev;
	size_t no, ne;
	json_t *a, *b;

	if (wait_store_offers(ctx->db, ctx->arena, id, &offers, &no,
	                      &ctx->err) ||
	    wait_store_events(ctx->db, ctx->arena, id, &ev, &ne, &ctx->err))
		return NULL;
	a = json_array();
	for (size_t i = 0; i < no; i++)
		json_array_append_new(
		    a,
		    json_pack(
		        "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:s,"
		        " s:s}",
		        "id", (json_int_t)offers[i].id, "facility_id",
		        (json_int_t)offers[i].facility_id, "facility_name",
		        offers[i].facility_name ? offers[i].facility_name : "",
		        "offered_on", offers[i].offered_on, "respond_by",
		        offers[i].respond_by, "status", offers[i].status,
		        "status_label", wait_offer_status_zh(offers[i].status),
		        "responded_on",
		        offers[i].responded_on[0]
		            ? json_string(offers[i].responded_on)
		            : json_null(),
		        "reason", offers[i].reason ? offers[i].reason : "",
		        "skip_reason",
		        offers[i].skip_reason ? offers[i].skip_reason : ""));
	b = json_array();
	for (size_t i = 0; i < ne; i++)
		json_array_append_new(
		    b, json_pack("{s:s, s:s, s:s, s:s, s:o}", "at", ev[i].at,
		                 "kind", ev[i].kind, "label",
		                 wait_event_zh(ev[i].kind), "detail",
		                 ev[i].detail ? ev[i].detail : "", "by",
		                 ev[i].by_name ? json_string(ev[i].by_name)
		                               : json_null()));
	return json_pack("{s:o, s:o}", "offers", a, "events", b);
}

json_t *app_wait_get(struct app_ctx *ctx, long long id, int history)
{
	struct wait_app_row r;
	long long closed;
	json_t *out, *h;

	if (wait_load_visible(ctx, id, &r))
		return NULL;
	if (ctx->who->role == ROLE_FAMILY && history)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               "the history is kept for the officials"),
		       NULL;
	if (wait_expire_overdue(ctx, r.list_key, NULL, &closed) ||
	    (closed && wait_store_get(ctx->db, ctx->arena, id, &r, &ctx->err)))
		return NULL;
	if (!(out = ranked_json(ctx, &r, ctx->who->role == ROLE_FAMILY)))
		return NULL;
	if (history) {
		if (!(h = history_json(ctx, id))) {
			json_decref(out);
			return NULL;
		}
		json_object_update(out, h);
		json_decref(h);
	}
	return out;
}
