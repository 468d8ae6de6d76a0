/* Volunteers of the time bank (时间银行; 001 第358行 健全老年志愿服务登记
 * 制度): registration with a sealed ID number, leaving, the kin an
 * official records for a volunteer, and the counts by region with the
 * elderly share. A volunteer is registered on day D when registered_on
 * <= D and (left_on is null or left_on > D); elderly when aged 60 or
 * more on D. JSON shapes: docs/api.md "Time bank". */
#ifndef LX_APP_SERVICE_VOLUNTEERS_H
#define LX_APP_SERVICE_VOLUNTEERS_H

#include "app/ctx.h"

struct volunteer_row;

/* body {id_number, name, region, phone?, team?, registered_on?,
 * facility_id?}: the new VOLUNTEER (caller owns). */
json_t *app_volunteer_register(struct app_ctx *ctx, json_t *body);
/* params: unmask=1 (admin, city and county officials; audited). */
json_t *app_volunteer_get(struct app_ctx *ctx, long long id, json_t *params);
/* params: region, on (default today), all=1 (also those not registered
 * on that day). {on, volunteers, by_region, total}. */
json_t *app_volunteer_list(struct app_ctx *ctx, json_t *params);
/* body {left_on?}: the volunteer leaves (default today). */
json_t *app_volunteer_leave(struct app_ctx *ctx, long long id, json_t *body);
/* body {person_id, relation}: records a registered person as the
 * volunteer's spouse or lineal kin. */
json_t *app_volunteer_kin_add(struct app_ctx *ctx, long long id, json_t *body);

/* The volunteer if the caller may see it (operators: their facilities;
 * others: their region), else LX_ENOTFOUND. */
int app_volunteer_visible(struct app_ctx *ctx, long long id,
                          struct volunteer_row *out);
/* Whether the principal may see a volunteer of this region and
 * facility. */
int app_volunteer_in_scope(const struct app_ctx *ctx, const char *region,
                           long long facility_id);

#endif
