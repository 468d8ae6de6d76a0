#include "app/service_voucher_policy.h"

#include "app/policy_reader.h"
#include "app/service_policy.h"

#include <string.h>

/* A voucher is valid for at most a year and a day (a kind that means
 * "until the end of next year" is a new batch, not a longer voucher). */
enum { VALID_DAYS_MAX = 366 };

const struct voucher_kind *voucher_policy_kind(const struct voucher_policy *p,
                                               const char *id)
{
	for (size_t i = 0; p && id && i < p->nkinds; i++)
		if (!strcmp(p->kinds[i].id, id))
			return &p->kinds[i];
	return NULL;
}

static int read_kind(struct policy_reader *r, json_t *e, const char *at,
                     struct voucher_kind *k)
{
	static const char *const keys[] = { "id",        "name",   "face_value",
		                            "who",       "items",  "valid_days",
		                            "min_order", "source", "note",
		                            NULL };
	json_t *items;

	if (pr_only_keys(r, e, at, keys) || pr_str(r, e, at, "id", 1, &k->id) ||
	    pr_str(r, e, at, "name", 1, &k->name) ||
	    pr_yuan(r, e, at, "face_value", 1, &k->face_fen) ||
	    pr_category_rule(r, e, at, "who", 1, &k->who) ||
	    pr_int(r, e, at, "valid_days", 1, 1, VALID_DAYS_MAX,
	           &k->valid_days) ||
	    pr_yuan(r, e, at, "min_order", 0, &k->min_order_fen) ||
	    pr_str(r, e, at, "source", 1, &k->source) ||
	    pr_str(r, e, at, "note", 0, &k->note))
		return -1;
	if (k->face_fen <= 0)
		return pr_bad(r, pr_at(r, at, "face_value"),
		              "must be more than 0 yuan");
	if (k->min_order_fen < 0)
		return pr_bad(r, pr_at(r, at, "min_order"),
		              "must not be negative");
	items = json_object_get(e, "items");
	if (items && !json_is_array(items))
		return pr_bad(r, pr_at(r, at, "items"),
		              "must be a list of catalogue codes ([] for any)");
	/* an empty list is allowed here: the voucher pays for any item */
	if (items && json_array_size(items) &&
	    pr_str_list(r, e, at, "items", 0, &k->nitems, &k->items))
		return -1;
	return 0;
}

int voucher_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct voucher_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source", "note", "kinds", NULL };
	struct policy_reader r = { a, file, "vouchers", err };
	struct voucher_policy *p;
	struct voucher_kind *k;
	json_t *v, *e;
	size_t i;

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
	    pr_str(&r, o, "", "note", 0, &p->note))
		return -1;
	v = json_object_get(o, "kinds");
	if (v && !json_is_array(v))
		return pr_bad(&r, "kinds", "must be a list");
	if (v && json_array_size(v)) {
		k = arena_alloc(a, json_array_size(v) * sizeof(*k));
		memset(k, 0, json_array_size(v) * sizeof(*k));
		p->kinds = k;
		json_array_foreach(v, i, e)
		{
			const char *at = arena_printf(a, "kinds[%zu]", i);

			if (read_kind(&r, e, at, &k[i]))
				return -1;
			if (voucher_policy_kind(p, k[i].id))
				return pr_bad(&r, pr_at(&r, at, "id"),
				              "repeats an earlier kind's id");
			p->nkinds = i + 1;
		}
	}
	*out = p;
	return 0;
}

int voucher_policy_check_items(struct arena *a, const char *file,
                               const struct voucher_policy *p,
                               const struct service_policy *services,
                               struct lx_error *err)
{
	struct policy_reader r = { a, file, "vouchers", err };

	for (size_t i = 0; p && i < p->nkinds; i++)
		for (size_t j = 0; j < p->kinds[i].nitems; j++)
			if (!service_policy_item(services,
			                         p->kinds[i].items[j]))
				return pr_bad(
				    &r,
				    arena_printf(a, "kinds[%zu].items[%zu]", i,
				                 j),
				    "is not a code of services.items");
	return 0;
}
