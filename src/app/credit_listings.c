#include "app/credit_listings.h"

#include "app/credit_scope.h"
#include "app/params.h"
#include "core/credit_listing.h"
#include "core/role.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#define FACTS_MAX 4000
#define FIELD_MAX 200

static json_t *opt(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *credit_listing_json(const struct credit_listing_row *l,
                            const struct credit_policy *p)
{
	const struct credit_code *g =
	    credit_policy_ground(p, l->list, l->ground);
	int st = credit_status_parse(l->status);
	json_t *j;

	j = json_pack("{sI ss sI ss sI ss ss ss ss ss ss ss ss ss sI ss ss}",
	              "id", (json_int_t)l->id, "subject_kind", l->subject_kind,
	              "subject_id", (json_int_t)l->subject_id, "subject",
	              l->subject_name ? l->subject_name : "", "facility_id",
	              (json_int_t)l->facility_id, "facility",
	              l->facility_name ? l->facility_name : "", "region",
	              l->region ? l->region : "", "list", l->list, "list_label",
	              !strcmp(l->list, "red") ? "红名单" : "黑名单", "ground",
	              l->ground, "ground_label", g ? g->name : l->ground,
	              "facts", l->facts ? l->facts : "", "status", l->status,
	              "status_label",
	              st >= 0 ? credit_status_zh(st) : l->status, "version",
	              (json_int_t)l->version, "authority",
	              l->authority ? l->authority : "", "hearing",
	              l->hearing ? l->hearing : "");
	json_object_set_new(j, "noticed_on", opt(l->noticed_on));
	json_object_set_new(j, "listed_on", opt(l->listed_on));
	json_object_set_new(j, "published_on", opt(l->published_on));
	json_object_set_new(j, "removed_on", opt(l->removed_on));
	json_object_set_new(
	    j, "removal_reason",
	    json_string(l->removal_reason ? l->removal_reason : ""));
	return j;
}

/* The listing's facility, seen by the caller; LX_ENOTFOUND otherwise. */
static int load(struct app_ctx *ctx, long long id, struct credit_listing_row *l)
{
	if (credit_store_listing_get(ctx->db, ctx->arena, id, l, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, l->region, l->facility_id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no listing %lld",
		               id);
	return 0;
}

struct propose {
	struct credit_listing_row l;
	const struct credit_policy *pol;
	json_t *out;
};

static int propose_in_tx(struct app_ctx *ctx, void *arg)
{
	struct propose *x = arg;

	if (credit_store_listing_add(ctx->db, &x->l, ctx->who->account_id,
	                             &ctx->err) ||
	    credit_store_step_add(ctx->db, x->l.id, "propose", ctx->today,
	                          x->l.facts, ctx->who->account_id, ctx->now,
	                          &ctx->err))
		return -1;
	x->out = credit_listing_json(&x->l, x->pol);
	return app_audit(ctx, "create", "credit_listing",
	                 arena_printf(ctx->arena, "%lld", x->l.id), NULL,
	                 x->out);
}

json_t *app_credit_listing_propose(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = {
		"subject_kind", "subject_id", "list", "ground",
		"facts",        "authority",  NULL
	};
	struct propose x = { 0 };
	struct facility f;
	long long sid = 0, fid;
	const char *name = NULL;

	if (body_only(body, keys, &ctx->err) ||
	    credit_text(ctx, body, "subject_kind", 1, 16, &x.l.subject_kind) ||
	    credit_int(ctx, body, "subject_id", 1, 1, INT64_MAX, &sid) ||
	    credit_text(ctx, body, "list", 1, 8, &x.l.list) ||
	    credit_text(ctx, body, "ground", 1, 64, &x.l.ground) ||
	    credit_text(ctx, body, "facts", 1, FACTS_MAX, &x.l.facts) ||
	    credit_text(ctx, body, "authority", 0, FIELD_MAX, &x.l.authority))
		return NULL;
	fid = sid;
	if (!strcmp(x.l.subject_kind, "staff")) {
		if (credit_store_staff(ctx->db, ctx->arena, sid, &fid, &name,
		                       &ctx->err))
			return NULL;
	} else if (strcmp(x.l.subject_kind, "facility")) {
		return lx_fail(&ctx->err, LX_EINVALID, "subject_kind",
		               "'subject_kind' must be facility or staff"),
		       NULL;
	}
	if (credit_facility(ctx, fid, &f)) {
		snprintf(ctx->err.field, sizeof(ctx->err.field), "subject_id");
		return NULL;
	}
	if (strcmp(x.l.list, "red") && strcmp(x.l.list, "black"))
		return lx_fail(&ctx->err, LX_EINVALID, "list",
		               "'list' must be red or black"),
		       NULL;
	if (credit_policy_of(ctx, f.region, &x.pol))
		return NULL;
	if (!credit_policy_ground(x.pol, x.l.list, x.l.ground))
		return lx_fail(
		           &ctx->err, LX_EINVALID, "ground",
		           "'ground' must be one of the policy's grounds of "
		           "the %s list, not '%s'",
		           x.l.list, x.l.ground),
		       NULL;
	x.l.subject_id = sid;
	x.l.facility_id = f.id;
	x.l.subject_name = name ? name : f.name;
	x.l.facility_name = f.name;
	x.l.region = f.region;
	x.l.created_at = ctx->now;
	if (app_transaction(ctx, propose_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_credit_listings_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "list", "status",
		                               "facility_id", NULL };
	const char *region, *list = param_str(params, "list"),
	                    *status = param_str(params, "status");
	struct credit_listing_row *ls;
	size_t n;
	long fid;
	json_t *items;
	const struct credit_policy *pol = NULL;
	const char *pol_region = NULL;

	if (param_only(params, allowed, &ctx->err) ||
	    credit_list_region(ctx, params, &region) ||
	    param_long(params, "facility_id", 0, 1, LONG_MAX, &fid, &ctx->err))
		return NULL;
	if (list && strcmp(list, "red") && strcmp(list, "black"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "list",
		               "'list' must be red or black"),
		       NULL;
	if (status && credit_status_parse(status) < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "unknown status '%s'", status),
		       NULL;
	if (credit_store_listings(ctx->db, ctx->arena, region, fid, list,
	                          status, &ls, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		if (!principal_sees_facility(ctx->who, ls[i].region,
		                             ls[i].facility_id))
			continue;
		/* each ground named by its own region's policy */
		if (!pol_region || strcmp(pol_region, ls[i].region)) {
			pol = NULL;
			credit_policy_of(ctx, ls[i].region, &pol);
			memset(&ctx->err, 0, sizeof(ctx->err));
			pol_region = ls[i].region;
		}
		json_array_append_new(items, credit_listing_json(&ls[i], pol));
	}
	return json_pack("{so}", "items", items);
}

static json_t *with_steps(struct app_ctx *ctx,
                          const struct credit_listing_row *l)
{
	const struct credit_policy *pol = NULL;
	struct credit_step_row *s;
	size_t n;
	json_t *j, *steps;

	if (credit_store_steps(ctx->db, ctx->arena, l->id, &s, &n, &ctx->err))
		return NULL;
	credit_policy_of(ctx, l->region, &pol);
	memset(&ctx->err, 0, sizeof(ctx->err));
	j = credit_listing_json(l, pol);
	steps = json_array();
	for (size_t i = 0; i < n; i++) {
		int k = credit_step_parse(s[i].step);

		json_array_append_new(
		    steps,
		    json_pack("{ss ss ss ss ss}", "step", s[i].step, "label",
		              k >= 0 ? credit_step_zh(k) : "提出", "on",
		              s[i].on_day, "note", s[i].note, "at", s[i].at));
	}
	json_object_set_new(j, "steps", steps);
	if (pol) {
		char first[11] = "";

		/* the earliest day of the next dated step, for the page */
		if (l->noticed_on && *l->noticed_on &&
		    (!strcmp(l->status, "noticed") ||
		     !strcmp(l->status, "heard")))
			credit_day_plus(l->noticed_on, pol->listing.notice_days,
			                first);
		else if (l->listed_on && *l->listed_on &&
		         (!strcmp(l->status, "listed") ||
		          !strcmp(l->status, "published")))
			credit_removal_day(l->listed_on,
			                   pol->listing.removal_years, first);
		json_object_set_new(j, "next_step_from", opt(first));
		json_object_set_new(j, "notice_days",
		                    json_integer(pol->listing.notice_days));
		json_object_set_new(j, "removal_years",
		                    json_integer(pol->listing.removal_years));
	}
	return j;
}

json_t *app_credit_listing_get(struct app_ctx *ctx, long long id)
{
	struct credit_listing_row l;

	if (load(ctx, id, &l))
		return NULL;
	return with_steps(ctx, &l);
}

struct step {
	struct credit_listing_row l; /* the new state */
	const char *from, *step, *on, *note;
	json_t *before, *out;
};

static int step_in_tx(struct app_ctx *ctx, void *arg)
{
	struct step *x = arg;
	int moved;

	if (credit_store_listing_move(ctx->db, &x->l, x->from, &moved,
	                              &ctx->err))
		return -1;
	if (!moved)
		return lx_fail(&ctx->err, LX_ECONFLICT, "version",
		               "the listing changed since it was read; read it "
		               "again");
	x->l.version++;
	if (credit_store_step_add(ctx->db, x->l.id, x->step, x->on, x->note,
	                          ctx->who->account_id, ctx->now, &ctx->err))
		return -1;
	x->out = json_pack("{ss ss ss ss sI}", "status", x->l.status, "step",
	                   x->step, "on", x->on, "note", x->note ? x->note : "",
	                   "version", (json_int_t)x->l.version);
	return app_audit(ctx, x->step, "credit_listing",
	                 arena_printf(ctx->arena, "%lld", x->l.id), x->before,
	                 x->out);
}

json_t *app_credit_listing_step(struct app_ctx *ctx, long long id,
                                const char *step, json_t *body)
{
	static const char *const keys[] = { "on",
		                            "note",
		                            "version",
		                            "hearing",
		                            "removal_reason",
		                            "penalty_served",
		                            "rectified",
		                            NULL };
	struct step x = { 0 };
	struct credit_listing_row cur;
	struct credit_listing_state st = { 0 };
	const struct credit_policy *pol;
	enum credit_status next;
	long long version = 0;
	char may[11];
	int k = credit_step_parse(step);
	json_t *out;

	if (k < 0)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "step", "no step '%s'",
		               step),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    credit_date(ctx, body, "on", 0, &x.on) ||
	    credit_text(ctx, body, "note", 0, FACTS_MAX, &x.note) ||
	    credit_int(ctx, body, "version", 0, 1, INT64_MAX, &version) ||
	    load(ctx, id, &cur) || credit_policy_of(ctx, cur.region, &pol))
		return NULL;
	if (!x.on)
		x.on = ctx->today;
	if (strcmp(x.on, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "on",
		               "'on' may not be after today (%s)", ctx->today),
		       NULL;
	if (version && version != cur.version)
		return lx_fail(&ctx->err, LX_ECONFLICT, "version",
		               "the listing is at version %lld, not %lld",
		               cur.version, version),
		       NULL;
	st.status = (enum credit_status)credit_status_parse(cur.status);
	snprintf(st.noticed_on, sizeof(st.noticed_on), "%s",
	         cur.noticed_on ? cur.noticed_on : "");
	snprintf(st.listed_on, sizeof(st.listed_on), "%s",
	         cur.listed_on ? cur.listed_on : "");
	if (credit_listing_step(&st, (enum credit_step)k, x.on, &pol->listing,
	                        &next, may, &ctx->err)) {
		/* the first day it may, beside the error, for the page */
		if (may[0]) {
			json_decref(ctx->details);
			ctx->details = json_pack("{ss}", "may_on", may);
		}
		return NULL;
	}
	x.l = cur;
	x.l.noticed_on = x.l.hearing = x.l.listed_on = NULL;
	x.l.published_on = x.l.removed_on = x.l.removal_reason = NULL;
	switch ((enum credit_step)k) {
	case CS_NOTICE:
		x.l.noticed_on = x.on;
		break;
	case CS_HEARING:
		if (credit_text(ctx, body, "hearing", 1, FACTS_MAX,
		                &x.l.hearing))
			return NULL;
		break;
	case CS_LIST:
		x.l.listed_on = x.on;
		break;
	case CS_PUBLISH:
		x.l.published_on = x.on;
		break;
	case CS_REMOVE:
		/* 信用修复: the obligations met and the wrong put right */
		if (!json_is_true(json_object_get(body, "penalty_served")))
			return lx_fail(&ctx->err, LX_EINVALID, "penalty_served",
			               "removal needs the penalty served "
			               "(penalty_served: true)"),
			       NULL;
		if (!json_is_true(json_object_get(body, "rectified")))
			return lx_fail(&ctx->err, LX_EINVALID, "rectified",
			               "removal needs the rectification done "
			               "(rectified: true)"),
			       NULL;
		if (credit_text(ctx, body, "removal_reason", 1, FACTS_MAX,
		                &x.l.removal_reason))
			return NULL;
		x.l.removed_on = x.on;
		break;
	default:
		break;
	}
	x.l.status = credit_status_name(next);
	x.from = cur.status;
	x.step = credit_step_name((enum credit_step)k);
	x.before = credit_listing_json(&cur, NULL);
	if (app_transaction(ctx, step_in_tx, &x)) {
		json_decref(x.before);
		return NULL;
	}
	json_decref(x.before);
	json_decref(x.out);
	/* answer with the whole listing as it now stands */
	if (load(ctx, id, &cur))
		return NULL;
	out = with_steps(ctx, &cur);
	return out;
}
