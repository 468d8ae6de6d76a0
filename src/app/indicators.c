#include "app/indicators.h"

#include "app/indicator_eval.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/result_cache.h"
#include "core/expr.h"
#include "core/grade_element.h"
#include "core/inspect_element.h"
#include "core/nearest.h"
#include "core/period.h"
#include "core/person.h"
#include "core/population.h"
#include "core/region.h"
#include "core/region_code.h"
#include "core/service_element.h"
#include "core/visit_rate.h"
#include "store/indicator_store.h"
#include "store/region_store.h"

#include <stdlib.h>
#include <string.h>

/* An exact figure behind a value as decimal text (never a JSON real). */
static json_t *figure_or_null(int has, struct exact v)
{
	char text[EXACT_TEXT_MAX];

	return has ? json_string(ind_format_figure(v, text)) : json_null();
}

/* A value as decimal text rounded half up to the indicator's precision
 * (app/indicator_eval.h ind_format). */
static json_t *value_or_null(const struct indicator_def *d, int has,
                             struct exact v)
{
	char text[EXACT_TEXT_MAX];

	return has ? json_string(ind_format(d, v, text)) : json_null();
}

/* What people read: the reported text, or the rounded value. */
static json_t *display(const struct indicator_def *d,
                       const struct ind_result *r)
{
	if (r->text)
		return json_string(r->text);
	return value_or_null(d, r->has_value, r->value);
}

/* The date a value is as of when it rests on a report of an earlier
 * period (a stated fact still in force): {"period", "label"}. */
static void add_stated(struct app_ctx *ctx, json_t *o,
                       const struct ind_result *r)
{
	if (r->stated && (r->has_value || r->text))
		json_object_set_new(
		    o, "stated",
		    json_pack("{s:s, s:s}", "period", r->stated, "label",
		              ind_stated_label(ctx->arena, r->stated)));
}

/* A value resting on a population figure that sums only some of the
 * node's children says so: {"covered", "children", "note", "note_zh"}. */
static void add_partial(struct app_ctx *ctx, json_t *o,
                        const struct ind_result *r)
{
	if (!r->partial_children || !r->has_value)
		return;
	json_object_set_new(
	    o, "partial",
	    json_pack("{s:I, s:I, s:s, s:s}", "covered",
	              (json_int_t)r->partial_covered, "children",
	              (json_int_t)r->partial_children, "note",
	              ind_partial_note(ctx->arena, r, 0), "note_zh",
	              ind_partial_note(ctx->arena, r, 1)));
}

/* The rule stated beside every rounded figure. */
static void add_rounding(json_t *o, const struct indicator_def *d,
                         const struct ind_result *r)
{
	if (!r->has_value)
		return;
	json_object_set_new(o, "places", json_integer(ind_places(d, r->value)));
	json_object_set_new(o, "rounding", json_string(IND_ROUNDING));
}

/* The base and target as the region sees them (docs/policy.md "Whose
 * target"): the plan's own or inherited (with the plan that states it),
 * decomposed onto the region, or none at all. */
static void add_target(json_t *o, const struct indicator_def *d,
                       const struct ind_result *now)
{
	const struct regional_target *g = now->regional;
	json_t *target;

	if (now->target_kind == TGT_NONE || now->target_kind == TGT_REGIONAL) {
		/* the plan's base is its whole area's */
		json_object_set_new(
		    o, "base",
		    json_pack("{s:n, s:n, s:n}", "year", "value", "text"));
	} else {
		json_object_set_new(
		    o, "base",
		    json_pack("{s:o, s:s?, s:s?}", "year",
		              d->base_year ? json_integer(d->base_year)
		                           : json_null(),
		              "value", d->base_value, "text", d->base_text));
	}
	if (now->target_kind == TGT_NONE || d->op == TOP_NONE) {
		json_object_set_new(o, "target", json_null());
		return;
	}
	target = json_pack(
	    "{s:i, s:s, s:s, s:s?, s:s?}", "year", d->target_year, "op",
	    target_op_name(d->op), "op_label", target_op_symbol(d->op), "value",
	    g ? g->value : d->target_value, "text", d->target_text);
	if (now->target_kind != TGT_OWN)
		json_object_set_new(target, "stated_by",
		                    json_string(d->jurisdiction));
	if (g)
		json_object_set_new(target, "source", json_string(g->source));
	json_object_set_new(o, "target", target);
}

static json_t *indicator_json(struct app_ctx *ctx,
                              const struct indicator_def *d, const char *code,
                              const struct ind_result *now,
                              const struct ind_result *prev, const char *prevp)
{
	json_t *o = json_pack(
	    "{s:s, s:s, s:i, s:s, s:s?, s:s?, s:s?, s:s, s:s?, s:s?}", "id",
	    d->id, "group", d->group, "seq", d->seq, "name",
	    ind_name_at(d, code), "unit", d->unit, "attribute", d->attribute,
	    "department", d->department, "source", d->source, "source_label",
	    d->source_label, "note", d->note);
	struct exact change = { 0, 1 };
	json_t *previous;

	add_target(o, d, now);
	json_object_set_new(o, "value",
	                    value_or_null(d, now->has_value, now->value));
	json_object_set_new(o, "display", display(d, now));
	add_rounding(o, d, now);
	add_stated(ctx, o, now);
	add_partial(ctx, o, now);
	if (now->text)
		json_object_set_new(o, "text", json_string(now->text));
	json_object_set_new(o, "origin", json_string(now->origin));
	if (now->rep)
		json_object_set_new(
		    o, "reported",
		    json_pack("{s:s, s:s, s:s}", "by", now->rep->reported_by,
		              "at", now->rep->reported_at, "source",
		              now->rep->source ? now->rep->source : ""));
	if (d->numerator) {
		char factor[EXACT_TEXT_MAX];

		json_object_set_new(
		    o, "formula",
		    json_pack("{s:s, s:s?, s:s}", "numerator",
		              d->numerator_text, "denominator",
		              d->denominator_text, "factor",
		              ind_format_figure(d->factor, factor)));
		json_object_set_new(
		    o, "numerator",
		    figure_or_null(now->has_value || now->has_den, now->num));
		json_object_set_new(o, "denominator",
		                    figure_or_null(now->has_den, now->den));
	}
	json_object_set_new(o, "status", json_string(status_name(now->status)));
	json_object_set_new(o, "status_label",
	                    json_string(status_label_zh(now->status)));
	/* the straight line's value now, when the target is not yet due */
	if (now->has_expected && now->status != ST_MET &&
	    now->status != ST_MISSED)
		json_object_set_new(o, "expected",
		                    value_or_null(d, 1, now->expected));
	previous = json_pack("{s:s, s:o, s:o}", "period", prevp, "value",
	                     value_or_null(d, prev->has_value, prev->value),
	                     "display", display(d, prev));
	add_stated(ctx, previous, prev);
	json_object_set_new(o, "previous", previous);
	json_object_set_new(
	    o, "change",
	    value_or_null(d,
	                  now->has_value && prev->has_value &&
	                      !exact_sub(now->value, prev->value, &change),
	                  change));
	return o;
}

/* Region path root first, for policy inheritance. */
static int region_path(struct app_ctx *ctx, const char *code, const char ***out,
                       size_t *n)
{
	const char **v = arena_alloc(ctx->arena, 8 * sizeof(*v));
	size_t len = 0, cap = 8;
	struct region r;
	char cur[13];

	snprintf(cur, sizeof(cur), "%s", code);
	while (cur[0]) {
		if (region_store_get(ctx->db, ctx->arena, cur, &r, &ctx->err))
			return -1;
		v = arena_grow(ctx->arena, v, len, &cap, sizeof(*v));
		v[len++] = arena_strdup(ctx->arena, r.code);
		if (len > 16)
			break;
		memcpy(cur, r.parent, sizeof(cur));
	}
	for (size_t i = 0; i < len / 2; i++) {
		const char *t = v[i];

		v[i] = v[len - 1 - i];
		v[len - 1 - i] = t;
	}
	*out = v;
	*n = len;
	return 0;
}

int app_policy_view(struct app_ctx *ctx, const char *region,
                    struct policy_view *view)
{
	const char **path;
	size_t n;

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded");
	if (region_path(ctx, region, &path, &n))
		return -1;
	policy_view_build(ctx->policies, ctx->arena, path, n, view);
	return 0;
}

int app_visible_region(struct app_ctx *ctx, json_t *params, const char **region)
{
	if (param_region(params, "region", region, &ctx->err))
		return -1;
	if (!*region)
		return lx_fail(&ctx->err, LX_EMALFORMED, "region",
		               "give the region's 12-digit code");
	if (!principal_sees_region(ctx->who, *region) ||
	    !region_store_exists(ctx->db, *region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", *region);
	return 0;
}

/* Binding indicators that are behind or missed first, then in the
 * table's order. */
static int rank(const struct indicator_def *d, enum indicator_status st)
{
	return d->attribute && !strcmp(d->attribute, "binding") &&
	               (st == ST_BEHIND || st == ST_MISSED)
	           ? 0
	           : 1;
}

/* The indicators of a region the caller may see, for a checked period. */
static json_t *indicators_doc(struct app_ctx *ctx, const char *region,
                              struct period p)
{
	struct policy_view view;
	struct period prev;
	struct ind_tree *now, *before;
	json_t *out = NULL, *groups, *items;
	char prevp[8], per[8];

	if (app_policy_view(ctx, region, &view))
		return NULL;
	prev = period_previous(p);
	period_format(prev, prevp);
	period_format(p, per);
	if (!(now = ind_tree_load(ctx, region, p)) ||
	    !(before = ind_tree_load(ctx, region, prev)))
		return NULL;
	groups = json_array();
	for (size_t g = 0; g < view.ngroups; g++)
		json_array_append_new(
		    groups,
		    json_pack("{s:s, s:s, s:s?, s:s?, s:s?}", "id",
		              view.groups[g]->id, "name", view.groups[g]->name,
		              "name_en", view.groups[g]->name_en, "source",
		              view.groups[g]->source, "source_label",
		              view.groups[g]->source_label));
	items = json_array();
	/* two passes per group: binding-and-behind, then the rest */
	for (size_t g = 0; g < view.ngroups; g++)
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < view.nindicators; i++) {
				const struct indicator_def *d =
				    view.indicators[i];
				struct ind_result a, b;

				if (strcmp(d->group, view.groups[g]->id))
					continue;
				a = ind_evaluate(now, ind_tree_root(now), &view,
				                 d);
				if (rank(d, a.status) != pass)
					continue;
				b = ind_evaluate(before, ind_tree_root(before),
				                 &view, d);
				json_array_append_new(
				    items, indicator_json(ctx, d, region, &a,
				                          &b, prevp));
			}
	if (ind_tree_failed(now) || ind_tree_failed(before)) {
		json_decref(groups);
		json_decref(items);
		return NULL;
	}
	out = json_pack("{s:s, s:s, s:s, s:s?, s:o, s:o}", "region", region,
	                "period", per, "as_of", ind_tree_as_of(now),
	                "jurisdiction", view.jurisdiction, "groups", groups,
	                "indicators", items);
	return out;
}

/* What is asked, checked before anything is computed or looked up. */
static int indicators_query(struct app_ctx *ctx, json_t *params,
                            const char **region, struct period *p)
{
	static const char *const allowed[] = { "region", "period", NULL };

	return param_only(params, allowed, &ctx->err) ||
	               app_visible_region(ctx, params, region) ||
	               period_parse(param_str(params, "period"), p, &ctx->err,
	                            "period")
	           ? -1
	           : 0;
}

json_t *app_indicators(struct app_ctx *ctx, json_t *params)
{
	const char *region;
	struct period p;

	return indicators_query(ctx, params, &region, &p)
	           ? NULL
	           : indicators_doc(ctx, region, p);
}

struct doc_query {
	const char *region;
	struct period p;
};

static json_t *indicators_built(struct app_ctx *ctx, void *arg)
{
	const struct doc_query *q = arg;

	return indicators_doc(ctx, q->region, q->p);
}

int app_indicators_cached(struct app_ctx *ctx, json_t *params, char **text,
                          size_t *len, int *hit)
{
	struct doc_query q;
	char per[8];

	if (indicators_query(ctx, params, &q.region, &q.p))
		return -1;
	period_format(q.p, per);
	/* the document depends on the region and period alone: anyone who
	 * may see the region gets the same one */
	return app_cached_json(
	    ctx, arena_printf(ctx->arena, "indicators/%s/%s", q.region, per),
	    indicators_built, &q, text, len, hit);
}

/* " (nearest: a, b, c)": the population metrics, registry measures,
 * service elements and the reported elements in force nearest to a
 * misspelt name, so that the error says what was meant. */
static const char *nearest_elements(struct app_ctx *ctx,
                                    const struct policy_view *view,
                                    const char *word, int with_indicators)
{
	size_t n = 0, cap = POP__MAX + M__MAX + SE__MAX + view->nreported +
	                    view->nindicators;
	const char **names = arena_alloc(ctx->arena, cap * sizeof(*names));
	const char *best[3];
	int k;

	for (int i = 0; i < POP__MAX; i++)
		names[n++] = pop_metric_name((enum pop_metric)i);
	for (int i = 0; i < M__MAX; i++)
		names[n++] = element_measure_name(i);
	for (int i = 0; i < SE__MAX; i++)
		names[n++] = service_element_name((enum service_element)i);
	for (size_t i = 0; i < view->nreported; i++)
		names[n++] = view->reported[i]->name;
	for (size_t i = 0; with_indicators && i < view->nindicators; i++) {
		size_t j = 0;

		/* an indicator reported under its own id is named once */
		while (j < n && strcmp(names[j], view->indicators[i]->id))
			j++;
		if (j == n)
			names[n++] = view->indicators[i]->id;
	}
	k = nearest_names(word, names, n, best, 3);
	return k == 3 ? arena_printf(ctx->arena, " (nearest: %s, %s, %s)",
	                             best[0], best[1], best[2])
	       : k    ? arena_printf(ctx->arena, " (nearest: %s)", best[0])
	              : "";
}

static int parse_param_expr(struct app_ctx *ctx, json_t *params,
                            const char *name, int required,
                            const struct policy_view *view, struct expr **e)
{
	const char *text = param_str(params, name);
	const char **names;
	struct lx_error perr = { 0 };
	size_t n;

	*e = NULL;
	if (!text || !*text)
		return required ? lx_fail(&ctx->err, LX_EINVALID, name,
		                          "'%s' is required", name)
		                : 0;
	if (!(*e = expr_parse(ctx->arena, text, &perr)))
		return lx_fail(&ctx->err, LX_EINVALID, name, "'%s' %s", name,
		               perr.message);
	n = expr_names(*e, ctx->arena, &names);
	for (size_t i = 0; i < n; i++) {
		struct element_ref ref;

		int k = element_ref_parse(names[i], &ref);

		if (k < 0)
			return lx_fail(&ctx->err, LX_EINVALID, name,
			               "'%s' narrows a registry element by an "
			               "unknown filter",
			               names[i]);
		struct person_element pe;

		struct visit_element ve;
		enum service_element se;
		struct inspect_element_ref ie;

		/* a typo must not read as "no data" */
		if (!k && pop_metric_parse(names[i]) < 0 &&
		    person_element_parse(names[i], &pe) != 1 &&
		    visit_element_parse(names[i], &ve) != 1 &&
		    service_element_parse(names[i], &se) != 1 &&
		    inspect_element_parse(names[i], &ie) != 1 &&
		    grade_element_parse(names[i]) < 0 &&
		    !policy_view_reported(view, names[i]))
			return lx_fail(
			    &ctx->err, LX_EINVALID, name,
			    "unknown data element '%s'%s", names[i],
			    nearest_elements(ctx, view, names[i], 0));
	}
	return 0;
}

static void add_elements(struct app_ctx *ctx, struct ind_tree *t,
                         const struct policy_view *view, const struct expr *e,
                         json_t *out)
{
	const char **names;
	size_t n = e ? expr_names(e, ctx->arena, &names) : 0;

	for (size_t i = 0; i < n; i++) {
		struct exact v = { 0, 1 };
		int has = ind_lookup(t, ind_tree_root(t), view, names[i], &v);

		json_object_set_new(out, names[i], figure_or_null(has, v));
	}
}

json_t *app_evaluate(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region",    "period",
		                               "numerator", "denominator",
		                               "factor",    "expression",
		                               NULL };
	struct expr *whole = NULL;
	const char *region, *ftext = param_str(params, "factor");
	struct indicator_def d = { .op = TOP_NONE, .factor = { 1, 1 } };
	struct policy_view view;
	struct period p;
	struct ind_tree *t;
	struct ind_result r;
	json_t *out, *elements;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    period_parse(param_str(params, "period"), &p, &ctx->err,
	                 "period") ||
	    app_policy_view(ctx, region, &view))
		return NULL;
	if (param_str(params, "expression")) {
		/* one expression, split where it divides, so that the answer
		 * has its numerator and denominator like a policy's ratio */
		if (param_str(params, "numerator") ||
		    param_str(params, "denominator") || ftext)
			return lx_fail(&ctx->err, LX_EINVALID, "expression",
			               "'expression' replaces 'numerator', "
			               "'denominator' and 'factor': give one "
			               "or the others"),
			       NULL;
		if (parse_param_expr(ctx, params, "expression", 1, &view,
		                     &whole))
			return NULL;
		if (!expr_ratio_parts(whole, ctx->arena, &d.numerator,
		                      &d.denominator, &d.factor))
			d.numerator = whole;
	} else if (parse_param_expr(ctx, params, "numerator", 1, &view,
	                            &d.numerator) ||
	           parse_param_expr(ctx, params, "denominator", 0, &view,
	                            &d.denominator)) {
		return NULL;
	}
	if (ftext && (exact_parse(ftext, &d.factor) || exact_is_zero(d.factor)))
		return lx_fail(&ctx->err, LX_EINVALID, "factor",
		               "'factor' must be a non-zero decimal number"),
		       NULL;
	if (!(t = ind_tree_load(ctx, region, p)))
		return NULL;
	r = ind_evaluate(t, ind_tree_root(t), &view, &d);
	elements = json_object();
	add_elements(ctx, t, &view, d.numerator, elements);
	add_elements(ctx, t, &view, d.denominator, elements);
	if (ind_tree_failed(t)) {
		json_decref(elements);
		return NULL;
	}
	out = json_pack(
	    "{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "region", region, "as_of",
	    ind_tree_as_of(t), "value", value_or_null(&d, r.has_value, r.value),
	    "display", display(&d, &r), "numerator",
	    figure_or_null(r.has_value || r.has_den, r.num), "denominator",
	    figure_or_null(r.has_den, r.den), "elements", elements);
	if (whole) {
		char f[EXACT_TEXT_MAX];

		/* how the expression was read: value = numerator /
		 * denominator × factor */
		json_object_set_new(
		    out, "parts",
		    json_pack(
		        "{s:s, s:s?, s:s}", "numerator",
		        expr_format(d.numerator, ctx->arena), "denominator",
		        d.denominator ? expr_format(d.denominator, ctx->arena)
		                      : NULL,
		        "factor", ind_format_figure(d.factor, f)));
	}
	add_rounding(out, &d, &r);
	add_partial(ctx, out, &r);
	return out;
}

json_t *app_indicator_series(struct app_ctx *ctx, const char *id,
                             json_t *params)
{
	static const char *const allowed[] = { "region", "from", "to", NULL };
	const char *region, *from = param_str(params, "from");
	const char *to = param_str(params, "to");
	const struct indicator_def *d;
	struct policy_view view;
	struct period a, b;
	json_t *points;
	int guard = 0;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    app_policy_view(ctx, region, &view))
		return NULL;
	if (!(d = policy_view_indicator(&view, id)))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no indicator '%.60s' applies to '%s'", id,
		               region),
		       NULL;
	if (from || to) {
		if (period_parse(from, &a, &ctx->err, "from") ||
		    period_parse(to, &b, &ctx->err, "to"))
			return NULL;
		if (a.kind != b.kind)
			return lx_fail(&ctx->err, LX_EMALFORMED, "to",
			               "'from' and 'to' must be periods of one "
			               "kind"),
			       NULL;
		if (a.year > b.year || (a.year == b.year && a.index > b.index))
			return lx_fail(&ctx->err, LX_EMALFORMED, "to",
			               "'to' comes before 'from'"),
			       NULL;
	} else {
		/* a descriptive indicator has no target year: the five
		 * years to today */
		b = (struct period){ PERIOD_YEAR, atoi(ctx->today), 0 };
		a = (struct period){ PERIOD_YEAR,
			             d->base_year     ? d->base_year
			             : d->target_year ? d->target_year - 5
			                              : b.year - 5,
			             0 };
		if (b.year < d->target_year)
			b.year = d->target_year;
	}
	points = json_array();
	/* walk back from b to a; at most 400 periods */
	for (struct period p = b; guard < 400; guard++) {
		struct ind_tree *t;
		struct ind_result r;
		json_t *pt;
		char per[8];

		if (p.year < a.year || (p.year == a.year && p.index < a.index))
			break;
		if (!(t = ind_tree_load(ctx, region, p))) {
			json_decref(points);
			return NULL;
		}
		r = ind_evaluate(t, ind_tree_root(t), &view, d);
		if (ind_tree_failed(t)) {
			json_decref(points);
			return NULL;
		}
		period_format(p, per);
		pt =
		    json_pack("{s:s, s:o, s:o, s:s}", "period", per, "value",
		              value_or_null(d, r.has_value, r.value), "display",
		              display(d, &r), "status", status_name(r.status));
		add_stated(ctx, pt, &r);
		add_partial(ctx, pt, &r);
		json_array_insert_new(points, 0, pt);
		p = period_previous(p);
	}
	return json_pack("{s:s, s:s, s:s, s:o}", "id", d->id, "name",
	                 ind_name_at(d, region), "region", region, "points",
	                 points);
}

/* A reported number as the decimal it was reported as. */
static json_t *reported_number(const struct reported *r)
{
	struct exact v = { 0, 1 };

	return figure_or_null(r->has_value && !exact_from_double(r->value, &v),
	                      v);
}

static json_t *reported_json(const struct reported *r)
{
	return json_pack("{s:o, s:s?, s:s}", "value", reported_number(r),
	                 "text", r->text, "source", r->source ? r->source : "");
}

static int put_in_tx(struct app_ctx *ctx, void *arg)
{
	struct reported *r = arg, *old;
	json_t *before = NULL, *after;
	size_t n;
	int ret;

	if (reported_store_subtree(ctx->db, ctx->arena, r->region, r->period,
	                           r->element, &old, &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(old[i].region, r->region))
			before = reported_json(&old[i]);
	if (reported_store_put(ctx->db, r, ctx->who->account_id, ctx->now,
	                       &ctx->err)) {
		json_decref(before);
		return -1;
	}
	after = reported_json(r);
	ret = app_audit(ctx, "set", "reported",
	                arena_printf(ctx->arena, "%s/%s/%s", r->element,
	                             r->region, r->period),
	                before, after);
	json_decref(before);
	json_decref(after);
	return ret;
}

/* A reported value must be the caller's to report, and name something
 * that applies to the region: a registry or population element (a
 * department's figure), or a reported element or indicator of the region's
 * policies, with a text exactly when the target is a text. */
static int check_reported(struct app_ctx *ctx, struct reported *r)
{
	const struct indicator_def *ind = NULL;
	struct policy_view view;
	struct element_ref ref;
	struct period p;
	int k, wants_text = 0;

	if (ctx->who->role == ROLE_READONLY ||
	    ctx->who->role == ROLE_OPERATOR || ctx->who->role == ROLE_FAMILY)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role does not report values");
	if (!region_code_valid(r->region) ||
	    !region_store_exists(ctx->db, r->region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s'", r->region);
	if (!principal_sees_region(ctx->who, r->region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "you may not report values for '%s'", r->region);
	if (!r->element || !*r->element || strlen(r->element) > 120)
		return lx_fail(&ctx->err, LX_EINVALID, "element",
		               "'element' is required");
	if (period_parse(r->period, &p, &ctx->err, "period"))
		return -1;
	period_format(p, r->period);
	k = element_ref_parse(r->element, &ref);
	if (k < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "element",
		               "'%s' narrows a registry element by an unknown "
		               "filter",
		               r->element);
	if (!k && pop_metric_parse(r->element) < 0) {
		if (app_policy_view(ctx, r->region, &view))
			return -1;
		ind = policy_view_indicator(&view, r->element);
		if (!ind && !policy_view_reported(&view, r->element))
			return lx_fail(
			    &ctx->err, LX_EINVALID, "element",
			    "no data element or indicator '%s' "
			    "applies to '%s'%s",
			    r->element, r->region,
			    nearest_elements(ctx, &view, r->element, 1));
		wants_text = ind && ind->op == TOP_TEXT;
	}
	if (wants_text && !r->text)
		return lx_fail(&ctx->err, LX_EINVALID, "text",
		               "'%s' has a text target: give a 'text'",
		               r->element);
	if (!wants_text && r->text)
		return lx_fail(&ctx->err, LX_EINVALID, "value",
		               "'%s' takes a number 'value', not a text",
		               r->element);
	return 0;
}

/* A reported number, a JSON number or decimal text ("96.45"): kept to the
 * 15 significant digits the store holds exactly (exact_from_double). */
static int reported_decimal(json_t *v, double *out)
{
	struct exact x, back;

	if (json_is_string(v)) {
		if (exact_parse(json_string_value(v), &x))
			return -1;
		*out = exact_to_double(x);
	} else {
		*out = json_number_value(v);
		if (exact_from_double(*out, &x))
			return -1;
	}
	/* what the store will give back must be what was given */
	return exact_from_double(*out, &back) || exact_cmp(back, x) ? -1 : 0;
}

static json_t *reported_put(struct app_ctx *ctx, json_t *body, int own_tx)
{
	struct reported r = { 0 };
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	json_object_foreach(body, key, v)
	{
		if (!strcmp(key, "value") &&
		    (json_is_number(v) || json_is_string(v))) {
			if (reported_decimal(v, &r.value))
				return lx_fail(&ctx->err, LX_EINVALID, "value",
				               "'value' must be a decimal "
				               "number of at most 15 "
				               "significant digits"),
				       NULL;
			r.has_value = 1;
		} else if ((!strcmp(key, "value") || !strcmp(key, "text")) &&
		           json_is_null(v)) {
			/* absent */
		} else if (!strcmp(key, "text") && json_is_string(v)) {
			r.text = (char *)json_string_value(v);
		} else if (!strcmp(key, "element") && json_is_string(v)) {
			r.element = (char *)json_string_value(v);
		} else if (!strcmp(key, "source") && json_is_string(v)) {
			r.source = (char *)json_string_value(v);
		} else if (!strcmp(key, "region") && json_is_string(v)) {
			snprintf(r.region, sizeof(r.region), "%.12s",
			         json_string_value(v));
		} else if (!strcmp(key, "period") && json_is_string(v)) {
			snprintf(r.period, sizeof(r.period), "%.7s",
			         json_string_value(v));
		} else {
			return lx_fail(
			           &ctx->err, LX_EINVALID, key,
			           strstr("value text element source region "
			                  "period",
			                  key)
			               ? "'%s' has the wrong type"
			               : "unknown field '%s'",
			           key),
			       NULL;
		}
	}
	if (r.has_value == !!r.text)
		return lx_fail(&ctx->err, LX_EINVALID, "value",
		               "give either a number 'value' or a 'text'"),
		       NULL;
	if (check_reported(ctx, &r) ||
	    (own_tx ? app_transaction(ctx, put_in_tx, &r) : put_in_tx(ctx, &r)))
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:o, s:s?}", "element", r.element,
	                 "region", r.region, "period", r.period, "value",
	                 reported_number(&r), "text", r.text);
}

json_t *app_reported_put(struct app_ctx *ctx, json_t *body)
{
	return reported_put(ctx, body, 1);
}

json_t *app_reported_check_and_put(struct app_ctx *ctx, json_t *body)
{
	return reported_put(ctx, body, 0);
}

static int facts_in_tx(struct app_ctx *ctx, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < policy_set_count(ctx->policies); i++) {
		const struct policy *p = policy_set_at(ctx->policies, i);

		for (size_t k = 0; k < p->nfacts; k++) {
			const struct fact_def *f = &p->facts[k];
			struct reported r = {
				.element = (char *)f->element,
				.has_value = 1,
				.value = f->value,
				.source = (char *)f->source,
			};

			snprintf(r.region, sizeof(r.region), "%.12s",
			         f->region);
			snprintf(r.period, sizeof(r.period), "%.7s", f->period);
			if (check_reported(ctx, &r) ||
			    reported_store_put(ctx->db, &r, 0, ctx->now,
			                       &ctx->err))
				return lx_fail(&ctx->err, ctx->err.code,
				               ctx->err.field,
				               "%s: facts[%zu]: %s", p->file, k,
				               ctx->err.message);
		}
	}
	return 0;
}

int app_load_policy_facts(struct app_ctx *ctx)
{
	return app_transaction(ctx, facts_in_tx, NULL);
}
