#include "app/health.h"

#include "store/db.h"

json_t *app_health(struct app_ctx *ctx)
{
	int schema = db_schema_version(ctx->db);

	if (schema <= 0)
		return lx_fail(&ctx->err, LX_EBUSY, "",
		               "the database cannot be read"),
		       NULL;
	return json_pack("{s:s, s:i, s:s}", "status", "ok", "schema", schema,
	                 "version", LX_VERSION);
}
