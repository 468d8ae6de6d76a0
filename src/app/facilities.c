#include "app/facilities.h"

#include "app/field_errors.h"
#include "app/fields.h"
#include "app/params.h"
#include "app/regions.h"
#include "core/region_code.h"
#include "store/facility_store.h"
#include "store/region_store.h"

#include <string.h>

json_t *facility_to_json(const struct facility *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(f->id));
	if (f->region_name)
		json_object_set_new(o, "region_name",
		                    json_string(f->region_name));
	for (size_t i = 0; i < facility_fields.count; i++) {
		const struct field_spec *s = &facility_fields.specs[i];

		json_object_set_new(o, s->name, field_to_json(s, f));
	}
	return o;
}

/* Applies body's fields onto f; *cap_touched says whether any capacity
 * figure (not only its date) was given. Unknown fields are refused. With
 * required, a field the record needs on create and the body lacks is an
 * error too. Every field at fault is named: -1 with ctx->err the first
 * and ctx->details {"errors": [{"field", "message"}, ...]}. */
static int apply_json(struct app_ctx *ctx, struct facility *f, json_t *body,
                      int *cap_touched, int required)
{
	struct field_errors fe;
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	*cap_touched = 0;
	if (field_errors_init(ctx, &fe))
		return -1;
	json_object_foreach(body, key, v)
	{
		const struct field_spec *s = field_find(&facility_fields, key);

		if (!s)
			lx_fail(&ctx->err, LX_EINVALID, key,
			        "unknown field '%s'", key);
		else if (!field_from_json(ctx->arena, s, f, v, &ctx->err)) {
			if ((s->flags & FF_CAPACITY) &&
			    strcmp(key, "capacity_date"))
				*cap_touched = 1;
			continue;
		}
		field_errors_take(ctx, &fe);
	}
	for (size_t i = 0; required && i < facility_fields.count; i++) {
		const struct field_spec *s = &facility_fields.specs[i];

		if (!(s->flags & FF_REQUIRED) || json_object_get(body, s->name))
			continue;
		lx_fail(&ctx->err, LX_EINVALID, s->name, "'%s' is required",
		        s->name);
		field_errors_take(ctx, &fe);
	}
	return field_errors_finish(ctx, &fe);
}

/* Rules that need the database: the region exists and is the caller's to
 * write in, the credit code is free, coordinates come in pairs. */
static int check_stored_rules(struct app_ctx *ctx, const struct facility *f)
{
	if (f->has_coords == 1 || f->has_coords == 2)
		return lx_fail(&ctx->err, LX_EINVALID,
		               f->has_coords == 1 ? "lon" : "lat",
		               "'lat' and 'lon' go together");
	if (facility_validate(f, &ctx->err))
		return -1;
	if (!region_store_exists(ctx->db, f->region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s': %s", f->region,
		               app_region_missing(ctx, f->region));
	if (f->id ? !principal_may_write_facility(ctx->who, f->region, f->id)
	          : !principal_may_create_facility(ctx->who, f->region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "you may not register facilities in '%s'",
		               f->region);
	if (f->credit_code && *f->credit_code &&
	    facility_store_credit_code_taken(ctx->db, f->credit_code, f->id))
		return lx_fail(&ctx->err, LX_ECONFLICT, "credit_code",
		               "credit code '%s' is already registered to "
		               "another facility",
		               f->credit_code);
	return 0;
}

/* Loads a facility the caller may see; one outside their scope is "not
 * found", so its existence does not leak. */
static int load_visible(struct app_ctx *ctx, long long id, const char *as_of,
                        struct facility *f)
{
	if (facility_store_get(ctx->db, ctx->arena, id, as_of, f, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, f->region, f->id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no facility %lld", id);
	return 0;
}

int app_facility_save(struct app_ctx *ctx, struct facility *f)
{
	struct facility old;
	json_t *before = NULL, *after = NULL;
	int ret = -1;
	char id[24];

	int cap_changed = 1;

	if (f->id) {
		if (load_visible(ctx, f->id, NULL, &old))
			return -1;
		cap_changed = !capacity_equal(&old.cap, &f->cap);
		if (!cap_changed)
			memcpy(f->cap.date, old.cap.date, sizeof(f->cap.date));
	}
	if (!f->cap.date[0])
		snprintf(f->cap.date, sizeof(f->cap.date), "%s",
		         !f->id && f->opened_on[0] ? f->opened_on : ctx->today);
	if (check_stored_rules(ctx, f))
		return -1;
	if (f->id) {
		if (facility_store_update(ctx->db, f, cap_changed, ctx->now,
		                          ctx->who->account_id, &ctx->err))
			return -1;
		before = facility_to_json(&old);
	} else if (facility_store_insert(ctx->db, f, ctx->now,
	                                 ctx->who->account_id, &ctx->err)) {
		return -1;
	}
	/* a backdated capacity entry is history, not what is in force now:
	 * answer and audit with the stored facility as it now stands */
	if (facility_store_get(ctx->db, ctx->arena, f->id, NULL, f,
	                       &ctx->err)) {
		json_decref(before);
		return -1;
	}
	after = facility_to_json(f);
	snprintf(id, sizeof(id), "%lld", f->id);
	ret = app_audit(ctx, before ? "update" : "create", "facility", id,
	                before, after);
	json_decref(before);
	json_decref(after);
	return ret;
}

static int save_in_tx(struct app_ctx *ctx, void *arg)
{
	return app_facility_save(ctx, arg);
}

json_t *app_facility_create(struct app_ctx *ctx, json_t *body)
{
	struct facility f;
	int touched;

	facility_init(&f);
	if (apply_json(ctx, &f, body, &touched, 1))
		return NULL;
	if (app_transaction(ctx, save_in_tx, &f))
		return NULL;
	return facility_to_json(&f);
}

json_t *app_facility_get(struct app_ctx *ctx, long long id, json_t *params)
{
	static const char *const allowed[] = { "as_of", NULL };
	struct facility f;
	const char *as_of;

	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    load_visible(ctx, id, as_of, &f))
		return NULL;
	return facility_to_json(&f);
}

json_t *app_facility_update(struct app_ctx *ctx, long long id, json_t *body)
{
	struct facility f;
	int touched;

	if (load_visible(ctx, id, NULL, &f))
		return NULL;
	/* a new capacity entry is dated by the body or today, never by the
	 * date of the entry it replaces */
	f.cap.date[0] = '\0';
	if (apply_json(ctx, &f, body, &touched, 0))
		return NULL;
	if (json_object_get(body, "id"))
		return lx_fail(&ctx->err, LX_EINVALID, "id",
		               "'id' cannot be changed"),
		       NULL;
	if (app_transaction(ctx, save_in_tx, &f))
		return NULL;
	return facility_to_json(&f);
}

json_t *app_facility_close(struct app_ctx *ctx, long long id, json_t *body)
{
	json_t *closed_on = json_object_get(body, "closed_on");
	json_t *patch;
	json_t *out;
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	json_object_foreach(body, key, v)
	{
		if (strcmp(key, "closed_on") && strcmp(key, "closed_reason"))
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "unknown field '%s'", key),
			       NULL;
	}
	if (!json_is_string(closed_on))
		return lx_fail(&ctx->err, LX_EINVALID, "closed_on",
		               "'closed_on' is required"),
		       NULL;
	patch = json_deep_copy(body);
	out = app_facility_update(ctx, id, patch);
	json_decref(patch);
	return out;
}

json_t *app_facility_history(struct app_ctx *ctx, long long id)
{
	struct facility f;
	struct capacity *h;
	size_t n;
	json_t *items;

	if (load_visible(ctx, id, NULL, &f) ||
	    facility_store_history(ctx->db, ctx->arena, id, &h, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		f.cap = h[i];
		for (size_t k = 0; k < facility_fields.count; k++) {
			const struct field_spec *s = &facility_fields.specs[k];

			if (s->flags & FF_CAPACITY)
				json_object_set_new(o, s->name,
				                    field_to_json(s, &f));
		}
		json_array_append_new(items, o);
	}
	return json_pack("{s:I, s:o}", "id", (json_int_t)id, "items", items);
}

/* The region a list or summary covers: the requested one, which must lie in
 * the caller's scope, or the caller's scope itself. */
static int scope_region(struct app_ctx *ctx, json_t *params,
                        const char **region)
{
	const char *r;
	const char *scope = ctx->who->region;

	if (param_region(params, "region", &r, &ctx->err))
		return -1;
	if (r) {
		if (!region_store_exists(ctx->db, r))
			return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
			               "no region '%s'", r);
		/* asking for a region above one's scope narrows to the
		 * scope: a county official's "the city" is their county */
		if (scope[0] && region_code_is_within(scope, r))
			r = scope;
		else if (!principal_sees_region(ctx->who, r))
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
			               "region '%s' is outside your scope", r);
		*region = r;
	} else {
		/* an operator's facilities are theirs wherever they are */
		*region = ctx->who->region[0] && ctx->who->role != ROLE_OPERATOR
		              ? ctx->who->region
		              : NULL;
	}
	return 0;
}

static int param_enum(struct app_ctx *ctx, json_t *params, const char *name,
                      const struct enum_names *t, int *out)
{
	const char *s = param_str(params, name);

	*out = -1;
	if (!s || !*s)
		return 0;
	*out = enum_lookup(t, s);
	if (*out < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, name,
		               "unknown %s '%.40s'", name, s);
	return 0;
}

json_t *app_facility_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = {
		"region", "kind", "ownership", "status",   "filing", "q",
		"as_of",  "sort", "page",      "per_page", NULL
	};
	struct facility_query q = { .today = ctx->today };
	const char *status = param_str(params, "status");
	struct facility *v;
	size_t n;
	long long total;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    scope_region(ctx, params, &q.region) ||
	    param_enum(ctx, params, "kind", &facility_kind_names, &q.kind) ||
	    param_enum(ctx, params, "ownership", &ownership_names,
	               &q.ownership) ||
	    param_enum(ctx, params, "filing", &filing_status_names,
	               &q.filing) ||
	    param_date(params, "as_of", &q.as_of, &ctx->err) ||
	    param_long(params, "page", 1, 1, 1000000, &q.page, &ctx->err) ||
	    param_long(params, "per_page", 50, 1, 1000, &q.per_page, &ctx->err))
		return NULL;
	if (!status || !strcmp(status, "open"))
		q.status = FSTATUS_OPEN;
	else if (!strcmp(status, "closed"))
		q.status = FSTATUS_CLOSED;
	else if (!strcmp(status, "all"))
		q.status = FSTATUS_ALL;
	else
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "'status' must be open, closed or all"),
		       NULL;
	q.q = param_str(params, "q");
	q.sort = param_str(params, "sort");
	if (ctx->who->role == ROLE_OPERATOR) {
		q.only_ids = 1;
		q.ids = ctx->who->facilities;
		q.nids = ctx->who->nfacilities;
	}
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, facility_to_json(&v[i]));
	return json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
	                 (json_int_t)total, "page", (int)q.page, "per_page",
	                 (int)q.per_page);
}

static json_t *totals_json(const struct capacity_totals *t)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "count",
	                 (json_int_t)t->count, "beds", (json_int_t)t->beds,
	                 "nursing_beds", (json_int_t)t->nursing_beds,
	                 "occupied_beds", (json_int_t)t->occupied_beds, "slots",
	                 (json_int_t)t->slots, "affordable_slots",
	                 (json_int_t)t->affordable_slots, "enrolled",
	                 (json_int_t)t->enrolled, "affordable_beds",
	                 (json_int_t)t->affordable_beds);
}

json_t *app_facility_summary(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "as_of", NULL };
	struct capacity_totals by_kind[FK__MAX], total = { 0 };
	const char *region, *as_of;
	json_t *kinds;

	if (ctx->who->role == ROLE_OPERATOR)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "summaries are for officials"),
		       NULL;
	if (param_only(params, allowed, &ctx->err) ||
	    scope_region(ctx, params, &region) ||
	    param_date(params, "as_of", &as_of, &ctx->err))
		return NULL;
	if (!as_of)
		as_of = ctx->today;
	if (facility_store_summary(ctx->db, region, as_of, by_kind, &ctx->err))
		return NULL;
	kinds = json_object();
	for (int k = 0; k < FK__MAX; k++) {
		const struct capacity_totals *t = &by_kind[k];

		total.count += t->count;
		total.beds += t->beds;
		total.nursing_beds += t->nursing_beds;
		total.occupied_beds += t->occupied_beds;
		total.slots += t->slots;
		total.affordable_slots += t->affordable_slots;
		total.enrolled += t->enrolled;
		total.affordable_beds += t->affordable_beds;
		if (t->count)
			json_object_set_new(kinds, facility_kind_names.names[k],
			                    totals_json(t));
	}
	return json_pack("{s:s?, s:s, s:o, s:o}", "region", region, "as_of",
	                 as_of, "by_kind", kinds, "total", totals_json(&total));
}
