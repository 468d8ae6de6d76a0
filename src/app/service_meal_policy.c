#include "app/service_meal_policy.h"

#include "app/policy_reader.h"
#include "core/facility.h"

#include <string.h>

const struct meal_policy *meal_policy_default(void)
{
	static const struct meal_policy d = {
		.village_from = 200,
		.village_to = 399,
		.point_kinds = { FK_MEAL_POINT },
		.npoint_kinds = 1,
	};

	return &d;
}

static int read_kinds(struct policy_reader *r, json_t *o, struct meal_policy *p)
{
	const char **kinds;
	size_t n;

	if (pr_str_list(r, o, "", "point_kinds", 1, &n, &kinds))
		return -1;
	if (n > MEAL_POINT_KINDS_MAX)
		return pr_bad(r, "point_kinds", "lists too many kinds");
	for (size_t i = 0; i < n; i++) {
		int k = enum_lookup(&facility_kind_names, kinds[i]);

		if (k != FK_MEAL_POINT && k != FK_MUTUAL_AID_POINT &&
		    k != FK_DAY_CARE_CENTER && k != FK_COMMUNITY_COMPLEX &&
		    k != FK_REGIONAL_CENTER)
			return pr_bad(r, "point_kinds",
			              "lists a kind that is not a community "
			              "elderly-care facility kind");
		p->point_kinds[i] = k;
	}
	p->npoint_kinds = n;
	return 0;
}

int meal_policy_read(struct arena *a, const char *file, json_t *o,
                     const struct meal_policy **out, struct lx_error *err)
{
	static const char *const keys[] = {
		"source",      "village_codes", "village_source",
		"point_kinds", "point_source",  "note",
		NULL
	};
	static const char *const range_keys[] = { "from", "to", NULL };
	struct policy_reader r = { a, file, "meals", err };
	struct meal_policy *p;
	long long from = 0, to = 0;
	json_t *v;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	if (pr_only_keys(&r, o, "", keys))
		return -1;
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	v = json_object_get(o, "village_codes");
	if (!json_is_object(v))
		return pr_bad(&r, "village_codes",
		              "is required: {\"from\": 200, \"to\": 399}");
	if (pr_only_keys(&r, v, "village_codes", range_keys) ||
	    pr_int(&r, v, "village_codes", "from", 1, 1, 999, &from) ||
	    pr_int(&r, v, "village_codes", "to", 1, 1, 999, &to))
		return -1;
	if (to < from)
		return pr_bad(&r, "village_codes.to", "is below from");
	p->village_from = (int)from;
	p->village_to = (int)to;
	if (pr_str(&r, o, "", "source", 0, &p->source) ||
	    pr_str(&r, o, "", "village_source", 1, &p->village_source) ||
	    read_kinds(&r, o, p) ||
	    pr_str(&r, o, "", "point_source", 1, &p->point_source))
		return -1;
	*out = p;
	return 0;
}
