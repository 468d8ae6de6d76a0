/* The steps of an application (docs/api.md "Waiting lists (轮候)"):
 * offer, accept, decline, skip, withdraw, and expiry. Each runs in one
 * transaction; the application's row moves by a conditional UPDATE on its
 * status and version, an offer by one on its own status, so two people
 * answering at once change it once. */
#include "app/place_wait.h"

#include "app/indicators.h"
#include "app/inspect_stop.h"
#include "app/params.h"
#include "app/place_wait_rank.h"
#include "app/policy.h"
#include "core/assessment.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/place_vacancy.h"
#include "core/region_code.h"
#include "store/facility_store.h"
#include "store/person_store.h"

#include <stdio.h>
#include <string.h>

enum { TEXT_MAX = 2000 };

static int reason_field(struct app_ctx *ctx, json_t *body, int required,
                        const char **out)
{
	json_t *v = json_object_get(body, "reason");

	*out = "";
	if (!v || json_is_null(v) ||
	    (json_is_string(v) && !json_string_length(v))) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, "reason",
			               "'reason' is required");
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) > TEXT_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "'reason' is text of at most %d bytes",
		               TEXT_MAX);
	*out = json_string_value(v);
	return 0;
}

/* The day after a deadline: an unanswered offer lapses then. */
static void day_after(const char *day, char out[11])
{
	struct lx_date d;

	if (date_parse(day, &d)) {
		snprintf(out, 11, "%s", day);
		return;
	}
	date_format(date_from_days(date_to_days(d) + 1), out);
}

struct step {
	const char *step;
	struct wait_app_row r; /* as read; moved in the transaction */
	const char *from;
	const struct wait_policy *p;
	json_t *body, *before, *out;
	long long facility_id; /* offer: where */
	char offered_on[11];
	const char *reason;
	long long *passed; /* offer: waiting applicants passed over */
	size_t npassed;
	long long by; /* 0 for the system (expiry) */
	char day[11]; /* the day a decline or expiry counts on */
};

/* A decline or an expiry: the offer closes, the applicant waits again,
 * and the policy's n-th decline restarts the wait on that day. */
static int decline_in_tx(struct app_ctx *ctx, struct step *x,
                         const char *offer_status)
{
	struct wait_offer_row o;
	int declines;

	if (wait_store_offer_open(ctx->db, ctx->arena, x->r.id, &o, &ctx->err))
		return -1;
	if (!strcmp(offer_status, "expired"))
		day_after(o.respond_by, x->day);
	if (wait_store_offer_close(ctx->db, o.id, offer_status, x->day,
	                           x->reason, x->by, &ctx->err))
		return -1;
	snprintf(x->r.status, sizeof(x->r.status), "waiting");
	if (wait_after_decline(&x->p->rules, x->r.declines, &declines)) {
		snprintf(x->r.waiting_since, sizeof(x->r.waiting_since), "%s",
		         x->day);
		if (wait_store_event(
		        ctx->db, x->r.id, ctx->now, "requeue",
		        arena_printf(
		            ctx->arena,
		            "第%d次放弃（含逾期），等候起算日改为%s（%s）",
		            x->p->rules.declines_before_requeue, x->day,
		            x->p->declines_source),
		        x->by, &ctx->err))
			return -1;
	}
	x->r.declines = declines;
	return wait_store_event(
	    ctx->db, x->r.id, ctx->now,
	    !strcmp(offer_status, "expired") ? "expire" : "decline",
	    arena_printf(ctx->arena, "%s：%s，答复期限%s%s%s",
	                 wait_offer_status_zh(offer_status),
	                 o.facility_name ? o.facility_name : "", o.respond_by,
	                 *x->reason ? "；" : "", x->reason),
	    x->by, &ctx->err);
}

/* The facility's vacant beds today less the places already promised by
 * open offers (but for the offer being answered, mine = 1). Read inside
 * the transaction, after the application row is taken: the writes of
 * both backends are serialised, so nobody else changes it meanwhile. */
static int vacancy_left(struct app_ctx *ctx, long long facility_id, int mine,
                        struct facility *f, long long *left)
{
	struct place_vacancy v;
	long long offers;

	if (facility_store_get(ctx->db, ctx->arena, facility_id, ctx->today, f,
	                       &ctx->err) ||
	    wait_store_open_offers_at(ctx->db, facility_id, &offers,
	                              &ctx->err) ||
	    app_facility_admission_check(ctx, facility_id, "facility_id"))
		return -1;
	place_vacancy_of(&f->cap, &v);
	*left = v.vacant_beds - (offers - mine);
	if (*left <= 0)
		return lx_fail(&ctx->err, LX_ECONFLICT, "facility_id",
		               "'%s' has no vacant bed: %lld beds, %lld "
		               "occupied, %lld offers open",
		               f->name, v.beds, v.occupied, offers - mine);
	return 0;
}

static int offer_in_tx(struct app_ctx *ctx, struct step *x)
{
	struct wait_offer_row o;
	struct facility f;
	long long left;

	memset(&o, 0, sizeof(o));
	if (vacancy_left(ctx, x->facility_id, 0, &f, &left))
		return -1;
	o.application_id = x->r.id;
	o.facility_id = x->facility_id;
	snprintf(o.offered_on, sizeof(o.offered_on), "%s", x->offered_on);
	if (wait_respond_by(&x->p->rules, x->offered_on, o.respond_by))
		return lx_fail(&ctx->err, LX_EINVALID, "offered_on", "bad day");
	o.skip_reason = (char *)x->reason;
	if (wait_store_offer_add(ctx->db, &o, x->by, ctx->now, &ctx->err))
		return -1;
	for (size_t i = 0; i < x->npassed; i++)
		if (wait_store_event(
		        ctx->db, x->passed[i], ctx->now, "skip",
		        arena_printf(ctx->arena,
		                     "本次床位（%s）先安排排在后面的申请 %lld："
		                     "%s；保留轮候位置",
		                     f.name, x->r.id, x->reason),
		        x->by, &ctx->err))
			return -1;
	snprintf(x->r.status, sizeof(x->r.status), "offered");
	x->r.on_hold = "";
	return wait_store_event(
	    ctx->db, x->r.id, ctx->now, "offer",
	    arena_printf(ctx->arena, "%s：%s，%s前答复%s%s",
	                 wait_event_zh("offer"), f.name, o.respond_by,
	                 *x->reason ? "；越过排在前面的申请：" : "", x->reason),
	    x->by, &ctx->err);
}

/* Where the capacity in force records residents by care level (for
 * staffing), the admitted person joins the count of the care category of
 * their latest assessment: the region's policy's care_of (the
 * "assessment" section), else the standard's default; an unassessed
 * person joins none. */
static int count_by_care(struct app_ctx *ctx, struct facility *f,
                         long long person_id)
{
	struct capacity *c = &f->cap;
	struct policy_view view;
	struct person per;
	int care;

	if (c->residents_selfcare + c->residents_partly +
	        c->residents_disabled ==
	    0)
		return 0;
	if (person_store_get(ctx->db, ctx->arena, person_id, &per, &ctx->err) ||
	    app_policy_view(ctx, f->region, &view))
		return -1;
	if (per.level < 0 || per.level >= ASSESS_LEVEL__MAX)
		return 0;
	care = view.assessment.has_care
	           ? view.assessment.care_of[per.level]
	           : (int)assess_policy_default().care_of[per.level];
	if (care == ASSESS_CARE_SELF)
		c->residents_selfcare++;
	else if (care == ASSESS_CARE_PARTLY)
		c->residents_partly++;
	else if (care == ASSESS_CARE_DISABLED)
		c->residents_disabled++;
	return 0;
}

/* Admission: the bed is checked against the capacity in force today,
 * the institution's occupied beds rise by one in a capacity entry dated
 * today, the person lives there, and the person's other open
 * applications close. */
static int accept_in_tx(struct app_ctx *ctx, struct step *x)
{
	struct wait_offer_row o;
	struct facility f;
	struct wait_app_row *others;
	size_t n;
	long long left;

	if (wait_store_offer_open(ctx->db, ctx->arena, x->r.id, &o,
	                          &ctx->err) ||
	    vacancy_left(ctx, o.facility_id, 1, &f, &left) ||
	    wait_store_offer_close(ctx->db, o.id, "accepted", ctx->today,
	                           x->reason, x->by, &ctx->err))
		return -1;
	snprintf(f.cap.date, sizeof(f.cap.date), "%s", ctx->today);
	f.cap.occupied_beds++;
	if (count_by_care(ctx, &f, x->r.person_id))
		return -1;
	if (facility_store_update(ctx->db, &f, 1, ctx->now, x->by, &ctx->err) ||
	    wait_store_place_person(ctx->db, x->r.person_id, o.facility_id,
	                            ctx->now, &ctx->err))
		return -1;
	snprintf(x->r.status, sizeof(x->r.status), "admitted");
	x->r.placed_facility_id = o.facility_id;
	snprintf(x->r.placed_on, sizeof(x->r.placed_on), "%s", ctx->today);
	if (wait_store_event(ctx->db, x->r.id, ctx->now, "accept",
	                     arena_printf(ctx->arena,
	                                  "入住%s（床位 %lld 张，"
	                                  "入住 %lld 人）",
	                                  f.name, f.cap.beds,
	                                  f.cap.occupied_beds),
	                     x->by, &ctx->err) ||
	    wait_store_find(ctx->db, ctx->arena, NULL, 0, x->r.person_id, 100,
	                    &others, &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct wait_app_row *w = &others[i];
		const char *from = arena_strdup(ctx->arena, w->status);
		struct wait_offer_row oo;
		struct lx_error ignore;

		if (w->id == x->r.id ||
		    (strcmp(from, "waiting") && strcmp(from, "offered")))
			continue;
		if (!wait_store_offer_open(ctx->db, ctx->arena, w->id, &oo,
		                           &ignore) &&
		    wait_store_offer_close(ctx->db, oo.id, "withdrawn",
		                           ctx->today, "已在他处入住", x->by,
		                           &ctx->err))
			return -1;
		snprintf(w->status, sizeof(w->status), "withdrawn");
		snprintf(w->closed_on, sizeof(w->closed_on), "%s", ctx->today);
		snprintf(w->updated_at, sizeof(w->updated_at), "%s", ctx->now);
		if (wait_store_move(ctx->db, w, from, &ctx->err) ||
		    wait_store_event(
		        ctx->db, w->id, ctx->now, "close",
		        arena_printf(ctx->arena, "已入住%s", f.name), x->by,
		        &ctx->err))
			return -1;
	}
	return 0;
}

static int withdraw_in_tx(struct app_ctx *ctx, struct step *x)
{
	struct wait_offer_row o;

	if (!strcmp(x->from, "offered") &&
	    (wait_store_offer_open(ctx->db, ctx->arena, x->r.id, &o,
	                           &ctx->err) ||
	     wait_store_offer_close(ctx->db, o.id, "withdrawn", ctx->today,
	                            x->reason, x->by, &ctx->err)))
		return -1;
	snprintf(x->r.status, sizeof(x->r.status), "withdrawn");
	snprintf(x->r.closed_on, sizeof(x->r.closed_on), "%s", ctx->today);
	return wait_store_event(ctx->db, x->r.id, ctx->now, "withdraw",
	                        x->reason, x->by, &ctx->err);
}

static int skip_in_tx(struct app_ctx *ctx, struct step *x)
{
	x->r.on_hold = (char *)x->reason;
	return wait_store_event(
	    ctx->db, x->r.id, ctx->now, "skip",
	    arena_printf(ctx->arena, "暂缓：%s；保留轮候位置", x->reason),
	    x->by, &ctx->err);
}

static int step_in_tx(struct app_ctx *ctx, void *arg)
{
	struct step *x = arg;
	struct wait_app_row got;
	int rc;

	if (!strcmp(x->step, "offer"))
		rc = offer_in_tx(ctx, x);
	else if (!strcmp(x->step, "accept"))
		rc = accept_in_tx(ctx, x);
	else if (!strcmp(x->step, "decline"))
		rc = decline_in_tx(ctx, x, "declined");
	else if (!strcmp(x->step, "expire"))
		rc = decline_in_tx(ctx, x, "expired");
	else if (!strcmp(x->step, "withdraw"))
		rc = withdraw_in_tx(ctx, x);
	else
		rc = skip_in_tx(ctx, x);
	snprintf(x->r.updated_at, sizeof(x->r.updated_at), "%s", ctx->now);
	if (rc || wait_store_move(ctx->db, &x->r, x->from, &ctx->err) ||
	    wait_store_get(ctx->db, ctx->arena, x->r.id, &got, &ctx->err))
		return -1;
	x->out = wait_app_json(ctx, x->p, &got, NULL, 0);
	return app_audit(ctx, x->step, "wait_application",
	                 arena_printf(ctx->arena, "%lld", x->r.id), x->before,
	                 x->out);
}

static json_t *run(struct app_ctx *ctx, struct step *x)
{
	int rc;

	x->from = arena_strdup(ctx->arena, x->r.status);
	x->before = wait_app_json(ctx, x->p, &x->r, NULL, 0);
	rc = app_transaction(ctx, step_in_tx, x);
	json_decref(x->before);
	if (rc) {
		json_decref(x->out);
		return NULL;
	}
	return x->out;
}

int wait_expire_overdue(struct app_ctx *ctx, const char *list_key,
                        const char *region, long long *closed)
{
	long long *ids;
	size_t n;

	*closed = 0;
	if (wait_store_overdue(ctx->db, ctx->arena, ctx->today, list_key,
	                       region, &ids, &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct step x;
		json_t *out;

		memset(&x, 0, sizeof(x));
		x.step = "expire";
		x.reason = "";
		if (wait_store_get(ctx->db, ctx->arena, ids[i], &x.r,
		                   &ctx->err)) {
			/* an applicant the database keeps from this caller
			 * (PostgreSQL's region wall): left for one who sees
			 * it, or for the expiry run */
			if (ctx->err.code == LX_ENOTFOUND)
				continue;
			return -1;
		}
		if (!(x.p = wait_policy_of(ctx, x.r.list_region, "id")))
			return -1;
		{
			/* the lapse is the platform's doing whoever's read
			 * brought it about: audited as the system's */
			const struct principal *who = ctx->who;

			ctx->who = &app_system_principal;
			out = run(ctx, &x);
			ctx->who = who;
		}
		if (!out) {
			/* answered meanwhile by someone else: not ours */
			if (ctx->err.code == LX_ECONFLICT)
				continue;
			return -1;
		}
		json_decref(out);
		(*closed)++;
	}
	return 0;
}

/* The applicants waiting ahead of r on its list (not on hold, not
 * offered): an offer that passes them over needs a reason, recorded on
 * each of theirs. */
static int ahead_of(struct app_ctx *ctx, struct step *x)
{
	struct wait_list l;

	if (wait_list_load(ctx, x->r.list_key, x->r.list_region, &l))
		return -1;
	x->passed = arena_alloc(ctx->arena, (l.n + 1) * sizeof(*x->passed));
	for (size_t i = 0; i < l.n && l.items[i].row.id != x->r.id; i++)
		if (!strcmp(l.items[i].row.status, "waiting") &&
		    !*l.items[i].row.on_hold)
			x->passed[x->npassed++] = l.items[i].row.id;
	return 0;
}

static int offer_args(struct app_ctx *ctx, struct step *x)
{
	static const char *const keys[] = { "facility_id", "offered_on",
		                            "reason", NULL };
	json_t *fid = json_object_get(x->body, "facility_id");
	struct facility f;
	const char *on;
	struct lx_date d;

	if (body_only(x->body, keys, &ctx->err) ||
	    reason_field(ctx, x->body, 0, &x->reason))
		return -1;
	if (fid && (!json_is_integer(fid) || json_integer_value(fid) <= 0))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "give 'facility_id' (a positive whole number)");
	if (x->r.facility_id) {
		if (fid && json_integer_value(fid) != x->r.facility_id)
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "this list is the institution %lld's: "
			               "its offers are of its beds",
			               x->r.facility_id);
		x->facility_id = x->r.facility_id;
	} else {
		if (!fid)
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "give 'facility_id', the public "
			               "institution offering the bed");
		x->facility_id = json_integer_value(fid);
	}
	if (facility_store_get(ctx->db, ctx->arena, x->facility_id, ctx->today,
	                       &f, NULL) ||
	    !principal_sees_region(ctx->who, f.region))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "no facility %lld", x->facility_id);
	if (!wait_policy_covers(x->p, f.kind, f.ownership) ||
	    !region_code_is_within(f.region, x->r.list_region))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "'%s' is not a public institution of this "
		               "list's region",
		               f.name);
	if (f.closed_on[0] && strcmp(f.closed_on, ctx->today) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "'%s' closed on %s", f.name, f.closed_on);
	on = json_string_value(json_object_get(x->body, "offered_on"));
	if (json_object_get(x->body, "offered_on") &&
	    (!on || date_parse_field(on, &d, &ctx->err, "offered_on")))
		return lx_fail(&ctx->err, LX_EINVALID, "offered_on",
		               "'offered_on' is a day YYYY-MM-DD");
	if (!on)
		on = ctx->today;
	if (strcmp(on, ctx->today) > 0 || strcmp(on, x->r.applied_on) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "offered_on",
		               "'offered_on' %s must lie between the "
		               "application (%s) and today",
		               on, x->r.applied_on);
	snprintf(x->offered_on, sizeof(x->offered_on), "%s", on);
	if (ahead_of(ctx, x))
		return -1;
	if (x->npassed && !*x->reason)
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "%zu applicant(s) wait ahead of this one: give "
		               "'reason' for passing them over",
		               x->npassed);
	return 0;
}

json_t *app_wait_step(struct app_ctx *ctx, long long id, const char *step,
                      json_t *body)
{
	static const struct {
		const char *step, *from, *from2;
		int needs_reason;
	} steps[] = {
		{ "offer", "waiting", NULL, 0 },
		{ "accept", "offered", NULL, 0 },
		{ "decline", "offered", NULL, 1 },
		{ "skip", "waiting", NULL, 1 },
		{ "withdraw", "waiting", "offered", 1 },
	};
	static const char *const reason_only[] = { "reason", NULL };
	struct step x;
	long long closed;
	size_t k;

	memset(&x, 0, sizeof(x));
	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++)
		if (step && !strcmp(step, steps[k].step))
			break;
	if (k == sizeof(steps) / sizeof(steps[0]))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "step", "no step '%s'",
		               step ? step : ""),
		       NULL;
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (wait_load_visible(ctx, id, &x.r))
		return NULL;
	if (!principal_is_official(ctx->who) ||
	    !principal_sees_region(ctx->who, x.r.list_region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               "the list of application %lld is run by the "
		               "civil-affairs officials of %s",
		               id, x.r.list_region),
		       NULL;
	/* an answer to an offer past its deadline is too late: the offer
	 * lapses first (a decline), then the step meets the new state */
	if (wait_expire_overdue(ctx, x.r.list_key, NULL, &closed) ||
	    (closed &&
	     wait_store_get(ctx->db, ctx->arena, id, &x.r, &ctx->err)))
		return NULL;
	if (strcmp(x.r.status, steps[k].from) &&
	    (!steps[k].from2 || strcmp(x.r.status, steps[k].from2)))
		return lx_fail(&ctx->err, LX_ECONFLICT, "status",
		               "an application that is %s cannot take the "
		               "step '%s'",
		               wait_status_zh(x.r.status), step),
		       NULL;
	x.step = steps[k].step;
	x.body = body;
	x.by = ctx->who->account_id;
	snprintf(x.day, sizeof(x.day), "%s", ctx->today);
	if (!(x.p = wait_policy_of(ctx, x.r.list_region, "id")))
		return NULL;
	if (!strcmp(x.step, "offer")) {
		if (offer_args(ctx, &x))
			return NULL;
	} else if (body_only(body, reason_only, &ctx->err) ||
	           reason_field(ctx, body, steps[k].needs_reason, &x.reason)) {
		return NULL;
	}
	return run(ctx, &x);
}

json_t *app_wait_expire(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "region", NULL };
	json_t *v;
	const char *region = ctx->who->region[0] ? ctx->who->region : NULL;
	long long closed;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	v = json_object_get(body, "region");
	if (v) {
		if (!json_is_string(v) ||
		    !region_code_valid(json_string_value(v)) ||
		    !principal_sees_region(ctx->who, json_string_value(v)))
			return lx_fail(
			           &ctx->err, LX_EINVALID, "region",
			           "'region' is a region code in your scope"),
			       NULL;
		region = json_string_value(v);
	}
	if (wait_expire_overdue(ctx, NULL, region, &closed))
		return NULL;
	return json_pack("{s:s, s:I, s:s}", "on", ctx->today, "expired",
	                 (json_int_t)closed, "region", region ? region : "");
}
