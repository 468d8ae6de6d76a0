#include "app/inspect_hazard_policy.h"

#include "app/policy_reader.h"

#include <string.h>

static int read_severity(struct policy_reader *r, json_t *e, const char *at,
                         struct hazard_policy *p, unsigned *seen)
{
	static const char *const keys[] = { "code",          "label",
		                            "deadline_days", "stops_admission",
		                            "source",        NULL };
	struct hazard_severity_rule s;
	const char *code;
	json_t *stop;
	int i;

	memset(&s, 0, sizeof(s));
	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "code", 1, &code) ||
	    pr_str(r, e, at, "label", 1, &s.label) ||
	    pr_str(r, e, at, "source", 1, &s.source) ||
	    pr_int(r, e, at, "deadline_days", 1, 0, 3650, &s.deadline_days))
		return -1;
	i = hazard_lookup(hazard_severity_names, HS__MAX, code);
	if (i < 0)
		return pr_bad(r, pr_at(r, at, "code"),
		              "must be general, serious or major");
	if (*seen & (1u << i))
		return pr_bad(r, pr_at(r, at, "code"),
		              "repeats an earlier severity");
	stop = json_object_get(e, "stops_admission");
	if (!json_is_boolean(stop))
		return pr_bad(r, pr_at(r, at, "stops_admission"),
		              "is required: true or false");
	s.stops_admission = json_is_true(stop);
	*seen |= 1u << i;
	p->severities[i] = s;
	return 0;
}

int hazard_policy_read(struct arena *a, const char *file, json_t *o,
                       const struct hazard_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source", "severities",
		                            "escalate_city_after_days",
		                            "escalation_source", NULL };
	struct policy_reader r = { a, file, "hazards", err };
	struct hazard_policy *p;
	unsigned seen = 0;
	json_t *v, *e;
	size_t i;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source) ||
	    pr_int(&r, o, "", "escalate_city_after_days", 1, 0, 3650,
	           &p->escalate_city_after_days) ||
	    pr_str(&r, o, "", "escalation_source", 1, &p->escalation_source))
		return -1;
	v = json_object_get(o, "severities");
	if (!json_is_array(v))
		return pr_bad(&r, "severities",
		              "is required: a list of general, serious and "
		              "major");
	json_array_foreach(v, i, e)
	{
		if (read_severity(&r, e, arena_printf(a, "severities[%zu]", i),
		                  p, &seen))
			return -1;
	}
	if (seen != (1u << HS__MAX) - 1)
		return pr_bad(&r, "severities",
		              "must give general, serious and major each once");
	*out = p;
	return 0;
}
