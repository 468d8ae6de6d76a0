/* Citations leave the API as an official reads them: every seed file name
 * in an answer becomes the title of the plan it is (core/cite_text.h). */
#ifndef LX_APP_POLICY_CITE_H
#define LX_APP_POLICY_CITE_H

#include <jansson.h>

#include "core/arena.h"

struct policy_set;

/* Rewrites, in place, every string value in j (objects and arrays, at any
 * depth) that holds a seed file name, by the titles of the plans in s.
 * Keys are left alone. s may be NULL: then names are replaced by
 * "所引方案". */
void policy_cite_json(const struct policy_set *s, struct arena *a, json_t *j);

#endif
