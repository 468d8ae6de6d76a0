#include "app/service_guidance_policy.h"

#include "app/policy_reader.h"

#include <string.h>

const struct guidance_kind *
guidance_policy_kind(const struct guidance_policy *p, const char *code)
{
	for (size_t i = 0; p && code && i < p->nkinds; i++)
		if (!strcmp(p->kinds[i].code, code))
			return &p->kinds[i];
	return NULL;
}

static int read_kind(struct policy_reader *r, json_t *e, const char *at,
                     struct guidance_kind *k)
{
	static const char *const keys[] = { "code", "name", "source", NULL };

	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "code", 1, &k->code) ||
	    pr_str(r, e, at, "name", 1, &k->name) ||
	    pr_str(r, e, at, "source", 1, &k->source))
		return -1;
	for (const char *c = k->code; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || *c == '_'))
			return pr_bad(r, pr_at(r, at, "code"),
			              "must be lower-case letters and _");
	return 0;
}

int guidance_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct guidance_policy **out,
                         struct lx_error *err)
{
	static const char *const keys[] = { "source",       "kinds",
		                            "reach_window", "window_source",
		                            "note",         NULL };
	struct policy_reader r = { a, file, "guidance", err };
	struct guidance_policy *p;
	struct guidance_kind *kinds;
	const char *window;
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
	    pr_str(&r, o, "", "reach_window", 1, &window) ||
	    pr_str(&r, o, "", "window_source", 1, &p->window_source))
		return -1;
	if (reach_window_parse(window, &p->window))
		return pr_bad(&r, "reach_window",
		              "must be calendar_year or twelve_months");
	v = json_object_get(o, "kinds");
	if (!json_is_array(v) || !json_array_size(v))
		return pr_bad(&r, "kinds",
		              "is required: a non-empty list of activity "
		              "kinds");
	kinds = arena_alloc(a, json_array_size(v) * sizeof(*kinds));
	memset(kinds, 0, json_array_size(v) * sizeof(*kinds));
	p->kinds = kinds;
	json_array_foreach(v, i, e)
	{
		const char *at = arena_printf(a, "kinds[%zu]", i);

		if (read_kind(&r, e, at, &kinds[i]))
			return -1;
		if (guidance_policy_kind(p, kinds[i].code))
			return pr_bad(&r, pr_at(&r, at, "code"),
			              "repeats an earlier kind's code");
		p->nkinds = i + 1;
	}
	*out = p;
	return 0;
}
