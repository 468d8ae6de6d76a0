#include "app/verify_policy.h"

#include <string.h>

static int bad(struct arena *a, const char *file, const char *path,
               const char *key, const char *what, struct lx_error *err)
{
	const char *at = arena_printf(a, "%s.verification%s%s", path,
	                              key ? "." : "", key ? key : "");

	return lx_fail(err, LX_EINVALID, at, "%s: %s: %s", file, at, what);
}

int verify_policy_read(struct arena *a, const char *file, json_t *scheme,
                       const char *path, int person,
                       const struct subsidy_verify_rule **out,
                       struct lx_error *err)
{
	static const char *const keys[] = { "window_months", "back_pay",
		                            "source", "note", NULL };
	json_t *o = json_object_get(scheme, "verification"), *v;
	struct subsidy_verify_rule *r;
	struct lx_error ce = { 0 };
	const char *key;

	*out = NULL;
	if (!o || json_is_null(o))
		return 0;
	if (!json_is_object(o))
		return bad(a, file, path, NULL, "must be an object", err);
	if (!person)
		return bad(a, file, path, NULL,
		           "is for schemes paid to persons", err);
	json_object_foreach(o, key, v)
	{
		const char *const *k = keys;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return bad(a, file, path, key, "is not a known key",
			           err);
	}
	r = arena_alloc(a, sizeof(*r));
	v = json_object_get(o, "window_months");
	if (!json_is_integer(v))
		return bad(a, file, path, "window_months",
		           "is required: a whole number of months", err);
	if (json_integer_value(v) < 1 ||
	    json_integer_value(v) > SUBSIDY_VERIFY_WINDOW_MAX)
		return bad(a, file, path, "window_months",
		           arena_printf(a, "must be from 1 to %d",
		                        SUBSIDY_VERIFY_WINDOW_MAX),
		           err);
	r->window_months = (int)json_integer_value(v);
	v = json_object_get(o, "back_pay");
	if (v && !json_is_boolean(v))
		return bad(a, file, path, "back_pay", "must be true or false",
		           err);
	/* absent: paid back, the person having been alive and entitled
	 * through the months held (docs/policy.md) */
	r->back_pay = v ? json_is_true(v) : 1;
	v = json_object_get(o, "source");
	if (!json_is_string(v) || !*json_string_value(v))
		return bad(a, file, path, "source",
		           "is required: the rule or practice the window "
		           "follows",
		           err);
	v = json_object_get(o, "note");
	if (v && !json_is_string(v))
		return bad(a, file, path, "note", "must be a string", err);
	if (subsidy_verify_rule_check(r, &ce))
		return bad(a, file, path, ce.field, ce.message, err);
	*out = r;
	return 0;
}
