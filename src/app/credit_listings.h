/*
 * Red and black lists (红黑名单): a listing is proposed by an official of
 * the subject's region, noticed, heard, listed no earlier than the policy's
 * notice days after the notice, published, and removed on application no
 * earlier than the policy's years after listing (core/credit_listing.h).
 * Each step is taken once: a conditional UPDATE on the listing's version
 * (409 on a stale or repeated step), a step row and an audit entry.
 * Each returns a new JSON reference (caller decrefs) or NULL with ctx->err.
 */
#ifndef LX_APP_CREDIT_LISTINGS_H
#define LX_APP_CREDIT_LISTINGS_H

#include "app/ctx.h"
#include "store/credit_store.h"

/* body {subject_kind, subject_id, list, ground, facts, authority} (201) */
json_t *app_credit_listing_propose(struct app_ctx *ctx, json_t *body);

/* params region, list, status, facility_id: {items} latest first */
json_t *app_credit_listings_list(struct app_ctx *ctx, json_t *params);

/* one listing with its steps */
json_t *app_credit_listing_get(struct app_ctx *ctx, long long id);

/* step "notice" | "hearing" | "list" | "publish" | "remove" | "withdraw";
 * body {on, note, version, hearing, removal_reason, penalty_served,
 * rectified}. */
json_t *app_credit_listing_step(struct app_ctx *ctx, long long id,
                                const char *step, json_t *body);

/* A listing as JSON without its steps (app_credit_listing_get adds
 * them); p names the ground (may be NULL). */
struct credit_policy;
json_t *credit_listing_json(const struct credit_listing_row *l,
                            const struct credit_policy *p);

#endif
