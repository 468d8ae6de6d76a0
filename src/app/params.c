#include "app/params.h"

#include "core/date.h"
#include "core/region_code.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *param_str(json_t *params, const char *name)
{
	json_t *v = params ? json_object_get(params, name) : NULL;

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int param_long(json_t *params, const char *name, long def, long min, long max,
               long *out, struct lx_error *err)
{
	const char *s = param_str(params, name);
	char *end;
	long v;

	if (!s || !*s) {
		*out = def;
		return 0;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return lx_fail(err, LX_EMALFORMED, name,
		               "parameter '%s' must be a whole number from %ld "
		               "to %ld",
		               name, min, max);
	*out = v;
	return 0;
}

int param_date(json_t *params, const char *name, const char **out,
               struct lx_error *err)
{
	const char *s = param_str(params, name);
	struct lx_date d;

	*out = NULL;
	if (!s || !*s)
		return 0;
	if (date_parse(s, &d))
		return lx_fail(err, LX_EMALFORMED, name,
		               "parameter '%s' must be a date YYYY-MM-DD, not "
		               "'%.20s'",
		               name, s);
	*out = s;
	return 0;
}

int param_only(json_t *params, const char *const *allowed, struct lx_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(params, key, v)
	{
		int ok = 0;

		for (const char *const *a = allowed; *a; a++)
			ok |= !strcmp(*a, key);
		if (!ok)
			return lx_fail(err, LX_EMALFORMED, key,
			               "unknown parameter '%s'", key);
	}
	return 0;
}

int param_region(json_t *params, const char *name, const char **out,
                 struct lx_error *err)
{
	const char *s = param_str(params, name);

	*out = NULL;
	if (!s || !*s)
		return 0;
	if (strlen(s) != 12 || !region_code_valid(s))
		return lx_fail(
		    err, LX_EMALFORMED, name,
		    "parameter '%s': '%.20s' is not a division code (12 "
		    "digits, the first two a province 11-82)",
		    name, s);
	*out = s;
	return 0;
}

int body_only(json_t *body, const char *const *allowed, struct lx_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v)
	{
		const char *const *k = allowed;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return lx_fail(err, LX_EINVALID, key,
			               "unknown field '%s'", key);
	}
	return 0;
}
