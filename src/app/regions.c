#include "app/regions.h"

#include "app/params.h"
#include "app/population_nesting.h"
#include "core/accepted.h"
#include "core/bounds.h"
#include "core/exact.h"
#include "core/population.h"
#include "core/region_code.h"
#include "core/rollup_note.h"
#include "core/text.h"
#include "store/population_store.h"
#include "store/region_store.h"

#include <stdlib.h>
#include <string.h>

json_t *region_to_json(const struct region *r)
{
	return json_pack(
	    "{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:i}", "code", r->code,
	    "name", r->name, "level", region_level_name(r->level), "kind",
	    region_kind_name(r->kind), "parent",
	    r->parent[0] ? r->parent : NULL, "closed_on",
	    r->closed_on[0] ? r->closed_on : NULL, "source",
	    r->source ? r->source : "", "children", (int)r->children);
}

static json_t *list_json(const struct region *v, size_t n)
{
	json_t *items = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, region_to_json(&v[i]));
	return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
}

json_t *app_region_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "parent", "q", NULL };
	const char *parent;
	const char *q = param_str(params, "q");
	const char *scope = ctx->who->region[0] ? ctx->who->region : NULL;
	struct region *v;
	size_t n;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "parent", &parent, &ctx->err))
		return NULL;
	if (parent && *parent && !principal_sees_region(ctx->who, parent))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "parent",
		               "no region '%s'", parent),
		       NULL;
	if (q && *q) {
		if (region_store_subtree(ctx->db, ctx->arena,
		                         parent && *parent ? parent : scope, q,
		                         &v, &n, &ctx->err))
			return NULL;
	} else if (parent && *parent) {
		if (region_store_children(ctx->db, ctx->arena, parent, &v, &n,
		                          &ctx->err))
			return NULL;
	} else if (scope) {
		v = arena_alloc(ctx->arena, sizeof(*v));
		if (region_store_get(ctx->db, ctx->arena, scope, v, &ctx->err))
			return NULL;
		n = 1;
	} else if (region_store_children(ctx->db, ctx->arena, NULL, &v, &n,
	                                 &ctx->err)) {
		return NULL;
	}
	return list_json(v, n);
}

json_t *app_region_get(struct app_ctx *ctx, const char *code)
{
	struct region r, p;
	json_t *out, *path;

	if (!principal_sees_region(ctx->who, code) ||
	    region_store_get(ctx->db, ctx->arena, code, &r, &ctx->err))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "code",
		               "no region '%.12s'", code),
		       NULL;
	path = json_array();
	json_array_append_new(path, region_to_json(&r));
	for (p = r; p.parent[0];) {
		char parent[13];

		memcpy(parent, p.parent, sizeof(parent));
		if (region_store_get(ctx->db, ctx->arena, parent, &p, NULL))
			break;
		json_array_insert_new(path, 0, region_to_json(&p));
	}
	out = region_to_json(&r);
	json_object_set_new(out, "path", path);
	return out;
}

/* Reads a region body; with existing non-NULL, only name, kind and source
 * may change. */
static int region_from_json(struct app_ctx *ctx, json_t *body, struct region *r,
                            int is_update)
{
	static const char *const create_keys[] = { "code", "name",   "level",
		                                   "kind", "parent", "source",
		                                   NULL };
	static const char *const update_keys[] = { "name", "kind", "source",
		                                   NULL };
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	json_object_foreach(body, key, v)
	{
		const char *const *k = is_update ? update_keys : create_keys;
		const char *s;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "unknown field '%s'", key);
		if (!strcmp(key, "parent") && json_is_null(v)) {
			r->parent[0] = '\0';
			continue;
		}
		if (!json_is_string(v))
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' must be a string", key);
		s = json_string_value(v);
		if (!strcmp(key, "code") || !strcmp(key, "parent")) {
			char *dst = !strcmp(key, "code") ? r->code : r->parent;

			if (strlen(s) != 12 || !region_code_valid(s))
				return lx_fail(
				    &ctx->err, LX_EINVALID, key,
				    "'%s' must be a 12-digit division "
				    "code, not '%.20s'",
				    key, s);
			memcpy(dst, s, 13);
		} else if (!strcmp(key, "name")) {
			if (text_utf8_length(s) > LX_NAME_CHARS_MAX)
				return lx_fail(&ctx->err, LX_EINVALID, "name",
				               "'name' is longer than %d "
				               "characters",
				               LX_NAME_CHARS_MAX);
			r->name = arena_strdup(ctx->arena, s);
		} else if (!strcmp(key, "source")) {
			r->source = arena_strdup(ctx->arena, s);
		} else if (!strcmp(key, "kind")) {
			if ((r->kind = region_kind_parse(s)) < 0)
				return lx_fail(&ctx->err, LX_EINVALID, "kind",
				               "'kind' must be admin or zone");
		} else if (!strcmp(key, "level")) {
			enum region_level lv;

			if (region_level_parse(s, &lv))
				return lx_fail(&ctx->err, LX_EINVALID, "level",
				               "unknown level '%.20s' (%s)", s,
				               app_region_level_names(ctx));
			r->level = (int)lv;
		}
	}
	return 0;
}

const char *app_region_level_names(struct app_ctx *ctx)
{
	const char *names[REGION_LEVEL__MAX];

	for (int i = 0; i < REGION_LEVEL__MAX; i++)
		names[i] = region_level_name((enum region_level)i);
	return accepted_names(ctx->arena, "", names, REGION_LEVEL__MAX);
}

const char *app_region_missing(struct app_ctx *ctx, const char *code)
{
	enum region_level lv = region_code_level(code);

	return lv == REGION_LEVEL__MAX
	           ? "to add or import first"
	           : arena_printf(ctx->arena,
	                          "a %s by its code, to add or import first",
	                          region_level_name(lv));
}

int app_region_save(struct app_ctx *ctx, struct region *r, int replace)
{
	struct region old;
	json_t *before = NULL, *after;
	int exists, ret;

	if (r->level < 0 && region_code_valid(r->code))
		r->level = (int)region_code_level(r->code);
	if (region_validate(r, &ctx->err))
		return -1;
	if (r->parent[0] && !region_store_exists(ctx->db, r->parent))
		return lx_fail(&ctx->err, LX_EINVALID, "parent",
		               "parent region '%s' does not exist: %s",
		               r->parent, app_region_missing(ctx, r->parent));
	if (!principal_may_write_region(ctx->who,
	                                r->parent[0] ? r->parent : r->code))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "code",
		               "you may not change regions in '%s'", r->code);
	exists = !region_store_get(ctx->db, ctx->arena, r->code, &old, NULL);
	if (exists && !replace)
		return lx_fail(&ctx->err, LX_ECONFLICT, "code",
		               "region '%s' already exists", r->code);
	if (exists)
		before = region_to_json(&old);
	if (exists ? region_store_update(ctx->db, r, &ctx->err)
	           : region_store_insert(ctx->db, r, &ctx->err)) {
		json_decref(before);
		return -1;
	}
	after = region_to_json(r);
	ret = app_audit(ctx, exists ? "update" : "create", "region", r->code,
	                before, after);
	json_decref(before);
	json_decref(after);
	return ret;
}

struct region_save {
	struct region *r;
	int replace;
};

static int save_in_tx(struct app_ctx *ctx, void *arg)
{
	struct region_save *s = arg;

	return app_region_save(ctx, s->r, s->replace);
}

json_t *app_region_create(struct app_ctx *ctx, json_t *body)
{
	struct region r = { .level = -1, .kind = REGION_ADMIN };
	struct region_save s = { &r, 0 };

	if (region_from_json(ctx, body, &r, 0))
		return NULL;
	if (!r.code[0])
		return lx_fail(&ctx->err, LX_EINVALID, "code",
		               "'code' is required"),
		       NULL;
	if (app_transaction(ctx, save_in_tx, &s))
		return NULL;
	return region_to_json(&r);
}

json_t *app_region_update(struct app_ctx *ctx, const char *code, json_t *body)
{
	struct region r;
	struct region_save s = { &r, 1 };

	if (!principal_sees_region(ctx->who, code) ||
	    region_store_get(ctx->db, ctx->arena, code, &r, &ctx->err))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "code",
		               "no region '%.12s'", code),
		       NULL;
	if (region_from_json(ctx, body, &r, 1) ||
	    app_transaction(ctx, save_in_tx, &s))
		return NULL;
	return region_to_json(&r);
}

json_t *app_region_close(struct app_ctx *ctx, const char *code, json_t *body)
{
	struct region r;
	struct region_save s = { &r, 1 };
	json_t *d = json_object_get(body, "closed_on");

	if (!json_is_object(body) || json_object_size(body) != 1 ||
	    !json_is_string(d))
		return lx_fail(&ctx->err, LX_EINVALID, "closed_on",
		               "the body must be {\"closed_on\": "
		               "\"YYYY-MM-DD\"}"),
		       NULL;
	if (!principal_sees_region(ctx->who, code) ||
	    region_store_get(ctx->db, ctx->arena, code, &r, &ctx->err))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "code",
		               "no region '%.12s'", code),
		       NULL;
	snprintf(r.closed_on, sizeof(r.closed_on), "%.10s",
	         json_string_value(d));
	if (strlen(json_string_value(d)) != 10)
		return lx_fail(&ctx->err, LX_EINVALID, "closed_on",
		               "'closed_on' must be a date YYYY-MM-DD"),
		       NULL;
	if (app_transaction(ctx, save_in_tx, &s))
		return NULL;
	return region_to_json(&r);
}

/* ---- population ---- */

static json_t *pop_json(const struct pop_figure *f)
{
	return json_pack("{s:s, s:i, s:s, s:I, s:s}", "region", f->region,
	                 "year", f->year, "metric", pop_metric_name(f->metric),
	                 "value", (json_int_t)f->value, "source",
	                 f->source ? f->source : "");
}

int app_population_save(struct app_ctx *ctx, const struct pop_figure *f)
{
	struct pop_figure old;
	json_t *after, *before = NULL;
	int ret;
	char *id;

	if (f->metric < 0 || f->metric >= POP__MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "metric",
		               "unknown metric (%s)",
		               accepted_names(ctx->arena, "",
		                              pop_metric_names(), POP__MAX));
	if (f->year < POP_YEAR_MIN || f->year > POP_YEAR_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "year",
		               "'year' must be from %d to %d", POP_YEAR_MIN,
		               POP_YEAR_MAX);
	if (f->value < 0 || f->value > LX_POPULATION_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "value",
		               "'value' must be from 0 to %lld",
		               (long long)LX_POPULATION_MAX);
	if (!region_store_exists(ctx->db, f->region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s': %s", f->region,
		               app_region_missing(ctx, f->region));
	if (!principal_may_write_region(ctx->who, f->region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "you may not enter population for '%s'",
		               f->region);
	if (population_store_get(ctx->db, ctx->arena, f->region, f->year,
	                         f->metric, &old))
		before = pop_json(&old);
	if (population_store_put(ctx->db, f, ctx->who->account_id, ctx->now,
	                         &ctx->err)) {
		json_decref(before);
		return -1;
	}
	after = pop_json(f);
	id = arena_printf(ctx->arena, "%s/%d/%s", f->region, f->year,
	                  pop_metric_name(f->metric));
	ret = app_audit(ctx, "set", "population", id, before, after);
	json_decref(before);
	json_decref(after);
	return ret;
}

static int population_save_in_tx(struct app_ctx *ctx, void *arg)
{
	return app_population_save(ctx, arg);
}

json_t *app_population_put(struct app_ctx *ctx, json_t *body)
{
	struct pop_figure f = { .metric = -1 };
	json_t *region, *year, *metric, *value, *source;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (json_unpack_ex(body, NULL, JSON_STRICT, "{s:o, s:o, s:o, s:o, s?o}",
	                   "region", &region, "year", &year, "metric", &metric,
	                   "value", &value, "source", &source)) {
		const char *key;
		json_t *v;
		static const char *const known[] = { "region", "year", "metric",
			                             "value", "source" };

		json_object_foreach(body, key, v)
		{
			int ok = 0;

			for (size_t i = 0; i < 5; i++)
				ok |= !strcmp(known[i], key);
			if (!ok)
				return lx_fail(&ctx->err, LX_EINVALID, key,
				               "unknown field '%s'", key),
				       NULL;
		}
		for (size_t i = 0; i < 4; i++)
			if (!json_object_get(body, known[i]))
				return lx_fail(&ctx->err, LX_EINVALID, known[i],
				               "'%s' is required", known[i]),
				       NULL;
	}
	source = json_object_get(body, "source");
	if (!json_is_string(region) || strlen(json_string_value(region)) != 12)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "'region' must be a 12-digit division code"),
		       NULL;
	if (!json_is_integer(year))
		return lx_fail(&ctx->err, LX_EINVALID, "year",
		               "'year' must be a whole number"),
		       NULL;
	if (!json_is_string(metric) ||
	    (f.metric = pop_metric_parse(json_string_value(metric))) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "metric",
		               "unknown metric '%.40s' (%s)",
		               json_is_string(metric)
		                   ? json_string_value(metric)
		                   : "",
		               accepted_names(ctx->arena, "",
		                              pop_metric_names(), POP__MAX)),
		       NULL;
	if (!json_is_integer(value))
		return lx_fail(&ctx->err, LX_EINVALID, "value",
		               "'value' must be a whole number"),
		       NULL;
	if (source && !json_is_string(source))
		return lx_fail(&ctx->err, LX_EINVALID, "source",
		               "'source' must be a string"),
		       NULL;
	memcpy(f.region, json_string_value(region), 13);
	f.year = json_integer_value(year) > POP_YEAR_MAX
	             ? POP_YEAR_MAX + 1
	             : (int)json_integer_value(year);
	f.value = json_integer_value(value);
	f.source = source ? (char *)json_string_value(source) : "";
	if (app_transaction(ctx, population_save_in_tx, &f))
		return NULL;
	return json_pack("{s:s, s:i, s:s, s:I, s:s, s:s}", "region", f.region,
	                 "year", f.year, "metric", pop_metric_name(f.metric),
	                 "value", (json_int_t)f.value, "origin", "direct",
	                 "source", f.source);
}

struct pop_delete {
	const char *region;
	int year, metric;
};

static int delete_in_tx(struct app_ctx *ctx, void *arg)
{
	struct pop_delete *d = arg;
	struct pop_figure old;
	json_t *before = NULL;
	char *id;
	int ret;

	if (population_store_get(ctx->db, ctx->arena, d->region, d->year,
	                         d->metric, &old))
		before = pop_json(&old);
	if (population_store_delete(ctx->db, d->region, d->year, d->metric,
	                            &ctx->err)) {
		json_decref(before);
		return -1;
	}
	id = arena_printf(ctx->arena, "%s/%d/%s", d->region, d->year,
	                  pop_metric_name(d->metric));
	ret = app_audit(ctx, "delete", "population", id, before, NULL);
	json_decref(before);
	return ret;
}

int app_population_delete(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "year", "metric",
		                               NULL };
	struct pop_delete d = { .region = param_str(params, "region") };
	long year;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "year", 0, POP_YEAR_MIN, POP_YEAR_MAX, &year,
	               &ctx->err))
		return -1;
	d.year = (int)year;
	d.metric = pop_metric_parse(param_str(params, "metric"));
	if (!d.region || d.metric < 0 || !year)
		return lx_fail(&ctx->err, LX_EMALFORMED, "metric",
		               "give region, year and metric");
	if (!principal_may_write_region(ctx->who, d.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "you may not change population for '%s'",
		               d.region);
	return app_transaction(ctx, delete_in_tx, &d);
}

static int cmp_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct region *)elem)->code);
}

static long node_index(const struct region *nodes, size_t nn, const char *code)
{
	const struct region *r =
	    bsearch(code, nodes, nn, sizeof(*nodes), cmp_code);

	return r ? (long)(r - nodes) : -1;
}

/* One metric and year rolled up over the subtree (nodes ordered by code,
 * as the store returns them); adds the root's figure to out. */
static int rollup_metric(struct app_ctx *ctx, const struct region *nodes,
                         size_t nn, const struct pop_figure *figs, size_t nf,
                         long root, int year, int metric, json_t *out)
{
	long *parent = arena_alloc(ctx->arena, nn * sizeof(*parent));
	int *has = arena_alloc(ctx->arena, nn * sizeof(*has));
	long long *direct = arena_alloc(ctx->arena, nn * sizeof(*direct));
	long long *value = arena_alloc(ctx->arena, nn * sizeof(*value));
	int *origin = arena_alloc(ctx->arena, nn * sizeof(*origin));
	long *counted = arena_alloc(ctx->arena, nn * sizeof(*counted));
	const char *source = "";
	long nchildren = 0;
	json_t *fig;

	for (size_t i = 0; i < nn; i++)
		parent[i] = (long)i == root
		                ? -1
		                : node_index(nodes, nn, nodes[i].parent);
	for (size_t i = 0; i < nf; i++) {
		long k;

		if (figs[i].year != year || figs[i].metric != metric)
			continue;
		k = node_index(nodes, nn, figs[i].region);
		if (k < 0)
			continue;
		has[k] = 1;
		direct[k] = figs[i].value;
		if (k == root)
			source = figs[i].source ? figs[i].source : "";
	}
	if (rollup_tree(nn, parent, has, direct, value, origin, counted))
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "the region tree has a cycle");
	if (origin[root] == ROLLUP_NONE)
		return 0;
	for (size_t i = 0; i < nn; i++)
		nchildren += parent[i] == root;
	/* children: the sub-regions there are; covered: those whose figure
	 * is in the sum. A part is said to be a part. */
	fig = json_pack("{s:I, s:s, s:s, s:i, s:i}", "value",
	                (json_int_t)value[root], "origin",
	                origin[root] == ROLLUP_DIRECT ? "direct" : "rollup",
	                "source", source, "covered", (int)counted[root],
	                "children", (int)nchildren);
	if (origin[root] == ROLLUP_SUM &&
	    rollup_is_partial(counted[root], nchildren)) {
		char en[96], zh[96];
		int level = (int)region_code_level(nodes[root].code) + 1;

		rollup_note(counted[root], nchildren, level, 0, en, sizeof(en));
		rollup_note(counted[root], nchildren, level, 1, zh, sizeof(zh));
		json_object_set_new(fig, "partial", json_true());
		json_object_set_new(fig, "coverage", json_string(en));
		json_object_set_new(fig, "coverage_zh", json_string(zh));
	}
	if (json_object_get(out, "figures")) {
		json_object_set_new(json_object_get(out, "figures"),
		                    pop_metric_name(metric), fig);
	} else {
		json_object_set_new(fig, "year", json_integer(year));
		json_object_set_new(fig, "metric",
		                    json_string(pop_metric_name(metric)));
		json_array_append_new(json_object_get(out, "items"), fig);
	}
	return 0;
}

/* The figures derived from two imported ones (core/population.h) for
 * one year: figures maps metric names to {value, ...}; adds each whose
 * parts are both there to list, exact, rounded half up to its places. */
static void add_derived(json_t *figures, int year, json_t *list)
{
	for (int d = 0; d < POP_DERIVED__MAX; d++) {
		const struct pop_derived_def *def = pop_derived_def(d);
		json_t *n =
		    json_object_get(figures, pop_metric_name(def->numerator));
		json_t *dn =
		    json_object_get(figures, pop_metric_name(def->denominator));
		struct exact v;
		char buf[EXACT_TEXT_MAX], full[EXACT_TEXT_MAX];
		json_t *o;

		if (!n || !dn ||
		    pop_derive(
		        d, json_integer_value(json_object_get(n, "value")),
		        json_integer_value(json_object_get(dn, "value")), &v))
			continue;
		o = json_pack(
		    "{s:i, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:i, s:s, s:s}",
		    "year", year, "metric", def->name, "label_zh",
		    def->label_zh, "unit_zh", def->unit_zh, "value",
		    exact_format(v, def->places, EXACT_HALF_UP, buf), "exact",
		    exact_format_plain(v, 6, NULL, full), "numerator",
		    (json_int_t)json_integer_value(json_object_get(n, "value")),
		    "denominator",
		    (json_int_t)json_integer_value(
		        json_object_get(dn, "value")),
		    "places", def->places, "rule", "round half up", "rule_zh",
		    "四舍五入");
		/* a share of partial sums is itself partial: said so */
		for (json_t *part = n; part; part = part == n ? dn : NULL)
			if (json_is_true(json_object_get(part, "partial")) &&
			    !json_object_get(o, "partial")) {
				json_object_set_new(o, "partial", json_true());
				json_object_set(
				    o, "coverage",
				    json_object_get(part, "coverage"));
				json_object_set(
				    o, "coverage_zh",
				    json_object_get(part, "coverage_zh"));
			}
		json_array_append_new(list, o);
	}
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Figures for one region: its direct values, or the roll-up of the
 * subtree's direct values (the rule is core/region.c's rollup_tree). */
json_t *app_population_get(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "year", NULL };
	const char *code;
	struct region *nodes;
	struct pop_figure *figs;
	size_t nn, nf, ny = 0;
	long year, root;
	int *years;
	json_t *out, *derived, *flags;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &code, &ctx->err) ||
	    param_long(params, "year", 0, POP_YEAR_MIN, POP_YEAR_MAX, &year,
	               &ctx->err))
		return NULL;
	if (!code || !principal_sees_region(ctx->who, code) ||
	    !region_store_exists(ctx->db, code))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%.12s'", code ? code : ""),
		       NULL;
	if (region_store_subtree(ctx->db, ctx->arena, code, NULL, &nodes, &nn,
	                         &ctx->err) ||
	    population_store_subtree(ctx->db, ctx->arena, code, (int)year,
	                             &figs, &nf, &ctx->err))
		return NULL;
	root = node_index(nodes, nn, code);
	years = arena_alloc(ctx->arena, (nf + 1) * sizeof(*years));
	for (size_t i = 0; i < nf; i++)
		years[ny++] = figs[i].year;
	qsort(years, ny, sizeof(*years), cmp_int);
	if (year)
		out = json_pack("{s:s, s:i, s:o}", "region", code, "year",
		                (int)year, "figures", json_object());
	else
		out = json_pack("{s:s, s:o}", "region", code, "items",
		                json_array());
	derived = json_array();
	json_object_set_new(out, "derived", derived);
	for (size_t i = 0; i < ny; i++) {
		json_t *by_metric;
		size_t k;
		json_t *it;

		if (i && years[i] == years[i - 1])
			continue;
		for (int m = 0; m < POP__MAX; m++)
			if (rollup_metric(ctx, nodes, nn, figs, nf, root,
			                  years[i], m, out)) {
				json_decref(out);
				return NULL;
			}
		if (year) {
			add_derived(json_object_get(out, "figures"), years[i],
			            derived);
			continue;
		}
		by_metric = json_object();
		json_array_foreach(json_object_get(out, "items"), k, it)
		{
			if (json_integer_value(json_object_get(it, "year")) ==
			    years[i])
				json_object_set(
				    by_metric,
				    json_string_value(
				        json_object_get(it, "metric")),
				    it);
		}
		add_derived(by_metric, years[i], derived);
		json_decref(by_metric);
	}
	/* figures that cannot all be true, said rather than accepted */
	flags = json_array();
	population_nesting_flags(nodes, nn, figs, nf, flags);
	json_object_set_new(out, "flags", flags);
	return out;
}
