#include "app/inspect_staff_policy.h"

#include "app/policy_reader.h"

#include <string.h>

const struct staff_occupation *
staff_policy_occupation(const struct staff_policy *p, const char *code)
{
	for (size_t i = 0; p && code && i < p->noccupations; i++)
		if (!strcmp(p->occupations[i].code, code))
			return &p->occupations[i];
	return NULL;
}

static const struct staff_code *find(const struct staff_code *c, size_t n,
                                     const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(c[i].code, code))
			return &c[i];
	return NULL;
}

const struct staff_code *staff_policy_level(const struct staff_policy *p,
                                            const char *code)
{
	return p ? find(p->levels, p->nlevels, code) : NULL;
}

const struct staff_code *staff_policy_kind(const struct staff_policy *p,
                                           const char *code)
{
	return p ? find(p->kinds, p->nkinds, code) : NULL;
}

static json_t *list_of(struct policy_reader *r, json_t *o, const char *key,
                       size_t *n)
{
	json_t *l = json_object_get(o, key);

	if (!json_is_array(l) || !json_array_size(l)) {
		pr_bad(r, key, "must be a non-empty list");
		return NULL;
	}
	*n = json_array_size(l);
	return l;
}

static int read_codes(struct policy_reader *r, json_t *o, const char *key,
                      struct staff_code **out, size_t *n)
{
	static const char *const keys[] = { "code", "name", NULL };
	json_t *l = list_of(r, o, key, n), *e;
	size_t i;

	if (!l)
		return -1;
	*out = arena_alloc(r->a, *n * sizeof(**out));
	json_array_foreach(l, i, e)
	{
		const char *at = arena_printf(r->a, "%s[%zu]", key, i);

		if (!json_is_object(e))
			return pr_bad(r, at, "must be an object");
		if (pr_only_keys(r, e, at, keys) ||
		    pr_str(r, e, at, "code", 1, &(*out)[i].code) ||
		    pr_str(r, e, at, "name", 1, &(*out)[i].name))
			return -1;
		if (find(*out, i, (*out)[i].code))
			return pr_bad(r, pr_at(r, at, "code"),
			              "repeats an earlier code");
	}
	return 0;
}

static int read_occupations(struct policy_reader *r, json_t *o,
                            struct staff_policy *p)
{
	static const char *const keys[] = { "code",      "name",   "sector",
		                            "certified", "source", NULL };
	json_t *l = list_of(r, o, "occupations", &p->noccupations), *e;
	size_t i;

	if (!l)
		return -1;
	p->occupations =
	    arena_alloc(r->a, p->noccupations * sizeof(*p->occupations));
	memset(p->occupations, 0, p->noccupations * sizeof(*p->occupations));
	json_array_foreach(l, i, e)
	{
		struct staff_occupation *c = &p->occupations[i];
		const char *at = arena_printf(r->a, "occupations[%zu]", i);
		const char *sector;
		json_t *cert;

		if (!json_is_object(e))
			return pr_bad(r, at, "must be an object");
		if (pr_only_keys(r, e, at, keys) ||
		    pr_str(r, e, at, "code", 1, &c->code) ||
		    pr_str(r, e, at, "name", 1, &c->name) ||
		    pr_str(r, e, at, "source", 1, &c->source) ||
		    pr_str(r, e, at, "sector", 1, &sector))
			return -1;
		c->sector = staff_sector_parse(sector);
		if ((int)c->sector < 0)
			return pr_bad(r, pr_at(r, at, "sector"),
			              "must be elderly, childcare or any");
		cert = json_object_get(e, "certified");
		if (!json_is_boolean(cert))
			return pr_bad(r, pr_at(r, at, "certified"),
			              "must be true or false");
		c->certified = json_is_true(cert);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->occupations[j].code, c->code))
				return pr_bad(r, pr_at(r, at, "code"),
				              "repeats an earlier occupation");
	}
	return 0;
}

static int read_health(struct policy_reader *r, json_t *o,
                       struct staff_policy *p)
{
	static const char *const keys[] = { "window_months", "min_checks",
		                            "min_trainings", "training_kind",
		                            "source",        NULL };
	json_t *h = json_object_get(o, "childcare_health");
	const char *at = "childcare_health";
	long long w, c, t;

	if (!json_is_object(h))
		return pr_bad(r, at, "must be an object");
	if (pr_only_keys(r, h, at, keys) ||
	    pr_int(r, h, at, "window_months", 1, 1, 60, &w) ||
	    pr_int(r, h, at, "min_checks", 1, 0, 12, &c) ||
	    pr_int(r, h, at, "min_trainings", 1, 0, 12, &t) ||
	    pr_str(r, h, at, "training_kind", 1, &p->health.training_kind) ||
	    pr_str(r, h, at, "source", 1, &p->health_source))
		return -1;
	p->health.window_months = (int)w;
	p->health.min_checks = (int)c;
	p->health.min_trainings = (int)t;
	if (!staff_policy_kind(p, p->health.training_kind))
		return pr_bad(r, pr_at(r, at, "training_kind"),
		              "is not one of the training kinds");
	return 0;
}

int staff_policy_read(struct arena *a, const char *file, json_t *o,
                      const struct staff_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source",
		                            "occupations",
		                            "cert_levels",
		                            "cert_levels_source",
		                            "training_kinds",
		                            "training_kinds_source",
		                            "pre_job_kind",
		                            "pre_job_source",
		                            "childcare_health",
		                            "note",
		                            NULL };
	struct policy_reader r = { a, file, "staff", err };
	struct staff_policy *p;
	const char *s;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source) ||
	    read_occupations(&r, o, p) ||
	    read_codes(&r, o, "cert_levels", &p->levels, &p->nlevels) ||
	    pr_str(&r, o, "", "cert_levels_source", 1, &s) ||
	    read_codes(&r, o, "training_kinds", &p->kinds, &p->nkinds) ||
	    pr_str(&r, o, "", "training_kinds_source", 1, &s) ||
	    pr_str(&r, o, "", "pre_job_kind", 1, &p->pre_job_kind) ||
	    pr_str(&r, o, "", "pre_job_source", 1, &p->pre_job_source) ||
	    read_health(&r, o, p))
		return -1;
	if (!staff_policy_kind(p, p->pre_job_kind))
		return pr_bad(&r, "pre_job_kind",
		              "is not one of the training kinds");
	*out = p;
	return 0;
}
