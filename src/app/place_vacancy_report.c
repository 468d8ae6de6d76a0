#include "app/place_vacancy_report.h"

#include "app/params.h"
#include "core/place_share.h"
#include "core/place_vacancy.h"
#include "core/region_code.h"
#include "store/facility_store.h"
#include "store/region_store.h"

#include <string.h>

/* The sums of one group of facilities (a region, or all). */
struct vac_totals {
	long long elderly, beds, occupied, vacant_beds, affordable_beds;
	long long residents[3]; /* 自理, 半失能, 失能 */
	long long childcare, slots, enrolled, vacant_slots, affordable_slots;
	long long class_capacity[CLASS__MAX], class_enrolled[CLASS__MAX],
	    class_vacant[CLASS__MAX];
};

static int counted(int kind)
{
	return kind == FK_ELDERLY_INSTITUTION ||
	       facility_kind_is_childcare((enum facility_kind)kind);
}

static void add(struct vac_totals *t, const struct facility *f,
                const struct place_vacancy *v)
{
	if (f->kind == FK_ELDERLY_INSTITUTION) {
		t->elderly++;
		t->beds += v->beds;
		t->occupied += v->occupied;
		t->vacant_beds += v->vacant_beds;
		t->affordable_beds += f->cap.affordable_beds;
		t->residents[0] += f->cap.residents_selfcare;
		t->residents[1] += f->cap.residents_partly;
		t->residents[2] += f->cap.residents_disabled;
		return;
	}
	t->childcare++;
	t->slots += v->slots;
	t->enrolled += v->enrolled;
	t->vacant_slots += v->vacant_slots;
	t->affordable_slots += f->cap.affordable_slots;
	for (int c = 0; c < CLASS__MAX; c++) {
		t->class_capacity[c] += v->class_capacity[c];
		t->class_enrolled[c] += v->class_enrolled[c];
		t->class_vacant[c] += v->class_vacant[c];
	}
}

/* A share as text, or null when there is nothing to divide by. */
static json_t *share(long long part, long long whole)
{
	char buf[EXACT_TEXT_MAX];
	const char *s = place_share_percent(part, whole, buf);

	return s ? json_string(s) : json_null();
}

static json_t *classes_json(const long long *cap, const long long *enr,
                            const long long *vac)
{
	json_t *a = json_array();

	for (int c = 0; c < CLASS__MAX; c++)
		if (cap[c] || enr[c])
			json_array_append_new(
			    a, json_pack("{s:s, s:s, s:I, s:I, s:I}", "type",
			                 class_type_names.names[c], "name",
			                 class_type_names.labels_zh[c],
			                 "capacity", (json_int_t)cap[c],
			                 "enrolled", (json_int_t)enr[c],
			                 "vacant", (json_int_t)vac[c]));
	return a;
}

static json_t *totals_json(const struct vac_totals *t)
{
	return json_pack(
	    "{s:{s:I, s:I, s:I, s:I, s:o, s:o, s:I, s:o, s:{s:I, s:I, s:I}},"
	    " s:{s:I, s:I, s:I, s:I, s:o, s:o, s:I, s:o, s:o}}",
	    "elderly", "facilities", (json_int_t)t->elderly, "beds",
	    (json_int_t)t->beds, "occupied", (json_int_t)t->occupied, "vacant",
	    (json_int_t)t->vacant_beds, "occupancy_rate",
	    share(t->occupied, t->beds), "vacancy_rate",
	    share(t->vacant_beds, t->beds), "affordable",
	    (json_int_t)t->affordable_beds, "affordable_share",
	    share(t->affordable_beds, t->beds), "residents", "selfcare",
	    (json_int_t)t->residents[0], "partly", (json_int_t)t->residents[1],
	    "disabled", (json_int_t)t->residents[2], "childcare", "facilities",
	    (json_int_t)t->childcare, "places", (json_int_t)t->slots,
	    "enrolled", (json_int_t)t->enrolled, "vacant",
	    (json_int_t)t->vacant_slots, "occupancy_rate",
	    share(t->enrolled, t->slots), "vacancy_rate",
	    share(t->vacant_slots, t->slots), "affordable",
	    (json_int_t)t->affordable_slots, "affordable_share",
	    share(t->affordable_slots, t->slots), "classes",
	    classes_json(t->class_capacity, t->class_enrolled,
	                 t->class_vacant));
}

/* A row per value of an enum that has facilities: key and name beside
 * the totals. */
static json_t *groups_json(const struct vac_totals *g, int n,
                           const struct enum_names *names, const char *key)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++) {
		json_t *o;

		if (!g[i].elderly && !g[i].childcare)
			continue;
		o = totals_json(&g[i]);
		json_object_set_new(o, key, json_string(names->names[i]));
		json_object_set_new(o, "name",
		                    json_string(names->labels_zh[i]));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *facility_json(const struct facility *f,
                             const struct place_vacancy *v)
{
	json_t *o = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s}", "id",
	    (json_int_t)f->id, "name", f->name, "kind",
	    facility_kind_names.names[f->kind], "kind_name",
	    facility_kind_names.labels_zh[f->kind], "region", f->region,
	    "region_name", f->region_name, "ownership",
	    f->ownership >= 0 ? ownership_names.names[f->ownership] : NULL,
	    "ownership_name",
	    f->ownership >= 0 ? ownership_names.labels_zh[f->ownership] : NULL,
	    "capacity_date", f->cap.date);

	if (f->kind == FK_ELDERLY_INSTITUTION) {
		json_object_set_new(o, "beds", json_integer(v->beds));
		json_object_set_new(o, "occupied", json_integer(v->occupied));
		json_object_set_new(o, "vacant", json_integer(v->vacant_beds));
		json_object_set_new(o, "affordable",
		                    json_integer(f->cap.affordable_beds));
		json_object_set_new(o, "occupancy_rate",
		                    share(v->occupied, v->beds));
	} else {
		json_object_set_new(o, "places", json_integer(v->slots));
		json_object_set_new(o, "enrolled", json_integer(v->enrolled));
		json_object_set_new(o, "vacant", json_integer(v->vacant_slots));
		json_object_set_new(o, "affordable",
		                    json_integer(f->cap.affordable_slots));
		json_object_set_new(o, "occupancy_rate",
		                    share(v->enrolled, v->slots));
		json_object_set_new(o, "classes",
		                    classes_json(v->class_capacity,
		                                 v->class_enrolled,
		                                 v->class_vacant));
	}
	return o;
}

static int param_kind(struct app_ctx *ctx, json_t *params, const char *name,
                      const struct enum_names *t, int *out)
{
	const char *s = param_str(params, name);

	*out = -1;
	if (!s || !*s)
		return 0;
	*out = enum_lookup(t, s);
	if (*out < 0 || (t == &facility_kind_names && !counted(*out)))
		return lx_fail(&ctx->err, LX_EMALFORMED, name,
		               t == &facility_kind_names
		                   ? "'kind' must be elderly_institution or a "
		                     "childcare kind"
		                   : "unknown %s",
		               name);
	return 0;
}

/* The region asked for, narrowed to the caller's scope; NULL: all (an
 * administrator, or an operator whose facilities are its scope). */
static int scope_region(struct app_ctx *ctx, json_t *params,
                        const char **region)
{
	const char *r, *scope = ctx->who->region;

	if (param_region(params, "region", &r, &ctx->err))
		return -1;
	if (!r) {
		*region =
		    scope[0] && ctx->who->role != ROLE_OPERATOR ? scope : NULL;
		return 0;
	}
	if (!region_store_exists(ctx->db, r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", r);
	if (scope[0] && region_code_is_within(scope, r))
		r = scope;
	else if (!principal_sees_region(ctx->who, r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", r);
	*region = r;
	return 0;
}

json_t *app_place_vacancy(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region",    "as_of", "kind",
		                               "ownership", "page",  "per_page",
		                               NULL };
	struct facility_query q = { .today = ctx->today,
		                    .status = FSTATUS_OPEN,
		                    .filing = -1,
		                    .sort = "id" };
	struct vac_totals all = { 0 }, *by = NULL, own[OWN__MAX],
	                  kinds[FK__MAX];
	struct region *kids = NULL;
	struct facility *v;
	size_t n, nkids = 0;
	long long total, shown = 0;
	long page, per_page;
	json_t *items, *rows;

	if (param_only(params, allowed, &ctx->err) ||
	    scope_region(ctx, params, &q.region) ||
	    param_date(params, "as_of", &q.as_of, &ctx->err) ||
	    param_kind(ctx, params, "kind", &facility_kind_names, &q.kind) ||
	    param_kind(ctx, params, "ownership", &ownership_names,
	               &q.ownership) ||
	    param_long(params, "page", 1, 1, 1000000, &page, &ctx->err) ||
	    param_long(params, "per_page", 50, 1, 1000, &per_page, &ctx->err))
		return NULL;
	if (!q.as_of)
		q.as_of = ctx->today;
	if (ctx->who->role == ROLE_OPERATOR) {
		q.only_ids = 1;
		q.ids = ctx->who->facilities;
		q.nids = ctx->who->nfacilities;
	}
	/* every open facility of the subtree: the totals need them all,
	 * a city holds a few thousand */
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err) ||
	    region_store_children(ctx->db, ctx->arena, q.region, &kids, &nkids,
	                          &ctx->err))
		return NULL;
	memset(own, 0, sizeof(own));
	memset(kinds, 0, sizeof(kinds));
	by = arena_alloc(ctx->arena, (nkids + 1) * sizeof(*by));
	memset(by, 0, (nkids + 1) * sizeof(*by));
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct facility *f = &v[i];
		struct place_vacancy pv;

		if (!counted(f->kind))
			continue;
		place_vacancy_of(&f->cap, &pv);
		add(&all, f, &pv);
		add(&kinds[f->kind], f, &pv);
		if (f->ownership >= 0 && f->ownership < OWN__MAX)
			add(&own[f->ownership], f, &pv);
		for (size_t k = 0; k < nkids; k++)
			if (region_code_is_within(f->region, kids[k].code)) {
				add(&by[k], f, &pv);
				break;
			}
		if (shown >= (page - 1) * per_page && shown < page * per_page)
			json_array_append_new(items, facility_json(f, &pv));
		shown++;
	}
	rows = json_array();
	for (size_t k = 0; k < nkids; k++) {
		json_t *o = totals_json(&by[k]);

		json_object_set_new(o, "code", json_string(kids[k].code));
		json_object_set_new(o, "name", json_string(kids[k].name));
		json_array_append_new(rows, o);
	}
	return json_pack(
	    "{s:s?, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:i, s:i}",
	    "region", q.region, "as_of", q.as_of, "rounding", "half_up",
	    "rounding_zh", "百分比四舍五入保留两位小数", "total",
	    totals_json(&all), "regions", rows, "by_kind",
	    groups_json(kinds, FK__MAX, &facility_kind_names, "kind"),
	    "by_ownership",
	    groups_json(own, OWN__MAX, &ownership_names, "ownership"), "items",
	    items, "count", (json_int_t)shown, "page", (int)page, "per_page",
	    (int)per_page);
}
