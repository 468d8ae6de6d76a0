/* Stops and restarts of payments (DESIGN.md module 7): holds (暂停发放) of
 * a beneficiary from one scheme or all, their lifts, and the lift of a
 * reversal (恢复发放). Runs read them (app/subsidies.c); every change is
 * audited. */
#ifndef LX_APP_HOLDS_H
#define LX_APP_HOLDS_H

#include "app/ctx.h"

/* body {beneficiary_kind, beneficiary_id, scheme (optional: all when
 * absent), from (YYYY-MM-DD), reason}. Returns the hold. */
json_t *app_hold_add(struct app_ctx *ctx, json_t *body);

/* body {on (YYYY-MM-DD, the first day paid again), reason}. Whether the
 * held periods are paid (补发) is the scheme's policy (hold_back_pay). */
json_t *app_hold_lift(struct app_ctx *ctx, long long id, json_t *body);

/* params region, beneficiary_kind, beneficiary_id: the holds. */
json_t *app_holds_list(struct app_ctx *ctx, json_t *params);

/* body {reason}: lifts reversal line id, so that runs pay its scheme,
 * period and beneficiary again. */
json_t *app_ledger_lift(struct app_ctx *ctx, long long id, json_t *body);

#endif
