/*
 * Prepaid fees (预收费): an institution reports its members' prepaid
 * balance and what of it is in third-party bank custody as of a day; the
 * report is flagged when custody is below the policy's share or the
 * balance over its ceiling, and officials list the flagged institutions.
 * Each returns a new JSON reference (caller decrefs) or NULL with ctx->err.
 */
#ifndef LX_APP_CREDIT_PREPAID_H
#define LX_APP_CREDIT_PREPAID_H

#include "app/ctx.h"

/* body {as_of, members, balance_fen, custody_bank, custody_fen} (201);
 * the operator of the facility or an official of its region. */
json_t *app_credit_prepaid_report(struct app_ctx *ctx, long long facility,
                                  json_t *body);

/* params region, flagged (1: only flagged), as_of: the latest report of
 * each institution on or before as_of (default today), with its flags. */
json_t *app_credit_prepaid_list(struct app_ctx *ctx, json_t *params);

/* The latest report of one facility with its flags, or JSON null; NULL
 * only on a database error. */
json_t *credit_prepaid_latest_json(struct app_ctx *ctx, long long facility);

/* facility.membership (会员制): 1 or 0 (0 also on error). */
int credit_prepaid_membership(struct app_ctx *ctx, long long facility);

#endif
