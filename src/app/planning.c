#include "app/planning.h"

#include "core/geo.h"
#include "core/region_code.h"
#include "store/point_store.h"
#include "store/region_store.h"

#include <stdio.h>

int app_point_save(struct app_ctx *ctx, struct res_point *p)
{
	json_t *after;
	int ret;

	if (!p->name || !*p->name)
		return lx_fail(&ctx->err, LX_EINVALID, "name",
		               "'name' is required");
	if (!geo_in_china(p->lat, p->lon))
		return lx_fail(&ctx->err, LX_EINVALID,
		               geo_in_china(p->lat, 100.0) ? "lon" : "lat",
		               "coordinates (%g, %g) are outside China", p->lat,
		               p->lon);
	if (p->population < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "population",
		               "'population' must not be negative");
	if (!region_code_valid(p->region) ||
	    !region_store_exists(ctx->db, p->region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s'", p->region);
	if (!principal_may_write_region(ctx->who, p->region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "you may not add points in '%s'", p->region);
	if (point_store_insert(ctx->db, p, &ctx->err))
		return -1;
	after = json_pack("{s:s, s:s, s:f, s:f, s:I}", "region", p->region,
	                  "name", p->name, "lat", p->lat, "lon", p->lon,
	                  "population", (json_int_t)p->population);
	ret = app_audit(ctx, "create", "residential_point",
	                arena_printf(ctx->arena, "%lld", p->id), NULL, after);
	json_decref(after);
	return ret;
}
