#include "app/place_childcare_policy.h"

#include "app/policy_reader.h"

#include <string.h>

const struct childcare_class_rule *
childcare_policy_class(const struct childcare_policy *p, int class_type)
{
	if (!p || class_type < 0 || class_type >= CLASS__MAX ||
	    !p->has_class[class_type])
		return NULL;
	return &p->classes[class_type];
}

int childcare_policy_class_for_age(const struct childcare_policy *p,
                                   long long age_months)
{
	for (int t = 0; p && t < CLASS__MAX; t++) {
		const struct childcare_class_rule *c = &p->classes[t];

		if (t == CLASS_MIXED || !p->has_class[t])
			continue;
		if (age_months >= c->min_months && age_months < c->max_months)
			return t;
	}
	return -1;
}

static int read_class(struct policy_reader *r, json_t *e, const char *at,
                      struct childcare_policy *p)
{
	static const char *const keys[] = {
		"class_type",   "name",
		"min_months",   "max_months",
		"max_children", "children_per_carer",
		"fee_cap_yuan", "fee_cap_source",
		"source",       NULL
	};
	struct childcare_class_rule c;
	const char *type;

	memset(&c, 0, sizeof(c));
	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "class_type", 1, &type) ||
	    pr_str(r, e, at, "name", 1, &c.name) ||
	    pr_str(r, e, at, "source", 1, &c.source) ||
	    pr_int(r, e, at, "min_months", 1, 0, 36, &c.min_months) ||
	    pr_int(r, e, at, "max_months", 1, 1, 72, &c.max_months) ||
	    pr_int(r, e, at, "max_children", 1, 1, 1000, &c.max_children) ||
	    pr_int(r, e, at, "children_per_carer", 0, 1, 100,
	           &c.children_per_carer))
		return -1;
	c.class_type = enum_lookup(&class_type_names, type);
	if (c.class_type < 0)
		return pr_bad(r, pr_at(r, at, "class_type"),
		              "must be infant, toddler_small, toddler_large or "
		              "mixed");
	if (c.max_months <= c.min_months)
		return pr_bad(r, pr_at(r, at, "max_months"),
		              "must be above min_months");
	if (json_object_get(e, "fee_cap_yuan")) {
		c.has_fee_cap = 1;
		if (pr_yuan(r, e, at, "fee_cap_yuan", 1, &c.fee_cap_fen) ||
		    pr_str(r, e, at, "fee_cap_source", 1, &c.fee_cap_source))
			return -1;
	} else if (json_object_get(e, "fee_cap_source")) {
		return pr_bad(r, pr_at(r, at, "fee_cap_source"),
		              "is given without fee_cap_yuan");
	}
	if (p->has_class[c.class_type])
		return pr_bad(r, pr_at(r, at, "class_type"),
		              "repeats an earlier class type");
	p->classes[c.class_type] = c;
	p->has_class[c.class_type] = 1;
	return 0;
}

int childcare_policy_read(struct arena *a, const char *file, json_t *o,
                          const struct childcare_policy **out,
                          struct lx_error *err)
{
	static const char *const keys[] = { "source",
		                            "classes",
		                            "health_worker_min_children",
		                            "health_worker_source",
		                            "fee_caps_apply_to",
		                            "price_review_years",
		                            "price_review_source",
		                            "note",
		                            NULL };
	struct policy_reader r = { a, file, "childcare", err };
	struct childcare_policy *p;
	const char *apply;
	json_t *v, *e;
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
	if (pr_str(&r, o, "", "source", 1, &p->source) ||
	    pr_int(&r, o, "", "health_worker_min_children", 0, 1, 100000,
	           &p->health_worker_min_children) ||
	    pr_str(&r, o, "", "health_worker_source",
	           p->health_worker_min_children > 0,
	           &p->health_worker_source) ||
	    pr_int(&r, o, "", "price_review_years", 0, 1, 50,
	           &p->price_review_years) ||
	    pr_str(&r, o, "", "price_review_source", p->price_review_years > 0,
	           &p->price_review_source) ||
	    pr_str(&r, o, "", "fee_caps_apply_to", 0, &apply))
		return -1;
	if (apply && strcmp(apply, "affordable") && strcmp(apply, "all"))
		return pr_bad(&r, "fee_caps_apply_to",
		              "must be affordable or all");
	p->caps_bind_all = apply && !strcmp(apply, "all");
	v = json_object_get(o, "classes");
	if (!json_is_array(v) || !json_array_size(v))
		return pr_bad(&r, "classes",
		              "is required: a non-empty list of class types");
	json_array_foreach(v, i, e)
	{
		if (read_class(&r, e, arena_printf(a, "classes[%zu]", i), p))
			return -1;
	}
	*out = p;
	return 0;
}
