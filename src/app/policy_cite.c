#include "app/policy_cite.h"

#include "app/policy.h"
#include "core/cite_text.h"

struct table {
	struct cite_doc *v;
	size_t n;
};

static void table_of(const struct policy_set *s, struct arena *a,
                     struct table *t)
{
	size_t n = s ? policy_set_count(s) : 0;

	t->n = 0;
	t->v = n ? arena_alloc(a, n * sizeof(*t->v)) : NULL;
	for (size_t i = 0; i < n; i++) {
		const struct policy *p = policy_set_at(s, i);

		if (p->seed && p->document)
			t->v[t->n++] =
			    (struct cite_doc){ p->seed, p->document };
	}
}

static void walk(struct table *t, struct arena *a, json_t *j)
{
	const char *key, *s;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_foreach(j, key, v) walk(t, a, v);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v) walk(t, a, v);
	} else if (json_is_string(j)) {
		s = json_string_value(j);
		if (cite_has_seed(s))
			json_string_set(j, cite_text(a, s, t->v, t->n));
	}
}

void policy_cite_json(const struct policy_set *s, struct arena *a, json_t *j)
{
	struct table t;

	if (!j)
		return;
	table_of(s, a, &t); /* five plans or so: cheaper than asking first */
	walk(&t, a, j);
}
