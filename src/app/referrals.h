/*
 * Referrals of needs found on visits (DESIGN.md module 8; docs/api.md
 * "Referrals"): raised by a visitor, a township officer or an official,
 * taken step by step by their owners until closed with the receiver's
 * feedback, every step audited. Whether one is overdue, and to which
 * level it has been escalated, is computed at the moment asked (core/
 * referral.c) from the policy of the person's region.
 */
#ifndef LX_APP_REFERRALS_H
#define LX_APP_REFERRALS_H

#include "app/ctx.h"

/* body {person_id, need, severity, visit_id?, detail?, to_kind?, to?,
 * to_facility?}: raises a referral. Returns it (201). */
json_t *app_referral_create(struct app_ctx *ctx, json_t *body);

/* step "accept", "handle", "feedback", "close" or "reopen"; body {note}
 * (required for feedback, the feedback itself, and for reopen, the
 * reason). Returns the referral with its steps. */
json_t *app_referral_step(struct app_ctx *ctx, long long id, const char *step,
                          json_t *body);

/* params at? (a UTC moment, default now): the referral with its steps,
 * whether it is overdue and how far escalated at that moment. */
json_t *app_referral_get(struct app_ctx *ctx, long long id, json_t *params);

/* params region?, status? (a status or "open"), overdue? (1), escalated?
 * (a level), person_id?, visit_id?, at?, limit?, offset?: the referrals
 * the caller may see, earliest deadline first, with counts. */
json_t *app_referral_list(struct app_ctx *ctx, json_t *params);

/* params region: the needs, severities and escalation that apply there
 * (the policy's "referrals" section), for forms. */
json_t *app_referral_options(struct app_ctx *ctx, json_t *params);

#endif
