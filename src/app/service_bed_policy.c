#include "app/service_bed_policy.h"

#include "app/policy_reader.h"

#include <string.h>

/* Set-up steps a policy may require; the assessment and the service plan
 * are part of every bed. */
static int read_steps(struct policy_reader *r, json_t *o,
                      struct family_bed_policy *p)
{
	const char **steps;
	size_t n;

	if (pr_str_list(r, o, "", "setup_steps", 1, &n, &steps))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(steps[i], "adaptation"))
			p->needs_adaptation = 1;
		else if (!strcmp(steps[i], "devices"))
			p->needs_devices = 1;
		else if (strcmp(steps[i], "assessment") &&
		         strcmp(steps[i], "plan"))
			return pr_bad(r, "setup_steps",
			              "lists a step not assessment, "
			              "adaptation, devices or plan");
	}
	return 0;
}

int family_bed_policy_read(struct arena *a, const char *file, json_t *o,
                           const struct family_bed_policy **out,
                           struct lx_error *err)
{
	static const char *const keys[] = { "source",
		                            "eligible",
		                            "eligible_source",
		                            "setup_steps",
		                            "setup_source",
		                            "min_visits_month",
		                            "min_minutes_month",
		                            "standard_source",
		                            "note",
		                            NULL };
	struct policy_reader r = { a, file, "family_beds", err };
	struct family_bed_policy *p;

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
	    pr_category_rule(&r, o, "", "eligible", 1, &p->eligible) ||
	    pr_str(&r, o, "", "eligible_source", 1, &p->eligible_source) ||
	    read_steps(&r, o, p) ||
	    pr_str(&r, o, "", "setup_source", 1, &p->setup_source) ||
	    pr_int(&r, o, "", "min_visits_month", 1, 0, 100,
	           &p->min_visits_month) ||
	    pr_int(&r, o, "", "min_minutes_month", 1, 0, 44640,
	           &p->min_minutes_month) ||
	    pr_str(&r, o, "", "standard_source", 1, &p->standard_source))
		return -1;
	*out = p;
	return 0;
}
