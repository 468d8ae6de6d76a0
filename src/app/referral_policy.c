#include "app/referral_policy.h"

#include <string.h>

/* One file being read: every message names it and the key path. */
struct rd {
	struct arena *a;
	const char *file;
	struct lx_error *err;
};

static int bad(struct rd *r, const char *path, const char *what)
{
	const char *field = arena_printf(r->a, "referrals.%s", path);

	return lx_fail(r->err, LX_EINVALID, field, "%s: %s: %s", r->file, field,
	               what);
}

static int only_keys(struct rd *r, json_t *o, const char *path,
                     const char *const *allowed)
{
	const char *key;
	json_t *v;

	if (!json_is_object(o))
		return bad(r, path, "must be an object");
	json_object_foreach(o, key, v)
	{
		const char *const *k = allowed;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return bad(r, arena_printf(r->a, "%s.%s", path, key),
			           "is not a known key");
	}
	return 0;
}

/* A string member: required ones must be non-empty. */
static int get_str(struct rd *r, json_t *o, const char *path, const char *key,
                   int required, const char **out)
{
	json_t *v = json_object_get(o, key);
	const char *at = *path ? arena_printf(r->a, "%s.%s", path, key) : key;

	*out = NULL;
	if (!v || json_is_null(v))
		return required ? bad(r, at, "is required") : 0;
	if (!json_is_string(v) || (required && !*json_string_value(v)))
		return bad(r, at, "must be a non-empty string");
	*out = arena_strdup(r->a, json_string_value(v));
	return 0;
}

static int get_hours(struct rd *r, json_t *o, const char *path, const char *key,
                     int *out)
{
	json_t *v = json_object_get(o, key);
	const char *at = arena_printf(r->a, "%s.%s", path, key);

	if (!json_is_integer(v))
		return bad(r, at, "is required: a whole number of hours");
	if (json_integer_value(v) < 0 ||
	    json_integer_value(v) > REFERRAL_HOURS_MAX)
		return bad(r, at,
		           arena_printf(r->a, "must be from 0 to %d hours",
		                        REFERRAL_HOURS_MAX));
	*out = (int)json_integer_value(v);
	return 0;
}

static json_t *list(struct rd *r, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_array(v)) {
		bad(r, key, "is required: a list");
		return NULL;
	}
	return v;
}

static int read_needs(struct rd *r, json_t *o, struct referral_policy *p)
{
	static const char *const keys[] = { "code", "label",  "to_kind",
		                            "to",   "source", NULL };
	json_t *v = list(r, o, "needs"), *e;
	struct referral_need *needs;
	size_t i;

	if (!v)
		return -1;
	needs = arena_alloc(r->a, (json_array_size(v) + 1) * sizeof(*needs));
	json_array_foreach(v, i, e)
	{
		const char *path = arena_printf(r->a, "needs[%zu]", i);
		const char *kind, *src;
		int k;

		if (only_keys(r, e, path, keys) ||
		    get_str(r, e, path, "code", 1, &needs[i].code) ||
		    get_str(r, e, path, "label", 1, &needs[i].label) ||
		    get_str(r, e, path, "to_kind", 1, &kind) ||
		    get_str(r, e, path, "to", 0, &needs[i].to) ||
		    get_str(r, e, path, "source", 0, &src))
			return -1;
		k = referral_to_parse(kind);
		if (k < 0)
			return bad(r, arena_printf(r->a, "%s.to_kind", path),
			           "must be 'department', 'facility' or "
			           "'service'");
		needs[i].to_kind = (enum referral_to)k;
		/* a department or a service is named here; a facility is
		 * chosen when the referral is raised */
		if (k != REFERRAL_TO_FACILITY &&
		    (!needs[i].to || !*needs[i].to))
			return bad(r, arena_printf(r->a, "%s.to", path),
			           "is required: the department or service "
			           "the need goes to");
	}
	p->needs = needs;
	p->nneeds = json_array_size(v);
	return 0;
}

static int read_severities(struct rd *r, json_t *o, struct referral_policy *p)
{
	static const char *const keys[] = { "code", "label", "hours", "source",
		                            NULL };
	json_t *v = list(r, o, "severities"), *e;
	struct referral_severity *sev;
	size_t i;

	if (!v)
		return -1;
	sev = arena_alloc(r->a, (json_array_size(v) + 1) * sizeof(*sev));
	json_array_foreach(v, i, e)
	{
		const char *path = arena_printf(r->a, "severities[%zu]", i);
		const char *src;

		if (only_keys(r, e, path, keys) ||
		    get_str(r, e, path, "code", 1, &sev[i].code) ||
		    get_str(r, e, path, "label", 1, &sev[i].label) ||
		    get_hours(r, e, path, "hours", &sev[i].hours) ||
		    get_str(r, e, path, "source", 0, &src))
			return -1;
	}
	p->severities = sev;
	p->nseverities = json_array_size(v);
	return 0;
}

static int read_escalate(struct rd *r, json_t *o, struct referral_policy *p)
{
	static const char *const keys[] = { "level", "after_hours", "source",
		                            NULL };
	json_t *v = list(r, o, "escalate"), *e;
	struct referral_escalation *esc;
	size_t i;

	if (!v)
		return -1;
	esc = arena_alloc(r->a, (json_array_size(v) + 1) * sizeof(*esc));
	json_array_foreach(v, i, e)
	{
		const char *path = arena_printf(r->a, "escalate[%zu]", i);
		const char *src;

		if (only_keys(r, e, path, keys) ||
		    get_str(r, e, path, "level", 1, &esc[i].level) ||
		    get_hours(r, e, path, "after_hours", &esc[i].after_hours) ||
		    get_str(r, e, path, "source", 0, &src))
			return -1;
	}
	p->escalate = esc;
	p->nescalate = json_array_size(v);
	return 0;
}

int referral_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct referral_policy **out,
                         struct lx_error *err)
{
	static const char *const keys[] = { "source",   "needs", "severities",
		                            "escalate", "note",  NULL };
	struct rd r = { a, file, err };
	struct referral_policy *p;
	struct lx_error ce = { 0 };
	const char *note;
	json_t *v;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return lx_fail(err, LX_EINVALID, "referrals",
		               "%s: referrals: must be an object", file);
	json_object_foreach(o, note, v)
	{
		const char *const *k = keys;

		while (*k && strcmp(*k, note))
			k++;
		if (!*k)
			return bad(&r, note, "is not a known key");
	}
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (get_str(&r, o, "", "source", 0, &p->source) ||
	    get_str(&r, o, "", "note", 0, &note))
		return -1;
	if (!p->source || !*p->source)
		return bad(&r, "source",
		           "is required: the seed line or practice the "
		           "section follows");
	if (read_needs(&r, o, p) || read_severities(&r, o, p) ||
	    read_escalate(&r, o, p))
		return -1;
	if (referral_policy_check(p, &ce))
		return bad(&r, ce.field, ce.message);
	*out = p;
	return 0;
}
