/*
 * Reading one section of a policy file: every message names the file and
 * the key path ("511724000000-dazhu.json: entitlements.schemes[0].amount:
 * must be yuan ..."), and the field of the error is the key path. The
 * section readers of the services module share these instead of each
 * carrying its own copy.
 */
#ifndef LX_APP_POLICY_READER_H
#define LX_APP_POLICY_READER_H

#include "core/arena.h"
#include "core/category_rule.h"
#include "core/error.h"

#include <jansson.h>
#include <stdint.h>

struct policy_reader {
	struct arena *a;
	const char *file;    /* the file's name, for messages */
	const char *section; /* the top-level key, e.g. "timebank" */
	struct lx_error *err;
};

/* "path" under the section, or "path.key"; arena-owned. */
const char *pr_at(struct policy_reader *r, const char *path, const char *key);

/* Fails with LX_EINVALID naming "<section>.<path>". Returns -1. */
int pr_bad(struct policy_reader *r, const char *path, const char *what);

/* o must be an object whose keys are all in allowed (NULL-terminated). */
int pr_only_keys(struct policy_reader *r, json_t *o, const char *path,
                 const char *const *allowed);

/* A string member; a required one must be non-empty. *out NULL when
 * absent and optional. */
int pr_str(struct policy_reader *r, json_t *o, const char *path,
           const char *key, int required, const char **out);

/* A whole number in [min, max]; *out untouched when absent and optional
 * (returns 0). */
int pr_int(struct policy_reader *r, json_t *o, const char *path,
           const char *key, int required, long long min, long long max,
           long long *out);

/* Money as yuan text ("300", "12.50"), stored in fen. */
int pr_yuan(struct policy_reader *r, json_t *o, const char *path,
            const char *key, int required, int64_t *fen);

/* A non-empty list of strings; *n and *out arena-owned. */
int pr_str_list(struct policy_reader *r, json_t *o, const char *path,
                const char *key, int required, size_t *n, const char ***out);

/* A person-category rule (core/category_rule.h) written as
 *   {"any": [["dibao"], ["low_income", "disabled"], ...], "min_age": 60}
 * "any" lists sets of categories; a person qualifies by holding every
 * category of one set. An empty set means no category is needed. */
int pr_category_rule(struct policy_reader *r, json_t *o, const char *path,
                     const char *key, int required, struct category_rule *out);

#endif
