/*
 * Recording a check (docs/api.md "Checks, checklists and hazards"): the
 * checklist of the facility's kind from the "checklists" policy, grouped
 * by domain, with each item's result (符合 pass / 不符合 fail / 不适用 na);
 * a failed item becomes a hazard. Only the check's inspectors or
 * officials in scope write; a check no plan drew (a case inspection) can
 * be created here by an official.
 */
#ifndef LX_APP_INSPECT_CHECKS_H
#define LX_APP_INSPECT_CHECKS_H

#include "app/ctx.h"

#include <jansson.h>

/* The check, its facility, its checklist with results, its hazards. */
json_t *app_icheck_get(struct app_ctx *ctx, long long id);

/* Starts the check if it is not yet started. */
json_t *app_icheck_start(struct app_ctx *ctx, long long id, json_t *body);

/* {results: [{item, outcome, note, severity?, description?}]}: records the
 * results (starting the check); each failed item opens one hazard. */
json_t *app_icheck_results(struct app_ctx *ctx, long long id, json_t *body);

/* {done_on?, note?}: the check is done. */
json_t *app_icheck_finish(struct app_ctx *ctx, long long id, json_t *body);

#endif
