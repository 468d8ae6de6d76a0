#include "app/inspect_food_policy.h"

#include "app/policy_reader.h"

#include <string.h>

const struct food_grade_def *food_policy_grade(const struct food_policy *p,
                                               const char *code)
{
	for (size_t i = 0; p && code && i < p->ngrades; i++)
		if (!strcmp(p->grades[i].code, code))
			return &p->grades[i];
	return NULL;
}

static int read_grades(struct policy_reader *r, json_t *o,
                       struct food_policy *p)
{
	static const char *const keys[] = { "code", "name", NULL };
	json_t *list = json_object_get(o, "grades"), *e;
	size_t i;

	if (!json_is_array(list) || !json_array_size(list))
		return pr_bad(r, "grades", "must be a non-empty list");
	p->ngrades = json_array_size(list);
	p->grades = arena_alloc(r->a, p->ngrades * sizeof(*p->grades));
	memset(p->grades, 0, p->ngrades * sizeof(*p->grades));
	json_array_foreach(list, i, e)
	{
		const char *at = arena_printf(r->a, "grades[%zu]", i);

		if (!json_is_object(e))
			return pr_bad(r, at, "must be an object");
		if (pr_only_keys(r, e, at, keys) ||
		    pr_str(r, e, at, "code", 1, &p->grades[i].code) ||
		    pr_str(r, e, at, "name", 1, &p->grades[i].name))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->grades[j].code, p->grades[i].code))
				return pr_bad(r, pr_at(r, at, "code"),
				              "repeats an earlier grade");
	}
	return 0;
}

int food_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct food_policy **out, struct lx_error *err)
{
	static const char *const keys[] = {
		"source",         "grades", "good_grades", "good_grades_source",
		"validity_years", "note",   NULL
	};
	struct policy_reader r = { a, file, "food_safety", err };
	struct food_policy *p;
	const char **good;
	size_t ngood;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source) ||
	    read_grades(&r, o, p) ||
	    pr_str_list(&r, o, "", "good_grades", 1, &ngood, &good) ||
	    pr_str(&r, o, "", "good_grades_source", 1, &p->good_source) ||
	    pr_int(&r, o, "", "validity_years", 0, 1, 20, &p->validity_years))
		return -1;
	for (size_t i = 0; i < ngood; i++) {
		struct food_grade_def *g =
		    (struct food_grade_def *)food_policy_grade(p, good[i]);

		if (!g)
			return pr_bad(&r,
			              arena_printf(a, "good_grades[%zu]", i),
			              "is not one of the grades");
		g->good = 1;
	}
	*out = p;
	return 0;
}
