/*
 * The draw over published inputs (docs/api.md "Inspectors, plans and the
 * random draw"): the same code draws a new plan, re-draws a stored one for
 * verification and re-draws a downloaded publication without a database,
 * so what is published is exactly what was drawn from.
 */
#ifndef LX_APP_INSPECT_DRAW_RUN_H
#define LX_APP_INSPECT_DRAW_RUN_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>

/* The canonical text of the inputs: compact JSON, keys sorted, arrays in
 * the roster order they were published in. Arena-owned. */
char *inspect_inputs_text(struct arena *a, json_t *inputs);

/* SHA-256 hex of the inputs' canonical text, a newline and the seed. */
void inspect_inputs_digest(const char *text, const char *seed, char out[65]);

/* Draws from inputs and seed. The answer is an array of checks in
 * facility order: {"facility_id", "facility_name", "items": [codes],
 * "scheduled_on", "notice_on", "inspectors": [account ids, ascending]}.
 * NULL with err naming the input at fault, or the facility that cannot
 * get enough untied inspectors (field "inspectors"). */
json_t *inspect_draw_run(struct arena *a, json_t *inputs, const char *seed,
                         struct lx_error *err);

/* Whether two check lists (as above) are the same. */
int inspect_draws_equal(json_t *x, json_t *y);

/* Re-draws a publication {"seed", "inputs", "digest", "checks"} and
 * answers {"matches", "digest_matches", "checks_match", "count",
 * "redrawn"}; NULL with err on bad input. */
json_t *inspect_verify_publication(struct arena *a, json_t *pub,
                                   struct lx_error *err);

#endif
