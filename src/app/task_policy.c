#include "app/task_policy.h"

#include "app/policy_reader.h"

#include <string.h>

static int points(struct policy_reader *r, json_t *o, const char *key,
                  const char **text, struct exact *out)
{
	if (pr_str(r, o, "lights", key, 1, text))
		return -1;
	if (exact_parse(*text, out) || out->num < 0 ||
	    exact_cmp(*out, exact_int(100)) > 0)
		return pr_bad(r, pr_at(r, "lights", key),
		              "must be a decimal from 0 to 100 as text");
	return 0;
}

int task_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct task_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source", "note",
		                            "period", "report_due_day",
		                            "lights", NULL };
	static const char *const lkeys[] = { "start_yellow_months",
		                             "start_red_months",
		                             "behind_yellow_points",
		                             "behind_red_points",
		                             "expected_places",
		                             "source",
		                             NULL };
	struct policy_reader r = { a, file, "tasks", err };
	struct task_policy *p;
	json_t *l;
	long long v;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source) ||
	    pr_str(&r, o, "", "note", 0, &p->note))
		return -1;
	*out = p;
	if (json_object_size(o) == 1)
		return 0; /* not yet written */
	p->written = 1;
	if (pr_str(&r, o, "", "period", 1, &p->period))
		return -1;
	if (strcmp(p->period, "month"))
		return pr_bad(&r, "period", "must be \"month\"");
	v = 0;
	if (pr_int(&r, o, "", "report_due_day", 1, 1, 28, &v))
		return -1;
	p->report_due_day = (int)v;
	l = json_object_get(o, "lights");
	if (!json_is_object(l))
		return pr_bad(&r, "lights", "must be an object");
	if (pr_only_keys(&r, l, "lights", lkeys))
		return -1;
	if (pr_int(&r, l, "lights", "start_yellow_months", 1, 0, 120, &v))
		return -1;
	p->lights.start_yellow_months = (int)v;
	if (pr_int(&r, l, "lights", "start_red_months", 1, 0, 120, &v))
		return -1;
	p->lights.start_red_months = (int)v;
	if (p->lights.start_red_months < p->lights.start_yellow_months)
		return pr_bad(&r, "lights.start_red_months",
		              "must not be less than start_yellow_months");
	if (points(&r, l, "behind_yellow_points", &p->behind_yellow_text,
	           &p->lights.behind_yellow) ||
	    points(&r, l, "behind_red_points", &p->behind_red_text,
	           &p->lights.behind_red))
		return -1;
	if (exact_cmp(p->lights.behind_red, p->lights.behind_yellow) < 0)
		return pr_bad(&r, "lights.behind_red_points",
		              "must not be less than behind_yellow_points");
	if (pr_int(&r, l, "lights", "expected_places", 1, 0, 4, &v))
		return -1;
	p->lights.places = (int)v;
	return 0;
}
