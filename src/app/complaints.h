/*
 * Complaints (投诉) as use cases: intake by an official from any channel
 * or by a family online, the steps assign → answer → call back → close
 * and reopening, each taken once (store/complaint_store.h) and audited;
 * a serious complaint about a facility opens a case check and a hazard in
 * supervision. Statistics are app/complaint_stats.c.
 */
#ifndef LX_APP_COMPLAINTS_H
#define LX_APP_COMPLAINTS_H

#include "app/complaint_policy.h"
#include "app/ctx.h"
#include "store/complaint_store.h"

#include <jansson.h>

/* POST /complaints: {channel, category, summary, facility_id | region,
 * complainant, phone, received_on}. A family files online, its own. */
json_t *app_complaint_create(struct app_ctx *ctx, json_t *body);

/* GET /complaints: region, status, category, facility_id, from, to, on
 * (the day overdue is judged on, today when absent), overdue, mine. */
json_t *app_complaint_list(struct app_ctx *ctx, json_t *params);

/* GET /complaints/{id}: the complaint with its steps. */
json_t *app_complaint_get(struct app_ctx *ctx, long long id);

/* POST /complaints/{id}/{assign,answer,callback,close,reopen}. */
json_t *app_complaint_step(struct app_ctx *ctx, long long id, const char *step,
                           json_t *body);

/* GET /complaints/options?region=: channels, categories, levels. */
json_t *app_complaint_options(struct app_ctx *ctx, json_t *params);

/* The complaints section that applies to region; NULL with err naming
 * field when no policy file states one. Shared with the reviews and the
 * statistics. */
const struct complaint_policy *complaint_policy_for(struct app_ctx *ctx,
                                                    const char *region,
                                                    const char *field);

/* Days since 1970 of "YYYY-MM-DD"; -1 when empty or bad. */
long complaint_day(const char *s);

/* The complaints the principal sees, with the region, from and to
 * parameters and q's other filters; arena-owned. */
int complaint_rows_visible(struct app_ctx *ctx, json_t *params,
                           struct complaint_query *q,
                           struct complaint_row **out, size_t *n);

/* Overdue on day today (days since 1970). */
int complaint_row_overdue(const struct complaint_row *c, long today);

#endif
