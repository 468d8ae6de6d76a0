/* Infants: health-management records (新生儿访视, screenings,
 * vaccinations, growth assessments) and enrolment in a childcare class,
 * checked against the class's age band (托育机构设置标准) and capacity. */
#ifndef LX_APP_INFANTS_H
#define LX_APP_INFANTS_H

#include "app/ctx.h"

/* body {item, done_on, result} → 201 the record. */
json_t *app_health_add(struct app_ctx *ctx, long long person, json_t *body);
json_t *app_health_list(struct app_ctx *ctx, long long person);

/* body {facility_id, class_type, start, end} → 201 the enrolment. */
json_t *app_enrol(struct app_ctx *ctx, long long person, json_t *body);
json_t *app_enrolments(struct app_ctx *ctx, long long person);

#endif
