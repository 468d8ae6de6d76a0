#include "app/visit_policy.h"

#include "core/facility.h"
#include "core/person.h"
#include "core/visit.h"

#include <string.h>

/* Longest interval a policy may set for the event rule: a week. Beyond
 * that an event is no more urgent than the weekly tier. */
enum { EVENT_HOURS_MAX = 168, VISITORS_PER_VILLAGE_MAX = 100 };

struct rd {
	struct arena *a;
	const char *file;
	struct lx_error *err;
};

static int bad(struct rd *r, const char *path, const char *what)
{
	const char *at =
	    arena_printf(r->a, "visits%s%s", *path ? "." : "", path);

	return lx_fail(r->err, LX_EINVALID, at, "%s: %s: %s", r->file, at,
	               what);
}

static int known_keys(struct rd *r, json_t *o, const char *path,
                      const char *const *keys)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v)
	{
		const char *const *k = keys;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return bad(r,
			           arena_printf(r->a, "%s%s%s", path,
			                        *path ? "." : "", key),
			           "is not a known key");
	}
	return 0;
}

static int text(struct rd *r, json_t *o, const char *path, const char *key,
                int required, const char **out)
{
	json_t *v = json_object_get(o, key);
	const char *at =
	    arena_printf(r->a, "%s%s%s", path, *path ? "." : "", key);

	*out = NULL;
	if (!v && !required)
		return 0;
	if (!json_is_string(v) || !*json_string_value(v))
		return bad(r, at,
		           required ? "is required: a non-empty string"
		                    : "must be a non-empty string");
	*out = arena_strdup(r->a, json_string_value(v));
	return 0;
}

/* A list of category names as a mask; empty lists are refused. */
static int categories(struct rd *r, json_t *v, const char *path, unsigned *mask)
{
	size_t i;
	json_t *c;

	*mask = 0;
	if (!json_is_array(v) || !json_array_size(v))
		return bad(r, path, "must be a non-empty list of categories");
	json_array_foreach(v, i, c)
	{
		int k = json_is_string(c) ? enum_lookup(&person_category_names,
		                                        json_string_value(c))
		                          : -1;

		if (k < 0)
			return bad(r, arena_printf(r->a, "%s[%zu]", path, i),
			           "is not a person category (docs/policy.md "
			           "\"Visits\")");
		*mask |= 1u << k;
	}
	return 0;
}

static int choices(struct rd *r, json_t *o, const char *key,
                   struct visit_choice *out, size_t *n)
{
	json_t *v = json_object_get(o, key), *e;
	static const char *const keys[] = { "code", "label", "source", NULL };
	size_t i;

	*n = 0;
	if (!json_is_array(v) || !json_array_size(v))
		return bad(r, key,
		           "is required: a non-empty list of "
		           "{code, label}");
	if (json_array_size(v) > VISIT_CHOICES_MAX)
		return bad(r, key, "has too many entries");
	json_array_foreach(v, i, e)
	{
		const char *at = arena_printf(r->a, "%s[%zu]", key, i);

		if (!json_is_object(e))
			return bad(r, at, "must be an object {code, label}");
		if (known_keys(r, e, at, keys) ||
		    text(r, e, at, "code", 1, &out[i].code) ||
		    text(r, e, at, "label", 1, &out[i].label))
			return -1;
		if (visit_choice_index(out, i, out[i].code) >= 0)
			return bad(r, arena_printf(r->a, "%s.code", at),
			           "repeats an earlier code");
		*n = i + 1;
	}
	return 0;
}

static int tiers(struct rd *r, json_t *o, struct visit_policy *p)
{
	static const char *const keys[] = { "code",   "label",
		                            "every",  "in_monthly_rate",
		                            "source", NULL };
	json_t *v = json_object_get(o, "tiers"), *e;
	size_t i;

	if (!json_is_array(v) || !json_array_size(v))
		return bad(r, "tiers", "is required: a non-empty list");
	if (json_array_size(v) > VISIT_TIERS_MAX)
		return bad(r, "tiers", "has too many entries");
	json_array_foreach(v, i, e)
	{
		struct visit_tier_def *t = &p->tiers[i];
		const char *at = arena_printf(r->a, "tiers[%zu]", i), *every;
		json_t *m;
		int k;

		if (!json_is_object(e))
			return bad(r, at, "must be an object");
		if (known_keys(r, e, at, keys) ||
		    text(r, e, at, "code", 1, &t->code) ||
		    text(r, e, at, "label", 1, &t->label) ||
		    text(r, e, at, "every", 1, &every) ||
		    text(r, e, at, "source", 0, &t->source))
			return -1;
		if (visit_tier_index(p, t->code) >= 0)
			return bad(r, arena_printf(r->a, "%s.code", at),
			           "repeats an earlier tier");
		k = visit_every_parse(every);
		if (k < 0)
			return bad(r, arena_printf(r->a, "%s.every", at),
			           "must be week, month or quarter");
		t->every = (enum visit_every)k;
		m = json_object_get(e, "in_monthly_rate");
		if (!json_is_boolean(m))
			return bad(r,
			           arena_printf(r->a, "%s.in_monthly_rate", at),
			           "is required: true or false");
		t->in_monthly_rate = json_is_true(m);
		p->ntiers = i + 1;
	}
	return 0;
}

static int tier_ref(struct rd *r, const struct visit_policy *p, json_t *o,
                    const char *path, const char *key, int *out)
{
	const char *code;

	if (text(r, o, path, key, 1, &code))
		return -1;
	*out = visit_tier_index(p, code);
	if (*out < 0)
		return bad(
		    r,
		    arena_printf(r->a, "%s%s%s", path, *path ? "." : "", key),
		    "names no tier of this section");
	return 0;
}

static int rules(struct rd *r, json_t *o, struct visit_policy *p)
{
	static const char *const keys[] = { "tier", "all", "any", "source",
		                            NULL };
	json_t *v = json_object_get(o, "tier_rules"), *e;
	size_t i;

	if (!v)
		return 0;
	if (!json_is_array(v))
		return bad(r, "tier_rules", "must be a list");
	if (json_array_size(v) > VISIT_RULES_MAX)
		return bad(r, "tier_rules", "has too many entries");
	json_array_foreach(v, i, e)
	{
		struct visit_tier_rule *t = &p->rules[i];
		const char *at = arena_printf(r->a, "tier_rules[%zu]", i);
		json_t *all, *any;

		if (!json_is_object(e))
			return bad(r, at, "must be an object");
		if (known_keys(r, e, at, keys) ||
		    tier_ref(r, p, e, at, "tier", &t->tier))
			return -1;
		all = json_object_get(e, "all");
		any = json_object_get(e, "any");
		if (!all == !any)
			return bad(r, at, "needs exactly one of all and any");
		if (categories(
		        r, all ? all : any,
		        arena_printf(r->a, "%s.%s", at, all ? "all" : "any"),
		        all ? &t->all : &t->any))
			return -1;
		p->nrules = i + 1;
	}
	return 0;
}

static int whole(struct rd *r, json_t *o, const char *key, int lo, int hi,
                 int *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < lo ||
	    json_integer_value(v) > hi)
		return bad(r, key,
		           arena_printf(r->a,
		                        "is required: a whole number from %d "
		                        "to %d",
		                        lo, hi));
	*out = (int)json_integer_value(v);
	return 0;
}

static int targets(struct rd *r, json_t *o, struct visit_policy *p)
{
	static const char *const keys[] = { "categories", "residence", "source",
		                            NULL };
	json_t *t = json_object_get(o, "targets"), *res, *e;
	size_t i;

	if (!json_is_object(t))
		return bad(r, "targets", "is required: an object");
	if (known_keys(r, t, "targets", keys) ||
	    text(r, t, "targets", "source", 1, &p->targets_source) ||
	    categories(r, json_object_get(t, "categories"),
	               "targets.categories", &p->categories))
		return -1;
	res = json_object_get(t, "residence");
	if (!res) {
		/* living at home: those in an institution are cared for
		 * there and visited by its staff */
		p->residences = 1u << enum_lookup(&residence_names, "home");
		return 0;
	}
	if (!json_is_array(res) || !json_array_size(res))
		return bad(r, "targets.residence",
		           "must be a non-empty list of residences");
	json_array_foreach(res, i, e)
	{
		int k = json_is_string(e) ? enum_lookup(&residence_names,
		                                        json_string_value(e))
		                          : -1;

		if (k < 0)
			return bad(
			    r, arena_printf(r->a, "targets.residence[%zu]", i),
			    "must be home, institution or home_bed");
		p->residences |= 1u << k;
	}
	return 0;
}

int visit_policy_read(struct arena *a, const char *file, json_t *o,
                      const struct visit_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source",
		                            "targets",
		                            "tiers",
		                            "tier_rules",
		                            "default_tier",
		                            "risk_high_tier",
		                            "event_within_hours",
		                            "events",
		                            "modes",
		                            "aspects",
		                            "visitors_per_village",
		                            "note",
		                            NULL };
	struct rd r = { a, file, err };
	struct visit_policy *p;
	const char *note;

	*out = NULL;
	if (!o || json_is_null(o))
		return 0;
	if (!json_is_object(o))
		return bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	if (known_keys(&r, o, "", keys) ||
	    text(&r, o, "", "source", 1, &p->source) ||
	    text(&r, o, "", "note", 0, &note) || targets(&r, o, p) ||
	    tiers(&r, o, p) || rules(&r, o, p) ||
	    tier_ref(&r, p, o, "", "default_tier", &p->default_tier) ||
	    tier_ref(&r, p, o, "", "risk_high_tier", &p->risk_high_tier) ||
	    whole(&r, o, "event_within_hours", 1, EVENT_HOURS_MAX,
	          &p->event_within_hours) ||
	    choices(&r, o, "events", p->events, &p->nevents) ||
	    choices(&r, o, "modes", p->modes, &p->nmodes) ||
	    choices(&r, o, "aspects", p->aspects, &p->naspects) ||
	    whole(&r, o, "visitors_per_village", 1, VISITORS_PER_VILLAGE_MAX,
	          &p->visitors_per_village))
		return -1;
	*out = p;
	return 0;
}
