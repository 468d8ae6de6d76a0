#include "app/inspect_plan_policy.h"

#include "app/policy_reader.h"
#include "core/date.h"
#include "core/facility.h"

#include <string.h>

static const char *const domains[] = {
	"building",          "fire",    "food",        "medical_hygiene",
	"special_equipment", "video",   "funds",       "premises",
	"unlicensed",        "prepaid", "fundraising", "water",
	"hygiene",           "general", NULL
};

static int read_kinds(struct policy_reader *r, json_t *o, const char *at,
                      const char *key, uint32_t *out)
{
	const char **names;
	size_t n;

	*out = 0;
	if (pr_str_list(r, o, at, key, 1, &n, &names))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int k = enum_lookup(&facility_kind_names, names[i]);

		if (k < 0)
			return pr_bad(r, pr_at(r, at, key),
			              "names an unknown facility kind");
		*out |= UINT32_C(1) << k;
	}
	return 0;
}

static int read_item(struct policy_reader *r, json_t *e, const char *at,
                     struct inspection_item *it)
{
	static const char *const keys[] = { "code",   "name",
		                            "domain", "department",
		                            "kinds",  "rate_percent",
		                            "source", NULL };
	int ok = 0;

	memset(it, 0, sizeof(*it));
	if (!json_is_object(e))
		return pr_bad(r, at, "must be an object");
	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "code", 1, &it->code) ||
	    pr_str(r, e, at, "name", 1, &it->name) ||
	    pr_str(r, e, at, "domain", 1, &it->domain) ||
	    pr_str(r, e, at, "department", 1, &it->department) ||
	    pr_str(r, e, at, "source", 1, &it->source) ||
	    pr_int(r, e, at, "rate_percent", 1, 0, 100, &it->rate) ||
	    read_kinds(r, e, at, "kinds", &it->kinds))
		return -1;
	for (int i = 0; domains[i]; i++)
		ok |= !strcmp(domains[i], it->domain);
	if (!ok)
		return pr_bad(r, pr_at(r, at, "domain"),
		              "is not a known domain");
	return 0;
}

int inspection_policy_read(struct arena *a, const char *file, json_t *o,
                           const struct inspection_policy **out,
                           struct lx_error *err)
{
	static const char *const keys[] = { "source",
		                            "items",
		                            "rate_source",
		                            "inspectors_per_check",
		                            "inspectors_source",
		                            "floor_item",
		                            "floor_kinds",
		                            "floor_source",
		                            "notice_working_days",
		                            "notice_source",
		                            "holidays",
		                            "risk_weights",
		                            "risk_weights_source",
		                            NULL };
	struct policy_reader r = { a, file, "inspections", err };
	struct inspection_policy *p;
	struct inspection_item *items;
	struct inspection_weight *w;
	json_t *v, *e;
	const char *k;
	size_t i;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	if (pr_only_keys(&r, o, "", keys))
		return -1;
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_str(&r, o, "", "source", 1, &p->source))
		return -1;
	/* a placeholder section (a source only) reads as a source only */
	if (json_object_size(o) == 1) {
		*out = p;
		return 0;
	}
	if (pr_str(&r, o, "", "rate_source", 1, &p->rate_source) ||
	    pr_int(&r, o, "", "inspectors_per_check", 1, 2, 10,
	           &p->inspectors_per_check) ||
	    pr_str(&r, o, "", "inspectors_source", 1, &p->inspectors_source) ||
	    pr_str(&r, o, "", "floor_item", 1, &p->floor_item) ||
	    read_kinds(&r, o, "", "floor_kinds", &p->floor_kinds) ||
	    pr_str(&r, o, "", "floor_source", 1, &p->floor_source) ||
	    pr_int(&r, o, "", "notice_working_days", 1, 0, 30,
	           &p->notice_working_days) ||
	    pr_str(&r, o, "", "notice_source", 1, &p->notice_source) ||
	    pr_str_list(&r, o, "", "holidays", 0, &p->nholidays,
	                &p->holidays) ||
	    pr_str(&r, o, "", "risk_weights_source", 1, &p->weights_source))
		return -1;
	for (i = 0; i < p->nholidays; i++) {
		struct lx_date d;

		if (date_parse(p->holidays[i], &d))
			return pr_bad(&r, "holidays",
			              "must be YYYY-MM-DD dates");
	}
	v = json_object_get(o, "items");
	if (!json_is_array(v) || !json_array_size(v))
		return pr_bad(&r, "items", "must be a non-empty array");
	if (json_array_size(v) > 64)
		return pr_bad(&r, "items", "may hold at most 64 items");
	items = arena_alloc(a, json_array_size(v) * sizeof(*items));
	json_array_foreach(v, i, e)
	{
		const char *at = arena_printf(a, "items[%zu]", i);

		if (read_item(&r, e, at, &items[i]))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(items[j].code, items[i].code))
				return pr_bad(&r, pr_at(&r, at, "code"),
				              "repeats an earlier item");
	}
	p->items = items;
	p->nitems = json_array_size(v);
	if (!inspection_policy_item(p, p->floor_item))
		return pr_bad(&r, "floor_item", "names no item");
	v = json_object_get(o, "risk_weights");
	if (!json_is_object(v) || !json_object_get(v, "unclassified"))
		return pr_bad(&r, "risk_weights",
		              "must be an object with \"unclassified\"");
	w = arena_alloc(a, json_object_size(v) * sizeof(*w));
	json_object_foreach(v, k, e)
	{
		if (!json_is_integer(e) || json_integer_value(e) < 1 ||
		    json_integer_value(e) > 1000)
			return pr_bad(&r, pr_at(&r, "risk_weights", k),
			              "must be a whole number 1..1000");
		w[p->nweights].risk_class = arena_strdup(a, k);
		w[p->nweights++].weight = json_integer_value(e);
	}
	p->weights = w;
	*out = p;
	return 0;
}

const struct inspection_item *
inspection_policy_item(const struct inspection_policy *p, const char *code)
{
	for (size_t i = 0; p && code && i < p->nitems; i++)
		if (!strcmp(p->items[i].code, code))
			return &p->items[i];
	return NULL;
}

long long inspection_policy_weight(const struct inspection_policy *p,
                                   const char *risk_class)
{
	long long fallback = 1;

	for (size_t i = 0; p && i < p->nweights; i++) {
		if (risk_class && !strcmp(p->weights[i].risk_class, risk_class))
			return p->weights[i].weight;
		if (!strcmp(p->weights[i].risk_class, "unclassified"))
			fallback = p->weights[i].weight;
	}
	return fallback;
}
