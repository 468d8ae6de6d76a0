/*
 * Parenting guidance (家庭科学育儿指导; docs/api.md "Parenting guidance"):
 * activities of the policy's kinds (入户指导, 亲子活动, 家长课堂, 父母课堂,
 * 互联网直播) recorded by an official or a childcare operator with the
 * registered infants each reached, all or nothing; and the coverage:
 * infants reached in the policy's window ÷ infants registered, by region.
 */
#ifndef LX_APP_SERVICE_GUIDANCE_H
#define LX_APP_SERVICE_GUIDANCE_H

#include "app/ctx.h"

/* body {kind, title, region, held_on, facility_id?, provider?, families?,
 * note?, infants: [person ids]}: the activity (201). */
json_t *app_guidance_create(struct app_ctx *ctx, json_t *body);

/* The activity with the infants it reached. */
json_t *app_guidance_get(struct app_ctx *ctx, long long id);

/* params region?, facility_id?, from?, to?, limit?, offset?. */
json_t *app_guidance_list(struct app_ctx *ctx, json_t *params);

/* params region, date? (default today): reached, registered and the
 * percentage in the region and each child region. */
json_t *app_guidance_coverage(struct app_ctx *ctx, json_t *params);

/* params region: the kinds and window of the region's policy. */
json_t *app_guidance_options(struct app_ctx *ctx, json_t *params);

#endif
