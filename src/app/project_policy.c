#include "app/project_policy.h"

#include "app/policy_reader.h"

#include <string.h>

static int find(const struct project_code *c, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(c[i].code, s) || !strcmp(c[i].name, s))
			return (int)i;
	return -1;
}

int project_policy_type(const struct project_policy *p, const char *s)
{
	return p ? find(p->types, p->ntypes, s) : -1;
}

int project_policy_stage(const struct project_policy *p, const char *s)
{
	return p ? find(p->stages, p->nstages, s) : -1;
}

int project_policy_adds(const struct project_policy *p, const char *figure)
{
	for (size_t i = 0; p && i < p->nadds; i++)
		if (!strcmp(p->adds[i], figure))
			return 1;
	return 0;
}

static int read_codes(struct policy_reader *r, json_t *o, const char *key,
                      struct project_code **out, size_t *n)
{
	static const char *const keys[] = { "code", "name", NULL };
	json_t *l = json_object_get(o, key), *e;
	size_t i;

	if (!json_is_array(l) || !json_array_size(l))
		return pr_bad(r, key, "must be a non-empty list");
	*n = json_array_size(l);
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
		if (find(*out, i, (*out)[i].code) >= 0 ||
		    find(*out, i, (*out)[i].name) >= 0)
			return pr_bad(r, at, "repeats an earlier code or name");
	}
	return 0;
}

static int read_in_use(struct policy_reader *r, json_t *o,
                       struct project_policy *p)
{
	static const char *const keys[] = { "stage", "adds", "source", NULL };
	json_t *u = json_object_get(o, "in_use");
	const char *s;

	if (!json_is_object(u))
		return pr_bad(r, "in_use", "must be an object");
	if (pr_only_keys(r, u, "in_use", keys) ||
	    pr_str(r, u, "in_use", "stage", 1, &p->in_use_stage) ||
	    pr_str(r, u, "in_use", "source", 1, &s) ||
	    pr_str_list(r, u, "in_use", "adds", 1, &p->nadds, &p->adds))
		return -1;
	if (project_policy_stage(p, p->in_use_stage) < 0)
		return pr_bad(r, "in_use.stage", "is not one of the stages");
	for (size_t i = 0; i < p->nadds; i++)
		if (strcmp(p->adds[i], "beds") &&
		    strcmp(p->adds[i], "nursing_beds") &&
		    strcmp(p->adds[i], "slots"))
			return pr_bad(r, "in_use.adds",
			              "must list beds, nursing_beds or slots");
	return 0;
}

int project_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct project_policy **out, struct lx_error *err)
{
	static const char *const keys[] = {
		"source",        "types",          "types_source", "stages",
		"stages_source", "red_after_days", "light_source", "in_use",
		"update",        "update_source",  "note",         NULL
	};
	struct policy_reader r = { a, file, "projects", err };
	struct project_policy *p;
	const char *s;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source))
		return -1;
	/* a file not yet filled in keeps its placeholder: no rules */
	if (!json_object_get(o, "stages")) {
		*out = p;
		return 0;
	}
	if (read_codes(&r, o, "types", &p->types, &p->ntypes) ||
	    pr_str(&r, o, "", "types_source", 1, &s) ||
	    read_codes(&r, o, "stages", &p->stages, &p->nstages) ||
	    pr_str(&r, o, "", "stages_source", 1, &s) ||
	    pr_int(&r, o, "", "red_after_days", 1, 0, 3650,
	           &p->red_after_days) ||
	    pr_str(&r, o, "", "light_source", 1, &s) || read_in_use(&r, o, p))
		return -1;
	*out = p;
	return 0;
}
