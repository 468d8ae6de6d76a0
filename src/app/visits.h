/*
 * Visits to special-difficulty elderly (DESIGN.md module 8, docs/api.md
 * "Visits"): recording a visit, reporting a major event, overriding a
 * person's tier with a reason. Lists and worklists are in
 * app/visit_lists.h, the CSV import in app/visit_import.h.
 */
#ifndef LX_APP_VISITS_H
#define LX_APP_VISITS_H

#include "app/ctx.h"

/* Records a visit: {"person_id", "visited_at": "YYYY-MM-DDTHH:MM",
 * "mode", "findings": {aspect: {"status": "ok|concern|urgent", "note"}},
 * "risk"?, "note"?, "lat"?, "lon"?}. A visitor records visits to people
 * of its areas. Returns VISIT. */
json_t *app_visit_record(struct app_ctx *ctx, json_t *body);

/* The same inside the caller's transaction (import): the visitor is
 * visitor_id (0: the caller) and source "app" or "import". Returns 0 and
 * the new id, or -1 with ctx->err naming the field. */
int app_visit_record_tx(struct app_ctx *ctx, json_t *body, long long visitor_id,
                        const char *source, long long *id);

json_t *app_visit_get(struct app_ctx *ctx, long long id, json_t *params);
/* params: person_id, region, from, to (days), limit */
json_t *app_visit_list(struct app_ctx *ctx, json_t *params);

/* A major event that calls for a visit within the policy's hours:
 * {"person_id", "kind", "occurred_at", "note"?, "reported_at"?}. */
json_t *app_visit_event_add(struct app_ctx *ctx, json_t *body);
/* params: region, since (day), limit */
json_t *app_visit_events(struct app_ctx *ctx, json_t *params);

/* Sets a person's tier by hand {"tier", "reason", "from"?}, ending the
 * override in force; ends it {"reason"}. Officials and township
 * officers; the reason is required and audited. */
json_t *app_visit_tier_set(struct app_ctx *ctx, long long person, json_t *body);
json_t *app_visit_tier_end(struct app_ctx *ctx, long long person, json_t *body);

#endif
