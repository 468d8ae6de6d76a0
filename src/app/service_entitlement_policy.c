#include "app/service_entitlement_policy.h"

#include "app/policy_reader.h"
#include "app/service_policy.h"

#include <string.h>

const struct entitlement_scheme *
entitlement_policy_scheme(const struct entitlement_policy *p, const char *id)
{
	for (size_t i = 0; p && id && i < p->nschemes; i++)
		if (!strcmp(p->schemes[i].id, id))
			return &p->schemes[i];
	return NULL;
}

int entitlement_scheme_pays(const struct entitlement_scheme *s,
                            const char *item)
{
	for (size_t i = 0; s && item && i < s->nitems; i++)
		if (!strcmp(s->items[i], item))
			return 1;
	return 0;
}

static int read_scheme(struct policy_reader *r, json_t *e, const char *at,
                       struct entitlement_scheme *s)
{
	static const char *const keys[] = {
		"id",    "name",   "who",           "yearly_amount",
		"items", "source", "amount_source", "items_source",
		"note",  NULL
	};

	if (pr_only_keys(r, e, at, keys) || pr_str(r, e, at, "id", 1, &s->id) ||
	    pr_str(r, e, at, "name", 1, &s->name) ||
	    pr_category_rule(r, e, at, "who", 1, &s->who) ||
	    pr_yuan(r, e, at, "yearly_amount", 1, &s->yearly_fen) ||
	    pr_str_list(r, e, at, "items", 1, &s->nitems, &s->items) ||
	    pr_str(r, e, at, "source", 1, &s->source) ||
	    pr_str(r, e, at, "amount_source", 0, &s->amount_source) ||
	    pr_str(r, e, at, "items_source", 0, &s->items_source) ||
	    pr_str(r, e, at, "note", 0, &s->note))
		return -1;
	if (s->yearly_fen <= 0)
		return pr_bad(r, pr_at(r, at, "yearly_amount"),
		              "must be more than 0 yuan");
	return 0;
}

int entitlement_policy_read(struct arena *a, const char *file, json_t *o,
                            const struct entitlement_policy **out,
                            struct lx_error *err)
{
	static const char *const keys[] = { "source", "note", "schemes", NULL };
	struct policy_reader r = { a, file, "entitlements", err };
	struct entitlement_policy *p;
	struct entitlement_scheme *s;
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
	if (pr_str(&r, o, "", "source", 0, &p->source) ||
	    pr_str(&r, o, "", "note", 0, &p->note))
		return -1;
	v = json_object_get(o, "schemes");
	if (v && !json_is_array(v))
		return pr_bad(&r, "schemes", "must be a list");
	if (v && json_array_size(v)) {
		s = arena_alloc(a, json_array_size(v) * sizeof(*s));
		memset(s, 0, json_array_size(v) * sizeof(*s));
		p->schemes = s;
		json_array_foreach(v, i, e)
		{
			const char *at = arena_printf(a, "schemes[%zu]", i);

			if (read_scheme(&r, e, at, &s[i]))
				return -1;
			if (entitlement_policy_scheme(p, s[i].id))
				return pr_bad(&r, pr_at(&r, at, "id"),
				              "repeats an earlier scheme's id");
			p->nschemes = i + 1;
		}
	}
	*out = p;
	return 0;
}

int entitlement_policy_check_items(struct arena *a, const char *file,
                                   const struct entitlement_policy *p,
                                   const struct service_policy *services,
                                   struct lx_error *err)
{
	struct policy_reader r = { a, file, "entitlements", err };

	for (size_t i = 0; p && i < p->nschemes; i++)
		for (size_t j = 0; j < p->schemes[i].nitems; j++)
			if (!service_policy_item(services,
			                         p->schemes[i].items[j]))
				return pr_bad(
				    &r,
				    arena_printf(a, "schemes[%zu].items[%zu]",
				                 i, j),
				    "is not a code of services.items");
	return 0;
}
