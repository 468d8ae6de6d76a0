#include "app/service_guidance.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/people.h"
#include "app/policy.h"
#include "app/service_elements.h"
#include "app/service_guidance_policy.h"
#include "core/date.h"
#include "core/exact.h"
#include "core/facility.h"
#include "core/region_code.h"
#include "core/visit_rate.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/region_store.h"
#include "store/service_guidance_store.h"

#include <stdio.h>
#include <string.h>

enum { TEXT_MAX = 2000, INFANTS_MAX = 2000 };

static const struct guidance_policy *
guidance_policy(struct app_ctx *ctx, const char *region, const char *field)
{
	struct policy_view view;

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded"),
		       NULL;
	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.guidance)
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "no policy of region '%s' has a guidance "
		               "section",
		               region),
		       NULL;
	return view.guidance;
}

static int may_see(const struct principal *who, const struct guidance_row *g)
{
	if (who->role == ROLE_OPERATOR) {
		for (size_t i = 0; i < who->nfacilities; i++)
			if (who->facilities[i] == g->facility_id)
				return 1;
		return 0;
	}
	if (who->role == ROLE_FAMILY || who->role == ROLE_VISITOR)
		return 0;
	return principal_sees_region(who, g->region);
}

static json_t *act_json(const struct guidance_row *g,
                        const struct guidance_policy *p)
{
	const struct guidance_kind *k = guidance_policy_kind(p, g->kind);

	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:I, s:I,"
	    " s:s, s:s}",
	    "id", (json_int_t)g->id, "kind", g->kind, "kind_name",
	    k ? k->name : g->kind, "title", g->title, "region", g->region,
	    "region_name", g->region_name ? g->region_name : "", "held_on",
	    g->held_on, "facility_id",
	    g->facility_id ? json_integer(g->facility_id) : json_null(),
	    "facility_name",
	    g->facility_name ? json_string(g->facility_name) : json_null(),
	    "provider", g->provider ? g->provider : "", "families",
	    (json_int_t)g->families, "reached", (json_int_t)g->reached, "note",
	    g->note ? g->note : "", "recorded_at", g->recorded_at);
}

static int text_of(struct app_ctx *ctx, json_t *body, const char *key,
                   int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return required ? lx_fail(&ctx->err, LX_EINVALID, key,
		                          "'%s' is required", key)
		                : 0;
	if (!json_is_string(v) || json_string_length(v) > TEXT_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of at most %d bytes", key,
		               TEXT_MAX);
	*out = json_string_value(v);
	if (required && !**out)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must not be empty", key);
	return 0;
}

struct add {
	struct guidance_row g;
	long long *ids;
	size_t n;
	const struct guidance_policy *p;
	json_t *out;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;
	struct guidance_row after;

	if (guidance_store_add(ctx->db, &x->g, x->ids, x->n,
	                       ctx->who->account_id, &ctx->err) ||
	    guidance_store_get(ctx->db, ctx->arena, x->g.id, &after, &ctx->err))
		return -1;
	x->out = act_json(&after, x->p);
	return app_audit(ctx, "create", "guidance_activity",
	                 arena_printf(ctx->arena, "%lld", x->g.id), NULL,
	                 x->out);
}

/* The infants: registered (born by the day and alive on it), in the
 * caller's scope, each once. Errors name infants[i]. */
static int read_infants(struct app_ctx *ctx, json_t *list, const char *day,
                        struct add *x)
{
	json_t *e;
	size_t i;

	if (!json_is_array(list) || json_array_size(list) > INFANTS_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "infants",
		               "'infants' is a list of up to %d person ids",
		               INFANTS_MAX);
	x->ids = arena_alloc(ctx->arena,
	                     (json_array_size(list) + 1) * sizeof(*x->ids));
	json_array_foreach(list, i, e)
	{
		const char *at = arena_printf(ctx->arena, "infants[%zu]", i);
		struct person p;
		long long id = json_is_integer(e) ? json_integer_value(e) : 0;

		if (id <= 0)
			return lx_fail(&ctx->err, LX_EINVALID, at,
			               "%s must be a person id", at);
		if (person_store_get(ctx->db, ctx->arena, id, &p, NULL) ||
		    strcmp(p.kind, "infant") ||
		    !principal_sees_region(ctx->who, p.region))
			return lx_fail(&ctx->err, LX_EINVALID, at,
			               "no registered infant %lld", id);
		if (strcmp(p.birth_date, day) > 0 ||
		    (p.deceased_on[0] && strcmp(p.deceased_on, day) <= 0))
			return lx_fail(&ctx->err, LX_EINVALID, at,
			               "infant %lld was not registered on %s",
			               id, day);
		for (size_t k = 0; k < x->n; k++)
			if (x->ids[k] == id)
				return lx_fail(&ctx->err, LX_EINVALID, at,
				               "infant %lld is listed twice",
				               id);
		x->ids[x->n++] = id;
	}
	return 0;
}

json_t *app_guidance_create(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = {
		"kind",     "title",    "region", "held_on", "facility_id",
		"provider", "families", "note",   "infants", NULL
	};
	struct add x = { 0 };
	const char *kind, *title, *region, *held, *provider, *note;
	json_t *fid, *fam;
	struct lx_date d;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    text_of(ctx, body, "kind", 1, &kind) ||
	    text_of(ctx, body, "title", 1, &title) ||
	    text_of(ctx, body, "region", 1, &region) ||
	    text_of(ctx, body, "held_on", 1, &held) ||
	    text_of(ctx, body, "provider", 0, &provider) ||
	    text_of(ctx, body, "note", 0, &note))
		return NULL;
	if (!region_code_valid(region) ||
	    !principal_sees_region(ctx->who, region) ||
	    !region_store_exists(ctx->db, region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%.20s'", region),
		       NULL;
	if (date_parse_field(held, &d, &ctx->err, "held_on"))
		return NULL;
	if (strcmp(held, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "held_on",
		               "'held_on' %s is after today", held),
		       NULL;
	if (!(x.p = guidance_policy(ctx, region, "region")))
		return NULL;
	if (!guidance_policy_kind(x.p, kind))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "'%.40s' is not an activity kind of the policy "
		               "of '%s'",
		               kind, region),
		       NULL;
	fid = json_object_get(body, "facility_id");
	if (fid && !json_is_null(fid)) {
		struct facility f;

		if (!json_is_integer(fid) || json_integer_value(fid) <= 0 ||
		    facility_store_get(ctx->db, ctx->arena,
		                       json_integer_value(fid), NULL, &f,
		                       NULL) ||
		    !principal_sees_facility(ctx->who, f.region, f.id))
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "no facility %lld",
			               (long long)json_integer_value(fid)),
			       NULL;
		if (!facility_kind_is_childcare((enum facility_kind)f.kind))
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "facility %lld is not a childcare "
			               "facility",
			               (long long)f.id),
			       NULL;
		x.g.facility_id = f.id;
	} else if (ctx->who->role == ROLE_OPERATOR) {
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "give 'facility_id', your facility that held "
		               "the activity"),
		       NULL;
	}
	if (read_infants(ctx, json_object_get(body, "infants"), held, &x))
		return NULL;
	fam = json_object_get(body, "families");
	if (fam && !json_is_null(fam)) {
		if (!json_is_integer(fam) || json_integer_value(fam) < 0 ||
		    json_integer_value(fam) > 1000000)
			return lx_fail(&ctx->err, LX_EINVALID, "families",
			               "'families' is a whole number of "
			               "families reached"),
			       NULL;
		x.g.families = json_integer_value(fam);
	} else {
		x.g.families = (long long)x.n;
	}
	x.g.kind = (char *)kind;
	x.g.title = (char *)title;
	x.g.provider = (char *)(provider ? provider : "");
	x.g.note = (char *)(note ? note : "");
	snprintf(x.g.region, sizeof(x.g.region), "%s", region);
	snprintf(x.g.held_on, sizeof(x.g.held_on), "%s", held);
	snprintf(x.g.recorded_at, sizeof(x.g.recorded_at), "%s", ctx->now);
	if (app_transaction(ctx, add_in_tx, &x)) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}

json_t *app_guidance_get(struct app_ctx *ctx, long long id)
{
	struct guidance_row g;
	struct guidance_infant *inf;
	const struct guidance_policy *p;
	size_t n;
	json_t *out, *arr;

	if (guidance_store_get(ctx->db, ctx->arena, id, &g, &ctx->err))
		return NULL;
	if (!may_see(ctx->who, &g))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no guidance activity %lld", id),
		       NULL;
	if (!(p = guidance_policy(ctx, g.region, "id")) ||
	    guidance_store_infants(ctx->db, ctx->arena, id, &inf, &n,
	                           &ctx->err))
		return NULL;
	out = act_json(&g, p);
	arr = json_array();
	/* a birth date gives much of an ID number back: the year only to
	 * roles that may not unmask (as the people registry does) */
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    arr,
		    json_pack("{s:I, s:s, s:s, s:s%}", "person_id",
		              (json_int_t)inf[i].person_id, "name", inf[i].name,
		              "region", inf[i].region, "birth_date",
		              inf[i].birth_date,
		              app_may_unmask(ctx) ? strlen(inf[i].birth_date)
		                                  : (size_t)4));
	json_object_set_new(out, "infants", arr);
	return out;
}

json_t *app_guidance_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = {
		"region", "facility_id", "from", "to", "limit", "offset", NULL
	};
	const char *region, *from, *to;
	long facility, limit, offset;
	struct guidance_row *rows;
	size_t n;
	long long total;
	json_t *arr;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "facility_id", 0, 0, 1L << 53, &facility,
	               &ctx->err) ||
	    param_date(params, "from", &from, &ctx->err) ||
	    param_date(params, "to", &to, &ctx->err) ||
	    param_long(params, "limit", 100, 1, 1000, &limit, &ctx->err) ||
	    param_long(params, "offset", 0, 0, 1L << 30, &offset, &ctx->err))
		return NULL;
	if (ctx->who->role == ROLE_OPERATOR) {
		int mine = 0;

		if (!facility && ctx->who->nfacilities == 1)
			facility = ctx->who->facilities[0];
		for (size_t i = 0; i < ctx->who->nfacilities; i++)
			if (ctx->who->facilities[i] == facility)
				mine = 1;
		if (!mine)
			return lx_fail(&ctx->err, LX_EMALFORMED, "facility_id",
			               "give 'facility_id', one of your "
			               "facilities"),
			       NULL;
		region = NULL;
	} else {
		if (!region)
			region = ctx->who->region[0] ? ctx->who->region : NULL;
		if (region && !principal_sees_region(ctx->who, region))
			return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
			               "no region '%s'", region),
			       NULL;
	}
	if (guidance_store_list(ctx->db, ctx->arena, region, facility, from, to,
	                        limit, offset, &rows, &n, &total, &ctx->err))
		return NULL;
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		struct policy_view view;

		if (app_policy_view(ctx, rows[i].region, &view)) {
			json_decref(arr);
			return NULL;
		}
		json_array_append_new(arr, act_json(&rows[i], view.guidance));
	}
	return json_pack("{s:o, s:I}", "activities", arr, "total",
	                 (json_int_t)total);
}

static json_t *share(long long reached, long long infants)
{
	char buf[EXACT_TEXT_MAX];
	char *s = visit_rate_percent(reached, infants, buf);

	return s ? json_string(s) : json_null();
}

static long long sum_within(const struct region_count *c, size_t n,
                            const char *code)
{
	long long s = 0;

	for (size_t k = 0; k < n; k++)
		if (region_code_is_within(c[k].region, code))
			s += c[k].n;
	return s;
}

json_t *app_guidance_coverage(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "date", NULL };
	const struct guidance_policy *p;
	const char *region, *day;
	struct region_count *got, *all;
	struct region *kids;
	size_t ng, na, nk;
	char from[11];
	long long r, i;
	json_t *arr;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    param_date(params, "date", &day, &ctx->err))
		return NULL;
	if (!day)
		day = ctx->today;
	if (!(p = guidance_policy(ctx, region, "region")) ||
	    reach_window_start(p->window, day, from) ||
	    app_service_counts(ctx, region, day, SE_GUIDED_INFANTS, &got,
	                       &ng) ||
	    person_store_count_by_region(ctx->db, ctx->arena, region, day,
	                                 "infant", NULL, 0, &all, &na,
	                                 &ctx->err) ||
	    region_store_children(ctx->db, ctx->arena, region, &kids, &nk,
	                          &ctx->err))
		return NULL;
	arr = json_array();
	for (size_t k = 0; k < nk; k++) {
		r = sum_within(got, ng, kids[k].code);
		i = sum_within(all, na, kids[k].code);
		json_array_append_new(
		    arr, json_pack("{s:s, s:s, s:I, s:I, s:o}", "code",
		                   kids[k].code, "name", kids[k].name,
		                   "reached", (json_int_t)r, "infants",
		                   (json_int_t)i, "percent", share(r, i)));
	}
	r = sum_within(got, ng, region);
	i = sum_within(all, na, region);
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o}", "region",
	                 region, "date", day, "window_from", from, "reached",
	                 (json_int_t)r, "infants", (json_int_t)i, "percent",
	                 share(r, i), "children", arr);
}

json_t *app_guidance_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const struct guidance_policy *p;
	const char *region;
	json_t *kinds;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    !(p = guidance_policy(ctx, region, "region")))
		return NULL;
	kinds = json_array();
	for (size_t k = 0; k < p->nkinds; k++)
		json_array_append_new(
		    kinds, json_pack("{s:s, s:s, s:s}", "code",
		                     p->kinds[k].code, "name", p->kinds[k].name,
		                     "source", p->kinds[k].source));
	return json_pack("{s:o, s:s, s:s}", "kinds", kinds, "reach_window",
	                 p->window == RW_CALENDAR_YEAR ? "calendar_year"
	                                               : "twelve_months",
	                 "window_source", p->window_source);
}
