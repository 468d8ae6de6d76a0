#include "app/project_in_use.h"

#include "app/facilities.h"
#include "app/fields.h"
#include "app/params.h"
#include "app/project_records.h"
#include "core/date.h"
#include "core/project.h"
#include "core/role.h"
#include "store/facility_store.h"

#include <stdio.h>
#include <string.h>

struct in_use {
	long long id;
	json_t *body;
};

/* A new facility from the body's "facility" object, in the project's
 * region unless it names another, opened on the day of use. */
static int new_facility(struct app_ctx *ctx, const struct project_row *p,
                        json_t *fields, const char *on, struct facility *f)
{
	const char *key;
	json_t *v;

	if (!json_is_object(fields))
		return lx_fail(&ctx->err, LX_EINVALID, "facility",
		               "give 'facility_id' (an existing facility) or "
		               "'facility' (a new facility's fields)");
	facility_init(f);
	snprintf(f->region, sizeof(f->region), "%s", p->region);
	snprintf(f->opened_on, sizeof(f->opened_on), "%s", on);
	json_object_foreach(fields, key, v)
	{
		const struct field_spec *s = field_find(&facility_fields, key);

		if (!s || (s->flags & FF_CAPACITY))
			return lx_fail(
			    &ctx->err, LX_EINVALID,
			    arena_printf(ctx->arena, "facility.%s", key),
			    "'%s' cannot be given here: the "
			    "capacity is the project's",
			    key);
		if (field_from_json(ctx->arena, s, f, v, &ctx->err))
			return -1;
	}
	if (!f->name || !*f->name)
		return lx_fail(&ctx->err, LX_EINVALID, "facility.name",
		               "the new facility needs a 'name'");
	if (f->kind < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "facility.kind",
		               "the new facility needs a 'kind'");
	return 0;
}

static int in_use_tx(struct app_ctx *ctx, void *arg)
{
	static const char *const allowed[] = { "on", "facility_id", "facility",
		                               NULL };
	struct in_use *iu = arg;
	const struct project_policy *pol;
	struct project_row p;
	struct project_milestone_row m, *rows = NULL;
	struct facility f;
	struct lx_date d;
	size_t n = 0;
	const char *on, **actual;
	json_t *fid, *before, *after;
	char sid[24];
	int stage, bad, rc;

	if (!json_is_object(iu->body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (body_only(iu->body, allowed, &ctx->err) ||
	    project_load_visible(ctx, iu->id, &p) ||
	    project_policy_for(ctx, p.region, &pol))
		return -1;
	on = json_string_value(json_object_get(iu->body, "on"));
	if (!on || date_parse_field(on, &d, &ctx->err, "on"))
		return on ? -1
		          : lx_fail(&ctx->err, LX_EINVALID, "on",
		                    "'on' (the day of use) is required");
	if (strcmp(on, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "on",
		               "'on' is in the future");
	if (*p.in_use_on)
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "project %lld was put into use on %s", p.id,
		               p.in_use_on);
	stage = project_policy_stage(pol, pol->in_use_stage);
	if (project_store_milestones(ctx->db, ctx->arena, p.id, &rows, &n,
	                             &ctx->err))
		return -1;
	actual = arena_alloc(ctx->arena, pol->nstages * sizeof(*actual));
	for (size_t i = 0; i < pol->nstages; i++) {
		actual[i] = NULL;
		for (size_t j = 0; j < n; j++)
			if (!strcmp(rows[j].stage, pol->stages[i].code))
				actual[i] = rows[j].actual_on;
	}
	actual[stage] = on;
	bad = project_milestone_order(actual, pol->nstages);
	if (bad >= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "on",
		               "%s cannot be dated before an earlier stage",
		               pol->stages[bad].name);
	before = project_to_json(ctx, &p, 0);

	fid = json_object_get(iu->body, "facility_id");
	if (fid && !json_is_null(fid)) {
		if (!json_is_integer(fid) || json_integer_value(fid) <= 0) {
			json_decref(before);
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "'facility_id' must be a facility's id");
		}
		if (facility_store_get(ctx->db, ctx->arena,
		                       json_integer_value(fid), NULL, &f,
		                       &ctx->err) ||
		    !principal_sees_facility(ctx->who, f.region, f.id)) {
			json_decref(before);
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "no facility %lld",
			               (long long)json_integer_value(fid));
		}
		/* an entry dated after the day of use would not hold the
		 * added capacity: refuse rather than rewrite history */
		if (strcmp(f.cap.date, on) > 0) {
			json_decref(before);
			return lx_fail(
			    &ctx->err, LX_EINVALID, "on",
			    "the facility's capacity was last recorded "
			    "on %s, after %s",
			    f.cap.date, on);
		}
	} else if (new_facility(ctx, &p, json_object_get(iu->body, "facility"),
	                        on, &f)) {
		json_decref(before);
		return -1;
	}
	if (project_policy_adds(pol, "beds"))
		f.cap.beds += p.beds;
	if (project_policy_adds(pol, "nursing_beds"))
		f.cap.nursing_beds += p.nursing_beds;
	if (project_policy_adds(pol, "slots"))
		f.cap.slots += p.slots;
	snprintf(f.cap.date, sizeof(f.cap.date), "%s", on);
	if (app_facility_save(ctx, &f)) {
		json_decref(before);
		return -1;
	}
	/* once: the conditional UPDATE on version decides a race */
	if (project_store_mark_in_use(ctx->db, p.id, p.version, on, f.id,
	                              &ctx->err)) {
		json_decref(before);
		return -1;
	}
	memset(&m, 0, sizeof(m));
	m.project_id = p.id;
	m.stage = (char *)pol->stages[stage].code;
	snprintf(m.actual_on, sizeof(m.actual_on), "%s", on);
	for (size_t j = 0; j < n; j++)
		if (!strcmp(rows[j].stage, m.stage)) {
			memcpy(m.planned_on, rows[j].planned_on,
			       sizeof(m.planned_on));
			m.note = rows[j].note;
		}
	if (project_store_set_milestone(ctx->db, &m, &ctx->err) ||
	    project_store_get(ctx->db, ctx->arena, p.id, &p, &ctx->err)) {
		json_decref(before);
		return -1;
	}
	after = project_to_json(ctx, &p, 0);
	snprintf(sid, sizeof(sid), "%lld", p.id);
	rc = app_audit(ctx, "in_use", "project", sid, before, after);
	json_decref(before);
	json_decref(after);
	return rc;
}

json_t *app_project_in_use(struct app_ctx *ctx, long long id, json_t *body)
{
	struct in_use iu = { id, body };

	if (app_transaction(ctx, in_use_tx, &iu))
		return NULL;
	return app_project_get(ctx, id);
}
