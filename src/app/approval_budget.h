/* Budgets per scheme, year and region (预算), and the figures a run shows
 * against one: spent this year, this run, remaining. */
#ifndef LX_APP_APPROVAL_BUDGET_H
#define LX_APP_APPROVAL_BUDGET_H

#include "app/ctx.h"

#include <stdint.h>

struct subsidy_scheme;

/* The budget of the scheme for the period's year that covers region
 * (its own or the nearest region above it that has one). *out gets
 * {budget_fen, region, year, spent_fen, this_run_fen, remaining_fen,
 * over} (new reference) or NULL when none is set. Over the budget, a
 * run (dry 0) of a scheme whose policy says "refuse" fails with
 * LX_ECONFLICT; otherwise a warning (Chinese) is appended to warnings.
 * Runs inside the run's transaction, before its lines are counted as
 * spent (this_run is added to what the ledger held). */
int app_budget_check(struct app_ctx *ctx, const struct subsidy_scheme *scheme,
                     const char *region, const char *period, int dry,
                     int64_t this_run, json_t **out, json_t *warnings);

/* body {scheme, year, region, amount_fen}: sets (or replaces) a budget.
 * Officials within their region. Audited with before and after. */
json_t *app_budget_set(struct app_ctx *ctx, json_t *body);

/* params region, year: the budgets in the region's subtree, each with
 * what the ledger spent. */
json_t *app_budget_list(struct app_ctx *ctx, json_t *params);

#endif
