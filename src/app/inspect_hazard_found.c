#include "app/inspect_hazard_found.h"

#include "app/inspect_common.h"
#include "app/inspect_stop.h"
#include "core/inspect_hazard.h"

#include <string.h>

int inspect_hazard_found(struct app_ctx *ctx, const struct icheck_row *c,
                         const char *item, const char *domain, int severity,
                         const char *description, long long *id, int *added)
{
	const struct hazard_policy *hp =
	    inspect_hazard_rules(ctx, c->region, "severity");
	const struct hazard_severity_rule *rule;
	struct hazard_row h;
	json_t *after;
	int rc;

	*id = 0;
	if (!hp)
		return -1;
	rule = &hp->severities[severity];
	memset(&h, 0, sizeof(h));
	h.check_id = c->id;
	h.facility_id = c->facility_id;
	h.domain = (char *)domain;
	h.item = (char *)(item ? item : "");
	h.description = (char *)description;
	strcpy(h.severity, hazard_severity_names[severity]);
	strcpy(h.status, hazard_status_names[HZ_FOUND]);
	memcpy(h.found_on, ctx->today, sizeof(h.found_on));
	memcpy(h.deadline,
	       inspect_day_text(ctx, hazard_deadline(inspect_days(ctx->today),
	                                             rule->deadline_days)),
	       sizeof(h.deadline));
	h.stops_admission = rule->stops_admission;
	h.found_by = ctx->who->account_id;
	memcpy(h.created_at, ctx->now, sizeof(h.created_at));
	if (hazard_store_add(ctx->db, &h, added, &ctx->err))
		return -1;
	if (!*added)
		return 0;
	*id = h.id;
	if (hazard_store_step(ctx->db, h.id, "found", description, ctx->today,
	                      h.deadline, ctx->who->account_id, ctx->now,
	                      &ctx->err) ||
	    (h.stops_admission &&
	     app_stop_hold(ctx, h.id, c->facility_id, c->region, description)))
		return -1;
	after = json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:b}", "check_id",
	    (json_int_t)c->id, "facility_id", (json_int_t)c->facility_id,
	    "item", h.item, "severity", h.severity, "deadline", h.deadline,
	    "description", description, "stops_admission", h.stops_admission);
	rc = app_audit(ctx, "create", "hazard",
	               arena_printf(ctx->arena, "%lld", h.id), NULL, after);
	json_decref(after);
	return rc;
}

int inspect_may_see_hazard(const struct principal *who,
                           const struct hazard_row *h)
{
	switch (who->role) {
	case ROLE_OPERATOR:
		for (size_t i = 0; i < who->nfacilities; i++)
			if (who->facilities[i] == h->facility_id)
				return 1;
		return 0;
	case ROLE_FAMILY:
	case ROLE_VISITOR:
	case ROLE_TOWNSHIP:
		return 0;
	default:
		return principal_sees_region(who, h->region);
	}
}

int inspect_may_see_check(struct app_ctx *ctx, const struct icheck_row *c,
                          int *is_mine)
{
	const struct principal *who = ctx->who;
	int r;

	*is_mine = 0;
	switch (who->role) {
	case ROLE_INSPECTOR:
		r = icheck_store_is_inspector(ctx->db, c->id, who->account_id,
		                              &ctx->err);
		if (r < 0)
			return -1;
		*is_mine = r;
		return r;
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
	case ROLE_DEPT_OFFICIAL:
	case ROLE_READONLY:
		return principal_sees_region(who, c->region);
	default:
		return 0;
	}
}

static json_t *opt(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *inspect_hazard_json(struct app_ctx *ctx, const struct hazard_row *h)
{
	const struct checklist_policy *cp =
	    inspect_checklists(ctx, h->region, "region");
	const struct checklist_domain *d;
	int sev = hazard_lookup(hazard_severity_names, HS__MAX, h->severity);
	int st = hazard_lookup(hazard_status_names, HZ__MAX, h->status);
	int lv = hazard_lookup(hazard_level_names, HL__MAX, h->escalated_to);
	long today = inspect_days(ctx->today);
	long deadline = inspect_days(h->deadline);
	int overdue = hazard_overdue(st, deadline, today);
	const char *item_text = NULL;
	json_t *o;

	if (!cp)
		return NULL;
	d = checklist_domain_find(cp, h->domain);
	for (size_t i = 0; h->item[0] && !item_text && i < cp->ntemplates;
	     i++) {
		const struct checklist_item *it =
		    checklist_item_find(&cp->templates[i], h->item);

		if (it)
			item_text = it->text;
	}
	o = json_pack(
	    "{s:I, s:o, s:{s:I, s:s, s:s, s:s}, s:s, s:s, s:o, s:o, s:o, s:s,"
	    " s:s, s:s, s:s, s:o, s:s, s:s, s:b, s:I, s:o, s:o, s:o, s:o,"
	    " s:o, s:s, s:b, s:I}",
	    "id", (json_int_t)h->id, "check_id",
	    h->check_id ? json_integer(h->check_id) : json_null(), "facility",
	    "id", (json_int_t)h->facility_id, "name", h->facility_name,
	    "region", h->region, "region_name", h->region_name, "domain",
	    h->domain, "domain_label", d ? d->label : h->domain, "department",
	    opt(d ? d->department : NULL), "item", opt(h->item), "item_text",
	    opt(item_text), "severity", h->severity, "severity_label",
	    sev >= 0 ? hazard_severity_labels[sev] : h->severity, "description",
	    h->description, "status", h->status, "responsible",
	    opt(h->responsible), "status_label",
	    st >= 0 ? hazard_status_labels[st] : h->status, "found_on",
	    h->found_on, "overdue", overdue, "days_overdue",
	    (json_int_t)(overdue ? today - deadline : 0), "ordered_on",
	    opt(h->ordered_on), "rectified_on", opt(h->rectified_on),
	    "rectification", opt(h->rectification), "closed_on",
	    opt(h->closed_on), "escalated_on", opt(h->escalated_on),
	    "escalated_label", lv > 0 ? hazard_level_labels[lv] : "",
	    "stops_admission", h->stops_admission, "version",
	    (json_int_t)h->version);
	if (!o)
		return lx_fail(&ctx->err, LX_EINTERNAL, "", "hazard json"),
		       NULL;
	json_object_set_new(o, "deadline", json_string(h->deadline));
	json_object_set_new(o, "escalated_to", opt(h->escalated_to));
	return o;
}

struct escalation {
	struct hazard_row *h;
	int from, to, *raised;
};

static int escalate_in_tx(struct app_ctx *ctx, void *arg)
{
	struct escalation *x = arg;
	const char *from = hazard_level_names[x->from];
	const char *to = hazard_level_names[x->to];
	json_t *before, *after;
	int done, rc;

	if (hazard_store_escalate(ctx->db, x->h->id, from, to, ctx->today,
	                          &done, &ctx->err))
		return -1;
	if (!done)
		return 0;
	*x->raised = 1;
	if (hazard_store_step(
	        ctx->db, x->h->id,
	        x->to == HL_CITY ? "escalate_city" : "escalate_county",
	        arena_printf(ctx->arena, "逾期未整改（整改期限 %s），%s",
	                     x->h->deadline, hazard_level_labels[x->to]),
	        ctx->today, x->h->deadline, ctx->who->account_id, ctx->now,
	        &ctx->err))
		return -1;
	before = json_pack("{s:s}", "escalated_to", from);
	after = json_pack("{s:s, s:s}", "escalated_to", to, "escalated_on",
	                  ctx->today);
	rc = app_audit(ctx, "escalate", "hazard",
	               arena_printf(ctx->arena, "%lld", x->h->id), before,
	               after);
	json_decref(before);
	json_decref(after);
	return rc;
}

int inspect_escalate_due(struct app_ctx *ctx, struct hazard_row *h, int *raised)
{
	const struct hazard_policy *hp;
	int st = hazard_lookup(hazard_status_names, HZ__MAX, h->status);
	int lv = hazard_lookup(hazard_level_names, HL__MAX, h->escalated_to);
	long today = inspect_days(ctx->today);
	long deadline = inspect_days(h->deadline);
	int due;

	*raised = 0;
	if (!hazard_overdue(st, deadline, today))
		return 0;
	hp = inspect_hazard_rules(ctx, h->region, "region");
	if (!hp)
		return -1;
	due =
	    hazard_level_due(st, deadline, today, hp->escalate_city_after_days);
	if (lv < 0)
		lv = HL_NONE;
	/* one level at a time, so the county is always told before the
	 * city and each level has its own step */
	while (lv < due) {
		struct escalation x = { h, lv, lv + 1, raised };

		if (app_transaction(ctx, escalate_in_tx, &x))
			return -1;
		lv++;
		strcpy(h->escalated_to, hazard_level_names[lv]);
		memcpy(h->escalated_on, ctx->today, sizeof(h->escalated_on));
	}
	return 0;
}
