/*
 * A hazard as the check, list and step use cases share it: recording one
 * found (from a failed checklist item or added by hand), who may see it,
 * its JSON with Chinese labels, and the lazy escalation of an overdue one.
 */
#ifndef LX_APP_INSPECT_HAZARD_FOUND_H
#define LX_APP_INSPECT_HAZARD_FOUND_H

#include "app/ctx.h"
#include "store/inspect_check_store.h"
#include "store/inspect_hazard_store.h"

/* Inside a transaction: records a hazard found by the check c on item
 * (NULL or "" for one added by hand) in domain with severity; its first
 * deadline is found_on plus the severity's days, and it stops admissions
 * if the policy says so. *added 0 (nothing written) when the check has a
 * hazard for the item already; *id is then 0. */
int inspect_hazard_found(struct app_ctx *ctx, const struct icheck_row *c,
                         const char *item, const char *domain, int severity,
                         const char *description, long long *id, int *added);

/* Who may see a hazard: officials and read-only accounts of its region,
 * an inspector of its region, the operator of its facility. */
int inspect_may_see_hazard(const struct principal *who,
                           const struct hazard_row *h);

/* Who may see a check: officials and read-only accounts of its region
 * (1), its own inspectors (1, is_mine set), no one else (0); -1 on error. */
int inspect_may_see_check(struct app_ctx *ctx, const struct icheck_row *c,
                          int *is_mine);

/* The hazard as JSON: labels, the domain's department, overdue and days
 * overdue against today. NULL with ctx->err on failure. */
json_t *inspect_hazard_json(struct app_ctx *ctx, const struct hazard_row *h);

/* Escalates h if today it is overdue beyond its level (one step at a time,
 * recorded once, audited); updates h. Runs its own transaction. */
int inspect_escalate_due(struct app_ctx *ctx, struct hazard_row *h,
                         int *raised);

#endif
