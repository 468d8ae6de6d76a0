#include "app/project_policy.h"

#include <string.h>

int project_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct project_policy **out, struct lx_error *err)
{
	struct project_policy *p;
	json_t *s;

	(void)file;
	(void)err;
	*out = NULL;
	if (!o)
		return 0;
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	s = json_object_get(o, "source");
	p->source =
	    json_is_string(s) ? arena_strdup(a, json_string_value(s)) : NULL;
	*out = p;
	return 0;
}
