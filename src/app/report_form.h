/*
 * The department reporting form (指标填报, docs/api.md "Reporting form"),
 * like a data-entry form: the indicators a department reports for a region
 * and period, with the last value, unit, source and target, filled in one
 * save that writes all or nothing; and each department's completeness
 * (已填报 5/15). A department is matched to an indicator's 责任部门 cell
 * through the department directory and its aliases (app/task_directory.h),
 * so 市卫健委 and 市卫生健康委 are one. Each function returns a new
 * reference (caller decrefs) or NULL with ctx->err set.
 */
#ifndef LX_APP_REPORT_FORM_H
#define LX_APP_REPORT_FORM_H

#include "app/ctx.h"

/* params region, period: {region, period, department, rows: [...],
 * filled, due, completeness: [{department, due, filled, rate}]}. A
 * department official sees its own department's rows; an official of a
 * region sees every department's rows and completeness. */
json_t *app_report_form_get(struct app_ctx *ctx, json_t *params);

/* body {region, period, values: [{indicator, value, note?}]}: every value
 * checked first (all errors at once, in ctx->details "errors", each naming
 * its indicator), then all written in one transaction and audited; returns
 * the form as app_report_form_get() gives it. */
json_t *app_report_form_save(struct app_ctx *ctx, json_t *body);

#endif
