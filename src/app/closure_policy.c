#include "app/closure_policy.h"

#include "app/policy_reader.h"
#include "core/closure_case.h"

#include <string.h>

static const struct closure_code *find(const struct closure_code *c, size_t n,
                                       const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(c[i].code, code))
			return &c[i];
	return NULL;
}

const struct closure_code *closure_policy_reason(const struct closure_policy *p,
                                                 const char *code)
{
	return p ? find(p->reasons, p->nreasons, code) : NULL;
}

const struct closure_code *
closure_policy_destination(const struct closure_policy *p, const char *code)
{
	return p ? find(p->destinations, p->ndestinations, code) : NULL;
}

static int read_codes(struct policy_reader *r, json_t *o, const char *key,
                      int destinations, struct closure_code **out, size_t *n)
{
	static const char *const keys[] = { "code", "name", "source", NULL };
	json_t *l = json_object_get(o, key), *e;
	size_t i;

	if (!json_is_array(l) || !json_array_size(l))
		return pr_bad(r, key, "must be a non-empty list");
	*n = json_array_size(l);
	*out = arena_alloc(r->a, *n * sizeof(**out));
	memset(*out, 0, *n * sizeof(**out));
	json_array_foreach(l, i, e)
	{
		const char *at = arena_printf(r->a, "%s[%zu]", key, i);

		if (!json_is_object(e))
			return pr_bad(r, at, "must be an object");
		if (pr_only_keys(r, e, at, keys) ||
		    pr_str(r, e, at, "code", 1, &(*out)[i].code) ||
		    pr_str(r, e, at, "name", 1, &(*out)[i].name) ||
		    pr_str(r, e, at, "source", 1, &(*out)[i].source))
			return -1;
		if (find(*out, i, (*out)[i].code))
			return pr_bad(r, pr_at(r, at, "code"),
			              "repeats an earlier code");
		/* the platform knows how to settle a person to these only */
		if (destinations &&
		    closure_destination_parse((*out)[i].code) < 0)
			return pr_bad(r, pr_at(r, at, "code"),
			              "must be institution, home or successor");
	}
	return 0;
}

int closure_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct closure_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source",      "note",
		                            "reasons",     "destinations",
		                            "notice_days", "notice_source",
		                            NULL };
	struct policy_reader r = { a, file, "closures", err };
	struct closure_policy *p;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	p->notice_days = -1;
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source) ||
	    pr_str(&r, o, "", "note", 0, &p->note))
		return -1;
	if (json_object_get(o, "reasons") ||
	    json_object_get(o, "destinations")) {
		if (read_codes(&r, o, "reasons", 0, &p->reasons,
		               &p->nreasons) ||
		    read_codes(&r, o, "destinations", 1, &p->destinations,
		               &p->ndestinations) ||
		    pr_int(&r, o, "", "notice_days", 1, 0, 365,
		           &p->notice_days) ||
		    pr_str(&r, o, "", "notice_source", 1, &p->notice_source))
			return -1;
	}
	*out = p;
	return 0;
}
