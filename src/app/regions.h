/* Regions and population use cases (DESIGN.md module 1). JSON results are
 * new references; NULL means ctx->err is set. */
#ifndef LX_APP_REGIONS_H
#define LX_APP_REGIONS_H

#include "app/ctx.h"
#include "core/region.h"

json_t *region_to_json(const struct region *r);

json_t *app_region_list(struct app_ctx *ctx, json_t *params);
json_t *app_region_get(struct app_ctx *ctx, const char *code);
json_t *app_region_create(struct app_ctx *ctx, json_t *body);
json_t *app_region_update(struct app_ctx *ctx, const char *code, json_t *body);
json_t *app_region_close(struct app_ctx *ctx, const char *code, json_t *body);

/* For import and presets: validate and insert or update r inside the
 * caller's transaction, with audit. */
int app_region_save(struct app_ctx *ctx, struct region *r, int replace);

/* "accepted: province, city, county, township, village", for an error. */
const char *app_region_level_names(struct app_ctx *ctx);

/* What an error says of a region code that is not in the registry: "a
 * county by its code, to add or import first" (the level its digits
 * give), so that an import names the parent it needed. */
const char *app_region_missing(struct app_ctx *ctx, const char *code);

json_t *app_population_get(struct app_ctx *ctx, json_t *params);
json_t *app_population_put(struct app_ctx *ctx, json_t *body);
int app_population_delete(struct app_ctx *ctx, json_t *params);

struct pop_figure;
/* Validate and store one figure inside the caller's transaction. */
int app_population_save(struct app_ctx *ctx, const struct pop_figure *f);

#endif
