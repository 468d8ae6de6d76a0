/*
 * Complaint statistics by institution, category or region over a period
 * (received_on in [from, to]): received, closed, answered on time,
 * overdue on a day, call-back rate and satisfaction rate as exact
 * percentages (one decimal, half up), and for institutions the average
 * review rating. Rows are those the principal sees.
 */
#ifndef LX_APP_COMPLAINT_STATS_H
#define LX_APP_COMPLAINT_STATS_H

#include "app/ctx.h"

#include <jansson.h>

/* GET /complaints/stats: region, from, to, by (facility | category |
 * region), on. */
json_t *app_complaint_stats(struct app_ctx *ctx, json_t *params);

/* The public per-facility counts of complaints received in [from, to]
 * in region (store/complaint_store.h complaint_store_public_stats), with
 * the rates: no complainant, phone or summary, for the disclosure site.
 * params: region (required), from, to. */
json_t *app_complaint_public_stats(struct app_ctx *ctx, json_t *params);

/* num / den as a percentage with one decimal, half up ("66.7"); json
 * null when den is 0. */
json_t *complaint_percent_json(long num, long den);

#endif
