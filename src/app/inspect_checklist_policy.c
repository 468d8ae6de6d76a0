#include "app/inspect_checklist_policy.h"

#include "app/policy_reader.h"
#include "core/facility.h"
#include "core/inspect_hazard.h"

#include <string.h>

enum { ITEMS_MAX = 500, DOMAINS_MAX = 50, TEMPLATES_MAX = 20 };

const struct checklist_template *
checklist_template_for(const struct checklist_policy *p, int kind)
{
	for (size_t i = 0; p && kind >= 0 && i < p->ntemplates; i++)
		if (p->templates[i].kinds & (1u << kind))
			return &p->templates[i];
	return NULL;
}

const struct checklist_item *
checklist_item_find(const struct checklist_template *t, const char *code)
{
	for (size_t i = 0; t && code && i < t->nitems; i++)
		if (!strcmp(t->items[i].code, code))
			return &t->items[i];
	return NULL;
}

const struct checklist_domain *
checklist_domain_find(const struct checklist_policy *p, const char *code)
{
	for (size_t i = 0; p && code && i < p->ndomains; i++)
		if (!strcmp(p->domains[i].code, code))
			return &p->domains[i];
	return NULL;
}

static int read_domain(struct policy_reader *r, json_t *e, const char *at,
                       struct checklist_domain *d)
{
	static const char *const keys[] = { "code", "label", "department",
		                            NULL };

	return pr_only_keys(r, e, at, keys) ||
	               pr_str(r, e, at, "code", 1, &d->code) ||
	               pr_str(r, e, at, "label", 1, &d->label) ||
	               pr_str(r, e, at, "department", 1, &d->department)
	           ? -1
	           : 0;
}

static int read_item(struct policy_reader *r, json_t *e, const char *at,
                     const struct checklist_policy *p,
                     const struct checklist_template *t, size_t n,
                     struct checklist_item *it)
{
	static const char *const keys[] = { "code",     "text",   "domain",
		                            "severity", "source", NULL };
	const char *sev;

	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "code", 1, &it->code) ||
	    pr_str(r, e, at, "text", 1, &it->text) ||
	    pr_str(r, e, at, "domain", 1, &it->domain) ||
	    pr_str(r, e, at, "severity", 1, &sev) ||
	    pr_str(r, e, at, "source", 1, &it->source))
		return -1;
	it->severity = hazard_lookup(hazard_severity_names, HS__MAX, sev);
	if (it->severity < 0)
		return pr_bad(r, pr_at(r, at, "severity"),
		              "must be general, serious or major");
	if (!checklist_domain_find(p, it->domain))
		return pr_bad(r, pr_at(r, at, "domain"),
		              "is not one of the section's domains");
	for (size_t k = 0; k < n; k++)
		if (!strcmp(t->items[k].code, it->code))
			return pr_bad(
			    r, pr_at(r, at, "code"),
			    "repeats an earlier item of the template");
	return 0;
}

static int read_template(struct policy_reader *r, json_t *e, const char *at,
                         const struct checklist_policy *p, unsigned taken,
                         struct checklist_template *t)
{
	static const char *const keys[] = { "code", "label", "kinds", "items",
		                            NULL };
	const char **kinds;
	size_t nk, i;
	json_t *v, *ie;
	struct checklist_item *items;

	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "code", 1, &t->code) ||
	    pr_str(r, e, at, "label", 1, &t->label) ||
	    pr_str_list(r, e, at, "kinds", 1, &nk, &kinds))
		return -1;
	for (i = 0; i < nk; i++) {
		int k = enum_lookup(&facility_kind_names, kinds[i]);

		if (k < 0)
			return pr_bad(
			    r, arena_printf(r->a, "%s.kinds[%zu]", at, i),
			    "is not a facility kind");
		if ((taken | t->kinds) & (1u << k))
			return pr_bad(
			    r, arena_printf(r->a, "%s.kinds[%zu]", at, i),
			    "already has a template");
		t->kinds |= 1u << k;
	}
	v = json_object_get(e, "items");
	if (!json_is_array(v) || !json_array_size(v) ||
	    json_array_size(v) > ITEMS_MAX)
		return pr_bad(r, pr_at(r, at, "items"),
		              "is required: a non-empty list of at most 500 "
		              "items");
	items = arena_alloc(r->a, json_array_size(v) * sizeof(*items));
	memset(items, 0, json_array_size(v) * sizeof(*items));
	t->items = items;
	json_array_foreach(v, i, ie)
	{
		if (read_item(r, ie, arena_printf(r->a, "%s.items[%zu]", at, i),
		              p, t, i, &items[i]))
			return -1;
	}
	t->nitems = json_array_size(v);
	return 0;
}

int checklist_policy_read(struct arena *a, const char *file, json_t *o,
                          const struct checklist_policy **out,
                          struct lx_error *err)
{
	static const char *const keys[] = { "source", "rule", "domains",
		                            "templates", NULL };
	struct policy_reader r = { a, file, "checklists", err };
	struct checklist_policy *p;
	struct checklist_domain *d;
	struct checklist_template *t;
	unsigned taken = 0;
	const char *rule;
	json_t *v, *e;
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
	    pr_str(&r, o, "", "rule", 0, &rule))
		return -1;
	v = json_object_get(o, "domains");
	if (!json_is_array(v) || !json_array_size(v) ||
	    json_array_size(v) > DOMAINS_MAX)
		return pr_bad(&r, "domains",
		              "is required: a non-empty list of at most 50 "
		              "domains");
	d = arena_alloc(a, json_array_size(v) * sizeof(*d));
	memset(d, 0, json_array_size(v) * sizeof(*d));
	p->domains = d;
	json_array_foreach(v, i, e)
	{
		if (read_domain(&r, e, arena_printf(a, "domains[%zu]", i),
		                &d[i]))
			return -1;
		p->ndomains = i;
		if (checklist_domain_find(p, d[i].code))
			return pr_bad(&r,
			              arena_printf(a, "domains[%zu].code", i),
			              "repeats an earlier domain");
		p->ndomains = i + 1;
	}
	v = json_object_get(o, "templates");
	if (!json_is_array(v) || !json_array_size(v) ||
	    json_array_size(v) > TEMPLATES_MAX)
		return pr_bad(&r, "templates",
		              "is required: a non-empty list of at most 20 "
		              "templates");
	t = arena_alloc(a, json_array_size(v) * sizeof(*t));
	memset(t, 0, json_array_size(v) * sizeof(*t));
	p->templates = t;
	json_array_foreach(v, i, e)
	{
		if (read_template(&r, e, arena_printf(a, "templates[%zu]", i),
		                  p, taken, &t[i]))
			return -1;
		taken |= t[i].kinds;
	}
	p->ntemplates = json_array_size(v);
	*out = p;
	return 0;
}
