/*
 * The "guidance" section of a policy file (docs/policy.md "Services"):
 * parenting guidance (家庭科学育儿指导): the activity kinds recorded and
 * the window in which an activity counts an infant as reached.
 * app/policy.c calls this for each file; the nearest file's section
 * applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_GUIDANCE_POLICY_H
#define LX_APP_SERVICE_GUIDANCE_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/service_element.h"

#include <jansson.h>

struct guidance_kind {
	const char *code; /* home_visit, parent_child, ... */
	const char *name; /* 入户指导 */
	const char *source;
};

struct guidance_policy {
	const char *source;
	const struct guidance_kind *kinds;
	size_t nkinds;
	enum reach_window window;
	const char *window_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: guidance.<path>:
 * <what>". *out is arena-owned. */
int guidance_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct guidance_policy **out,
                         struct lx_error *err);

/* The kind with that code, or NULL (p may be NULL). */
const struct guidance_kind *
guidance_policy_kind(const struct guidance_policy *p, const char *code);

#endif
