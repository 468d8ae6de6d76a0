#include "app/policy_reader.h"

#include "app/subsidy_policy.h"
#include "core/facility.h"
#include "core/person.h"

#include <string.h>

const char *pr_at(struct policy_reader *r, const char *path, const char *key)
{
	if (!key)
		return path;
	return *path ? arena_printf(r->a, "%s.%s", path, key) : key;
}

int pr_bad(struct policy_reader *r, const char *path, const char *what)
{
	const char *field =
	    *path ? arena_printf(r->a, "%s.%s", r->section, path) : r->section;

	return lx_fail(r->err, LX_EINVALID, field, "%s: %s: %s", r->file, field,
	               what);
}

int pr_only_keys(struct policy_reader *r, json_t *o, const char *path,
                 const char *const *allowed)
{
	const char *key;
	json_t *v;

	if (!json_is_object(o))
		return pr_bad(r, path, "must be an object");
	json_object_foreach(o, key, v)
	{
		const char *const *k = allowed;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return pr_bad(r, pr_at(r, path, key),
			              "is not a known key");
	}
	return 0;
}

int pr_str(struct policy_reader *r, json_t *o, const char *path,
           const char *key, int required, const char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return required ? pr_bad(r, pr_at(r, path, key),
		                         "is required: a non-empty string")
		                : 0;
	if (!json_is_string(v) || !*json_string_value(v))
		return pr_bad(r, pr_at(r, path, key),
		              "must be a non-empty string");
	*out = arena_strdup(r->a, json_string_value(v));
	return 0;
}

int pr_int(struct policy_reader *r, json_t *o, const char *path,
           const char *key, int required, long long min, long long max,
           long long *out)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return required ? pr_bad(r, pr_at(r, path, key),
		                         "is required: a whole number")
		                : 0;
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return pr_bad(r, pr_at(r, path, key),
		              arena_printf(r->a,
		                           "must be a whole number from %lld "
		                           "to %lld",
		                           min, max));
	*out = json_integer_value(v);
	return 0;
}

int pr_yuan(struct policy_reader *r, json_t *o, const char *path,
            const char *key, int required, int64_t *fen)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return required ? pr_bad(r, pr_at(r, path, key),
		                         "is required: yuan written as text")
		                : 0;
	if (!json_is_string(v) || subsidy_yuan_parse(json_string_value(v), fen))
		return pr_bad(r, pr_at(r, path, key),
		              "must be yuan written as text with at most two "
		              "decimals, such as \"300\" or \"12.50\"");
	return 0;
}

int pr_str_list(struct policy_reader *r, json_t *o, const char *path,
                const char *key, int required, size_t *n, const char ***out)
{
	json_t *v = json_object_get(o, key), *e;
	const char **list;
	size_t i;

	*n = 0;
	*out = NULL;
	if (!v || json_is_null(v))
		return required ? pr_bad(r, pr_at(r, path, key),
		                         "is required: a list of strings")
		                : 0;
	if (!json_is_array(v) || (required && !json_array_size(v)))
		return pr_bad(r, pr_at(r, path, key),
		              "must be a non-empty list of strings");
	list = arena_alloc(r->a, (json_array_size(v) + 1) * sizeof(*list));
	json_array_foreach(v, i, e)
	{
		if (!json_is_string(e) || !*json_string_value(e))
			return pr_bad(r,
			              arena_printf(r->a, "%s[%zu]",
			                           pr_at(r, path, key), i),
			              "must be a non-empty string");
		list[i] = arena_strdup(r->a, json_string_value(e));
	}
	*n = json_array_size(v);
	*out = list;
	return 0;
}

int pr_category_rule(struct policy_reader *r, json_t *o, const char *path,
                     const char *key, int required, struct category_rule *out)
{
	static const char *const keys[] = { "any", "min_age", "note", NULL };
	json_t *v = json_object_get(o, key), *any, *set, *c;
	const char *at = pr_at(r, path, key);
	long long age = 0;
	size_t i, j;

	memset(out, 0, sizeof(*out));
	if (!v || json_is_null(v))
		return required ? pr_bad(r, at,
		                         "is required: {\"any\": [[category, "
		                         "...], ...], \"min_age\": N}")
		                : 0;
	if (pr_only_keys(r, v, at, keys) ||
	    pr_int(r, v, at, "min_age", 0, 0, 120, &age))
		return -1;
	out->min_age = (int)age;
	any = json_object_get(v, "any");
	if (!any || json_is_null(any))
		return 0;
	if (!json_is_array(any) ||
	    json_array_size(any) > CATEGORY_RULE_SETS_MAX)
		return pr_bad(r, pr_at(r, at, "any"),
		              "must be a list of at most 24 lists of person "
		              "categories");
	json_array_foreach(any, i, set)
	{
		const char *sat =
		    arena_printf(r->a, "%s[%zu]", pr_at(r, at, "any"), i);

		if (!json_is_array(set))
			return pr_bad(r, sat,
			              "must be a list of person categories");
		json_array_foreach(set, j, c)
		{
			int k = json_is_string(c)
			            ? enum_lookup(&person_category_names,
			                          json_string_value(c))
			            : -1;

			if (k < 0)
				return pr_bad(
				    r, arena_printf(r->a, "%s[%zu]", sat, j),
				    "is not a person category "
				    "(tekun_dispersed, "
				    "dibao, low_income, disabled, "
				    "partly_disabled, dementia, advanced_age, "
				    "empty_nest, left_behind, living_alone, "
				    "severe_disability, "
				    "family_planning_special, "
				    "urban, rural, …)");
			out->sets[i] |= 1u << k;
		}
	}
	out->nsets = json_array_size(any);
	return 0;
}
