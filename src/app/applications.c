#include "app/applications.h"

#include "app/approval_application.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/pii.h"
#include "app/policy.h"
#include "app/subsidies.h"
#include "core/period.h"
#include "core/subsidy.h"
#include "store/application_store.h"
#include "store/person_store.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int is_official(const struct app_ctx *ctx)
{
	return principal_is_official(ctx->who);
}

/* The family member sees their own; officials those in their scope. */
static int may_see(const struct app_ctx *ctx, const struct application_row *a)
{
	if (ctx->who->role == ROLE_FAMILY)
		return a->applicant == ctx->who->account_id;
	return is_official(ctx) && principal_sees_region(ctx->who, a->region);
}

/* The person is named only by surname to the applicant's view of a list;
 * the full name is what they typed, but an official sees it all. */
static json_t *application_json(const struct application_row *a)
{
	return json_pack(
	    "{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s?,"
	    " s:s, s:s?}",
	    "id", (json_int_t)a->id, "scheme", a->scheme, "person_id",
	    (json_int_t)a->person_id, "person_name",
	    a->person_name ? a->person_name : "", "relation",
	    a->relation ? a->relation : "", "status", a->status, "precheck",
	    a->precheck ? a->precheck : "", "submitted_at", a->submitted_at,
	    "note", a->note ? a->note : "", "decided_at", a->decided_at,
	    "decision_reason", a->decision_reason ? a->decision_reason : "",
	    "eligible_from", a->eligible_from[0] ? a->eligible_from : NULL);
}

/* The period a scheme is checked and paid for today: this month or this
 * year. */
static struct period current_period(const struct app_ctx *ctx,
                                    const struct subsidy_scheme *s)
{
	struct period p = { PERIOD_YEAR, atoi(ctx->today), 0 };

	if (s->frequency == SUBSIDY_MONTHLY) {
		p.kind = PERIOD_MONTH;
		p.index = (ctx->today[5] - '0') * 10 + (ctx->today[6] - '0');
	}
	return p;
}

struct submit {
	struct application_row row;
};

static int submit_in_tx(struct app_ctx *ctx, void *arg)
{
	struct application_row *a = arg;
	json_t *after;
	int ret;

	if (application_store_insert(ctx->db, a, ctx->now, &ctx->err))
		return -1;
	after = json_pack("{s:s, s:I, s:s}", "scheme", a->scheme, "person_id",
	                  (json_int_t)a->person_id, "status", "submitted");
	ret = app_audit(ctx, "apply", "application",
	                arena_printf(ctx->arena, "%lld", a->id), NULL, after);
	json_decref(after);
	return ret;
}

json_t *app_application_submit(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "scheme",   "id_number", "name",
		                            "relation", "note",      NULL };
	const char *sid = json_string_value(json_object_get(body, "scheme"));
	const char *number =
	    json_string_value(json_object_get(body, "id_number"));
	const char *name = json_string_value(json_object_get(body, "name"));
	struct application_row a = { 0 };
	const struct subsidy_scheme *scheme;
	struct subsidy_result res;
	struct policy_view view;
	unsigned char h[PII_HASH_BYTES];
	struct person p;
	long long id = 0;
	char *norm;

	if (ctx->who->role != ROLE_FAMILY && !is_official(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "applications are made by family members or "
		               "at a service window"),
		       NULL;
	if (!json_is_object(body) || body_only(body, keys, &ctx->err))
		return ctx->err.code
		           ? NULL
		           : (lx_fail(&ctx->err, LX_EMALFORMED, "",
		                      "the body must be a JSON object"),
		              NULL);
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "the personal-data key is not loaded"),
		       NULL;
	if (!number || !name || !*name)
		return lx_fail(&ctx->err, LX_EINVALID,
		               !number ? "id_number" : "name",
		               "give the person's ID number and name"),
		       NULL;
	norm = arena_strdup(ctx->arena, number);
	for (char *c = norm; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	pii_hash(ctx->keys, norm, h);
	id = person_store_find_hash(ctx->db, h);
	/* one answer for "no such number", "another name" and "not in your
	 * area", so the form cannot be used to look people up */
	if (!id || person_store_get(ctx->db, ctx->arena, id, &p, NULL) ||
	    strcmp(p.name, name) || !principal_sees_region(ctx->who, p.region))
		return lx_fail(&ctx->err, LX_EINVALID, "id_number",
		               "no registered person with this ID number and "
		               "name in your area"),
		       NULL;
	if (app_policy_view(ctx, p.region, &view))
		return NULL;
	scheme = sid ? policy_view_scheme(&view, sid) : NULL;
	if (!scheme || scheme->beneficiary != SUBSIDY_PERSON)
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "no allowance '%.60s' for people applies here",
		               sid ? sid : ""),
		       NULL;
	if (application_store_open(ctx->db, id, scheme->id))
		return lx_fail(&ctx->err, LX_ECONFLICT, "scheme",
		               "an application for '%s' is already open or "
		               "approved",
		               scheme->id),
		       NULL;
	/* the same engine that pays decides whether applying makes sense */
	if (app_subsidy_precheck(ctx, scheme, &view, id,
	                         current_period(ctx, scheme), &res))
		return NULL;
	if (!res.eligible)
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "not eligible now: %s", res.reason_zh),
		       NULL;
	a.scheme = (char *)scheme->id;
	a.person_id = id;
	a.applicant = ctx->who->account_id;
	a.relation =
	    (char *)json_string_value(json_object_get(body, "relation"));
	a.note = (char *)json_string_value(json_object_get(body, "note"));
	a.precheck = (char *)res.reason_zh;
	if (app_transaction(ctx, submit_in_tx, &a) ||
	    application_store_get(ctx->db, ctx->arena, a.id, &a, &ctx->err))
		return NULL;
	return application_json(&a);
}

json_t *app_application_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "status", NULL };
	const char *status = param_str(params, "status");
	struct application_row *v;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err))
		return NULL;
	if (ctx->who->role != ROLE_FAMILY && !is_official(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role does not handle applications"),
		       NULL;
	if (status && strcmp(status, "submitted") &&
	    strcmp(status, "approved") && strcmp(status, "rejected"))
		return lx_fail(&ctx->err, LX_EINVALID, "status",
		               "'status' must be submitted, approved or "
		               "rejected"),
		       NULL;
	if (application_store_list(
	        ctx->db, ctx->arena,
	        ctx->who->role == ROLE_FAMILY ? ctx->who->account_id : 0,
	        ctx->who->region[0] ? ctx->who->region : NULL, status, &v, &n,
	        &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		if (may_see(ctx, &v[i]))
			json_array_append_new(items, application_json(&v[i]));
	return json_pack("{s:o}", "items", items);
}

/* o with the reviews of the levels the scheme names, if it names them
 * (app/approval_application.c). */
static json_t *with_reviews(struct app_ctx *ctx,
                            const struct application_row *a, json_t *o)
{
	json_t *r = approval_application_reviews(ctx, a);

	if (r && o)
		json_object_set_new(o, "review", r);
	else
		json_decref(r);
	return o;
}

json_t *app_application_get(struct app_ctx *ctx, long long id, json_t *params)
{
	struct application_row a;

	(void)params;
	if (application_store_get(ctx->db, ctx->arena, id, &a, NULL) ||
	    !may_see(ctx, &a))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no application %lld", id),
		       NULL;
	return with_reviews(ctx, &a, application_json(&a));
}

struct decision {
	long long id;
	const char *status, *reason;
	char from[8];
};

static int decide_in_tx(struct app_ctx *ctx, void *arg)
{
	struct decision *d = arg;
	json_t *after;
	int ret;

	if (application_store_decide(ctx->db, d->id, d->status,
	                             ctx->who->account_id, ctx->now, d->reason,
	                             d->from[0] ? d->from : NULL, &ctx->err))
		return -1;
	after =
	    json_pack("{s:s, s:s, s:s?}", "status", d->status, "reason",
	              d->reason, "eligible_from", d->from[0] ? d->from : NULL);
	ret = app_audit(ctx, "decide", "application",
	                arena_printf(ctx->arena, "%lld", d->id), NULL, after);
	json_decref(after);
	return ret;
}

json_t *app_application_decide(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "decision", "reason", NULL };
	const char *decision =
	    json_string_value(json_object_get(body, "decision"));
	struct decision d = { .id = id };
	struct application_row a;

	if (!is_official(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials decide applications"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (application_store_get(ctx->db, ctx->arena, id, &a, NULL) ||
	    !may_see(ctx, &a))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no application %lld", id),
		       NULL;
	if (!decision ||
	    (strcmp(decision, "approve") && strcmp(decision, "reject")))
		return lx_fail(&ctx->err, LX_EINVALID, "decision",
		               "'decision' must be approve or reject"),
		       NULL;
	d.reason = json_string_value(json_object_get(body, "reason"));
	if (!d.reason || !*d.reason)
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "a decision needs its 'reason'"),
		       NULL;
	{
		/* a scheme that names levels (village → township → county)
		 * is decided by its last level; the ones before record their
		 * review */
		struct policy_view view;
		const struct subsidy_scheme *s = NULL;
		int more;

		if (!app_policy_view(ctx, a.region, &view))
			s = policy_view_scheme(&view, a.scheme);
		lx_error_clear(&ctx->err);
		more =
		    s ? approval_application_review(
		            ctx, &a, s, !strcmp(decision, "approve"), d.reason)
		      : 0;
		if (more < 0 ||
		    (more > 0 && application_store_get(ctx->db, ctx->arena, id,
		                                       &a, &ctx->err)))
			return NULL;
		if (more > 0)
			return with_reviews(ctx, &a, application_json(&a));
	}
	d.status = strcmp(decision, "approve") ? "rejected" : "approved";
	if (!strcmp(d.status, "approved")) {
		/* paid from the month after approval (次月起), or from this
		 * year for a yearly allowance */
		struct period next = { PERIOD_MONTH, atoi(ctx->today),
			               (ctx->today[5] - '0') * 10 +
			                   (ctx->today[6] - '0') };

		struct policy_view view;
		const struct subsidy_scheme *s = NULL;

		if (!app_policy_view(ctx, a.region, &view))
			s = policy_view_scheme(&view, a.scheme);
		if (s && s->frequency == SUBSIDY_YEARLY) {
			next.kind = PERIOD_YEAR;
			next.index = 0;
		} else if (next.index == 12) {
			next.year++;
			next.index = 1;
		} else {
			next.index++;
		}
		period_format(next, d.from);
	}
	if (app_transaction(ctx, decide_in_tx, &d) ||
	    application_store_get(ctx->db, ctx->arena, id, &a, &ctx->err))
		return NULL;
	return with_reviews(ctx, &a, application_json(&a));
}
