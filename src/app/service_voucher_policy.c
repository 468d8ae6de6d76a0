#include "app/service_voucher_policy.h"

#include "app/policy_reader.h"

/* The section's rules are read by the module that uses them. */
struct voucher_policy {
	const char *source;
};

int voucher_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct voucher_policy **out, struct lx_error *err)
{
	struct policy_reader r = { a, file, "vouchers", err };
	struct voucher_policy *p;

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
