#include "app/grade_policy.h"

#include "app/policy_reader.h"
#include "core/facility.h"

#include <string.h>

const struct grade_scheme *grade_policy_scheme(const struct grade_policy *p,
                                               const char *code)
{
	for (size_t i = 0; p && code && i < p->nschemes; i++)
		if (!strcmp(p->schemes[i].code, code))
			return &p->schemes[i];
	return NULL;
}

const struct grade_scheme *
grade_policy_scheme_for_kind(const struct grade_policy *p, int kind)
{
	for (size_t i = 0; p && kind >= 0 && kind < FK__MAX && i < p->nschemes;
	     i++)
		if (p->schemes[i].kinds & (1u << kind))
			return &p->schemes[i];
	return NULL;
}

static int read_bool(struct policy_reader *r, json_t *o, const char *at,
                     const char *key, int *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_boolean(v))
		return pr_bad(r, pr_at(r, at, key), "must be true or false");
	*out = json_is_true(v);
	return 0;
}

static int read_kinds(struct policy_reader *r, json_t *o, const char *at,
                      struct grade_scheme *s)
{
	const char **k;
	size_t n;

	if (pr_str_list(r, o, at, "kinds", 1, &n, &k))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int kind = enum_lookup(&facility_kind_names, k[i]);

		if (kind < 0)
			return pr_bad(
			    r, arena_printf(r->a, "%s.kinds[%zu]", at, i),
			    "is not a facility kind");
		s->kinds |= 1u << kind;
	}
	return 0;
}

static int read_sections(struct policy_reader *r, json_t *o, const char *at,
                         struct grade_scheme *s)
{
	static const char *const keys[] = { "code", "name", "max", NULL };
	json_t *l = json_object_get(o, "sections"), *e;
	struct grade_section *sec;
	int64_t sum = 0;
	size_t i;

	if (!json_is_array(l) || !json_array_size(l) ||
	    json_array_size(l) > GRADE_SECTIONS_MAX)
		return pr_bad(r, pr_at(r, at, "sections"),
		              "must be a list of 1 to 16 sections");
	s->nsections = json_array_size(l);
	sec = arena_alloc(r->a, s->nsections * sizeof(*sec));
	json_array_foreach(l, i, e)
	{
		const char *p = arena_printf(r->a, "%s.sections[%zu]", at, i);
		long long max;

		if (!json_is_object(e))
			return pr_bad(r, p, "must be an object");
		if (pr_only_keys(r, e, p, keys) ||
		    pr_str(r, e, p, "code", 1, &sec[i].code) ||
		    pr_str(r, e, p, "name", 1, &sec[i].name) ||
		    pr_int(r, e, p, "max", 1, 1, 100000, &max))
			return -1;
		sec[i].max = max;
		sum += max;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(sec[j].code, sec[i].code))
				return pr_bad(r, pr_at(r, p, "code"),
				              "repeats an earlier section");
	}
	s->sections = sec;
	if (sum != s->total)
		return pr_bad(r, pr_at(r, at, "total"),
		              "must equal the sum of the section maxima");
	return 0;
}

static int read_levels(struct policy_reader *r, json_t *o, const char *at,
                       struct grade_scheme *s)
{
	static const char *const keys[] = { "name", "min_total", "min_share",
		                            NULL };
	json_t *l = json_object_get(o, "levels"), *e;
	struct grade_level *lv;
	size_t i;

	if (!json_is_array(l) || !json_array_size(l) ||
	    json_array_size(l) > GRADE_LEVELS_MAX)
		return pr_bad(r, pr_at(r, at, "levels"),
		              "must be a list of 1 to 10 levels, lowest first");
	s->nlevels = json_array_size(l);
	lv = arena_alloc(r->a, s->nlevels * sizeof(*lv));
	json_array_foreach(l, i, e)
	{
		const char *p = arena_printf(r->a, "%s.levels[%zu]", at, i);
		long long t, sh;

		if (!json_is_object(e))
			return pr_bad(r, p, "must be an object");
		if (pr_only_keys(r, e, p, keys) ||
		    pr_str(r, e, p, "name", 1, &lv[i].name) ||
		    pr_int(r, e, p, "min_total", 1, 0, s->total, &t) ||
		    pr_int(r, e, p, "min_share", 1, 0, 100, &sh))
			return -1;
		lv[i].min_total = t;
		lv[i].min_share = (int)sh;
		if (i > 0 && t <= lv[i - 1].min_total)
			return pr_bad(r, pr_at(r, p, "min_total"),
			              "must be above the level below");
		if (i > 0 && sh < lv[i - 1].min_share)
			return pr_bad(r, pr_at(r, p, "min_share"),
			              "must not be below the level below");
	}
	s->levels = lv;
	return 0;
}

static int read_scheme(struct policy_reader *r, json_t *e, const char *at,
                       struct grade_scheme *s)
{
	static const char *const keys[] = { "code",
		                            "name",
		                            "unit",
		                            "kinds",
		                            "total",
		                            "sections",
		                            "levels",
		                            "min_open_months",
		                            "first_max_level",
		                            "filing_required",
		                            "penalty_years",
		                            "black_list_bars",
		                            "valid_years",
		                            "renewal_months",
		                            "annual_evaluation",
		                            "source",
		                            "note",
		                            NULL };
	long long v;

	if (!json_is_object(e))
		return pr_bad(r, at, "must be an object");
	memset(s, 0, sizeof(*s));
	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "code", 1, &s->code) ||
	    pr_str(r, e, at, "name", 1, &s->name) ||
	    pr_str(r, e, at, "unit", 1, &s->unit) ||
	    pr_str(r, e, at, "source", 1, &s->source) ||
	    pr_str(r, e, at, "note", 0, &s->note) || read_kinds(r, e, at, s) ||
	    pr_int(r, e, at, "total", 1, 1, 100000, &v))
		return -1;
	s->total = v;
	if (read_sections(r, e, at, s) || read_levels(r, e, at, s))
		return -1;
	if (pr_int(r, e, at, "min_open_months", 1, 0, 120, &v))
		return -1;
	s->min_open_months = (int)v;
	if (pr_int(r, e, at, "first_max_level", 1, 1, (long long)s->nlevels,
	           &v))
		return -1;
	s->first_max_level = (int)v;
	if (pr_int(r, e, at, "penalty_years", 1, 0, 10, &v))
		return -1;
	s->penalty_years = (int)v;
	if (pr_int(r, e, at, "valid_years", 1, 1, 10, &v))
		return -1;
	s->valid_years = (int)v;
	if (pr_int(r, e, at, "renewal_months", 1, 0, 12L * s->valid_years, &v))
		return -1;
	s->renewal_months = (int)v;
	return read_bool(r, e, at, "filing_required", &s->filing_required) ||
	               read_bool(r, e, at, "black_list_bars",
	                         &s->black_list_bars) ||
	               read_bool(r, e, at, "annual_evaluation", &s->annual)
	           ? -1
	           : 0;
}

int grade_policy_read(struct arena *a, const char *file, json_t *o,
                      const struct grade_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source", "note", "schemes", NULL };
	struct policy_reader r = { a, file, "grading", err };
	struct grade_policy *p;
	struct grade_scheme *s;
	json_t *l, *e;
	size_t i;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source) ||
	    pr_str(&r, o, "", "note", 0, &p->note))
		return -1;
	l = json_object_get(o, "schemes");
	if (!json_is_array(l) || !json_array_size(l))
		return pr_bad(&r, "schemes", "must be a non-empty list");
	p->nschemes = json_array_size(l);
	s = arena_alloc(a, p->nschemes * sizeof(*s));
	json_array_foreach(l, i, e)
	{
		const char *at = arena_printf(a, "schemes[%zu]", i);

		if (read_scheme(&r, e, at, &s[i]))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(s[j].code, s[i].code))
				return pr_bad(&r, pr_at(&r, at, "code"),
				              "repeats an earlier scheme");
	}
	p->schemes = s;
	*out = p;
	return 0;
}
