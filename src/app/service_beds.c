#include "app/service_beds.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/service_bed_policy.h"
#include "app/service_elements.h"
#include "app/service_policy.h"
#include "core/assessment.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/person.h"
#include "core/region_code.h"
#include "core/service_bed.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/region_store.h"
#include "store/service_bed_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TEXT_MAX = 2000, PLAN_ITEMS_MAX = 30, TIMES_MAX = 62 };

/* The policy section of a region: the nearest file's. NULL with err
 * (naming field) when no policy has one. */
static const struct family_bed_policy *bed_policy(struct app_ctx *ctx,
                                                  const char *region,
                                                  const char *field,
                                                  struct policy_view *view)
{
	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded"),
		       NULL;
	if (app_policy_view(ctx, region, view))
		return NULL;
	if (!view->family_beds)
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "no policy of region '%s' has a family_beds "
		               "section",
		               region),
		       NULL;
	return view->family_beds;
}

/* Who may see a bed: the operator of its facility, or anyone else whose
 * region holds the person's. */
static int may_see(const struct principal *who, const struct bed_row *b)
{
	if (who->role == ROLE_OPERATOR) {
		for (size_t i = 0; i < who->nfacilities; i++)
			if (who->facilities[i] == b->facility_id)
				return 1;
		return 0;
	}
	if (who->role == ROLE_FAMILY || who->role == ROLE_VISITOR)
		return 0;
	return principal_sees_region(who, b->region);
}

static int may_write(const struct principal *who, const struct bed_row *b)
{
	return who->role != ROLE_READONLY && may_see(who, b);
}

static json_t *opt_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *bed_json(const struct bed_row *b)
{
	json_t *plan =
	    b->plan && *b->plan ? json_loads(b->plan, 0, NULL) : NULL;
	int st = bed_status_parse(b->status);

	return json_pack(
	    "{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:s,"
	    " s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s}",
	    "id", (json_int_t)b->id, "person_id", (json_int_t)b->person_id,
	    "person_name", b->person_name ? b->person_name : "", "region",
	    b->region, "facility_id", (json_int_t)b->facility_id,
	    "facility_name", b->facility_name ? b->facility_name : "",
	    "region_name", b->region_name ? b->region_name : "", "status",
	    b->status, "status_label", bed_status_zh((enum bed_status)st),
	    "basis", b->basis ? b->basis : "", "assessed_on",
	    opt_str(b->assessed_on), "care_level",
	    b->care_level ? b->care_level : "", "adaptation",
	    b->adaptation ? b->adaptation : "", "devices",
	    b->devices ? b->devices : "", "plan", plan ? plan : json_array(),
	    "set_up_on", opt_str(b->set_up_on), "active_from",
	    opt_str(b->active_from), "removed_on", opt_str(b->removed_on),
	    "created_at", json_string(b->created_at), "removed_reason",
	    b->removed_reason ? b->removed_reason : "", "updated_at",
	    b->updated_at);
}

/* The bed, its logs flagged against the standard of its region's
 * policy. */
static json_t *full_json(struct app_ctx *ctx, const struct bed_row *b)
{
	struct policy_view view;
	const struct family_bed_policy *p =
	    bed_policy(ctx, b->region, "id", &view);
	struct bed_log_row *logs;
	size_t n;
	json_t *out, *arr;

	if (!p ||
	    bed_store_logs(ctx->db, ctx->arena, b->id, &logs, &n, &ctx->err))
		return NULL;
	out = bed_json(b);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		int held = bed_month_held(logs[i].month, b->active_from,
		                          b->removed_on);
		int under =
		    held &&
		    bed_month_under(logs[i].visits, logs[i].minutes,
		                    p->min_visits_month, p->min_minutes_month);

		json_array_append_new(
		    arr, json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:b, s:b}",
		                   "month", logs[i].month, "visits",
		                   (json_int_t)logs[i].visits, "minutes",
		                   (json_int_t)logs[i].minutes, "items",
		                   logs[i].items, "note", logs[i].note,
		                   "recorded_at", logs[i].recorded_at, "held",
		                   held, "under_standard", under));
	}
	json_object_set_new(out, "logs", arr);
	/* the catalogue's elderly items, for the set-up form */
	arr = json_array();
	for (size_t i = 0; view.services && i < view.services->nitems; i++)
		if (view.services->items[i].for_whom == SF_ELDERLY)
			json_array_append_new(
			    arr, json_pack("{s:s, s:s}", "code",
			                   view.services->items[i].code, "name",
			                   view.services->items[i].name));
	json_object_set_new(out, "catalogue", arr);
	json_object_set_new(out, "standard",
	                    json_pack("{s:I, s:I, s:s}", "min_visits_month",
	                              (json_int_t)p->min_visits_month,
	                              "min_minutes_month",
	                              (json_int_t)p->min_minutes_month,
	                              "source", p->standard_source));
	return out;
}

static int body_text(struct app_ctx *ctx, json_t *body, const char *key,
                     int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
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

static int body_day(struct app_ctx *ctx, json_t *body, const char *key,
                    const char **out)
{
	struct lx_date d;

	if (body_text(ctx, body, key, 1, out) ||
	    date_parse_field(*out, &d, &ctx->err, key))
		return -1;
	if (strcmp(*out, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' %s is after today", key, *out);
	return 0;
}

static long long body_count(struct app_ctx *ctx, json_t *body, const char *key,
                            long long max)
{
	json_t *v = json_object_get(body, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > max)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a whole number from 0 to %lld",
		               key, max);
	return json_integer_value(v);
}

/* The categories the person holds on day, as a mask. */
static unsigned held_on(const struct person *p, const char *day)
{
	unsigned mask = 0;

	for (size_t i = 0; i < p->ncategories; i++) {
		const struct person_category *c = &p->categories[i];
		int k = enum_lookup(&person_category_names, c->category);

		if (k >= 0 && strcmp(c->start, day) <= 0 &&
		    (!c->end[0] || strcmp(c->end, day) >= 0))
			mask |= 1u << k;
	}
	return mask;
}

struct write {
	struct bed_row b;
	const char *from; /* NULL: a new bed */
	json_t *before, *out;
	const char *action;
	struct bed_log_row log;
};

static int write_in_tx(struct app_ctx *ctx, void *arg)
{
	struct write *x = arg;
	struct bed_row after;

	if (x->log.month[0]) {
		if (bed_store_log_put(ctx->db, &x->log, ctx->who->account_id,
		                      ctx->now, &ctx->err))
			return -1;
	} else if (x->from ? bed_store_move(ctx->db, &x->b, x->from, &ctx->err)
	                   : bed_store_add(ctx->db, &x->b, ctx->who->account_id,
	                                   &ctx->err)) {
		return -1;
	}
	if (bed_store_get(ctx->db, ctx->arena, x->b.id, &after, &ctx->err) ||
	    !(x->out = full_json(ctx, &after)))
		return -1;
	return app_audit(ctx, x->action, "family_bed",
	                 arena_printf(ctx->arena, "%lld", x->b.id), x->before,
	                 x->out);
}

static json_t *run(struct app_ctx *ctx, struct write *x)
{
	int rc = app_transaction(ctx, write_in_tx, x);

	json_decref(x->before);
	if (rc) {
		json_decref(x->out);
		return NULL;
	}
	return x->out;
}

json_t *app_bed_create(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "person_id", "facility_id", "basis",
		                            NULL };
	struct write x = { 0 };
	struct policy_view view;
	const struct family_bed_policy *p;
	struct person per;
	struct facility f;
	json_t *pid, *fid;
	const char *basis;
	int age;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	pid = json_object_get(body, "person_id");
	fid = json_object_get(body, "facility_id");
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!json_is_integer(pid) || json_integer_value(pid) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "give 'person_id' (a positive whole number)"),
		       NULL;
	if (!json_is_integer(fid) || json_integer_value(fid) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "give 'facility_id', the providing facility"),
		       NULL;
	if (body_text(ctx, body, "basis", 0, &basis))
		return NULL;
	x.b.person_id = json_integer_value(pid);
	x.b.facility_id = json_integer_value(fid);
	if (facility_store_get(ctx->db, ctx->arena, x.b.facility_id, NULL, &f,
	                       NULL) ||
	    !principal_sees_facility(ctx->who, f.region, f.id))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "no facility %lld", x.b.facility_id),
		       NULL;
	if (!facility_kind_is_elderly((enum facility_kind)f.kind))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "facility %lld does not provide elderly care",
		               x.b.facility_id),
		       NULL;
	if (f.closed_on[0] && strcmp(f.closed_on, ctx->today) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "facility %lld closed on %s", x.b.facility_id,
		               f.closed_on),
		       NULL;
	/* someone the caller may not see is "no such person" */
	if (person_store_get(ctx->db, ctx->arena, x.b.person_id, &per, NULL) ||
	    strcmp(per.kind, "elderly") ||
	    !principal_sees_region(ctx->who, per.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "no person %lld", x.b.person_id),
		       NULL;
	if (per.deceased_on[0])
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "person %lld died on %s", x.b.person_id,
		               per.deceased_on),
		       NULL;
	if (!(p = bed_policy(ctx, per.region, "person_id", &view)))
		return NULL;
	age = person_age_on(per.birth_date, ctx->today);
	if (category_rule_match(&p->eligible, held_on(&per, ctx->today), age) <
	    0)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "person %lld does not meet the family-bed rule "
		               "of the policy (%s)",
		               x.b.person_id, p->eligible_source),
		       NULL;
	snprintf(x.b.region, sizeof(x.b.region), "%s", per.region);
	x.b.basis = (char *)(basis ? basis : "");
	snprintf(x.b.created_at, sizeof(x.b.created_at), "%s", ctx->now);
	x.action = "create";
	return run(ctx, &x);
}

/* A plan: [{item, times}], items from the services catalogue, each once,
 * times a month 1..TIMES_MAX. Returns its JSON text (arena-owned). */
static char *read_plan(struct app_ctx *ctx, const struct policy_view *view,
                       json_t *plan)
{
	static const char *const keys[] = { "item", "times", NULL };
	json_t *e, *norm;
	size_t i;
	char *text, *out;

	if (!json_is_array(plan) || !json_array_size(plan) ||
	    json_array_size(plan) > PLAN_ITEMS_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "plan",
		               "'plan' is a list of 1 to %d items: [{\"item\": "
		               "code, \"times\": a month}]",
		               PLAN_ITEMS_MAX),
		       NULL;
	norm = json_array();
	json_array_foreach(plan, i, e)
	{
		const char *code =
		    json_string_value(json_object_get(e, "item"));
		json_t *t = json_object_get(e, "times");
		const struct service_item *it;

		if (!json_is_object(e) || body_only(e, keys, &ctx->err) ||
		    !code || !(it = service_policy_item(view->services, code)))
			goto bad;
		if (!json_is_integer(t) || json_integer_value(t) < 1 ||
		    json_integer_value(t) > TIMES_MAX)
			goto bad;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(code,
			            json_string_value(json_object_get(
			                json_array_get(plan, k), "item"))))
				goto bad;
		json_array_append_new(
		    norm,
		    json_pack("{s:s, s:s, s:I}", "item", code, "name", it->name,
		              "times", (json_int_t)json_integer_value(t)));
	}
	text = json_dumps(norm, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(norm);
	out = arena_strdup(ctx->arena, text ? text : "[]");
	free(text);
	return out;
bad:
	json_decref(norm);
	return lx_fail(&ctx->err, LX_EINVALID,
	               arena_printf(ctx->arena, "plan[%zu]", i),
	               "each plan row is {\"item\": a code of the services "
	               "catalogue, once, \"times\": 1 to %d a month}",
	               TIMES_MAX),
	       NULL;
}

static int step_assess(struct app_ctx *ctx, json_t *body, struct bed_row *b)
{
	static const char *const keys[] = { "assessed_on", "care_level", NULL };
	const char *on, *level;
	struct person per;

	if (body_only(body, keys, &ctx->err) ||
	    body_day(ctx, body, "assessed_on", &on) ||
	    body_text(ctx, body, "care_level", 0, &level))
		return -1;
	if (!level || !*level) {
		/* the person's latest assessment, where there is one */
		if (person_store_get(ctx->db, ctx->arena, b->person_id, &per,
		                     &ctx->err))
			return -1;
		if (per.level < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "care_level",
			               "person %lld has no assessment: give "
			               "'care_level'",
			               b->person_id);
		level = assess_level_zh((enum assess_level)per.level);
	}
	snprintf(b->assessed_on, sizeof(b->assessed_on), "%s", on);
	b->care_level = (char *)level;
	return 0;
}

static int after_day(struct app_ctx *ctx, const char *key, const char *day,
                     const char *earlier, const char *what)
{
	if (earlier[0] && strcmp(day, earlier) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' %s is before %s (%s)", key, day, what,
		               earlier);
	return 0;
}

static int step_set_up(struct app_ctx *ctx, json_t *body, struct bed_row *b)
{
	static const char *const keys[] = { "set_up_on", "adaptation",
		                            "devices", "plan", NULL };
	struct policy_view view;
	const struct family_bed_policy *p =
	    bed_policy(ctx, b->region, "id", &view);
	const char *on, *adapt, *dev;

	if (!p || body_only(body, keys, &ctx->err) ||
	    body_day(ctx, body, "set_up_on", &on) ||
	    after_day(ctx, "set_up_on", on, b->assessed_on, "the assessment") ||
	    body_text(ctx, body, "adaptation", p->needs_adaptation, &adapt) ||
	    body_text(ctx, body, "devices", p->needs_devices, &dev) ||
	    !(b->plan = read_plan(ctx, &view, json_object_get(body, "plan"))))
		return -1;
	snprintf(b->set_up_on, sizeof(b->set_up_on), "%s", on);
	b->adaptation = (char *)(adapt ? adapt : "");
	b->devices = (char *)(dev ? dev : "");
	return 0;
}

static int step_activate(struct app_ctx *ctx, json_t *body, struct bed_row *b)
{
	static const char *const keys[] = { "active_from", NULL };
	const char *on;

	if (body_only(body, keys, &ctx->err) ||
	    body_day(ctx, body, "active_from", &on) ||
	    after_day(ctx, "active_from", on, b->set_up_on, "the set-up"))
		return -1;
	snprintf(b->active_from, sizeof(b->active_from), "%s", on);
	return 0;
}

static int step_remove(struct app_ctx *ctx, json_t *body, struct bed_row *b)
{
	static const char *const keys[] = { "removed_on", "reason", NULL };
	const char *on, *reason;

	if (body_only(body, keys, &ctx->err) ||
	    body_day(ctx, body, "removed_on", &on) ||
	    body_text(ctx, body, "reason", 1, &reason) ||
	    after_day(ctx, "removed_on", on, b->active_from, "the start") ||
	    after_day(ctx, "removed_on", on, b->set_up_on, "the set-up") ||
	    after_day(ctx, "removed_on", on, b->assessed_on, "the assessment"))
		return -1;
	snprintf(b->removed_on, sizeof(b->removed_on), "%s", on);
	b->removed_reason = (char *)reason;
	return 0;
}

/* The bed the caller may see; LX_ENOTFOUND otherwise. */
static int load(struct app_ctx *ctx, long long id, struct bed_row *b)
{
	if (bed_store_get(ctx->db, ctx->arena, id, b, &ctx->err))
		return -1;
	if (!may_see(ctx->who, b))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no family bed %lld", id);
	return 0;
}

json_t *app_bed_step(struct app_ctx *ctx, long long id, const char *step,
                     json_t *body)
{
	static const struct {
		const char *step;
		enum bed_status to;
		int (*fn)(struct app_ctx *, json_t *, struct bed_row *);
	} steps[] = {
		{ "assess", BED_ASSESSED, step_assess },
		{ "set_up", BED_SET_UP, step_set_up },
		{ "activate", BED_ACTIVE, step_activate },
		{ "remove", BED_REMOVED, step_remove },
	};
	struct write x = { 0 };
	size_t k;
	int from;

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
	if (load(ctx, id, &x.b))
		return NULL;
	if (!may_write(ctx->who, &x.b))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               "family bed %lld is not yours to change", id),
		       NULL;
	from = bed_status_parse(x.b.status);
	if (!bed_may_move((enum bed_status)from, steps[k].to))
		return lx_fail(&ctx->err, LX_ECONFLICT, "status",
		               "a bed that is %s cannot be moved to %s",
		               bed_status_zh((enum bed_status)from),
		               bed_status_zh(steps[k].to)),
		       NULL;
	x.before = bed_json(&x.b);
	x.from = arena_strdup(ctx->arena, x.b.status);
	if (steps[k].fn(ctx, body, &x.b)) {
		json_decref(x.before);
		return NULL;
	}
	snprintf(x.b.status, sizeof(x.b.status), "%s",
	         bed_status_name(steps[k].to));
	snprintf(x.b.updated_at, sizeof(x.b.updated_at), "%s", ctx->now);
	x.action = steps[k].step;
	return run(ctx, &x);
}

json_t *app_bed_get(struct app_ctx *ctx, long long id)
{
	struct bed_row b;

	if (load(ctx, id, &b))
		return NULL;
	return full_json(ctx, &b);
}

json_t *app_bed_log(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "month", "visits", "minutes",
		                            "items", "note",   NULL };
	struct write x = { 0 };
	const char *month, *items, *note;
	char first[11], last[11];

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (load(ctx, id, &x.b))
		return NULL;
	if (!may_write(ctx->who, &x.b))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               "family bed %lld is not yours to log", id),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    body_text(ctx, body, "month", 1, &month) ||
	    body_text(ctx, body, "items", 0, &items) ||
	    body_text(ctx, body, "note", 0, &note))
		return NULL;
	if (bed_month_bounds(month, first, last))
		return lx_fail(&ctx->err, LX_EINVALID, "month",
		               "'month' is YYYY-MM, not '%.20s'", month),
		       NULL;
	if (strcmp(first, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "month",
		               "month %s has not begun", month),
		       NULL;
	if (!bed_month_open(month, x.b.active_from, x.b.removed_on))
		return lx_fail(&ctx->err, LX_EINVALID, "month",
		               "the bed was not active in %s", month),
		       NULL;
	if ((x.log.visits = body_count(ctx, body, "visits", 31 * 24)) < 0 ||
	    (x.log.minutes = body_count(ctx, body, "minutes", 31 * 24 * 60)) <
	        0)
		return NULL;
	if (x.log.visits == 0 && x.log.minutes > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "minutes",
		               "minutes of service need at least one visit"),
		       NULL;
	x.log.bed_id = id;
	snprintf(x.log.month, sizeof(x.log.month), "%s", month);
	x.log.items = (char *)(items ? items : "");
	x.log.note = (char *)(note ? note : "");
	x.before = NULL;
	x.action = "log";
	return run(ctx, &x);
}

/* The page of beds, each with its months held to the standard and how
 * many of them fell below it under its region's policy: the logs of the
 * whole page in one query. */
static json_t *list_json(struct app_ctx *ctx, const struct bed_row *rows,
                         size_t n, long long total)
{
	long long *ids = arena_alloc(ctx->arena, (n + 1) * sizeof(*ids));
	struct bed_log_row *logs;
	size_t nl, k;
	json_t *arr;

	for (size_t i = 0; i < n; i++)
		ids[i] = rows[i].id;
	if (bed_store_logs_of(ctx->db, ctx->arena, ids, n, &logs, &nl,
	                      &ctx->err))
		return NULL;
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		struct policy_view view;
		const struct family_bed_policy *p = NULL;
		long long held = 0, under = 0;
		json_t *b = bed_json(&rows[i]);

		/* the logs come by bed, the page newest first */
		for (k = 0; k < nl && logs[k].bed_id != rows[i].id; k++)
			;
		if (k < nl && !app_policy_view(ctx, rows[i].region, &view))
			p = view.family_beds;
		for (; p && k < nl && logs[k].bed_id == rows[i].id; k++) {
			if (!bed_month_held(logs[k].month, rows[i].active_from,
			                    rows[i].removed_on))
				continue;
			held++;
			under += bed_month_under(
			    logs[k].visits, logs[k].minutes,
			    p->min_visits_month, p->min_minutes_month);
		}
		json_object_set_new(b, "months_held", json_integer(held));
		json_object_set_new(b, "months_under", json_integer(under));
		json_array_append_new(arr, b);
	}
	return json_pack("{s:o, s:I}", "beds", arr, "total", (json_int_t)total);
}

json_t *app_bed_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "facility_id",
		                               "status", "limit",
		                               "offset", NULL };
	const char *region, *status = param_str(params, "status");
	long facility, limit, offset;
	struct bed_row *rows;
	size_t n;
	long long total;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "facility_id", 0, 0, 1L << 53, &facility,
	               &ctx->err) ||
	    param_long(params, "limit", 100, 1, 1000, &limit, &ctx->err) ||
	    param_long(params, "offset", 0, 0, 1L << 30, &offset, &ctx->err))
		return NULL;
	if (status && bed_status_parse(status) < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "no status '%.20s'", status),
		       NULL;
	if (ctx->who->role == ROLE_OPERATOR) {
		/* an operator's own beds: of one facility, its own */
		int mine = 0;

		for (size_t i = 0; i < ctx->who->nfacilities; i++)
			if (ctx->who->facilities[i] == facility ||
			    (!facility && ctx->who->nfacilities == 1))
				mine = 1;
		if (!facility && ctx->who->nfacilities == 1)
			facility = ctx->who->facilities[0];
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
	if (bed_store_list(ctx->db, ctx->arena, region, facility, status, limit,
	                   offset, &rows, &n, &total, &ctx->err))
		return NULL;
	return list_json(ctx, rows, n, total);
}

json_t *app_bed_counts(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "date", NULL };
	const char *region, *day;
	struct region_count *c;
	struct region *kids;
	size_t nc, nk;
	long long all = 0;
	json_t *arr;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    param_date(params, "date", &day, &ctx->err))
		return NULL;
	if (!day)
		day = ctx->today;
	if (app_service_counts(ctx, region, day, SE_ACTIVE_FAMILY_BEDS, &c,
	                       &nc) ||
	    region_store_children(ctx->db, ctx->arena, region, &kids, &nk,
	                          &ctx->err))
		return NULL;
	for (size_t k = 0; k < nc; k++)
		all += c[k].n;
	arr = json_array();
	for (size_t i = 0; i < nk; i++) {
		long long n = 0;

		for (size_t k = 0; k < nc; k++)
			if (region_code_is_within(c[k].region, kids[i].code))
				n += c[k].n;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I}", "code",
		                                     kids[i].code, "name",
		                                     kids[i].name, "active",
		                                     (json_int_t)n));
	}
	return json_pack("{s:s, s:s, s:I, s:o}", "region", region, "date", day,
	                 "active", (json_int_t)all, "children", arr);
}
