/*
 * 导出Excel for the lists officials work from: facilities (with the list's
 * filters and a 合计 row), people (masked as the list masks them), the
 * subsidy ledger, applications, the audit log (with a date range) and the
 * planning results (the gap of places and beds, institutions' staffing,
 * the residential points outside walking reach of a site).
 * Each export asks the list's own use case for every page of its rows, so
 * the sheet holds what the list shows, to whom the list shows it.
 */
#ifndef LX_APP_EXPORT_LISTS_H
#define LX_APP_EXPORT_LISTS_H

#include "app/ctx.h"

#include <stddef.h>

/* kind: "facilities", "persons", "ledger", "applications", "audit",
 * "plan-gap", "plan-staffing" or "plan-coverage";
 * params: the list's own filters. *out the workbook (arena-owned),
 * *filename "机构名录-巴中市-2026-12-04.xlsx" (region and today). */
int app_export_list_xlsx(struct app_ctx *ctx, const char *kind, json_t *params,
                         char **out, size_t *len, const char **filename);

#endif
