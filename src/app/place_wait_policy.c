#include "app/place_wait_policy.h"

#include "app/policy_reader.h"
#include "core/facility.h"

#include <string.h>

int wait_policy_covers(const struct wait_policy *p, int kind, int ownership)
{
	return p && kind >= 0 && kind < 32 && ownership >= 0 &&
	       ownership < 32 && (p->facility_kinds & (1u << kind)) &&
	       (p->ownerships & (1u << ownership));
}

const struct wait_tier *wait_policy_tier(const struct wait_policy *p,
                                         const char *code)
{
	for (size_t t = 0; p && code && t < p->rules.ntiers; t++)
		if (!strcmp(p->rules.tiers[t].code, code))
			return &p->rules.tiers[t];
	return NULL;
}

int wait_policy_declares(const struct wait_policy *p, const char *code)
{
	for (size_t t = 0; p && code && t < p->rules.ntiers; t++)
		if (p->rules.tiers[t].declared &&
		    !strcmp(p->rules.tiers[t].declared, code))
			return 1;
	return 0;
}

/* A list of names of an enum table, as a mask. */
static int read_mask(struct policy_reader *r, json_t *o, const char *key,
                     const struct enum_names *names, const char *what,
                     unsigned *mask)
{
	const char **v;
	size_t n;

	if (pr_str_list(r, o, "", key, 1, &n, &v))
		return -1;
	*mask = 0;
	for (size_t i = 0; i < n; i++) {
		int k = enum_lookup(names, v[i]);

		if (k < 0 || k >= 32)
			return pr_bad(r, arena_printf(r->a, "%s[%zu]", key, i),
			              what);
		*mask |= 1u << k;
	}
	return 0;
}

static int read_tier(struct policy_reader *r, json_t *e, const char *at,
                     struct wait_policy *p)
{
	static const char *const keys[] = {
		"code",   "name", "rule", "declared", "always_admit_willing",
		"source", NULL
	};
	struct wait_tier *t = &p->rules.tiers[p->rules.ntiers];
	json_t *w;

	memset(t, 0, sizeof(*t));
	if (!json_is_object(e))
		return pr_bad(r, at, "must be an object");
	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "code", 1, &t->code) ||
	    pr_str(r, e, at, "name", 1, &t->name) ||
	    pr_str(r, e, at, "source", 1, &t->source) ||
	    pr_str(r, e, at, "declared", 0, &t->declared))
		return -1;
	if (json_object_get(e, "rule")) {
		if (pr_category_rule(r, e, at, "rule", 1, &t->rule))
			return -1;
		t->has_rule = 1;
	}
	if (!t->has_rule && !t->declared)
		return pr_bad(
		    r, at, "needs a rule (who qualifies) or a declared flag");
	w = json_object_get(e, "always_admit_willing");
	if (w && !json_is_boolean(w))
		return pr_bad(r, pr_at(r, at, "always_admit_willing"),
		              "must be true or false");
	t->always_admit_willing = json_is_true(w);
	if (t->always_admit_willing && !t->has_rule)
		return pr_bad(r, pr_at(r, at, "always_admit_willing"),
		              "needs a rule: a declared flag cannot make an "
		              "applicant one the county must place");
	for (size_t k = 0; k < p->rules.ntiers; k++) {
		if (!strcmp(p->rules.tiers[k].code, t->code))
			return pr_bad(r, pr_at(r, at, "code"),
			              "repeats an earlier tier");
		if (t->declared && p->rules.tiers[k].declared &&
		    !strcmp(p->rules.tiers[k].declared, t->declared))
			return pr_bad(r, pr_at(r, at, "declared"),
			              "repeats an earlier tier's flag");
	}
	p->rules.ntiers++;
	return 0;
}

int wait_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct wait_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source",
		                            "scope",
		                            "scope_source",
		                            "facility_kinds",
		                            "ownerships",
		                            "tiers",
		                            "order",
		                            "order_source",
		                            "offer_days",
		                            "offer_days_source",
		                            "declines_before_requeue",
		                            "declines_source",
		                            NULL };
	struct policy_reader r = { a, file, "waitlist", err };
	struct wait_policy *p;
	const char *scope, **order;
	long long days = 0, declines = 0;
	const struct wait_tier *last;
	size_t i, n;
	json_t *v, *e;

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
	    pr_str(&r, o, "", "scope", 1, &scope) ||
	    pr_str(&r, o, "", "scope_source", 1, &p->scope_source) ||
	    read_mask(&r, o, "facility_kinds", &facility_kind_names,
	              "is not a facility kind", &p->facility_kinds) ||
	    read_mask(&r, o, "ownerships", &ownership_names,
	              "must be public, private or state_owned",
	              &p->ownerships) ||
	    pr_str_list(&r, o, "", "order", 1, &n, &order) ||
	    pr_str(&r, o, "", "order_source", 1, &p->order_source) ||
	    pr_int(&r, o, "", "offer_days", 1, 1, 90, &days) ||
	    pr_str(&r, o, "", "offer_days_source", 1, &p->offer_days_source) ||
	    pr_int(&r, o, "", "declines_before_requeue", 1, 1, 20, &declines) ||
	    pr_str(&r, o, "", "declines_source", 1, &p->declines_source))
		return -1;
	if (!strcmp(scope, "institution"))
		p->scope = WAIT_SCOPE_INSTITUTION;
	else if (!strcmp(scope, "region"))
		p->scope = WAIT_SCOPE_REGION;
	else
		return pr_bad(&r, "scope", "must be institution or region");
	for (size_t k = 0; k < (p->facility_kinds ? FK__MAX : 0); k++)
		if ((p->facility_kinds & (1u << k)) &&
		    !facility_kind_is_elderly((enum facility_kind)k))
			return pr_bad(&r, "facility_kinds",
			              "lists a facility that is not for the "
			              "elderly");
	if (n > WAIT_ORDER_MAX)
		return pr_bad(&r, "order", "has more keys than there are");
	for (i = 0; i < n; i++) {
		int k = wait_key_parse(order[i]);

		if (k < 0)
			return pr_bad(&r, arena_printf(a, "order[%zu]", i),
			              "must be care_level, waiting_since or "
			              "applied_at");
		for (size_t j = 0; j < i; j++)
			if ((int)p->rules.order[j] == k)
				return pr_bad(&r,
				              arena_printf(a, "order[%zu]", i),
				              "repeats an earlier key");
		p->rules.order[i] = (enum wait_key)k;
	}
	p->rules.norder = n;
	p->rules.offer_days = (int)days;
	p->rules.declines_before_requeue = (int)declines;
	v = json_object_get(o, "tiers");
	if (!json_is_array(v) || !json_array_size(v))
		return pr_bad(
		    &r, "tiers",
		    "is required: a non-empty list of priority tiers");
	if (json_array_size(v) > WAIT_TIERS_MAX)
		return pr_bad(&r, "tiers", "has too many tiers");
	json_array_foreach(v, i, e)
	{
		if (read_tier(&r, e, arena_printf(a, "tiers[%zu]", i), p))
			return -1;
	}
	/* the last tier is everyone else: anyone of any age qualifies */
	last = &p->rules.tiers[p->rules.ntiers - 1];
	if (!last->has_rule || category_rule_match(&last->rule, 0, 0) < 0)
		return pr_bad(
		    &r, arena_printf(a, "tiers[%zu].rule", p->rules.ntiers - 1),
		    "the last tier must take everyone: "
		    "{\"any\": [[]]}");
	*out = p;
	return 0;
}
