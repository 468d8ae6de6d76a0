/* The plan's indicators at every node of a region subtree for one period:
 * the dashboard of a whole city (every county, township and village) in
 * one go, for officials. */
#ifndef LX_APP_INDICATOR_NODES_H
#define LX_APP_INDICATOR_NODES_H

#include "app/ctx.h"

#include <stddef.h>

/*
 * params: region, period, format ("json", the default, or "csv"). JSON:
 * {"region", "period", "as_of", "jurisdiction", "indicators": [{"id",
 * "group", "seq", "name", "unit", "numerator", "denominator", "factor"}],
 * "nodes": [{"code", "name", "level", "parent", "indicators": {ID:
 * {"value", "numerator", "denominator", "status"[, "text"]}}}]} (numerator
 * and denominator only where the indicator has a formula); CSV (UTF-8
 * with BOM): code,name,level,indicator,value,numerator,denominator,status,
 * one row per node and indicator. Numbers unrounded, written so they read
 * back as the same double. Every node's figures are exactly those
 * app_indicators gives for it. Served from ctx->cache while nothing is
 * written (app/result_cache.h); *hit says so. *text is arena-owned.
 */
int app_indicator_nodes(struct app_ctx *ctx, json_t *params, char **text,
                        size_t *len, const char **type, int *hit);

#endif
