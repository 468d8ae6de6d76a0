/*
 * Subsidy schemes and their parameters in policy files (docs/policy.md
 * "Subsidies"): the "schemes" and "parameters" keys of a file, read into
 * the structs of core/subsidy.h. app/policy.c calls these while it loads a
 * set; everything is allocated in the set's arena.
 */
#ifndef LX_APP_SUBSIDY_POLICY_H
#define LX_APP_SUBSIDY_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/subsidy.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct policy;
struct policy_view;

/* subsidy_param.fen of a parameter a file lists without an amount: the
 * user sets it. policy_view_param_values leaves such parameters out, so
 * the engine refuses a scheme that names one ("parameters": not
 * supplied). */
#define SUBSIDY_PARAM_UNSET INT64_C(-1)

/* Yuan written as decimal text ("60", "884", "0.5", "735.55") to fen,
 * exactly: [0-9]+ with at most two decimals, no sign, no leading zero
 * ("0.5" but not "05"), at most SUBSIDY_FEN_MAX fen. 0 and *fen set, or
 * -1. */
int subsidy_yuan_parse(const char *s, int64_t *fen);

/* Reads doc's "schemes" and "parameters" (both optional lists) into p,
 * checks every scheme with subsidy_scheme_check and that ids and names are
 * unique in the file. file is the file's name for messages. Returns 0, or
 * -1 with err LX_EINVALID, field the key path and message
 * "<file>: <key path>: <what>". */
int subsidy_policy_read(struct arena *a, const char *file, json_t *doc,
                        struct policy *p, struct lx_error *err);

/* After every file of a set is read: each parameter a scheme names is
 * listed in the scheme's file or in the file of an ancestor region.
 * Returns 0 or -1 with err as above. */
int subsidy_policy_check_params(const struct policy *v, size_t n,
                                struct lx_error *err);

/* The view's parameters that have a value, copied into one arena array
 * for subsidy_evaluate (parameters without a value are left out). Returns
 * the count; *out is never NULL. */
size_t policy_view_param_values(const struct policy_view *v, struct arena *a,
                                const struct subsidy_param **out);

#endif
