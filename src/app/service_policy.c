#include "app/service_policy.h"

#include "app/policy_reader.h"

#include <string.h>

static const char *const unit_n[] = { "visit", "meal", "hour", "day", "month" };
static const char *const unit_zh[] = { "次", "餐", "小时", "天", "月" };
static const char *const for_n[] = { "elderly", "infant" };

const char *service_unit_name(enum service_unit u)
{
	return (unsigned)u < SU__MAX ? unit_n[u] : "";
}

const char *service_unit_label_zh(enum service_unit u)
{
	return (unsigned)u < SU__MAX ? unit_zh[u] : "";
}

static int word(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const struct service_item *service_policy_item(const struct service_policy *p,
                                               const char *code)
{
	for (size_t i = 0; p && code && i < p->nitems; i++)
		if (!strcmp(p->items[i].code, code))
			return &p->items[i];
	return NULL;
}

static int read_item(struct policy_reader *r, json_t *e, const char *at,
                     struct service_item *it)
{
	static const char *const keys[] = { "code", "name",   "category",
		                            "unit", "for",    "who",
		                            "note", "source", NULL };
	const char *unit, *whom;

	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "code", 1, &it->code) ||
	    pr_str(r, e, at, "name", 1, &it->name) ||
	    pr_str(r, e, at, "category", 1, &it->category) ||
	    pr_str(r, e, at, "unit", 1, &unit) ||
	    pr_str(r, e, at, "for", 1, &whom) ||
	    pr_str(r, e, at, "source", 1, &it->source) ||
	    pr_category_rule(r, e, at, "who", 0, &it->who))
		return -1;
	if ((it->unit = word(unit_n, SU__MAX, unit)) < 0)
		return pr_bad(r, pr_at(r, at, "unit"),
		              "must be visit, meal, hour, day or month");
	if ((it->for_whom = word(for_n, SF__MAX, whom)) < 0)
		return pr_bad(r, pr_at(r, at, "for"),
		              "must be elderly or infant");
	for (const char *c = it->code; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '_'))
			return pr_bad(r, pr_at(r, at, "code"),
			              "must be lower-case letters, digits and "
			              "_");
	return 0;
}

static int read_basic(struct policy_reader *r, json_t *e, const char *at,
                      const struct service_policy *p, struct basic_service *b)
{
	static const char *const keys[] = { "item",     "target", "content",
		                            "standard", "payer",  "source",
		                            "note",     NULL };

	if (pr_only_keys(r, e, at, keys) ||
	    pr_str(r, e, at, "item", 0, &b->item) ||
	    pr_str(r, e, at, "target", 1, &b->target) ||
	    pr_str(r, e, at, "content", 1, &b->content) ||
	    pr_str(r, e, at, "standard", 1, &b->standard) ||
	    pr_str(r, e, at, "payer", 1, &b->payer) ||
	    pr_str(r, e, at, "source", 1, &b->source))
		return -1;
	if (b->item && !service_policy_item(p, b->item))
		return pr_bad(r, pr_at(r, at, "item"),
		              "is not a code of services.items");
	return 0;
}

int service_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct service_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "items", "basic_list", "source",
		                            "note", NULL };
	struct policy_reader r = { a, file, "services", err };
	struct service_policy *p;
	struct service_item *items;
	struct basic_service *basic;
	json_t *v, *e;
	size_t i;

	*out = NULL;
	if (!o)
		return 0;
	if (pr_only_keys(&r, o, "", keys))
		return -1;
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_str(&r, o, "", "source", 0, &p->source) ||
	    pr_str(&r, o, "", "note", 0, &p->note))
		return -1;
	v = json_object_get(o, "items");
	if (!json_is_array(v) || !json_array_size(v))
		return pr_bad(&r, "items",
		              "is required: a non-empty list of catalogue "
		              "items");
	items = arena_alloc(a, json_array_size(v) * sizeof(*items));
	memset(items, 0, json_array_size(v) * sizeof(*items));
	p->items = items;
	json_array_foreach(v, i, e)
	{
		const char *at = arena_printf(a, "items[%zu]", i);

		if (read_item(&r, e, at, &items[i]))
			return -1;
		if (service_policy_item(p, items[i].code))
			return pr_bad(&r, pr_at(&r, at, "code"),
			              "repeats an earlier item's code");
		p->nitems = i + 1;
	}
	v = json_object_get(o, "basic_list");
	if (v && !json_is_array(v))
		return pr_bad(&r, "basic_list", "must be a list");
	if (v && json_array_size(v)) {
		basic = arena_alloc(a, json_array_size(v) * sizeof(*basic));
		memset(basic, 0, json_array_size(v) * sizeof(*basic));
		json_array_foreach(v, i, e)
		{
			if (read_basic(&r, e,
			               arena_printf(a, "basic_list[%zu]", i), p,
			               &basic[i]))
				return -1;
		}
		p->basic = basic;
		p->nbasic = json_array_size(v);
	}
	*out = p;
	return 0;
}
