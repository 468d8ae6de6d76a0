/* Facility registry use cases (DESIGN.md module 2). Each returns a new JSON
 * reference (caller decrefs) or NULL with ctx->err set. */
#ifndef LX_APP_FACILITIES_H
#define LX_APP_FACILITIES_H

#include "app/ctx.h"
#include "core/facility.h"

json_t *facility_to_json(const struct facility *f);

json_t *app_facility_list(struct app_ctx *ctx, json_t *params);
json_t *app_facility_get(struct app_ctx *ctx, long long id, json_t *params);
json_t *app_facility_create(struct app_ctx *ctx, json_t *body);
json_t *app_facility_update(struct app_ctx *ctx, long long id, json_t *body);
json_t *app_facility_close(struct app_ctx *ctx, long long id, json_t *body);
json_t *app_facility_history(struct app_ctx *ctx, long long id);
json_t *app_facility_summary(struct app_ctx *ctx, json_t *params);

/* For import: checks f as a create (id 0) or an update of a visible
 * facility and writes it, with audit, inside the caller's transaction. */
int app_facility_save(struct app_ctx *ctx, struct facility *f);

#endif
