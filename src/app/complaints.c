#include "app/complaints.h"

#include "app/indicators.h"
#include "app/inspect_hazard_found.h"
#include "app/params.h"
#include "app/pii.h"
#include "app/policy.h"
#include "core/complaint.h"
#include "core/complaint_calendar.h"
#include "core/date.h"
#include "core/inspect_hazard.h"
#include "store/facility_store.h"
#include "store/inspect_plan_store.h"
#include "store/region_store.h"

#include <stdio.h>
#include <string.h>

enum { SUMMARY_MAX = 4000, TEXT_MAX = 2000, NAME_MAX = 100 };

const struct complaint_policy *
complaint_policy_for(struct app_ctx *ctx, const char *region, const char *field)
{
	struct policy_view view;

	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.complaints)
		lx_fail(&ctx->err, LX_EINVALID, field,
		        "no policy file states complaints for region '%s'",
		        region);
	return view.complaints;
}

long complaint_day(const char *s)
{
	struct lx_date d;

	return s && *s && !date_parse(s, &d) ? date_to_days(d) : -1;
}

static const char *day_text(struct app_ctx *ctx, long day)
{
	char *buf = arena_alloc(ctx->arena, 11);

	date_format(date_from_days(day), buf);
	return buf;
}

int complaint_row_overdue(const struct complaint_row *c, long today)
{
	int s = complaint_status_parse(c->status);

	return s >= 0 && complaint_overdue((enum complaint_status)s,
	                                   complaint_day(c->deadline), today);
}

static struct complaint_facts facts_of(const struct complaint_row *c)
{
	struct complaint_facts f = { c->region, c->facility_id, c->filed_by,
		                     c->filed_by_family };

	return f;
}

static json_t *opt_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* The phone as the principal may see it: whole for those who handle the
 * complaint and the family that filed it, masked for the others. */
static json_t *phone_json(struct app_ctx *ctx, const struct complaint_row *c)
{
	struct complaint_facts f = facts_of(c);
	char masked[32];
	char *plain;

	if (!c->phone_sealed || !ctx->keys)
		return json_null();
	plain = pii_open(ctx->keys, ctx->arena, c->phone_sealed,
	                 c->phone_sealed_len);
	if (!plain)
		return json_null();
	if (complaint_may_see_phone(ctx->who, &f))
		return json_string(plain);
	pii_mask_phone(plain, masked, sizeof(masked));
	return json_string(masked);
}

static json_t *complaint_json(struct app_ctx *ctx,
                              const struct complaint_policy *p,
                              const struct complaint_row *c, long today)
{
	const struct complaint_code *ch =
	    complaint_policy_channel(p, c->channel);
	const struct complaint_code *cat =
	    complaint_policy_category(p, c->category);
	const struct complaint_code *lv =
	    c->satisfaction ? complaint_policy_level(p, c->satisfaction) : NULL;
	struct complaint_facts f = facts_of(c);
	int st = complaint_status_parse(c->status);
	long answered = complaint_day(c->answered_on);
	long cb_due = answered >= 0 ? answered + p->callback_days : -1;
	long cb = complaint_day(c->called_back_on);
	int may_reopen =
	    st == COMPLAINT_CALLED_BACK || st == COMPLAINT_CLOSED
	        ? complaint_may_reopen(c->satisfaction, p->satisfied,
	                               p->nsatisfied, cb, today, p->reopen_days)
	        : 0;
	/* the complainant's name is for those who handle the complaint and
	 * for the family that filed it: an operator never learns who
	 * complained about it */
	int personal = complaint_may_see_phone(ctx->who, &f);

	return json_pack(
	    "{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:o,"
	    " s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:i,"
	    " s:o, s:b, s:o, s:b, s:o, s:I, s:b, s:b, s:s, s:b}",
	    "id", (json_int_t)c->id, "channel", c->channel, "channel_name",
	    ch ? ch->name : c->channel, "facility_id",
	    c->facility_id ? json_integer(c->facility_id) : json_null(),
	    "facility_name", c->facility_name ? c->facility_name : "", "region",
	    c->region, "region_name", c->region_name ? c->region_name : "",
	    "category", c->category, "serious", c->serious, "category_name",
	    cat ? cat->name : c->category, "summary", c->summary, "complainant",
	    personal ? json_string(c->complainant ? c->complainant : "")
	             : json_null(),
	    "received_on", c->received_on, "assignee",
	    c->assignee ? c->assignee : "", "deadline", opt_str(c->deadline),
	    "status", c->status, "status_label",
	    st >= 0 ? complaint_status_label((enum complaint_status)st) : "",
	    "answered_on", opt_str(c->answered_on), "answer",
	    opt_str(c->answer), "called_back_on", opt_str(c->called_back_on),
	    "satisfaction",
	    c->satisfaction ? json_integer(c->satisfaction) : json_null(),
	    "satisfaction_name", lv ? json_string(lv->name) : json_null(),
	    "closed_on", opt_str(c->closed_on), "reopened", c->reopened,
	    "on_time", c->on_time < 0 ? json_null() : json_boolean(c->on_time),
	    "overdue", complaint_row_overdue(c, today), "callback_due",
	    cb_due >= 0 ? json_string(day_text(ctx, cb_due)) : json_null(),
	    "callback_overdue",
	    st == COMPLAINT_ANSWERED && cb_due >= 0 && today > cb_due,
	    "hazard_id",
	    c->hazard_id ? json_integer(c->hazard_id) : json_null(), "version",
	    (json_int_t)c->version, "filed_online", c->filed_by_family,
	    "may_reopen", may_reopen, "phone_note",
	    "电话号码加密保存，无权查看者只见前三位和后四位", "satisfied",
	    c->satisfaction &&
	        complaint_is_satisfied(c->satisfaction, p->satisfied,
	                               p->nsatisfied));
}

static json_t *full_json(struct app_ctx *ctx, const struct complaint_policy *p,
                         const struct complaint_row *c)
{
	struct complaint_step_row *v;
	size_t n;
	json_t *o, *steps;

	if (complaint_store_steps(ctx->db, ctx->arena, c->id, &v, &n,
	                          &ctx->err))
		return NULL;
	o = complaint_json(ctx, p, c, complaint_day(ctx->today));
	json_object_set_new(o, "phone", phone_json(ctx, c));
	steps = json_array();
	for (size_t i = 0; i < n; i++) {
		int s = complaint_step_parse(v[i].step);

		json_array_append_new(
		    steps,
		    json_pack(
		        "{s:I, s:s, s:s, s:s, s:s, s:s}", "version",
		        (json_int_t)v[i].version, "step", v[i].step, "label",
		        s >= 0 ? complaint_step_label((enum complaint_step)s)
		               : "受理",
		        "by", v[i].by_name ? v[i].by_name : "", "at", v[i].at,
		        "note", v[i].note ? v[i].note : ""));
	}
	json_object_set_new(o, "steps", steps);
	return o;
}

/* A text member of at most max bytes; required ones non-empty. */
static int body_text(struct app_ctx *ctx, json_t *body, const char *key,
                     int required, size_t max, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v) ||
	    (json_is_string(v) && !*json_string_value(v))) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, key, "give '%s'",
			               key);
		return 0;
	}
	if (!json_is_string(v))
		return lx_fail(&ctx->err, LX_EINVALID, key, "'%s' must be text",
		               key);
	if (json_string_length(v) > max)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' is longer than %zu bytes", key, max);
	*out = json_string_value(v);
	return 0;
}

/* A serious complaint about a facility becomes a case check (个案检查,
 * never announced) with a hazard on it, so supervision follows it up
 * with its own deadline and escalation. */
static int open_hazard(struct app_ctx *ctx, const struct complaint_policy *p,
                       struct complaint_row *c)
{
	struct inspect_check_row k = { 0 };
	struct icheck_row ic;
	long long hz = 0;
	int added = 0, sev = hazard_lookup(hazard_severity_names, HS__MAX,
	                                   p->hazard_severity);
	const char *what;

	if (sev < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "category",
		               "the policy's hazard severity is unknown");
	k.facility_id = c->facility_id;
	k.kind = "case";
	k.items = "";
	k.scheduled_on = ctx->today;
	k.status = "scheduled";
	k.note = arena_printf(ctx->arena, "投诉第%lld号转立个案检查", c->id);
	if (inspect_store_check_add(ctx->db, &k, ctx->who->account_id, ctx->now,
	                            &ctx->err) ||
	    icheck_store_get(ctx->db, ctx->arena, k.id, &ic, &ctx->err))
		return -1;
	what = arena_printf(ctx->arena, "投诉第%lld号：%s", c->id, c->summary);
	if (inspect_hazard_found(ctx, &ic, "", p->hazard_domain, sev, what, &hz,
	                         &added))
		return -1;
	c->hazard_id = hz;
	return hz ? complaint_store_set_hazard(ctx->db, c->id, hz, &ctx->err)
	          : 0;
}

/* The audit's copy: the phone stays sealed in its row, never in the
 * audit log. Caller decrefs. */
static json_t *audit_copy(json_t *o)
{
	json_t *c = o ? json_deep_copy(o) : NULL;

	if (c)
		json_object_del(c, "phone");
	return c;
}

static int audit_step(struct app_ctx *ctx, const char *action, long long id,
                      json_t *before, json_t *after)
{
	json_t *a = audit_copy(after), *b = audit_copy(before);
	int rc = app_audit(ctx, action, "complaint",
	                   arena_printf(ctx->arena, "%lld", id), b, a);

	json_decref(a);
	json_decref(b);
	return rc;
}

struct intake {
	struct complaint_row c;
	const struct complaint_policy *p;
	size_t hash_len;
	int open_hazard;
	json_t *out;
};

static int intake_in_tx(struct app_ctx *ctx, void *arg)
{
	struct intake *x = arg;
	struct complaint_row after;

	if (complaint_store_add(ctx->db, &x->c, x->hash_len, &ctx->err) ||
	    (x->open_hazard && open_hazard(ctx, x->p, &x->c)) ||
	    complaint_store_get(ctx->db, ctx->arena, x->c.id, &after,
	                        &ctx->err) ||
	    !(x->out = full_json(ctx, x->p, &after)))
		return -1;
	if (audit_step(ctx, "create", x->c.id, NULL, x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

static int read_phone(struct app_ctx *ctx, json_t *body, struct intake *x)
{
	const char *s;
	char norm[24];
	size_t k = 0;
	unsigned char *h;

	if (body_text(ctx, body, "phone", 0, 30, &s))
		return -1;
	if (!s)
		return 0;
	for (const char *q = s; *q; q++) {
		if (*q >= '0' && *q <= '9' && k < sizeof(norm) - 1)
			norm[k++] = *q;
		else if (!strchr(" -+", *q))
			return lx_fail(&ctx->err, LX_EINVALID, "phone",
			               "'phone' must be a phone number");
	}
	norm[k] = 0;
	if (k < 7 || k > 20)
		return lx_fail(&ctx->err, LX_EINVALID, "phone",
		               "'phone' must be a phone number");
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINVALID, "phone",
		               "no key to seal the phone number with");
	h = arena_alloc(ctx->arena, PII_HASH_BYTES);
	pii_hash(ctx->keys, norm, h);
	x->c.phone_hash = h;
	x->hash_len = PII_HASH_BYTES;
	x->c.phone_sealed =
	    pii_seal(ctx->keys, ctx->arena, norm, &x->c.phone_sealed_len);
	return 0;
}

json_t *app_complaint_create(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "channel", "category",
		                            "summary", "facility_id",
		                            "region",  "complainant",
		                            "phone",   "received_on",
		                            NULL };
	struct intake x = { 0 };
	const struct complaint_code *ch, *cat;
	const char *channel, *category, *summary, *name, *region = NULL;
	const char *received;
	json_t *fid;
	int family = ctx->who->role == ROLE_FAMILY;
	long day;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    body_text(ctx, body, "category", 1, 32, &category) ||
	    body_text(ctx, body, "summary", 1, SUMMARY_MAX, &summary) ||
	    body_text(ctx, body, "complainant", 0, NAME_MAX, &name) ||
	    body_text(ctx, body, "channel", !family, 16, &channel) ||
	    body_text(ctx, body, "received_on", 0, 10, &received))
		return NULL;
	fid = json_object_get(body, "facility_id");
	if (fid && !json_is_null(fid)) {
		struct facility f;

		if (!json_is_integer(fid) || json_integer_value(fid) <= 0 ||
		    facility_store_get(ctx->db, ctx->arena,
		                       json_integer_value(fid), NULL, &f, NULL))
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "'facility_id' must name a facility"),
			       NULL;
		x.c.facility_id = f.id;
		x.c.facility_name = f.name;
		region = arena_strdup(ctx->arena, f.region);
	} else if (param_region(body, "region", &region, &ctx->err)) {
		ctx->err.code = LX_EINVALID;
		return NULL;
	}
	if (!region)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "name the facility ('facility_id') or the "
		               "region ('region') the complaint is about"),
		       NULL;
	if (region_store_exists(ctx->db, region) != 1)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s'", region),
		       NULL;
	if (!complaint_may_file(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "you do not take complaints in region '%s'",
		               region),
		       NULL;
	if (!(x.p = complaint_policy_for(ctx, region, "region")))
		return NULL;
	/* a family files online, on the day it files */
	if (family) {
		if ((channel && strcmp(channel, "online")) || received)
			return lx_fail(&ctx->err, LX_EINVALID,
			               channel && strcmp(channel, "online")
			                   ? "channel"
			                   : "received_on",
			               "a family files online, on the day"),
			       NULL;
		channel = "online";
	}
	if (!(ch = complaint_policy_channel(x.p, channel)))
		return lx_fail(&ctx->err, LX_EINVALID, "channel",
		               "'%.20s' is not a channel of the policy",
		               channel),
		       NULL;
	if (!(cat = complaint_policy_category(x.p, category)))
		return lx_fail(&ctx->err, LX_EINVALID, "category",
		               "'%.30s' is not a category of the policy",
		               category),
		       NULL;
	day = received ? complaint_day(received) : complaint_day(ctx->today);
	if (day < 0 || day > complaint_day(ctx->today))
		return lx_fail(&ctx->err, LX_EINVALID, "received_on",
		               "'received_on' must be a date, not after today"),
		       NULL;
	if (read_phone(ctx, body, &x))
		return NULL;
	snprintf(x.c.channel, sizeof(x.c.channel), "%s", ch->code);
	snprintf(x.c.category, sizeof(x.c.category), "%s", cat->code);
	snprintf(x.c.region, sizeof(x.c.region), "%s", region);
	date_format(date_from_days(day), x.c.received_on);
	/* the deadline runs from receipt, whoever it is assigned to */
	date_format(date_from_days(complaint_add_working_days(
	                &x.p->calendar, day, x.p->deadline_days)),
	            x.c.deadline);
	x.c.serious = cat->serious;
	x.c.summary = (char *)summary;
	x.c.complainant = (char *)(name ? name : "");
	x.c.filed_by = ctx->who->account_id;
	x.c.created_at = ctx->now;
	/* filed by an official, a serious complaint about a facility opens
	 * a hazard at once; filed online, when an official assigns it */
	x.open_hazard = cat->serious && x.c.facility_id && !family;
	if (app_transaction(ctx, intake_in_tx, &x)) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}

struct take {
	long long id, version;
	enum complaint_step step;
	struct complaint_change ch;
	const char *note;
	const struct complaint_policy *p;
	struct complaint_row c;
	int open_hazard;
	json_t *before, *out;
};

static int take_in_tx(struct app_ctx *ctx, void *arg)
{
	struct take *x = arg;
	struct complaint_row after;

	if (complaint_store_step(ctx->db, x->id, x->version, &x->ch,
	                         complaint_step_name(x->step), x->note,
	                         ctx->who->account_id, ctx->now, &ctx->err) ||
	    (x->open_hazard && open_hazard(ctx, x->p, &x->c)) ||
	    complaint_store_get(ctx->db, ctx->arena, x->id, &after,
	                        &ctx->err) ||
	    !(x->out = full_json(ctx, x->p, &after)))
		return -1;
	if (audit_step(ctx, complaint_step_name(x->step), x->id, x->before,
	               x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

/* The step's own fields into x->ch; -1 with err naming the field. */
static int step_fields(struct app_ctx *ctx, json_t *body, struct take *x)
{
	const char *s;
	long today = complaint_day(ctx->today);

	switch (x->step) {
	case COMPLAINT_ASSIGN:
		if (body_text(ctx, body, "assignee", 1, NAME_MAX, &s))
			return -1;
		x->ch.assignee = s;
		x->open_hazard =
		    x->c.serious && x->c.facility_id && !x->c.hazard_id;
		return 0;
	case COMPLAINT_ANSWER:
		if (body_text(ctx, body, "answer", 1, TEXT_MAX, &s))
			return -1;
		x->ch.answer = s;
		x->ch.answered_on = ctx->today;
		x->ch.on_time =
		    complaint_on_time(today, complaint_day(x->c.deadline));
		return 0;
	case COMPLAINT_CALLBACK: {
		json_t *v = json_object_get(body, "satisfaction");
		const struct complaint_code *lv;

		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 5)
			return lx_fail(&ctx->err, LX_EINVALID, "satisfaction",
			               "'satisfaction' is a level from 5 "
			               "(非常满意) to 1 (非常不满意)");
		x->ch.satisfaction = (int)json_integer_value(v);
		x->ch.called_back_on = ctx->today;
		/* the history says how satisfied, beside any note */
		lv = complaint_policy_level(x->p, x->ch.satisfaction);
		if (lv)
			x->note = arena_printf(ctx->arena, "%s%s%s", lv->name,
			                       x->note && *x->note ? "：" : "",
			                       x->note ? x->note : "");
		return 0;
	}
	case COMPLAINT_CLOSE:
		x->ch.closed_on = ctx->today;
		return 0;
	case COMPLAINT_REOPEN:
		if (!x->note || !*x->note)
			return lx_fail(&ctx->err, LX_EINVALID, "note",
			               "a reopening needs its reason ('note')");
		if (!complaint_may_reopen(x->c.satisfaction, x->p->satisfied,
		                          x->p->nsatisfied,
		                          complaint_day(x->c.called_back_on),
		                          today, x->p->reopen_days))
			return lx_fail(&ctx->err, LX_ECONFLICT, "id",
			               "complaint %lld may be reopened only "
			               "when the call-back was not satisfied, "
			               "within %d days of it",
			               x->id, x->p->reopen_days);
		x->ch.reopen = 1;
		x->ch.deadline = day_text(
		    ctx, complaint_add_working_days(&x->p->calendar, today,
		                                    x->p->deadline_days));
		return 0;
	default:
		return -1;
	}
}

json_t *app_complaint_step(struct app_ctx *ctx, long long id, const char *step,
                           json_t *body)
{
	static const char *const keys[] = { "note",         "version",
		                            "assignee",     "answer",
		                            "satisfaction", NULL };
	struct take x = { .id = id };
	struct complaint_facts f;
	int s = complaint_step_parse(step), next, st;
	enum lx_code may;
	json_t *v;

	if (s < 0)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "", "no step '%.20s'",
		               step ? step : ""),
		       NULL;
	x.step = (enum complaint_step)s;
	if (body && !json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (complaint_store_get(ctx->db, ctx->arena, id, &x.c, NULL))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no complaint %lld", id),
		       NULL;
	f = facts_of(&x.c);
	may = complaint_may_take(ctx->who, &f, x.step);
	if (may == LX_ENOTFOUND)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no complaint %lld", id),
		       NULL;
	if (may != LX_OK)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "step '%s' is taken by the officials who "
		               "handle complaints",
		               complaint_step_name(x.step)),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    body_text(ctx, body, "note", 0, TEXT_MAX, &x.note))
		return NULL;
	v = json_object_get(body, "version");
	if (v && !json_is_integer(v))
		return lx_fail(&ctx->err, LX_EINVALID, "version",
		               "'version' must be the version read"),
		       NULL;
	/* the version read guards the step; without one, the version just
	 * read does (the status below still refuses a repeated step) */
	x.version = v ? json_integer_value(v) : x.c.version;
	if (x.version != x.c.version)
		return lx_fail(&ctx->err, LX_ECONFLICT, "version",
		               "complaint %lld is at version %lld, not %lld: "
		               "reload it",
		               id, x.c.version, x.version),
		       NULL;
	st = complaint_status_parse(x.c.status);
	next = st < 0 ? -1 : complaint_next((enum complaint_status)st, x.step);
	if (next < 0)
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "complaint %lld is '%s': step '%s' does not "
		               "follow",
		               id, x.c.status, complaint_step_name(x.step)),
		       NULL;
	if (!(x.p = complaint_policy_for(ctx, x.c.region, "id")))
		return NULL;
	x.ch.satisfaction = -1;
	x.ch.on_time = -1;
	x.ch.status = complaint_status_name((enum complaint_status)next);
	if (step_fields(ctx, body, &x))
		return NULL;
	x.before = complaint_json(ctx, x.p, &x.c, complaint_day(ctx->today));
	if (app_transaction(ctx, take_in_tx, &x)) {
		json_decref(x.before);
		json_decref(x.out);
		return NULL;
	}
	json_decref(x.before);
	return x.out;
}

json_t *app_complaint_get(struct app_ctx *ctx, long long id)
{
	struct complaint_row c;
	struct complaint_facts f;
	const struct complaint_policy *p;

	if (complaint_store_get(ctx->db, ctx->arena, id, &c, NULL) ||
	    (f = facts_of(&c), !complaint_may_see(ctx->who, &f)))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no complaint %lld", id),
		       NULL;
	if (!(p = complaint_policy_for(ctx, c.region, "id")))
		return NULL;
	return full_json(ctx, p, &c);
}

int complaint_rows_visible(struct app_ctx *ctx, json_t *params,
                           struct complaint_query *q,
                           struct complaint_row **out, size_t *n)
{
	struct complaint_row *v;
	size_t m, k = 0;

	if (param_region(params, "region", &q->region, &ctx->err) ||
	    param_date(params, "from", &q->from, &ctx->err) ||
	    param_date(params, "to", &q->to, &ctx->err))
		return -1;
	if (q->region) {
		if (app_visible_region(ctx, params, &q->region))
			return -1;
	} else if (ctx->who->region[0] && ctx->who->role != ROLE_FAMILY &&
	           ctx->who->role != ROLE_OPERATOR) {
		q->region = ctx->who->region;
	}
	if (ctx->who->role == ROLE_FAMILY)
		q->filed_by = ctx->who->account_id;
	if (ctx->who->role == ROLE_OPERATOR) {
		q->facilities = ctx->who->facilities;
		q->nfacilities = ctx->who->nfacilities;
		if (!q->facilities) /* an operator with none sees none */
			q->facilities = &q->facility_id;
	}
	if (complaint_store_list(ctx->db, ctx->arena, q, &v, &m, &ctx->err))
		return -1;
	for (size_t i = 0; i < m; i++) {
		struct complaint_facts f = facts_of(&v[i]);

		if (complaint_may_see(ctx->who, &f))
			v[k++] = v[i];
	}
	*out = v;
	*n = k;
	return 0;
}

json_t *app_complaint_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = {
		"region", "status",  "category", "facility_id", "from", "to",
		"on",     "overdue", "limit",    "offset",      NULL
	};
	struct complaint_query q = { 0 };
	struct complaint_row *v;
	const char *on;
	long overdue = 0, limit, offset, fac = 0, today;
	size_t n;
	json_int_t total = 0, open = 0, late = 0;
	json_t *items;
	const struct complaint_policy *p = NULL;
	char pregion[13] = "";

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "overdue", 0, 0, 1, &overdue, &ctx->err) ||
	    param_long(params, "facility_id", 0, 0, 1L << 53, &fac,
	               &ctx->err) ||
	    param_long(params, "limit", 200, 1, 1000, &limit, &ctx->err) ||
	    param_long(params, "offset", 0, 0, 1L << 30, &offset, &ctx->err) ||
	    param_date(params, "on", &on, &ctx->err))
		return NULL;
	q.status = param_str(params, "status");
	if (q.status && strcmp(q.status, "open") &&
	    complaint_status_parse(q.status) < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "'status' must be open, received, assigned, "
		               "answered, called_back or closed"),
		       NULL;
	q.category = param_str(params, "category");
	q.facility_id = fac;
	today = complaint_day(on ? on : ctx->today);
	if (complaint_rows_visible(ctx, params, &q, &v, &n))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		int od = complaint_row_overdue(&v[i], today);

		open += strcmp(v[i].status, "closed") != 0;
		late += od;
		if (overdue && !od)
			continue;
		if (total++ < offset || total > offset + limit)
			continue;
		/* rows of one list share a policy unless regions differ */
		if (!p || strcmp(pregion, v[i].region)) {
			if (!(p = complaint_policy_for(ctx, v[i].region,
			                               "region"))) {
				json_decref(items);
				return NULL;
			}
			snprintf(pregion, sizeof(pregion), "%s", v[i].region);
		}
		json_array_append_new(items,
		                      complaint_json(ctx, p, &v[i], today));
	}
	return json_pack("{s:o, s:I, s:{s:I, s:I}, s:s}", "items", items,
	                 "total", total, "counts", "open", open, "overdue",
	                 late, "on", day_text(ctx, today));
}

json_t *app_complaint_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const struct complaint_policy *p;
	const char *region;
	json_t *chans = json_array(), *cats = json_array(),
	       *levels = json_array(), *sat = json_array();

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		goto fail;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	if (!region) {
		lx_fail(&ctx->err, LX_EMALFORMED, "region",
		        "give the region's 12-digit code");
		goto fail;
	}
	if (!(p = complaint_policy_for(ctx, region, "region")))
		goto fail;
	for (size_t i = 0; i < p->nchannels; i++)
		json_array_append_new(
		    chans, json_pack("{s:s, s:s}", "code", p->channels[i].code,
		                     "name", p->channels[i].name));
	for (size_t i = 0; i < p->ncategories; i++)
		json_array_append_new(
		    cats,
		    json_pack("{s:s, s:s, s:b}", "code", p->categories[i].code,
		              "name", p->categories[i].name, "serious",
		              p->categories[i].serious));
	for (size_t i = 0; i < p->nlevels; i++)
		json_array_append_new(
		    levels, json_pack("{s:i, s:s}", "level", p->levels[i].level,
		                      "name", p->levels[i].name));
	for (size_t i = 0; i < p->nsatisfied; i++)
		json_array_append_new(sat, json_integer(p->satisfied[i]));
	return json_pack(
	    "{s:o, s:o, s:o, s:o, s:i, s:i, s:i, s:s, s:s}", "channels", chans,
	    "categories", cats, "levels", levels, "satisfied", sat,
	    "deadline_days", p->deadline_days, "callback_days",
	    p->callback_days, "reopen_days", p->reopen_days, "deadline_source",
	    p->deadline_source, "calendar_source", p->calendar_source);
fail:
	json_decref(chans);
	json_decref(cats);
	json_decref(levels);
	json_decref(sat);
	return NULL;
}
