#include "app/inspect_hazards.h"

#include "app/inspect_common.h"
#include "app/inspect_hazard_found.h"
#include "app/inspect_stop.h"
#include "core/inspect_hazard.h"

#include <string.h>

static int load(struct app_ctx *ctx, long long id, struct hazard_row *h)
{
	int raised;

	if (hazard_store_get(ctx->db, ctx->arena, id, h, &ctx->err))
		return -1;
	if (!inspect_may_see_hazard(ctx->who, h))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no hazard %lld",
		               id);
	return inspect_escalate_due(ctx, h, &raised);
}

static json_t *full_json(struct app_ctx *ctx, const struct hazard_row *h)
{
	struct hazard_step_row *s;
	size_t n;
	json_t *o = inspect_hazard_json(ctx, h), *steps;

	if (!o)
		return NULL;
	if (hazard_store_steps(ctx->db, ctx->arena, h->id, &s, &n, &ctx->err)) {
		json_decref(o);
		return NULL;
	}
	steps = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    steps,
		    json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "kind",
		              s[i].kind, "at", s[i].at, "note", s[i].note, "on",
		              s[i].on_day[0] ? json_string(s[i].on_day)
		                             : json_null(),
		              "deadline",
		              s[i].deadline[0] ? json_string(s[i].deadline)
		                               : json_null(),
		              "by", s[i].by_name));
	json_object_set_new(o, "steps", steps);
	return o;
}

json_t *app_hazard_get(struct app_ctx *ctx, long long id)
{
	struct hazard_row h;

	if (load(ctx, id, &h))
		return NULL;
	return full_json(ctx, &h);
}

struct step {
	struct hazard_row h;
	const char *kind, *note, *on_day;
	json_t *before, *out;
};

static int step_in_tx(struct app_ctx *ctx, void *arg)
{
	struct step *x = arg;
	struct hazard_row after;

	if (hazard_store_move(ctx->db, &x->h, &ctx->err) ||
	    (!strcmp(x->h.status, "closed") && x->h.hold_id &&
	     app_stop_lift(ctx, x->h.id, x->h.hold_id)) ||
	    hazard_store_step(ctx->db, x->h.id, x->kind, x->note, x->on_day,
	                      x->h.deadline, ctx->who->account_id, ctx->now,
	                      &ctx->err) ||
	    hazard_store_get(ctx->db, ctx->arena, x->h.id, &after, &ctx->err) ||
	    !(x->out = full_json(ctx, &after)))
		return -1;
	return app_audit(ctx, x->kind, "hazard",
	                 arena_printf(ctx->arena, "%lld", x->h.id), x->before,
	                 x->out);
}

/* Who may take a step: the operator of the facility answers; inspectors
 * of the region and officials in scope order and re-check. */
static int may_step(const struct principal *who, const struct hazard_row *h,
                    int step)
{
	if (step == HST_ANSWER)
		return who->role == ROLE_ADMIN ||
		       (who->role == ROLE_OPERATOR &&
		        inspect_may_see_hazard(who, h));
	return inspect_official_in(who, h->region) ||
	       (who->role == ROLE_INSPECTOR &&
	        principal_sees_region(who, h->region));
}

static int read_step(struct app_ctx *ctx, json_t *body, int step,
                     struct step *x)
{
	static const char *const order_keys[] = { "responsible", "version",
		                                  "note", NULL };
	static const char *const answer_keys[] = { "rectification",
		                                   "rectified_on", "note",
		                                   "version", NULL };
	static const char *const recheck_keys[] = { "passed", "note", "version",
		                                    NULL };
	const char *const *keys = step == HST_ORDER    ? order_keys
	                          : step == HST_ANSWER ? answer_keys
	                                               : recheck_keys;
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v)
	{
		int ok = 0;

		for (size_t i = 0; keys[i]; i++)
			ok |= !strcmp(keys[i], key);
		if (!ok)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is not a field of this step", key);
	}
	v = json_object_get(body, "version");
	if (v && (!json_is_integer(v) || json_integer_value(v) != x->h.version))
		return lx_fail(&ctx->err, LX_ECONFLICT, "version",
		               "hazard %lld has changed since it was read "
		               "(version %lld now)",
		               x->h.id, x->h.version);
	return inspect_body_text(ctx, body, "note", 0, &x->note);
}

json_t *app_hazard_step(struct app_ctx *ctx, long long id, const char *name,
                        json_t *body)
{
	static const char *const names[] = { "order", "answer", "recheck" };
	struct step x;
	const struct hazard_policy *hp;
	int step = -1, st, next;
	const char *text;

	memset(&x, 0, sizeof(x));
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, names[i]))
			step = i;
	if (step < 0)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "step", "no step '%s'",
		               name),
		       NULL;
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (load(ctx, id, &x.h))
		return NULL;
	if (!may_step(ctx->who, &x.h, step))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               step == HST_ANSWER
		                   ? "only the facility's operator answers a "
		                     "rectification order"
		                   : "only an inspector or official of the "
		                     "region orders and re-checks"),
		       NULL;
	if (read_step(ctx, body, step, &x))
		return NULL;
	if (step == 2) {
		json_t *p = json_object_get(body, "passed");

		if (!json_is_boolean(p))
			return lx_fail(&ctx->err, LX_EINVALID, "passed",
			               "'passed' is required: true when the "
			               "rectification holds, false when not"),
			       NULL;
		step = json_is_true(p) ? HST_RECHECK_PASS : HST_RECHECK_FAIL;
	}
	st = hazard_lookup(hazard_status_names, HZ__MAX, x.h.status);
	next = hazard_next(st, step);
	if (next < 0)
		return lx_fail(&ctx->err, LX_ECONFLICT, "status",
		               "hazard %lld is %s (%s): it cannot be %s now",
		               id, x.h.status,
		               st >= 0 ? hazard_status_labels[st] : "?",
		               step == HST_ORDER    ? "ordered"
		               : step == HST_ANSWER ? "answered"
		                                    : "re-checked"),
		       NULL;
	hp = inspect_hazard_rules(ctx, x.h.region, "id");
	if (!hp)
		return NULL;
	x.before = inspect_hazard_json(ctx, &x.h);
	if (!x.before)
		return NULL;
	x.on_day = ctx->today;
	switch (step) {
	case HST_ORDER:
		if (inspect_body_text(ctx, body, "responsible", 1, &text))
			goto fail;
		x.h.responsible = (char *)text;
		memcpy(x.h.ordered_on, ctx->today, sizeof(x.h.ordered_on));
		x.kind = "order";
		break;
	case HST_ANSWER:
		if (inspect_body_text(ctx, body, "rectification", 1, &text) ||
		    inspect_body_day(ctx, body, "rectified_on", 1, &x.on_day))
			goto fail;
		if (strcmp(x.on_day, x.h.found_on) < 0) {
			lx_fail(&ctx->err, LX_EINVALID, "rectified_on",
			        "'rectified_on' %s is before the hazard was "
			        "found (%s)",
			        x.on_day, x.h.found_on);
			goto fail;
		}
		x.h.rectification = (char *)text;
		memcpy(x.h.rectified_on, x.on_day, sizeof(x.h.rectified_on));
		if (!x.note)
			x.note = text;
		x.kind = "answer";
		break;
	case HST_RECHECK_PASS:
		memcpy(x.h.closed_on, ctx->today, sizeof(x.h.closed_on));
		x.kind = "recheck_passed";
		break;
	default:
		x.kind = "recheck_failed";
		break;
	}
	if (hazard_step_sets_deadline(step)) {
		int sev =
		    hazard_lookup(hazard_severity_names, HS__MAX, x.h.severity);

		memcpy(
		    x.h.deadline,
		    inspect_day_text(
		        ctx,
		        hazard_deadline(
		            inspect_days(ctx->today),
		            hp->severities[sev < 0 ? 0 : sev].deadline_days)),
		    sizeof(x.h.deadline));
	}
	strcpy(x.h.status, hazard_status_names[next]);
	if (app_transaction(ctx, step_in_tx, &x))
		goto fail;
	json_decref(x.before);
	return x.out;
fail:
	json_decref(x.before);
	json_decref(x.out);
	return NULL;
}

struct add {
	struct icheck_row c;
	const char *item, *domain, *description;
	int severity;
	long long id;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;
	int added;

	if (inspect_hazard_found(ctx, &x->c, x->item, x->domain, x->severity,
	                         x->description, &x->id, &added))
		return -1;
	if (!added)
		return lx_fail(&ctx->err, LX_ECONFLICT, "item",
		               "the check already has a hazard for item '%s'",
		               x->item);
	return 0;
}

json_t *app_hazard_add(struct app_ctx *ctx, long long check, json_t *body)
{
	static const char *const keys[] = { "domain", "severity", "description",
		                            "item", NULL };
	const struct checklist_policy *cp;
	struct add x;
	const char *sev, *key;
	json_t *v;
	int mine, see;

	memset(&x, 0, sizeof(x));
	json_object_foreach(body, key, v)
	{
		int ok = 0;

		for (size_t i = 0; keys[i]; i++)
			ok |= !strcmp(keys[i], key);
		if (!ok)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is not a field of a hazard", key),
			       NULL;
	}
	if (icheck_store_get(ctx->db, ctx->arena, check, &x.c, &ctx->err))
		return NULL;
	see = inspect_may_see_check(ctx, &x.c, &mine);
	if (see < 0)
		return NULL;
	if (!see)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no check %lld",
		               check),
		       NULL;
	if (!mine && !inspect_official_in(ctx->who, x.c.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               "only the check's inspectors or an official "
		               "record its hazards"),
		       NULL;
	cp = inspect_checklists(ctx, x.c.region, "domain");
	if (!cp || inspect_body_text(ctx, body, "domain", 1, &x.domain) ||
	    inspect_body_text(ctx, body, "severity", 1, &sev) ||
	    inspect_body_text(ctx, body, "description", 1, &x.description) ||
	    inspect_body_text(ctx, body, "item", 0, &x.item))
		return NULL;
	if (!checklist_domain_find(cp, x.domain))
		return lx_fail(&ctx->err, LX_EINVALID, "domain",
		               "'%s' is not a domain of the checklists",
		               x.domain),
		       NULL;
	x.severity = hazard_lookup(hazard_severity_names, HS__MAX, sev);
	if (x.severity < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "severity",
		               "'severity' must be general, serious or major"),
		       NULL;
	if (app_transaction(ctx, add_in_tx, &x))
		return NULL;
	return app_hazard_get(ctx, x.id);
}

json_t *app_hazard_escalate(struct app_ctx *ctx, json_t *body)
{
	struct hazard_row *h;
	size_t n;
	long long count = 0;
	const char *scope = ctx->who->region[0] ? ctx->who->region : NULL;

	if (body && json_object_size(body))
		return lx_fail(&ctx->err, LX_EINVALID,
		               json_object_iter_key(json_object_iter(body)),
		               "the escalation run takes no fields"),
		       NULL;
	if (hazard_store_list(ctx->db, ctx->arena, scope, 0, 0, "open", &h, &n,
	                      &ctx->err))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int raised;

		if (inspect_escalate_due(ctx, &h[i], &raised))
			return NULL;
		count += raised;
	}
	return json_pack("{s:I, s:s}", "escalated", (json_int_t)count, "today",
	                 ctx->today);
}
