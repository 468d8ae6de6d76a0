/* The people registry (DESIGN.md module 3): elderly residents and infants.
 * Identifiers are sealed at rest and shown masked; an unmasked view is
 * for officials who ask for it, and is audited. */
#ifndef LX_APP_PEOPLE_H
#define LX_APP_PEOPLE_H

#include "app/ctx.h"

/* PERSON JSON in, PERSON JSON out (docs/api.md "People"). */
json_t *app_person_create(struct app_ctx *ctx, json_t *body);
json_t *app_person_update(struct app_ctx *ctx, long long id, json_t *body);
/* params: unmask=1 (officials only; audited) */
json_t *app_person_get(struct app_ctx *ctx, long long id, json_t *params);
/* params: region, kind, q (name), id_number (exact, by keyed hash),
 * masked, category, page, per_page */
json_t *app_person_list(struct app_ctx *ctx, json_t *params);

/* For import: a person from a JSON object, inside the caller's
 * transaction. */
int app_person_save_json(struct app_ctx *ctx, json_t *body, long long *id);

/* Records an ability assessment: body {assessed_on, assessors: [names],
 * items: [26 scores in standards.md order], coma, diagnosis, risk_events,
 * reason} or, for an imported MZ/T 039-2013 record, legacy_level instead
 * of items. Returns the scored result with its reasons. */
json_t *app_person_assess(struct app_ctx *ctx, long long id, json_t *body);
json_t *app_person_assessments(struct app_ctx *ctx, long long id);

/* CSV of the people in a region (import columns; ID numbers masked unless
 * unmask, which only admins may ask). Only officials who may unmask may
 * export at all; every export is audited. */
int app_person_export(struct app_ctx *ctx, const char *region, int unmask,
                      struct abuf *out);

/* The id of the person with this ID number whom the caller may see, or
 * 0 with ctx->err naming "id_number". */
long long app_person_by_number(struct app_ctx *ctx, const char *number);

/* A person's moves between regions, oldest first. */
json_t *app_person_moves(struct app_ctx *ctx, long long id);

/* The GB/T 42195-2022 instrument: dimensions and the 26 items with their
 * ranges and wordings, for forms. */
json_t *app_assessment_instrument(struct app_ctx *ctx);

/* Whether the caller's role may see identifiers unmasked. */
int app_may_unmask(const struct app_ctx *ctx);

#endif
