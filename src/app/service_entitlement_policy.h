/*
 * The "entitlements" section of a policy file (docs/policy.md "Services"):
 * government-purchased service entitlements (政府购买服务): who is eligible,
 * the yearly amount, the items it pays for. app/policy.c calls this for each
 * file; the nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_ENTITLEMENT_POLICY_H
#define LX_APP_SERVICE_ENTITLEMENT_POLICY_H

#include "core/arena.h"
#include "core/category_rule.h"
#include "core/error.h"

#include <jansson.h>
#include <stdint.h>

struct service_policy;

/* One scheme: a calendar year's amount for each eligible person, drawn
 * down by orders of the items it pays for. */
struct entitlement_scheme {
	const char *id;   /* "home_care_purchase" */
	const char *name; /* 政府购买居家养老服务 */
	struct category_rule who;
	int64_t yearly_fen;
	size_t nitems;
	const char **items; /* catalogue codes, at least one */
	const char *source, *amount_source, *items_source, *note;
};

struct entitlement_policy {
	size_t nschemes;
	const struct entitlement_scheme *schemes; /* may be 0: none granted */
	const char *source, *note;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: entitlements.<path>:
 * <what>". *out is arena-owned. */
int entitlement_policy_read(struct arena *a, const char *file, json_t *o,
                            const struct entitlement_policy **out,
                            struct lx_error *err);

/* Every scheme's items must be codes of the same file's catalogue
 * (services may be NULL: then any item is refused). 0, or -1 naming
 * "<file>: entitlements.schemes[i].items[j]". */
int entitlement_policy_check_items(struct arena *a, const char *file,
                                   const struct entitlement_policy *p,
                                   const struct service_policy *services,
                                   struct lx_error *err);

/* The scheme of that id, or NULL (p may be NULL). */
const struct entitlement_scheme *
entitlement_policy_scheme(const struct entitlement_policy *p, const char *id);

/* Whether the scheme pays for the item. */
int entitlement_scheme_pays(const struct entitlement_scheme *s,
                            const char *item);

#endif
