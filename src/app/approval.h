/* Three-step approval of a run (经办 → 审核 → 审批): a batch is a trial
 * prepared by one account, checked by a second and approved by a third,
 * each with the duty for the step (given by an administrator) and the
 * batch's region in scope. Approval writes the run through
 * app_subsidy_run only when it is exactly the checked trial. */
#ifndef LX_APP_APPROVAL_H
#define LX_APP_APPROVAL_H

#include "app/ctx.h"

/* body {duties: ["prepare", "check", "approve"] (any of them)}: replaces
 * the duties of account id. Administrators only; audited. */
json_t *app_duties_set(struct app_ctx *ctx, long long id, json_t *body);

/* {items: [{account_id, username, role, region, duties}]}: every
 * official account with its duties. Administrators only. */
json_t *app_duties_list(struct app_ctx *ctx, json_t *params);

/* body {scheme, period, region, note}: 经办. The trial of the run with
 * its full list of lines and exclusions kept for the 公示 and a
 * fingerprint over the lines and totals. LX_ECONFLICT while another
 * batch of the scheme, period and region is open. Returns the batch. */
json_t *app_batch_prepare(struct app_ctx *ctx, json_t *body);

/* body {note}: 审核, by an account other than the preparer. */
json_t *app_batch_check(struct app_ctx *ctx, long long id, json_t *body);

/* body {note}: 审批, by a third account. The run is evaluated again and
 * written only if its lines equal the checked trial's; otherwise
 * LX_ECONFLICT, nothing written, and ctx->details says what changed
 * (counts, totals, the first differing beneficiaries). Returns the batch
 * with the run's summary. */
json_t *app_batch_approve(struct app_ctx *ctx, long long id, json_t *body);

/* body {note} (required): a rejection at check or approval; the batch
 * goes back to its preparer with the reason. */
json_t *app_batch_return(struct app_ctx *ctx, long long id, json_t *body);

/* The batch: its steps, totals, townships and budget figures. */
json_t *app_batch_get(struct app_ctx *ctx, long long id, json_t *params);

/* params region, status: batches in the region's subtree, newest first. */
json_t *app_batch_list(struct app_ctx *ctx, json_t *params);

struct approval_batch;

/* Loads batch id for an official who sees its region (LX_ENOTFOUND
 * otherwise, so scope does not leak existence). */
int approval_batch_load(struct app_ctx *ctx, long long id,
                        struct approval_batch *b);

#endif
