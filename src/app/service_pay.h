/*
 * How an order is paid beyond what the person pays: a government-purchased
 * entitlement, a voucher, time-bank hours. The order module calls these
 * inside its own transaction when an order is placed (draw) and when it is
 * cancelled (release); each owner keeps its balance and its trail. Every
 * draw is all or nothing and safe against a concurrent draw on the same
 * balance: a balance never goes below zero, a voucher pays once.
 */
#ifndef LX_APP_SERVICE_PAY_H
#define LX_APP_SERVICE_PAY_H

#include "app/ctx.h"

/* Draws fen from the person's entitlement in force on day (YYYY-MM-DD)
 * that pays for item. 0 with *entitlement_id set; -1 with ctx->err:
 * LX_EINVALID "payment.entitlement" when the person has none for the item
 * and year, LX_ECONFLICT "payment.entitlement" when the balance is short
 * (the message says how much is left). */
int app_entitlement_draw(struct app_ctx *ctx, long long person_id,
                         const char *item, const char *day, long long fen,
                         long long order_id, long long *entitlement_id);
/* Gives back what the order drew (nothing drawn: 0). */
int app_entitlement_release(struct app_ctx *ctx, long long order_id);

/* Redeems the voucher (by id) of the person against the order; *fen is
 * what it pays: its face value, at most order_fen (what the order's other
 * sources leave to pay); its minimum is checked against the order's
 * total. -1 with ctx->err
 * "payment.voucher": not the person's (LX_EFORBIDDEN), expired or not
 * for the item (LX_EINVALID), already redeemed (LX_ECONFLICT). */
int app_voucher_redeem(struct app_ctx *ctx, long long voucher_id,
                       long long person_id, const char *item, const char *day,
                       long long order_fen, long long order_id, long long *fen);
/* Takes the order's voucher off it: usable again while unexpired,
 * counted as expired (not as used) after. */
int app_voucher_release(struct app_ctx *ctx, long long order_id);

/* Takes minutes from a time-bank account for a service to the person
 * (the holder, or the volunteer's own person record, spouse or lineal
 * kin as the policy allows). -1 with ctx->err "payment.timebank":
 * LX_EFORBIDDEN when the person may not benefit, LX_ECONFLICT when the
 * balance is short. */
int app_timebank_redeem(struct app_ctx *ctx, long long account_id,
                        long long person_id, long long minutes,
                        long long order_id);
/* Returns the order's minutes to the account they came from. */
int app_timebank_release(struct app_ctx *ctx, long long order_id);

#endif
