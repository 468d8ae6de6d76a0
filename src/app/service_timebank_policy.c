#include "app/service_timebank_policy.h"

#include "app/policy_reader.h"
#include "core/service_timebank.h"

#include <string.h>

static int in_list(size_t n, const char **list, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int timebank_policy_earns(const struct timebank_policy *p, const char *item)
{
	return p && in_list(p->nearn, p->earn_items, item);
}

int timebank_policy_redeems(const struct timebank_policy *p, const char *item)
{
	return p && in_list(p->nredeem, p->redeem_items, item);
}

int timebank_policy_kin(const struct timebank_policy *p, const char *relation)
{
	return p && in_list(p->nkin, p->kin_relations, relation);
}

static int read_bool(struct policy_reader *r, json_t *o, const char *key,
                     int *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_boolean(v))
		return pr_bad(r, key, "must be true or false");
	*out = json_is_true(v);
	return 0;
}

int timebank_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct timebank_policy **out,
                         struct lx_error *err)
{
	static const char *const keys[] = { "source",      "note",
		                            "cap_minutes", "kin_relations",
		                            "kin_min_age", "transfer_to_kin",
		                            "earn_items",  "redeem_items",
		                            "cashable",    "verify_by_other",
		                            NULL };
	struct policy_reader r = { a, file, "timebank", err };
	struct timebank_policy *p;
	long long age = 0;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 0, &p->source) ||
	    pr_str(&r, o, "", "note", 0, &p->note) ||
	    pr_int(&r, o, "", "cap_minutes", 1, 1, TIMEBANK_MINUTES_MAX,
	           &p->cap_minutes) ||
	    pr_str_list(&r, o, "", "kin_relations", 1, &p->nkin,
	                &p->kin_relations) ||
	    pr_int(&r, o, "", "kin_min_age", 1, 0, 150, &age) ||
	    read_bool(&r, o, "transfer_to_kin", &p->transfer_to_kin) ||
	    pr_str_list(&r, o, "", "earn_items", 1, &p->nearn,
	                &p->earn_items) ||
	    pr_str_list(&r, o, "", "redeem_items", 1, &p->nredeem,
	                &p->redeem_items) ||
	    read_bool(&r, o, "cashable", &p->cashable))
		return -1;
	/* absent: true, the platform's default (不相容岗位分离) */
	p->verify_by_other = 1;
	if (json_object_get(o, "verify_by_other") &&
	    read_bool(&r, o, "verify_by_other", &p->verify_by_other))
		return -1;
	p->kin_min_age = (int)age;
	for (size_t i = 0; i < p->nkin; i++)
		if (timebank_relation_parse(p->kin_relations[i]) < 0)
			return pr_bad(
			    &r, "kin_relations",
			    arena_printf(a,
			                 "'%s' is not a relation (spouse, "
			                 "parent, child, grandparent, "
			                 "grandchild)",
			                 p->kin_relations[i]));
	/* hours are exchanged for service only (001 第318行: 储蓄、回馈) */
	if (p->cashable)
		return pr_bad(
		    &r, "cashable",
		    "time-bank hours are never cashed: must be false");
	*out = p;
	return 0;
}
