/* The time bank's ledger (时间银行): services that earn minutes, verified
 * before they are deposited; transfers to kin; accounts with their
 * entries and what every minute traces to. Every movement takes the
 * oldest minutes first (core/service_timebank.h) and records the services
 * whose minutes it moved, so the ledger is zero-sum: minutes deposited =
 * minutes held + minutes redeemed − minutes refunded, service by service.
 * JSON shapes: docs/api.md "Time bank". */
#ifndef LX_APP_SERVICE_TIMEBANK_LEDGER_H
#define LX_APP_SERVICE_TIMEBANK_LEDGER_H

#include "app/ctx.h"
#include "core/service_timebank.h"

struct timebank_policy;

/* body {volunteer_id, item, started_at, finished_at, person_id?, note?}:
 * a service waiting for verification. */
json_t *app_vservice_record(struct app_ctx *ctx, json_t *body);
/* params: region, volunteer_id, status (recorded, verified, rejected). */
json_t *app_vservice_list(struct app_ctx *ctx, json_t *params);
/* Verifies (deposits the minutes into the volunteer's account, refused
 * past the cap: LX_ECONFLICT "minutes") or rejects (body {reason}). */
json_t *app_vservice_verify(struct app_ctx *ctx, long long id, json_t *body);
json_t *app_vservice_reject(struct app_ctx *ctx, long long id, json_t *body);

/* body {volunteer_id, person_id, minutes}: gives minutes to kin. */
json_t *app_timebank_transfer(struct app_ctx *ctx, json_t *body);
/* params: region. */
json_t *app_timebank_accounts(struct app_ctx *ctx, json_t *params);
/* The account with its entries, each with the services it traces to,
 * and the lots it holds now. */
json_t *app_timebank_account(struct app_ctx *ctx, long long id, json_t *params);
/* The policy for a region (params: region, default the caller's). */
json_t *app_timebank_options(struct app_ctx *ctx, json_t *params);

/* The policy section for region, or NULL with ctx->err naming field. */
const struct timebank_policy *
tb_policy_for(struct app_ctx *ctx, const char *region, const char *field);

/* Moves minutes out of account (kind "transfer_out" or "redeem") taking
 * the oldest lots, recording the entry and its trace: 1 when the balance
 * is short (nothing changed), 0 done (*entry, *take, *ntake set), -1 on
 * error. Inside the caller's transaction. */
int tb_move_out(struct app_ctx *ctx, long long account, long long minutes,
                const char *kind, long long order, long long counterpart,
                long long *entry, struct timebank_lot **take, size_t *ntake);
/* Moves the lots take into account (kind "transfer_in" or "refund"),
 * cap > 0 refusing (1, nothing changed) a balance past it. */
int tb_move_in(struct app_ctx *ctx, long long account,
               const struct timebank_lot *take, size_t ntake, const char *kind,
               long long order, long long counterpart, long long cap);

#endif
