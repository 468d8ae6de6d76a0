/* Whether the platform is up: for a load balancer or a monitor. */
#ifndef LX_APP_HEALTH_H
#define LX_APP_HEALTH_H

#include "app/ctx.h"

/* {"status": "ok", "schema": N, "version": "…"} after a query has gone
 * through the database; NULL with ctx->err (LX_EBUSY) when it cannot be
 * read. Needs no login and says nothing about the data. */
json_t *app_health(struct app_ctx *ctx);

#endif
