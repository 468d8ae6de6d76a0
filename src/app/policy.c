#include "app/policy.h"

#include "app/closure_policy.h"
#include "app/complaint_policy.h"
#include "app/credit_policy.h"
#include "app/grade_policy.h"
#include "app/inspect_checklist_policy.h"
#include "app/inspect_food_policy.h"
#include "app/inspect_hazard_policy.h"
#include "app/inspect_plan_policy.h"
#include "app/inspect_staff_policy.h"
#include "app/place_childcare_policy.h"
#include "app/place_wait_policy.h"
#include "app/project_policy.h"
#include "app/referral_policy.h"
#include "app/service_bed_policy.h"
#include "app/service_entitlement_policy.h"
#include "app/service_guidance_policy.h"
#include "app/service_meal_policy.h"
#include "app/service_policy.h"
#include "app/service_timebank_policy.h"
#include "app/service_voucher_policy.h"
#include "app/subsidy_policy.h"
#include "app/task_policy.h"
#include "app/visit_policy.h"

#include "core/decimal.h"
#include "core/expr.h"
#include "core/facility.h"
#include "core/grade_element.h"
#include "core/inspect_element.h"
#include "core/nearest.h"
#include "core/person.h"
#include "core/population.h"
#include "core/region_code.h"
#include "core/service_element.h"
#include "core/visit_rate.h"

#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct policy_set {
	struct arena *arena;
	atomic_int refs;
	size_t n;
	struct policy *v;
	const char *dir; /* where it was loaded from: other policy data
	                    (policies/bank/) is read beside it */
};

/* A reader of one file: the arena, the file name and the error, so every
 * message can say where it is. */
struct reader {
	struct arena *a;
	const char *file;
	struct lx_error *err;
	const char *code; /* the file's jurisdiction, once read; else "" */
};

static int bad(struct reader *r, const char *path, const char *what)
{
	return lx_fail(r->err, LX_EINVALID, path, "%s: %s: %s", r->file, path,
	               what);
}

/* "; did you mean a, b, c?" with the (up to) three of the n names nearest
 * word, or "" when there are none: an error that teaches the spelling. */
static const char *hint(struct reader *r, const char *word,
                        const char *const *names, size_t n)
{
	const char *near[3];
	int k = nearest_names(word, names, n, near, 3);

	if (k == 0)
		return "";
	return arena_printf(r->a, "; did you mean %s%s%s%s%s?", near[0],
	                    k > 1 ? ", " : "", k > 1 ? near[1] : "",
	                    k > 2 ? ", " : "", k > 2 ? near[2] : "");
}

/* 1 when code lies under the file's jurisdiction (or is it), else an
 * error at path naming both. */
static int within(struct reader *r, const char *code, const char *path)
{
	if (region_code_is_within(code, r->code))
		return 1;
	bad(r, path,
	    arena_printf(r->a,
	                 "'%s' is not under this file's jurisdiction '%s'",
	                 code, r->code));
	return 0;
}

static int get_str(struct reader *r, json_t *o, const char *key,
                   const char *path, int required, const char **out)
{
	json_t *v = json_object_get(o, key);
	char *at = arena_printf(r->a, "%s%s%s", path, *path ? "." : "", key);

	*out = NULL;
	if (!v || json_is_null(v))
		return required ? bad(r, at, "is required") : 0;
	if (!json_is_string(v))
		return bad(r, at, "must be a string");
	*out = arena_strdup(r->a, json_string_value(v));
	return 0;
}

static int get_int(struct reader *r, json_t *o, const char *key,
                   const char *path, int min, int max, int *out)
{
	json_t *v = json_object_get(o, key);
	char *at = arena_printf(r->a, "%s.%s", path, key);

	if (!json_is_integer(v))
		return bad(r, at, "must be a whole number");
	if (json_integer_value(v) < min || json_integer_value(v) > max)
		return bad(
		    r, at,
		    arena_printf(r->a, "must be from %d to %d", min, max));
	*out = (int)json_integer_value(v);
	return 0;
}

/* Years a plan can speak of; sequence numbers of a table's rows. */
enum { YEAR_MIN = 1949, YEAR_MAX = 2100, SEQ_MAX = 10000 };

/* A typo in a key ("denominater") must not silently change a rule. */
static int only_keys(struct reader *r, json_t *o, const char *path,
                     const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v)
	{
		const char *const *k = allowed;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return bad(r,
			           arena_printf(r->a, "%s%s%s", path,
			                        *path ? "." : "", key),
			           arena_printf(r->a, "is not a known key%s",
			                        hint(r, key, allowed,
			                             (size_t)(k - allowed))));
	}
	return 0;
}

static int get_list(struct reader *r, json_t *doc, const char *key,
                    int required, json_t **out)
{
	*out = json_object_get(doc, key);
	if (!*out && !required)
		return 0;
	if (!json_is_array(*out))
		return bad(r, key, "must be a list");
	return 0;
}

/* reported_all maps each reported element name to the jurisdictions whose
 * files declare it. An import fills a reported element for a region only
 * when a file on the region's path declares it (policy_view_reported), so
 * a name declared only in another jurisdiction's file would load and
 * then stay without data for ever: 1 when this file or one above it
 * declares name. */
static int declared_above(struct reader *r, json_t *reported_all,
                          const char *name)
{
	json_t *codes = json_object_get(reported_all, name), *c;
	size_t i;

	json_array_foreach(codes, i, c)
	{
		if (region_code_is_within(r->code, json_string_value(c)))
			return 1;
	}
	return 0;
}

/* Every element name a formula of this file may use: the registry
 * measures, the population metrics, the service counts and the reported
 * elements declared here or above; for hints. */
static const char *const *element_names(struct reader *r, json_t *reported_all,
                                        size_t *n)
{
	size_t cap =
	    M__MAX + POP__MAX + SE__MAX + json_object_size(reported_all);
	const char **v = arena_alloc(r->a, (cap + 1) * sizeof(*v));
	const char *key;
	json_t *val;

	*n = 0;
	for (int m = 0; m < M__MAX; m++)
		v[(*n)++] = element_measure_name(m);
	for (int m = 0; m < POP__MAX; m++)
		v[(*n)++] = pop_metric_name((enum pop_metric)m);
	for (int m = 0; m < SE__MAX; m++)
		v[(*n)++] = service_element_name((enum service_element)m);
	json_object_foreach(reported_all, key, val)
	{
		if (declared_above(r, reported_all, key))
			v[(*n)++] = key;
	}
	return v;
}

/* The error for a reported element name that no import can fill here. */
static int not_fillable(struct reader *r, const char *path, const char *name,
                        json_t *reported_all)
{
	json_t *codes = json_object_get(reported_all, name);

	return bad(r, path,
	           arena_printf(r->a,
	                        "reported element '%s' is declared only in "
	                        "the file of '%s', not in this file or one "
	                        "above it, so no import can fill it for '%s'; "
	                        "declare it in reported_elements here",
	                        name,
	                        json_string_value(json_array_get(codes, 0)),
	                        r->code));
}

/* For "beds.elderly_instituton": the values nearest the first filter that
 * is no facility attribute value ("; did you mean elderly_institution,
 * ..."), or "" when every filter is one (a facet given twice). */
static const char *filter_hint(struct reader *r, const char *name)
{
	const struct enum_names *tables[] = {
		&facility_kind_names, &ownership_names,     &operation_names,
		&profit_names,        &filing_status_names,
	};
	const char *all[256];
	size_t n = 0;
	const char *dot = strchr(name, '.');

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (int i = 0; i < tables[t]->count && n < 255; i++)
			all[n++] = tables[t]->names[i];
	all[n++] = "medical";
	while (dot) {
		const char *end = strchr(dot + 1, '.');
		char *word = arena_printf(
		    r->a, "%.*s",
		    (int)(end ? end - dot - 1 : (long)strlen(dot + 1)),
		    dot + 1);
		size_t i = 0;

		while (i < n && strcmp(all[i], word))
			i++;
		if (i == n)
			return hint(r, word, all, n);
		dot = end;
	}
	return "";
}

static int check_names(struct reader *r, const struct expr *e, const char *path,
                       json_t *reported_all)
{
	const char **names;
	size_t n = expr_names(e, r->a, &names);

	for (size_t i = 0; i < n; i++) {
		struct element_ref ref;
		int k = element_ref_parse(names[i], &ref);

		if (k < 0)
			return bad(
			    r, path,
			    arena_printf(r->a,
			                 "'%s' narrows a registry element "
			                 "by an unknown or repeated "
			                 "filter%s",
			                 names[i], filter_hint(r, names[i])));
		struct person_element pe;

		if (k == 0 && person_element_parse(names[i], &pe) < 0)
			return bad(r, path,
			           arena_printf(r->a,
			                        "'%s' narrows persons by an "
			                        "unknown or repeated filter",
			                        names[i]));
		struct visit_element ve;
		int v = k == 0 ? visit_element_parse(names[i], &ve) : 0;

		if (v < 0)
			return bad(r, path,
			           arena_printf(r->a,
			                        "'%s' narrows visit targets by "
			                        "something not a tier code",
			                        names[i]));
		enum service_element se;
		struct inspect_element_ref ie;

		if (k == 0 && v == 0 && pop_metric_parse(names[i]) < 0 &&
		    service_element_parse(names[i], &se) != 1 &&
		    inspect_element_parse(names[i], &ie) != 1 &&
		    grade_element_parse(names[i]) < 0 &&
		    person_element_parse(names[i], &pe) != 1) {
			size_t nn;
			const char *const *all;

			if (declared_above(r, reported_all, names[i]))
				continue;
			if (json_object_get(reported_all, names[i]))
				return not_fillable(r, path, names[i],
				                    reported_all);
			all = element_names(r, reported_all, &nn);
			return bad(
			    r, path,
			    arena_printf(r->a, "unknown data element '%s'%s",
			                 names[i], hint(r, names[i], all, nn)));
		}
	}
	return 0;
}

static int read_expr(struct reader *r, json_t *o, const char *key,
                     const char *path, const char **text, struct expr **e,
                     json_t *reported_all)
{
	char *at = arena_printf(r->a, "%s.%s", path, key);
	struct lx_error perr = { 0 };

	*e = NULL;
	if (get_str(r, o, key, path, 0, text))
		return -1;
	if (!*text)
		return 0;
	*e = expr_parse(r->a, *text, &perr);
	if (!*e)
		return bad(r, at, perr.message);
	return check_names(r, *e, at, reported_all);
}

/* A ratio, per-1,000 figure, share or per-person level applies to each
 * region under the plan; anything else (a count, a total, a text) to the
 * plan's jurisdiction as a whole. Read from the formula, the unit and the
 * name's wording, unless the file says ("applies_to"). */
static enum target_scope default_scope(const struct indicator_def *d)
{
	static const char *const ratio_words[] = { "每千", "每百", "每万",
		                                   "人均", "占比", "比例",
		                                   "比重", "率",   NULL };

	if (d->denominator ||
	    (d->unit && (strstr(d->unit, "%") || strstr(d->unit, "‰") ||
	                 strstr(d->unit, "/"))))
		return SCOPE_EACH_REGION;
	for (size_t k = 0; ratio_words[k]; k++)
		if (strstr(d->name, ratio_words[k]))
			return SCOPE_EACH_REGION;
	return SCOPE_JURISDICTION;
}

static int read_scope(struct reader *r, json_t *o, const char *path,
                      struct indicator_def *d)
{
	static const char *const keys[] = { "region", "value", "source", "note",
		                            NULL };
	json_t *list = json_object_get(o, "regional_targets"), *item;
	const char *scope;
	size_t i;

	if (get_str(r, o, "applies_to", path, 0, &scope))
		return -1;
	if (!scope)
		d->scope = default_scope(d);
	else if (!strcmp(scope, "each_region"))
		d->scope = SCOPE_EACH_REGION;
	else if (!strcmp(scope, "jurisdiction"))
		d->scope = SCOPE_JURISDICTION;
	else
		return bad(r, arena_printf(r->a, "%s.applies_to", path),
		           "must be each_region or jurisdiction");
	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list))
		return bad(r, arena_printf(r->a, "%s.regional_targets", path),
		           "must be a list");
	if (d->op == TOP_TEXT || d->op == TOP_NONE ||
	    d->scope != SCOPE_JURISDICTION)
		return bad(r, arena_printf(r->a, "%s.regional_targets", path),
		           "only a numeric target of the jurisdiction as a "
		           "whole is decomposed onto regions");
	d->nregional = json_array_size(list);
	d->regional =
	    arena_alloc(r->a, (d->nregional + 1) * sizeof(*d->regional));
	json_array_foreach(list, i, item)
	{
		char *at =
		    arena_printf(r->a, "%s.regional_targets[%zu]", path, i);
		struct regional_target *g = &d->regional[i];

		if (!json_is_object(item))
			return bad(r, at, "must be an object");
		if (only_keys(r, item, at, keys) ||
		    get_str(r, item, "region", at, 1, &g->region) ||
		    get_str(r, item, "value", at, 1, &g->value) ||
		    get_str(r, item, "source", at, 1, &g->source))
			return -1;
		if (strlen(g->region) != 12 || !region_code_valid(g->region))
			return bad(r, arena_printf(r->a, "%s.region", at),
			           "must be a 12-digit division code");
		if (!within(r, g->region, arena_printf(r->a, "%s.region", at)))
			return -1;
		if (exact_parse(g->value, &g->target))
			return bad(r, arena_printf(r->a, "%s.value", at),
			           "must be a decimal number written as text");
		for (size_t k = 0; k < i; k++)
			if (!strcmp(d->regional[k].region, g->region))
				return bad(r,
				           arena_printf(r->a, "%s.region", at),
				           "appears twice");
		if (exact_text_places(g->value) > d->places)
			d->places = exact_text_places(g->value);
	}
	return 0;
}

static int read_indicator(struct reader *r, json_t *o, const char *path,
                          struct indicator_def *d, json_t *groups,
                          json_t *reported_all)
{
	json_t *base = json_object_get(o, "base");
	json_t *target = json_object_get(o, "target");
	json_t *factor = json_object_get(o, "factor");
	char *bpath = arena_printf(r->a, "%s.base", path);
	char *tpath = arena_printf(r->a, "%s.target", path);
	const char *op;

	static const char *const keys[] = {
		"id",          "group",     "seq",        "name",
		"unit",        "attribute", "department", "source",
		"note",        "base",      "target",     "numerator",
		"denominator", "factor",    "applies_to", "regional_targets",
		NULL
	};
	static const char *const base_keys[] = { "year", "value", "text",
		                                 NULL };
	static const char *const target_keys[] = { "year", "op", "value",
		                                   "text", NULL };

	if (!json_is_object(o))
		return bad(r, path, "must be an object");
	if (only_keys(r, o, path, keys) ||
	    (json_is_object(base) && only_keys(r, base, bpath, base_keys)) ||
	    (json_is_object(target) &&
	     only_keys(r, target, tpath, target_keys)))
		return -1;
	if (get_str(r, o, "id", path, 1, &d->id) ||
	    get_str(r, o, "group", path, 1, &d->group) ||
	    get_str(r, o, "name", path, 1, &d->name) ||
	    get_str(r, o, "unit", path, 0, &d->unit) ||
	    get_str(r, o, "attribute", path, 0, &d->attribute) ||
	    get_str(r, o, "department", path, 0, &d->department) ||
	    get_str(r, o, "source", path, 1, &d->source) ||
	    get_str(r, o, "note", path, 0, &d->note) ||
	    get_int(r, o, "seq", path, 1, SEQ_MAX, &d->seq))
		return -1;
	if (!json_object_get(groups, d->group))
		return bad(
		    r, arena_printf(r->a, "%s.group", path),
		    arena_printf(r->a, "no group '%s' in this file", d->group));
	if (d->attribute && strcmp(d->attribute, "binding") &&
	    strcmp(d->attribute, "indicative"))
		return bad(r, arena_printf(r->a, "%s.attribute", path),
		           "must be binding, indicative or null");
	/* a table with no base column has no base year; a row with no base
	 * at all may leave it out */
	if (base && !json_is_null(base) && !json_is_object(base))
		return bad(r, bpath,
		           "must be an object, or absent for no base");
	d->base_year = 0;
	if (json_is_object(base) &&
	    !json_is_null(json_object_get(base, "year")) &&
	    get_int(r, base, "year", bpath, YEAR_MIN, YEAR_MAX, &d->base_year))
		return -1;
	if (get_str(r, base, "value", bpath, 0, &d->base_value) ||
	    get_str(r, base, "text", bpath, 0, &d->base_text))
		return -1;
	if (!d->base_year && (d->base_value || d->base_text))
		return bad(r, arena_printf(r->a, "%s.year", bpath),
		           "a base value needs its year");
	if (d->base_value && exact_parse(d->base_value, &d->base))
		return bad(r, arena_printf(r->a, "%s.value", bpath),
		           "must be a decimal number written as text");
	/* no target (absent or null): descriptive, a value judged against
	 * nothing (docs/policy.md "Descriptive indicators"); a target that
	 * is written must be complete */
	d->target_year = 0;
	d->target_value = d->target_text = NULL;
	if (!target || json_is_null(target)) {
		d->op = TOP_NONE;
	} else if (!json_is_object(target)) {
		return bad(r, tpath, "must be an object, or null for none");
	} else if (get_int(r, target, "year", tpath, YEAR_MIN, YEAR_MAX,
	                   &d->target_year) ||
	           get_str(r, target, "op", tpath, 1, &op)) {
		return -1;
	} else if ((int)(d->op = target_op_parse(op)) < 0) {
		return bad(r, arena_printf(r->a, "%s.op", tpath),
		           "must be one of >=, >, <=, <, =, text");
	} else if (d->op == TOP_TEXT) {
		if (get_str(r, target, "text", tpath, 1, &d->target_text))
			return -1;
	} else if (get_str(r, target, "value", tpath, 1, &d->target_value) ||
	           exact_parse(d->target_value, &d->target)) {
		return d->target_value
		           ? bad(r, arena_printf(r->a, "%s.value", tpath),
		                 "must be a decimal number written as text")
		           : -1;
	}
	if (d->op != TOP_NONE && d->base_year && d->target_year <= d->base_year)
		return bad(r, arena_printf(r->a, "%s.year", tpath),
		           "the target year must come after the base year");
	if (read_expr(r, o, "numerator", path, &d->numerator_text,
	              &d->numerator, reported_all) ||
	    read_expr(r, o, "denominator", path, &d->denominator_text,
	              &d->denominator, reported_all))
		return -1;
	if (d->denominator && !d->numerator)
		return bad(r, arena_printf(r->a, "%s.denominator", path),
		           "a denominator needs a numerator");
	/* a text target is entered as done or not done; a formula beside it
	 * would be ignored and the row read 无数据 */
	if (d->op == TOP_TEXT && (d->numerator || d->denominator))
		return bad(
		    r,
		    arena_printf(r->a, "%s.%s", path,
		                 d->numerator ? "numerator" : "denominator"),
		    "a text target is not computed; remove the formula "
		    "or give a numeric target");
	d->places = exact_text_places(d->target_value);
	if (exact_text_places(d->base_value) > d->places)
		d->places = exact_text_places(d->base_value);
	/* a factor is a decimal (100, 1000, 0.0001): an integer, a JSON
	 * number of at most 15 significant digits, or decimal text */
	d->factor = exact_int(1);
	if (factor && !json_is_null(factor)) {
		int ok =
		    json_is_integer(factor)
		        ? (d->factor =
		               exact_int((int64_t)json_integer_value(factor)),
		           1)
		    : json_is_real(factor)
		        ? !exact_from_double(json_real_value(factor),
		                             &d->factor)
		    : json_is_string(factor)
		        ? !exact_parse(json_string_value(factor), &d->factor)
		        : 0;

		if (!ok || exact_is_zero(d->factor))
			return bad(r, arena_printf(r->a, "%s.factor", path),
			           "must be a non-zero decimal number");
	}
	if (read_scope(r, o, path, d))
		return -1;
	if (!d->numerator && json_object_get(reported_all, d->id) &&
	    !declared_above(r, reported_all, d->id))
		return not_fillable(r, arena_printf(r->a, "%s.numerator", path),
		                    d->id, reported_all);
	if (!d->numerator && !json_object_get(reported_all, d->id))
		return bad(
		    r, arena_printf(r->a, "%s.numerator", path),
		    arena_printf(r->a,
		                 "is null, so the indicator is reported, "
		                 "but no reported element '%s' is "
		                 "listed",
		                 d->id));
	d->file = r->file;
	return 0;
}

static const char *const plan_names[PK__MAX] = {
	"slots_per_1000",
	"beds_per_1000_aged_60",
	"provincial_beds_target",
	"province_aged_60",
	"nursing_share_percent",
	"floor_m2_per_100_households",
	"single_facility_min_m2",
	"slots_per_1000_new",
	"slots_per_1000_old",
	"land_m2_per_resident",
	"caregiver_ratio_selfcare",
	"caregiver_ratio_partly",
	"caregiver_ratio_disabled",
	"social_workers_per_100_beds",
	"social_workers_per_1000_aged_60",
	"coverage_reach_m",
	"beds_target",
};

const char *plan_key_name(enum plan_key k)
{
	return (unsigned)k < PK__MAX ? plan_names[k] : "?";
}

static const char *const stated_names[] = {
	"slots_needed",      "beds_needed",     "beds_per_1000_aged_60",
	"occupancy_percent", "vacancy_percent", NULL
};

/* Decimal places the text was written with: "7367" 0, "34.21" 2; with
 * unit 万 four fewer ("2.3" 万 is 23000 to the nearest 1000). */
static int written_places(const char *text, int wan)
{
	const char *dot = strchr(text, '.');
	int places = dot ? (int)strlen(dot + 1) : 0;

	return wan ? places - 4 : places;
}

/* planning.stated_figures: figures a plan states, to audit. */
static int read_stated(struct reader *r, json_t *v, const char *at,
                       struct policy *p)
{
	static const char *const keys[] = { "figure", "value", "unit",
		                            "places", "year",  "scope",
		                            "source", "note",  NULL };
	size_t i;
	json_t *f;

	if (!json_is_array(v))
		return bad(r, at, "must be a list");
	p->has_stated = 1;
	p->nstated = json_array_size(v);
	p->stated = arena_alloc(r->a, (p->nstated + 1) * sizeof(*p->stated));
	json_array_foreach(v, i, f)
	{
		char *fat = arena_printf(r->a, "%s[%zu]", at, i);
		struct stated_figure *sf = &p->stated[i];
		const char *unit = NULL;
		json_t *year = json_object_get(f, "year");
		size_t k = 0;

		if (!json_is_object(f))
			return bad(r, fat, "must be an object");
		if (only_keys(r, f, fat, keys) ||
		    get_str(r, f, "figure", fat, 1, &sf->figure) ||
		    get_str(r, f, "value", fat, 1, &sf->text) ||
		    get_str(r, f, "unit", fat, 0, &unit) ||
		    get_str(r, f, "scope", fat, 0, &sf->scope) ||
		    get_str(r, f, "source", fat, 1, &sf->source))
			return -1;
		while (stated_names[k] && strcmp(stated_names[k], sf->figure))
			k++;
		if (!stated_names[k])
			return bad(r, arena_printf(r->a, "%s.figure", fat),
			           "must be slots_needed, beds_needed, "
			           "beds_per_1000_aged_60, occupancy_percent "
			           "or vacancy_percent");
		if (exact_parse(sf->text, &sf->value) || sf->value.num < 0)
			return bad(r, arena_printf(r->a, "%s.value", fat),
			           "must be a decimal >= 0 written as text");
		if (unit && strcmp(unit, "万"))
			return bad(r, arena_printf(r->a, "%s.unit", fat),
			           "must be 万 or absent");
		sf->places = written_places(sf->text, unit != NULL);
		/* a figure written in whole hundreds says so: 5400 to the
		 * nearest 100 is places -2 */
		if (json_object_get(f, "places")) {
			json_t *pl = json_object_get(f, "places");

			if (!json_is_integer(pl) ||
			    json_integer_value(pl) < -12 ||
			    json_integer_value(pl) > 12)
				return bad(r,
				           arena_printf(r->a, "%s.places", fat),
				           "must be a whole number from -12 to "
				           "12");
			sf->places = (int)json_integer_value(pl);
		}
		if (unit)
			exact_mul(sf->value, exact_int(10000), &sf->value);
		if (sf->scope && strcmp(sf->scope, "public") &&
		    strcmp(sf->scope, "private"))
			return bad(r, arena_printf(r->a, "%s.scope", fat),
			           "must be public, private or absent");
		if (!json_is_integer(year) || json_integer_value(year) < 1949 ||
		    json_integer_value(year) > 2100)
			return bad(r, arena_printf(r->a, "%s.year", fat),
			           "must be the year the figure is for");
		sf->year = (int)json_integer_value(year);
	}
	return 0;
}

/* A standard's rounding rule (default half up) and, for a target, its
 * year (required there, refused elsewhere). */
static int read_plan_extras(struct reader *r, json_t *v, const char *at, int k,
                            struct plan_value *pv)
{
	json_t *rule = json_object_get(v, "rounding");
	json_t *year = json_object_get(v, "year");

	pv->rounding = EXACT_HALF_UP;
	if (rule && (!json_is_string(rule) ||
	             (pv->rounding =
	                  exact_rounding_parse(json_string_value(rule))) < 0))
		return bad(r, arena_printf(r->a, "%s.rounding", at),
		           "must be half_up, up, down or half_even");
	if (k != PK_BEDS_TARGET && year)
		return bad(r, arena_printf(r->a, "%s.year", at),
		           "is only for a target");
	if (k == PK_BEDS_TARGET &&
	    (!json_is_integer(year) || json_integer_value(year) < 2000 ||
	     json_integer_value(year) > 2100))
		return bad(r, arena_printf(r->a, "%s.year", at),
		           "must be the target year, 2000 to 2100");
	pv->year = year ? (int)json_integer_value(year) : 0;
	return 0;
}

static int read_planning(struct reader *r, json_t *o, struct policy *p)
{
	static const char *const value_keys[] = { "value", "source", "note",
		                                  NULL };
	static const char *const std_keys[] = { "value",    "source", "note",
		                                "rounding", "year",   NULL };
	static const char *const rule_keys[] = { "ownership",
		                                 "min_beds",
		                                 "min_residents",
		                                 "exempt_integrated",
		                                 "source",
		                                 "note",
		                                 NULL };
	static const char *const band_keys[] = { "name",      "min_slots",
		                                 "max_slots", "source",
		                                 "note",      NULL };
	const char *key;
	json_t *v;

	if (!json_is_object(o))
		return bad(r, "planning", "must be an object");
	json_object_foreach(o, key, v)
	{
		char *at = arena_printf(r->a, "planning.%s", key);
		int k = 0;

		if (!strcmp(key, "beds_method")) {
			const char *m;

			if (!json_is_object(v) ||
			    only_keys(r, v, at, value_keys) ||
			    get_str(r, v, "value", at, 1, &m) ||
			    get_str(r, v, "source", at, 1, &p->method_source))
				return json_is_object(v)
				           ? -1
				           : bad(r, at, "must be an object");
			if (!strcmp(m, "per_1000_aged_60"))
				p->method = BEDS_PER_1000_AGED_60;
			else if (!strcmp(m, "provincial_share"))
				p->method = BEDS_PROVINCIAL_SHARE;
			else
				return bad(r,
				           arena_printf(r->a, "%s.value", at),
				           "must be per_1000_aged_60 or "
				           "provincial_share");
			p->has_method = 1;
			continue;
		}
		if (!strcmp(key, "supply_beds") ||
		    !strcmp(key, "supply_slots")) {
			int beds = !strcmp(key, "supply_beds");
			const char **el =
			    beds ? &p->supply_beds : &p->supply_slots;
			const char **src = beds ? &p->supply_beds_source
			                        : &p->supply_slots_source;
			struct element_ref ref;

			if (!json_is_object(v))
				return bad(r, at, "must be an object");
			if (only_keys(r, v, at, value_keys) ||
			    get_str(r, v, "value", at, 1, el) ||
			    get_str(r, v, "source", at, 1, src))
				return -1;
			if (element_ref_parse(*el, &ref) != 1)
				return bad(r,
				           arena_printf(r->a, "%s.value", at),
				           "must be a registry element such as "
				           "beds.elderly_institution");
			continue;
		}
		if (!strcmp(key, "childcare_size_bands")) {
			size_t i;
			json_t *b;

			if (!json_is_array(v))
				return bad(r, at, "must be a list");
			p->has_bands = 1;
			p->nbands = json_array_size(v);
			p->bands = arena_alloc(r->a, (p->nbands + 1) *
			                                 sizeof(*p->bands));
			json_array_foreach(v, i, b)
			{
				char *bat =
				    arena_printf(r->a, "%s[%zu]", at, i);
				struct size_band *sb = &p->bands[i];
				json_t *lo = json_object_get(b, "min_slots");
				json_t *hi = json_object_get(b, "max_slots");

				if (!json_is_object(b))
					return bad(r, bat, "must be an object");
				if (only_keys(r, b, bat, band_keys) ||
				    get_str(r, b, "name", bat, 1, &sb->name) ||
				    get_str(r, b, "source", bat, 1,
				            &sb->source))
					return -1;
				if (!json_is_integer(lo) ||
				    json_integer_value(lo) < 0 ||
				    (hi && !json_is_null(hi) &&
				     (!json_is_integer(hi) ||
				      json_integer_value(hi) <
				          json_integer_value(lo))))
					return bad(
					    r, bat,
					    "needs min_slots and an optional "
					    "max_slots >= min_slots");
				sb->min_slots = json_integer_value(lo);
				sb->max_slots = json_is_integer(hi)
				                    ? json_integer_value(hi)
				                    : 0;
			}
			continue;
		}
		if (!strcmp(key, "stated_figures")) {
			if (read_stated(r, v, at, p))
				return -1;
			continue;
		}
		if (!strcmp(key, "clinic_rules")) {
			size_t i;
			json_t *rule;

			if (!json_is_array(v))
				return bad(r, at, "must be a list");
			p->has_clinic = 1;
			p->nclinic = json_array_size(v);
			p->clinic = arena_alloc(r->a, (p->nclinic + 1) *
			                                  sizeof(*p->clinic));
			json_array_foreach(v, i, rule)
			{
				char *rat =
				    arena_printf(r->a, "%s[%zu]", at, i);
				struct clinic_rule *c = &p->clinic[i];
				json_t *b = json_object_get(rule, "min_beds");
				json_t *n =
				    json_object_get(rule, "min_residents");
				json_t *ex;

				if (!json_is_object(rule))
					return bad(r, rat, "must be an object");
				if (only_keys(r, rule, rat, rule_keys) ||
				    get_str(r, rule, "ownership", rat, 0,
				            &c->ownership) ||
				    get_str(r, rule, "source", rat, 1,
				            &c->source))
					return -1;
				if (c->ownership &&
				    strcmp(c->ownership, "public") &&
				    strcmp(c->ownership, "private"))
					return bad(r,
					           arena_printf(r->a,
					                        "%s.ownership",
					                        rat),
					           "must be public, private or "
					           "null (any)");
				if ((b && (!json_is_integer(b) ||
				           json_integer_value(b) < 0)) ||
				    (n && (!json_is_integer(n) ||
				           json_integer_value(n) < 0)) ||
				    (!b && !n))
					return bad(
					    r, rat,
					    "needs min_beds or min_residents, "
					    "whole numbers >= 0");
				c->min_beds = b ? json_integer_value(b) : 0;
				c->min_residents =
				    n ? json_integer_value(n) : 0;
				ex = json_object_get(rule, "exempt_integrated");
				if (ex && !json_is_boolean(ex))
					return bad(
					    r,
					    arena_printf(r->a,
					                 "%s.exempt_integrated",
					                 rat),
					    "must be true or false");
				c->exempt_integrated = json_is_true(ex);
			}
			continue;
		}
		while (k < PK__MAX && strcmp(plan_names[k], key))
			k++;
		if (k == PK__MAX)
			return bad(
			    r, at,
			    arena_printf(r->a, "is not a known planning key%s",
			                 hint(r, key, plan_names, PK__MAX)));
		p->plan[k] = arena_alloc(r->a, sizeof(*p->plan[k]));
		if (!json_is_object(v) || only_keys(r, v, at, std_keys) ||
		    get_str(r, v, "value", at, 1, &p->plan[k]->text) ||
		    get_str(r, v, "source", at, 1, &p->plan[k]->source))
			return json_is_object(v)
			           ? -1
			           : bad(r, at, "must be an object");
		if (decimal_parse(p->plan[k]->text, &p->plan[k]->value) ||
		    exact_parse(p->plan[k]->text, &p->plan[k]->exact) ||
		    p->plan[k]->exact.num <= 0)
			return bad(
			    r, arena_printf(r->a, "%s.value", at),
			    "must be a positive decimal written as text");
		if (read_plan_extras(r, v, at, k, p->plan[k]))
			return -1;
		p->plan[k]->file = r->file;
	}
	return 0;
}

static int read_assessment(struct reader *r, json_t *o,
                           struct assessment_policy *a)
{
	static const char *const keys[] = { "stack_changes", "validity_months",
		                            "care_of", NULL };
	static const char *const value_keys[] = { "value", "source", "note",
		                                  NULL };
	static const char *const care[] = { "self", "partly", "disabled" };
	json_t *v;

	if (!json_is_object(o))
		return bad(r, "assessment", "must be an object");
	if (only_keys(r, o, "assessment", keys))
		return -1;
	if ((v = json_object_get(o, "stack_changes"))) {
		if (!json_is_object(v) ||
		    only_keys(r, v, "assessment.stack_changes", value_keys) ||
		    !json_is_boolean(json_object_get(v, "value")) ||
		    get_str(r, v, "source", "assessment.stack_changes", 1,
		            &a->stack_source))
			return r->err->code ? -1
			                    : bad(r, "assessment.stack_changes",
			                          "must be {\"value\": true or "
			                          "false, \"source\"}");
		a->has_stack = 1;
		a->stack_changes = json_is_true(json_object_get(v, "value"));
	}
	if ((v = json_object_get(o, "validity_months"))) {
		json_t *m = json_object_get(v, "value");

		if (!json_is_object(v) ||
		    only_keys(r, v, "assessment.validity_months", value_keys) ||
		    !json_is_integer(m) || json_integer_value(m) < 1 ||
		    json_integer_value(m) > 60 ||
		    get_str(r, v, "source", "assessment.validity_months", 1,
		            &a->validity_source))
			return r->err->code
			           ? -1
			           : bad(r, "assessment.validity_months",
			                 "must be {\"value\": months 1-60, "
			                 "\"source\"}");
		a->has_validity = 1;
		a->validity_months = (int)json_integer_value(m);
	}
	if ((v = json_object_get(o, "care_of"))) {
		json_t *list = json_object_get(v, "value");
		size_t i;
		json_t *c;

		if (!json_is_object(v) ||
		    only_keys(r, v, "assessment.care_of", value_keys) ||
		    !json_is_array(list) || json_array_size(list) != 5 ||
		    get_str(r, v, "source", "assessment.care_of", 1,
		            &a->care_source))
			return r->err->code
			           ? -1
			           : bad(r, "assessment.care_of",
			                 "must be {\"value\": five of self, "
			                 "partly, disabled (one per level from "
			                 "能力完好), \"source\"}");
		json_array_foreach(list, i, c)
		{
			int k = -1;

			for (int j = 0; j < 3; j++)
				if (json_is_string(c) &&
				    !strcmp(json_string_value(c), care[j]))
					k = j;
			if (k < 0)
				return bad(r,
				           arena_printf(
				               r->a,
				               "assessment.care_of.value[%zu]",
				               i),
				           "must be self, partly or disabled");
			a->care_of[i] = k;
		}
		a->has_care = 1;
	}
	return 0;
}

/* A citation as an official reads it: "000_e7….txt 表1 第2行" becomes
 * "《巴中市“一老一小”整体解决方案》表1 第2行"; no file name on a page. */
static const char *source_label(struct reader *r, const struct policy *p,
                                const char *source)
{
	size_t n = p->seed ? strlen(p->seed) : 0;

	if (!source || !n || !p->document || strncmp(source, p->seed, n))
		return source;
	source += n;
	while (*source == ' ')
		source++;
	return arena_printf(r->a, "《%s》%s", p->document, source);
}

/* The sections of home and community services, each read by its own
 * module. */
static int read_service_sections(struct reader *r, json_t *doc,
                                 struct policy *p)
{
	return service_policy_read(r->a, r->file,
	                           json_object_get(doc, "services"),
	                           &p->services, r->err) ||
	       entitlement_policy_read(r->a, r->file,
	                               json_object_get(doc, "entitlements"),
	                               &p->entitlements, r->err) ||
	       voucher_policy_read(r->a, r->file,
	                           json_object_get(doc, "vouchers"),
	                           &p->vouchers, r->err) ||
	       timebank_policy_read(r->a, r->file,
	                            json_object_get(doc, "timebank"),
	                            &p->timebank, r->err) ||
	       family_bed_policy_read(r->a, r->file,
	                              json_object_get(doc, "family_beds"),
	                              &p->family_beds, r->err) ||
	       guidance_policy_read(r->a, r->file,
	                            json_object_get(doc, "guidance"),
	                            &p->guidance, r->err) ||
	       meal_policy_read(r->a, r->file, json_object_get(doc, "meals"),
	                        &p->meals, r->err) ||
	       childcare_policy_read(r->a, r->file,
	                             json_object_get(doc, "childcare"),
	                             &p->childcare, r->err) ||
	       wait_policy_read(r->a, r->file, json_object_get(doc, "waitlist"),
	                        &p->waitlist, r->err) ||
	       inspection_policy_read(r->a, r->file,
	                              json_object_get(doc, "inspections"),
	                              &p->inspections, r->err) ||
	       checklist_policy_read(r->a, r->file,
	                             json_object_get(doc, "checklists"),
	                             &p->checklists, r->err) ||
	       hazard_policy_read(r->a, r->file,
	                          json_object_get(doc, "hazards"), &p->hazards,
	                          r->err) ||
	       food_policy_read(r->a, r->file,
	                        json_object_get(doc, "food_safety"),
	                        &p->food_safety, r->err) ||
	       staff_policy_read(r->a, r->file, json_object_get(doc, "staff"),
	                         &p->staff, r->err) ||
	       grade_policy_read(r->a, r->file, json_object_get(doc, "grading"),
	                         &p->grading, r->err) ||
	       credit_policy_read(r->a, r->file, json_object_get(doc, "credit"),
	                          &p->credit, r->err) ||
	       complaint_policy_read(r->a, r->file,
	                             json_object_get(doc, "complaints"),
	                             &p->complaints, r->err) ||
	       closure_policy_read(r->a, r->file,
	                           json_object_get(doc, "closures"),
	                           &p->closures, r->err) ||
	       task_policy_read(r->a, r->file, json_object_get(doc, "tasks"),
	                        &p->tasks, r->err) ||
	       project_policy_read(r->a, r->file,
	                           json_object_get(doc, "projects"),
	                           &p->projects, r->err) ||
	       /* the items a scheme or a voucher pays for are the same
	        * file's catalogue codes */
	       entitlement_policy_check_items(r->a, r->file, p->entitlements,
	                                      p->services, r->err) ||
	       voucher_policy_check_items(r->a, r->file, p->vouchers,
	                                  p->services, r->err);
}

/* "parent" (the jurisdiction above, whose file this one inherits from)
 * and "regions" (the regions the file speaks for, the jurisdiction first):
 * both optional; each code must be a 12-digit division code in its place,
 * the parent above the file's code, every region under it. */
static int read_place(struct reader *r, json_t *doc,
                      const char *const *region_keys)
{
	json_t *list = json_object_get(doc, "regions"), *item;
	const char *parent;
	size_t i;

	if (get_str(r, doc, "parent", "", 0, &parent))
		return -1;
	if (parent && (strlen(parent) != 12 || !region_code_valid(parent) ||
	               !strcmp(parent, r->code) ||
	               !region_code_is_within(r->code, parent)))
		return bad(r, "parent",
		           arena_printf(r->a,
		                        "must be the 12-digit code of a region "
		                        "above '%s'",
		                        r->code));
	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list))
		return bad(r, "regions", "must be a list");
	json_array_foreach(list, i, item)
	{
		char *at = arena_printf(r->a, "regions[%zu]", i);
		const char *code, *name;

		if (!json_is_object(item))
			return bad(r, at, "must be an object");
		if (only_keys(r, item, at, region_keys) ||
		    get_str(r, item, "code", at, 1, &code) ||
		    get_str(r, item, "name", at, 1, &name))
			return -1;
		if (strlen(code) != 12 || !region_code_valid(code))
			return bad(r, arena_printf(r->a, "%s.code", at),
			           "must be a 12-digit division code");
		if (!within(r, code, arena_printf(r->a, "%s.code", at)))
			return -1;
	}
	return 0;
}

static int read_policy(struct reader *r, json_t *doc, struct policy *p,
                       json_t *reported_all)
{
	static const char *const keys[] = {
		"jurisdiction", "name",      "seed",
		"document",     "groups",    "reported_elements",
		"indicators",   "facts",     "planning",
		"assessment",   "schemes",   "parameters",
		"visits",       "referrals", "services",
		"entitlements", "vouchers",  "timebank",
		"family_beds",  "guidance",  "meals",
		"childcare",    "waitlist",  "inspections",
		"checklists",   "hazards",   "food_safety",
		"staff",        "grading",   "credit",
		"complaints",   "closures",  "tasks",
		"projects",     "note",      "parent",
		"regions",      NULL
	};
	static const char *const region_keys[] = { "code", "name", "note",
		                                   NULL };
	static const char *const group_keys[] = { "id", "name", "name_en",
		                                  "source", NULL };
	static const char *const reported_keys[] = {
		"name",        "label", "unit", "department",
		"aggregation", "note",  NULL
	};
	static const char *const fact_keys[] = { "element", "region", "period",
		                                 "value",   "source", "note",
		                                 NULL };
	json_t *groups, *reported, *inds, *facts;
	json_t *gids = json_object(), *ids = json_object();
	json_t *rnames = json_object();
	const char *code;
	size_t i;
	json_t *item;
	int ret = -1;

	if (!json_is_object(doc)) {
		bad(r, "(top)", "must be a JSON object");
		goto cleanup;
	}
	if (only_keys(r, doc, "", keys) ||
	    get_list(r, doc, "groups", 0, &groups) ||
	    get_list(r, doc, "reported_elements", 0, &reported) ||
	    get_list(r, doc, "indicators", 0, &inds) ||
	    get_list(r, doc, "facts", 0, &facts))
		goto cleanup;
	if (get_str(r, doc, "jurisdiction", "", 1, &code) ||
	    get_str(r, doc, "name", "", 1, &p->name) ||
	    get_str(r, doc, "seed", "", 0, &p->seed) ||
	    get_str(r, doc, "document", "", 0, &p->document))
		goto cleanup;
	if (strlen(code) != 12 || !region_code_valid(code)) {
		bad(r, "jurisdiction", "must be a 12-digit division code");
		goto cleanup;
	}
	if (strncmp(r->file, code, 12) ||
	    (r->file[12] != '-' && strcmp(r->file + 12, ".json"))) {
		bad(r, "jurisdiction",
		    "must match the code the file is named by");
		goto cleanup;
	}
	memcpy(p->code, code, 13);
	p->file = r->file;
	r->code = p->code;
	if (read_place(r, doc, region_keys))
		goto cleanup;
	if (json_object_get(doc, "planning") &&
	    read_planning(r, json_object_get(doc, "planning"), p))
		goto cleanup;
	if (json_object_get(doc, "assessment") &&
	    read_assessment(r, json_object_get(doc, "assessment"),
	                    &p->assessment))
		goto cleanup;
	if (subsidy_policy_read(r->a, r->file, doc, p, r->err) ||
	    visit_policy_read(r->a, r->file, json_object_get(doc, "visits"),
	                      &p->visits, r->err) ||
	    referral_policy_read(r->a, r->file,
	                         json_object_get(doc, "referrals"),
	                         &p->referrals, r->err) ||
	    read_service_sections(r, doc, p))
		goto cleanup;
	p->ngroups = json_array_size(groups);
	p->groups = arena_alloc(r->a, (p->ngroups + 1) * sizeof(*p->groups));
	json_array_foreach(groups, i, item)
	{
		char *at = arena_printf(r->a, "groups[%zu]", i);
		struct group_def *g = &p->groups[i];

		if (!json_is_object(item)) {
			bad(r, at, "must be an object");
			goto cleanup;
		}
		if (only_keys(r, item, at, group_keys) ||
		    get_str(r, item, "id", at, 1, &g->id) ||
		    get_str(r, item, "name", at, 1, &g->name) ||
		    get_str(r, item, "name_en", at, 0, &g->name_en) ||
		    get_str(r, item, "source", at, 0, &g->source))
			goto cleanup;
		if (json_object_get(gids, g->id)) {
			bad(r, arena_printf(r->a, "%s.id", at),
			    "appears twice in this file");
			goto cleanup;
		}
		json_object_set_new(gids, g->id, json_true());
		g->source_label = source_label(r, p, g->source);
	}
	p->nreported = json_array_size(reported);
	p->reported =
	    arena_alloc(r->a, (p->nreported + 1) * sizeof(*p->reported));
	json_array_foreach(reported, i, item)
	{
		char *at = arena_printf(r->a, "reported_elements[%zu]", i);
		struct reported_def *d = &p->reported[i];
		const char *agg;

		if (!json_is_object(item)) {
			bad(r, at, "must be an object");
			goto cleanup;
		}
		if (only_keys(r, item, at, reported_keys) ||
		    get_str(r, item, "name", at, 1, &d->name) ||
		    get_str(r, item, "label", at, 1, &d->label) ||
		    get_str(r, item, "unit", at, 0, &d->unit) ||
		    get_str(r, item, "department", at, 0, &d->department) ||
		    get_str(r, item, "aggregation", at, 1, &agg))
			goto cleanup;
		if (strcmp(agg, "sum") && strcmp(agg, "none")) {
			bad(r, arena_printf(r->a, "%s.aggregation", at),
			    "must be sum or none");
			goto cleanup;
		}
		d->aggregation = strcmp(agg, "sum") ? AGG_NONE : AGG_SUM;
		if (json_object_get(rnames, d->name)) {
			bad(r, arena_printf(r->a, "%s.name", at),
			    "appears twice in this file");
			goto cleanup;
		}
		json_object_set_new(rnames, d->name, json_true());
	}
	p->nindicators = json_array_size(inds);
	p->indicators =
	    arena_alloc(r->a, (p->nindicators + 1) * sizeof(*p->indicators));
	json_array_foreach(inds, i, item)
	{
		char *at = arena_printf(r->a, "indicators[%zu]", i);

		if (read_indicator(r, item, at, &p->indicators[i], gids,
		                   reported_all))
			goto cleanup;
		p->indicators[i].jurisdiction = arena_strdup(r->a, p->code);
		p->indicators[i].source_label =
		    source_label(r, p, p->indicators[i].source);
		if (json_object_get(ids, p->indicators[i].id)) {
			bad(r, arena_printf(r->a, "%s.id", at),
			    "appears twice in this file");
			goto cleanup;
		}
		json_object_set_new(ids, p->indicators[i].id, json_true());
	}
	p->nfacts = json_array_size(facts);
	p->facts = arena_alloc(r->a, (p->nfacts + 1) * sizeof(*p->facts));
	json_array_foreach(facts, i, item)
	{
		char *at = arena_printf(r->a, "facts[%zu]", i);
		struct fact_def *f = &p->facts[i];
		json_t *v = json_object_get(item, "value");

		if (!json_is_object(item)) {
			bad(r, at, "must be an object");
			goto cleanup;
		}
		if (only_keys(r, item, at, fact_keys) ||
		    get_str(r, item, "element", at, 1, &f->element) ||
		    get_str(r, item, "region", at, 1, &f->region) ||
		    get_str(r, item, "period", at, 1, &f->period) ||
		    get_str(r, item, "source", at, 1, &f->source))
			goto cleanup;
		if (!within(r, f->region, arena_printf(r->a, "%s.region", at)))
			goto cleanup;
		if (!json_is_number(v)) {
			bad(r, arena_printf(r->a, "%s.value", at),
			    "must be a number");
			goto cleanup;
		}
		f->value = json_number_value(v);
	}
	ret = 0;
cleanup:
	json_decref(gids);
	json_decref(ids);
	json_decref(rnames);
	return ret;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int only_json(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && !strcmp(d->d_name + n - 5, ".json");
}

struct policy_set *policy_set_load(const char *dir, struct lx_error *err)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, only_json, by_name);
	struct policy_set *s = NULL;
	json_t **docs = NULL, *reported_all = json_object();
	int ok = 0;

	if (n < 0) {
		lx_fail(err, LX_EINVALID, "", "cannot read policies in '%s'",
		        dir);
		goto cleanup;
	}
	s = calloc(1, sizeof(*s));
	docs = calloc((size_t)n + 1, sizeof(*docs));
	if (!s || !docs)
		goto cleanup;
	s->arena = arena_new();
	atomic_init(&s->refs, 1);
	s->dir = arena_strdup(s->arena, dir);
	s->v = arena_alloc(s->arena, ((size_t)n + 1) * sizeof(*s->v));
	/* first pass: parse, and gather every reported element name so an
	 * expression may use one defined in an ancestor's file */
	for (int i = 0; i < n; i++) {
		char *path =
		    arena_printf(s->arena, "%s/%s", dir, names[i]->d_name);
		json_error_t jerr;
		size_t k;
		json_t *item;

		docs[i] = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
		if (!docs[i]) {
			lx_fail(err, LX_EINVALID, "", "%s: line %d: %s",
			        names[i]->d_name, jerr.line, jerr.text);
			goto cleanup;
		}
		json_array_foreach(
		    json_object_get(docs[i], "reported_elements"), k, item)
		{
			json_t *nm = json_object_get(item, "name");

			json_t *code = json_object_get(docs[i], "jurisdiction");
			json_t *codes;

			if (!json_is_string(nm) || !json_is_string(code))
				continue;
			codes = json_object_get(reported_all,
			                        json_string_value(nm));
			if (!codes) {
				codes = json_array();
				json_object_set_new(
				    reported_all, json_string_value(nm), codes);
			}
			json_array_append(codes, code);
		}
	}
	for (int i = 0; i < n; i++) {
		struct reader r = { s->arena,
			            arena_strdup(s->arena, names[i]->d_name),
			            err, "" };

		if (read_policy(&r, docs[i], &s->v[i], reported_all))
			goto cleanup;
		for (int k = 0; k < i; k++)
			if (!strcmp(s->v[k].code, s->v[i].code)) {
				bad(&r, "jurisdiction",
				    "another file has the same jurisdiction");
				goto cleanup;
			}
		s->n++;
	}
	if (subsidy_policy_check_params(s->v, s->n, err))
		goto cleanup;
	ok = 1;
cleanup:
	for (int i = 0; i < n; i++) {
		if (docs)
			json_decref(docs[i]);
		free(names[i]);
	}
	free(names);
	free(docs);
	json_decref(reported_all);
	if (!ok && s) {
		arena_free(s->arena);
		free(s);
		s = NULL;
	}
	return s;
}

struct policy_set *policy_set_ref(struct policy_set *s)
{
	if (s)
		atomic_fetch_add(&s->refs, 1);
	return s;
}

void policy_set_unref(struct policy_set *s)
{
	if (!s || atomic_fetch_sub(&s->refs, 1) != 1)
		return;
	arena_free(s->arena);
	free(s);
}

size_t policy_set_count(const struct policy_set *s)
{
	return s ? s->n : 0;
}

const struct policy *policy_set_at(const struct policy_set *s, size_t i)
{
	return &s->v[i];
}

const struct policy *policy_set_find(const struct policy_set *s,
                                     const char *code)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (!strcmp(s->v[i].code, code))
			return &s->v[i];
	return NULL;
}

/* Replaces the entry with the same id or appends; arrays sized for every
 * entry of every policy on the path. */
#define MERGE(arr, count, item, idfield)                                       \
	do {                                                                   \
		size_t k_ = 0;                                                 \
		while (k_ < (count) &&                                         \
		       strcmp((arr)[k_]->idfield, (item)->idfield))            \
			k_++;                                                  \
		(arr)[k_] = (item);                                            \
		if (k_ == (count))                                             \
			(count)++;                                             \
	} while (0)

void policy_view_build(const struct policy_set *s, struct arena *a,
                       const char *const *path, size_t npath,
                       struct policy_view *out)
{
	size_t ng = 0, nr = 0, ni = 0, ns = 0, np = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < npath; i++) {
		const struct policy *p = policy_set_find(s, path[i]);

		if (p) {
			ng += p->ngroups;
			nr += p->nreported;
			ni += p->nindicators;
			ns += p->nschemes;
			np += p->nparams;
		}
	}
	out->groups = arena_alloc(a, (ng + 1) * sizeof(*out->groups));
	out->reported = arena_alloc(a, (nr + 1) * sizeof(*out->reported));
	out->indicators = arena_alloc(a, (ni + 1) * sizeof(*out->indicators));
	out->schemes = arena_alloc(a, (ns + 1) * sizeof(*out->schemes));
	out->params = arena_alloc(a, (np + 1) * sizeof(*out->params));
	for (size_t i = 0; i < npath; i++) {
		const struct policy *p = policy_set_find(s, path[i]);

		if (!p)
			continue;
		out->jurisdiction = p->code;
		if (p->visits) {
			out->visits = p->visits;
			out->visits_by = p->code;
		}
		if (p->referrals)
			out->referrals = p->referrals;
		if (p->services)
			out->services = p->services;
		if (p->entitlements)
			out->entitlements = p->entitlements;
		if (p->vouchers)
			out->vouchers = p->vouchers;
		if (p->timebank)
			out->timebank = p->timebank;
		if (p->family_beds)
			out->family_beds = p->family_beds;
		if (p->guidance)
			out->guidance = p->guidance;
		if (p->meals)
			out->meals = p->meals;
		if (p->childcare)
			out->childcare = p->childcare;
		if (p->waitlist)
			out->waitlist = p->waitlist;
		if (p->inspections)
			out->inspections = p->inspections;
		if (p->checklists)
			out->checklists = p->checklists;
		if (p->hazards)
			out->hazards = p->hazards;
		if (p->food_safety)
			out->food_safety = p->food_safety;
		if (p->staff)
			out->staff = p->staff;
		if (p->grading)
			out->grading = p->grading;
		if (p->credit)
			out->credit = p->credit;
		if (p->complaints)
			out->complaints = p->complaints;
		if (p->closures)
			out->closures = p->closures;
		if (p->tasks)
			out->tasks = p->tasks;
		if (p->projects)
			out->projects = p->projects;
		for (int k = 0; k < PK__MAX; k++)
			if (p->plan[k])
				out->planning.v[k] = p->plan[k];
		if (p->has_method) {
			out->planning.has_method = 1;
			out->planning.method = p->method;
			out->planning.method_source = p->method_source;
		}
		if (p->has_clinic) {
			out->planning.nclinic = p->nclinic;
			out->planning.clinic = p->clinic;
		}
		if (p->assessment.has_stack) {
			out->assessment.has_stack = 1;
			out->assessment.stack_changes =
			    p->assessment.stack_changes;
			out->assessment.stack_source =
			    p->assessment.stack_source;
		}
		if (p->assessment.has_validity) {
			out->assessment.has_validity = 1;
			out->assessment.validity_months =
			    p->assessment.validity_months;
			out->assessment.validity_source =
			    p->assessment.validity_source;
		}
		if (p->assessment.has_care) {
			out->assessment.has_care = 1;
			memcpy(out->assessment.care_of, p->assessment.care_of,
			       sizeof(out->assessment.care_of));
			out->assessment.care_source = p->assessment.care_source;
		}
		if (p->has_bands) {
			out->planning.nbands = p->nbands;
			out->planning.bands = p->bands;
		}
		if (p->has_stated) {
			out->planning.nstated = p->nstated;
			out->planning.stated = p->stated;
			out->planning.stated_by = p->code;
		}
		if (p->supply_beds) {
			out->planning.supply_beds = p->supply_beds;
			out->planning.supply_beds_source =
			    p->supply_beds_source;
		}
		if (p->supply_slots) {
			out->planning.supply_slots = p->supply_slots;
			out->planning.supply_slots_source =
			    p->supply_slots_source;
		}
		for (size_t k = 0; k < p->ngroups; k++)
			MERGE(out->groups, out->ngroups, &p->groups[k], id);
		for (size_t k = 0; k < p->nreported; k++)
			MERGE(out->reported, out->nreported, &p->reported[k],
			      name);
		for (size_t k = 0; k < p->nindicators; k++)
			MERGE(out->indicators, out->nindicators,
			      &p->indicators[k], id);
		for (size_t k = 0; k < p->nschemes; k++)
			MERGE(out->schemes, out->nschemes, &p->schemes[k], id);
		for (size_t k = 0; k < p->nparams; k++)
			MERGE(out->params, out->nparams, &p->params[k], name);
	}
}

const struct reported_def *policy_view_reported(const struct policy_view *v,
                                                const char *name)
{
	for (size_t i = 0; i < v->nreported; i++)
		if (!strcmp(v->reported[i]->name, name))
			return v->reported[i];
	return NULL;
}

const struct indicator_def *policy_view_indicator(const struct policy_view *v,
                                                  const char *id)
{
	for (size_t i = 0; i < v->nindicators; i++)
		if (!strcmp(v->indicators[i]->id, id))
			return v->indicators[i];
	return NULL;
}

const struct subsidy_scheme *policy_view_scheme(const struct policy_view *v,
                                                const char *id)
{
	for (size_t i = 0; i < v->nschemes; i++)
		if (!strcmp(v->schemes[i]->id, id))
			return v->schemes[i];
	return NULL;
}

const char *policy_set_dir(const struct policy_set *s)
{
	return s ? s->dir : NULL;
}
