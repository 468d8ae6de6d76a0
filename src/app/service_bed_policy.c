#include "app/service_bed_policy.h"

#include "app/policy_reader.h"

/* The section's rules are read by the module that uses them. */
struct family_bed_policy {
	const char *source;
};

int family_bed_policy_read(struct arena *a, const char *file, json_t *o,
                           const struct family_bed_policy **out,
                           struct lx_error *err)
{
	struct policy_reader r = { a, file, "family_beds", err };
	struct family_bed_policy *p;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	if (pr_str(&r, o, "", "source", 0, &p->source))
		return -1;
	*out = p;
	return 0;
}
