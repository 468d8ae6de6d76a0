/*
 * Reviews (评价) as use cases: a family rates an institution its relative
 * lives or lived in, or a government matter (好差评) once its application
 * was decided; an operator appeals a review of its facility as malicious;
 * an official keeps or hides it (hidden reviews leave the averages).
 * Service orders are rated on the order itself (one rating per order,
 * app/service_orders.c): the facility's page shows that average beside
 * the reviews instead of asking twice.
 */
#ifndef LX_APP_REVIEWS_H
#define LX_APP_REVIEWS_H

#include "app/ctx.h"

#include <jansson.h>

/* POST /reviews: {target_kind, facility_id | application_id, rating,
 * comment}. */
json_t *app_review_create(struct app_ctx *ctx, json_t *body);

/* GET /reviews: region, facility_id, status, from, to. */
json_t *app_review_list(struct app_ctx *ctx, json_t *params);

/* POST /reviews/{id}/appeal {reason, version} by the facility's
 * operator; POST /reviews/{id}/decide {decision: keep | hide, reason,
 * version} by an official in scope. */
json_t *app_review_appeal(struct app_ctx *ctx, long long id, json_t *body);
json_t *app_review_decide(struct app_ctx *ctx, long long id, json_t *body);

/* GET /facilities/{id}/reviews: the shown reviews with the averages. */
json_t *app_facility_reviews(struct app_ctx *ctx, long long facility);

/* GET /reviews/options: for a family, the institutions and decided
 * applications it may review, each with whether it has already. */
json_t *app_review_options(struct app_ctx *ctx, json_t *params);

/* The average of count ratings summing to sum, exact text with two
 * decimals rounded half up; NULL (json null) when count is 0. */
json_t *review_average_json(long sum, long count);

#endif
