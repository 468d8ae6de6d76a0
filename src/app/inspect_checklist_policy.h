/*
 * The "checklists" section of a policy file (docs/policy.md "Checklists"):
 * checklist templates as data — GB 38600-2019's nine protections, the
 * criteria of major accident hazards (2023), fire, food, childcare and the
 * seeds' items — each item with its domain, the severity a failure
 * suggests and its source; the domains with the department owning each.
 * The nearest file's section applies to a region, whole: a file's items
 * are not merged over a parent's, so a file that refines one item carries
 * the whole section.
 */
#ifndef LX_APP_INSPECT_CHECKLIST_POLICY_H
#define LX_APP_INSPECT_CHECKLIST_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>
#include <stddef.h>

struct checklist_domain {
	const char *code, *label, *department;
};

struct checklist_item {
	const char *code, *text, *domain, *source;
	int severity; /* enum hazard_severity a failure suggests */
};

struct checklist_template {
	const char *code, *label;
	unsigned kinds; /* bit per enum facility_kind */
	size_t nitems;
	const struct checklist_item *items;
};

struct checklist_policy {
	const char *source;
	size_t ndomains;
	const struct checklist_domain *domains;
	size_t ntemplates;
	const struct checklist_template *templates;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: checklists.<path>:
 * <what>". *out is arena-owned. */
int checklist_policy_read(struct arena *a, const char *file, json_t *o,
                          const struct checklist_policy **out,
                          struct lx_error *err);

/* The template for a facility kind, or NULL. */
const struct checklist_template *
checklist_template_for(const struct checklist_policy *p, int kind);

/* An item of t by code, or NULL. */
const struct checklist_item *
checklist_item_find(const struct checklist_template *t, const char *code);

/* A domain by code, or NULL. */
const struct checklist_domain *
checklist_domain_find(const struct checklist_policy *p, const char *code);

#endif
