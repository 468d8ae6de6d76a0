#include "app/inspect_checks.h"

#include "app/inspect_common.h"
#include "app/inspect_hazard_found.h"
#include "app/inspect_stop.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/inspect_hazard.h"
#include "store/facility_store.h"

#include <string.h>

enum { RESULTS_MAX = 500, INSPECTORS_MAX = 10 };

static const char *const outcomes[] = { "pass", "fail", "na" };
static const char *const outcome_labels[] = { "符合", "不符合", "不适用" };

static int outcome_of(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && !strcmp(s, outcomes[i]))
			return i;
	return -1;
}

/* Loads a check the caller may see; *may_write when it is one of its
 * inspectors or an official in scope. */
static int load(struct app_ctx *ctx, long long id, struct icheck_row *c,
                int *may_write)
{
	int mine, see;

	if (icheck_store_get(ctx->db, ctx->arena, id, c, &ctx->err))
		return -1;
	see = inspect_may_see_check(ctx, c, &mine);
	if (see < 0)
		return -1;
	if (!see)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no check %lld",
		               id);
	*may_write = mine || inspect_official_in(ctx->who, c->region);
	return 0;
}

static const struct checklist_template *
template_of(struct app_ctx *ctx, const struct icheck_row *c,
            const struct checklist_policy **cp)
{
	const struct checklist_template *t;

	*cp = inspect_checklists(ctx, c->region, "facility");
	if (!*cp)
		return NULL;
	t = checklist_template_for(
	    *cp, enum_lookup(&facility_kind_names, c->facility_kind));
	if (!t)
		lx_fail(&ctx->err, LX_EINVALID, "facility",
		        "the checklists have no template for facility kind "
		        "'%s'",
		        c->facility_kind);
	return t;
}

json_t *app_icheck_get(struct app_ctx *ctx, long long id)
{
	const struct checklist_policy *cp;
	const struct checklist_template *t;
	struct icheck_row c;
	struct iresult_row *res;
	struct hazard_row *hz;
	size_t nres, nhz, nins;
	char **ins;
	int may_write = 0, kind, stopped;
	json_t *o, *domains, *hazards, *names;
	const char *why = NULL;

	if (load(ctx, id, &c, &may_write) || !(t = template_of(ctx, &c, &cp)) ||
	    icheck_store_results(ctx->db, ctx->arena, id, &res, &nres,
	                         &ctx->err) ||
	    hazard_store_list(ctx->db, ctx->arena, NULL, 0, id, NULL, &hz, &nhz,
	                      &ctx->err) ||
	    icheck_store_inspectors(ctx->db, ctx->arena, id, &ins, &nins,
	                            &ctx->err))
		return NULL;
	stopped =
	    app_facility_admission_stopped(ctx, c.facility_id, NULL, &why);
	if (stopped < 0)
		return NULL;
	kind = enum_lookup(&facility_kind_names, c.facility_kind);
	domains = json_array();
	for (size_t d = 0; d < cp->ndomains; d++) {
		json_t *items = json_array();

		for (size_t i = 0; i < t->nitems; i++) {
			const struct checklist_item *it = &t->items[i];
			const struct iresult_row *r = NULL;
			long long hid = 0;
			int oc;

			if (strcmp(it->domain, cp->domains[d].code))
				continue;
			for (size_t k = 0; k < nres && !r; k++)
				if (!strcmp(res[k].item, it->code))
					r = &res[k];
			for (size_t k = 0; k < nhz && !hid; k++)
				if (!strcmp(hz[k].item, it->code))
					hid = hz[k].id;
			oc = r ? outcome_of(r->outcome) : -1;
			json_array_append_new(
			    items,
			    json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s,"
			              " s:o}",
			              "code", it->code, "text", it->text,
			              "severity",
			              hazard_severity_names[it->severity],
			              "severity_label",
			              hazard_severity_labels[it->severity],
			              "source", it->source, "outcome",
			              oc >= 0 ? json_string(outcomes[oc])
			                      : json_null(),
			              "outcome_label",
			              oc >= 0 ? json_string(outcome_labels[oc])
			                      : json_null(),
			              "note", r ? r->note : "", "hazard_id",
			              hid ? json_integer(hid) : json_null()));
		}
		if (json_array_size(items))
			json_array_append_new(
			    domains,
			    json_pack("{s:s, s:s, s:s, s:o}", "code",
			              cp->domains[d].code, "label",
			              cp->domains[d].label, "department",
			              cp->domains[d].department, "items",
			              items));
		else
			json_decref(items);
	}
	hazards = json_array();
	for (size_t k = 0; k < nhz; k++) {
		json_t *h = inspect_hazard_json(ctx, &hz[k]);

		if (!h) {
			json_decref(domains);
			json_decref(hazards);
			return NULL;
		}
		json_array_append_new(hazards, h);
	}
	names = json_array();
	for (size_t k = 0; k < nins; k++)
		json_array_append_new(names, json_string(ins[k]));
	o = json_pack(
	    "{s:I, s:o, s:s, s:s, s:s, s:o, s:s, s:b,"
	    " s:{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:o},"
	    " s:{s:s, s:s}, s:o, s:o, s:o}",
	    "id", (json_int_t)c.id, "plan_id",
	    c.plan_id ? json_integer(c.plan_id) : json_null(), "kind", c.kind,
	    "status", c.status, "scheduled_on", c.scheduled_on, "done_on",
	    c.done_on[0] ? json_string(c.done_on) : json_null(), "note", c.note,
	    "may_write", may_write && strcmp(c.status, "done"), "facility",
	    "id", (json_int_t)c.facility_id, "name", c.facility_name, "kind",
	    c.facility_kind, "kind_label",
	    kind >= 0 ? facility_kind_names.labels_zh[kind] : c.facility_kind,
	    "region", c.region, "region_name", c.region_name,
	    "admission_stopped", stopped, "stop_reason",
	    why ? json_string(why) : json_null(), "template", "code", t->code,
	    "label", t->label, "inspectors", names, "domains", domains,
	    "hazards", hazards);
	return o;
}

static json_t *writable(struct app_ctx *ctx, long long id, struct icheck_row *c)
{
	int may_write = 0;

	if (load(ctx, id, c, &may_write))
		return NULL;
	if (!may_write)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               "only the check's inspectors or an official of "
		               "its region record it"),
		       NULL;
	return json_true();
}

static int started_in_tx(struct app_ctx *ctx, void *arg)
{
	const struct icheck_row *c = arg;
	json_t *after;
	int rc;

	if (icheck_store_start(ctx->db, c->id, &ctx->err))
		return -1;
	after = json_pack("{s:s}", "status", "in_progress");
	rc = app_audit(ctx, "start", "inspect_check",
	               arena_printf(ctx->arena, "%lld", c->id), NULL, after);
	json_decref(after);
	return rc;
}

json_t *app_icheck_start(struct app_ctx *ctx, long long id, json_t *body)
{
	struct icheck_row c;

	if (body && json_object_size(body))
		return lx_fail(&ctx->err, LX_EINVALID,
		               json_object_iter_key(json_object_iter(body)),
		               "starting a check takes no fields"),
		       NULL;
	if (!writable(ctx, id, &c))
		return NULL;
	if (app_transaction(ctx, started_in_tx, &c))
		return NULL;
	return app_icheck_get(ctx, id);
}

struct results {
	struct icheck_row c;
	const struct checklist_template *t;
	json_t *list;
	long long opened;
};

static int results_in_tx(struct app_ctx *ctx, void *arg)
{
	struct results *x = arg;
	json_t *e;
	size_t i;
	int rc;

	if (strcmp(x->c.status, "in_progress") &&
	    icheck_store_start(ctx->db, x->c.id, &ctx->err))
		return -1;
	json_array_foreach(x->list, i, e)
	{
		const char *item =
		    json_string_value(json_object_get(e, "item"));
		const char *outcome =
		    json_string_value(json_object_get(e, "outcome"));
		const char *note =
		    json_string_value(json_object_get(e, "note"));
		const char *desc =
		    json_string_value(json_object_get(e, "description"));
		const char *sev =
		    json_string_value(json_object_get(e, "severity"));
		const struct checklist_item *it =
		    checklist_item_find(x->t, item);
		long long hid;
		int added, s;

		if (icheck_store_result_put(ctx->db, x->c.id, item, outcome,
		                            note, &ctx->err))
			return -1;
		if (strcmp(outcome, "fail"))
			continue;
		s = sev ? hazard_lookup(hazard_severity_names, HS__MAX, sev)
		        : it->severity;
		if (inspect_hazard_found(
		        ctx, &x->c, item, it->domain, s,
		        desc && *desc ? desc
		        : note && *note
		            ? arena_printf(ctx->arena, "%s：%s", it->text, note)
		            : it->text,
		        &hid, &added))
			return -1;
		x->opened += added;
	}
	rc =
	    app_audit(ctx, "update", "inspect_check",
	              arena_printf(ctx->arena, "%lld", x->c.id), NULL, x->list);
	return rc;
}

json_t *app_icheck_results(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "item",     "outcome",     "note",
		                            "severity", "description", NULL };
	const struct checklist_policy *cp;
	struct results x;
	json_t *e, *v, *out;
	const char *key;
	size_t i;

	memset(&x, 0, sizeof(x));
	if (!writable(ctx, id, &x.c) || !(x.t = template_of(ctx, &x.c, &cp)))
		return NULL;
	if (!strcmp(x.c.status, "done"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "status",
		               "check %lld is done: its results are final", id),
		       NULL;
	x.list = json_object_get(body, "results");
	if (!json_is_array(x.list) || !json_array_size(x.list) ||
	    json_array_size(x.list) > RESULTS_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "results",
		               "'results' is required: 1 to %d items",
		               RESULTS_MAX),
		       NULL;
	json_array_foreach(x.list, i, e)
	{
		const char *at = arena_printf(ctx->arena, "results[%zu]", i);
		const char *s;

		if (!json_is_object(e))
			return lx_fail(&ctx->err, LX_EINVALID, at,
			               "'%s' must be an object", at),
			       NULL;
		json_object_foreach(e, key, v)
		{
			int known = 0;

			for (size_t k = 0; keys[k]; k++)
				known |= !strcmp(keys[k], key);
			if (!known)
				return lx_fail(
				           &ctx->err, LX_EINVALID,
				           arena_printf(ctx->arena, "%s.%s", at,
				                        key),
				           "'%s.%s' is not a field of a result",
				           at, key),
				       NULL;
			if (!json_is_string(v) ||
			    json_string_length(v) > INSPECT_TEXT_MAX)
				return lx_fail(
				           &ctx->err, LX_EINVALID,
				           arena_printf(ctx->arena, "%s.%s", at,
				                        key),
				           "'%s.%s' must be text of at most "
				           "%d bytes",
				           at, key, INSPECT_TEXT_MAX),
				       NULL;
		}
		s = json_string_value(json_object_get(e, "item"));
		if (!checklist_item_find(x.t, s))
			return lx_fail(
			           &ctx->err, LX_EINVALID,
			           arena_printf(ctx->arena, "%s.item", at),
			           "'%s.item' '%s' is not an item of the %s",
			           at, s ? s : "", x.t->label),
			       NULL;
		if (outcome_of(
		        json_string_value(json_object_get(e, "outcome"))) < 0)
			return lx_fail(
			           &ctx->err, LX_EINVALID,
			           arena_printf(ctx->arena, "%s.outcome", at),
			           "'%s.outcome' must be pass (符合), fail "
			           "(不符合) or na (不适用)",
			           at),
			       NULL;
		s = json_string_value(json_object_get(e, "severity"));
		if (s && hazard_lookup(hazard_severity_names, HS__MAX, s) < 0)
			return lx_fail(
			           &ctx->err, LX_EINVALID,
			           arena_printf(ctx->arena, "%s.severity", at),
			           "'%s.severity' must be general, serious "
			           "or major",
			           at),
			       NULL;
	}
	if (app_transaction(ctx, results_in_tx, &x))
		return NULL;
	out = app_icheck_get(ctx, id);
	if (out)
		json_object_set_new(out, "hazards_opened",
		                    json_integer(x.opened));
	return out;
}

struct finish {
	long long id;
	const char *day;
};

static int finish_in_tx(struct app_ctx *ctx, void *arg)
{
	struct finish *x = arg;
	json_t *after;
	int rc;

	if (icheck_store_finish(ctx->db, x->id, x->day, &ctx->err))
		return -1;
	after = json_pack("{s:s, s:s}", "status", "done", "done_on", x->day);
	rc = app_audit(ctx, "finish", "inspect_check",
	               arena_printf(ctx->arena, "%lld", x->id), NULL, after);
	json_decref(after);
	return rc;
}

json_t *app_icheck_finish(struct app_ctx *ctx, long long id, json_t *body)
{
	struct icheck_row c;
	struct finish x = { id, NULL };
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v)
	{
		if (strcmp(key, "done_on"))
			return lx_fail(
			           &ctx->err, LX_EINVALID, key,
			           "'%s' is not a field of finishing a check",
			           key),
			       NULL;
	}
	if (!writable(ctx, id, &c) ||
	    inspect_body_day(ctx, body, "done_on", 0, &x.day))
		return NULL;
	if (strcmp(c.status, "in_progress"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "status",
		               "check %lld is %s: only a started check can be "
		               "finished",
		               id, c.status),
		       NULL;
	if (app_transaction(ctx, finish_in_tx, &x))
		return NULL;
	return app_icheck_get(ctx, id);
}
