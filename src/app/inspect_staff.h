/*
 * Staff records of facilities (docs/api.md "Food safety and staff"): an
 * operator keeps its own facility's staff, officials in scope any
 * facility's; trainings and health checks; the same person (same ID
 * number) on two facilities' payrolls at once flagged 重复在岗; the
 * certified, pre-job-trained and childcare-health shares by region. ID
 * numbers are sealed at rest and shown masked except to roles that may
 * unmask, on the record. Each returns a new JSON reference (caller
 * decrefs) or NULL with ctx->err set.
 */
#ifndef LX_APP_INSPECT_STAFF_H
#define LX_APP_INSPECT_STAFF_H

#include "app/ctx.h"

/* body {facility_id, id_number, name, occupation, certificate, cert_level,
 * contract_from, contract_to}: a staff member (201). */
json_t *app_inspect_staff_add(struct app_ctx *ctx, json_t *body);

/* The same inside the caller's transaction (the CSV import): 0, or -1
 * with ctx->err naming the field. */
int app_inspect_staff_add_tx(struct app_ctx *ctx, json_t *body);

/* params region, facility_id, as_of, active: {as_of, items}, each with
 * duplicate set when the person also works at another facility at an
 * overlapping time. */
json_t *app_inspect_staff_list(struct app_ctx *ctx, json_t *params);

/* One staff member with trainings and health checks; params unmask=1
 * shows the ID number in full to a role that may (on the record). */
json_t *app_inspect_staff_get(struct app_ctx *ctx, long long id,
                              json_t *params);

/* body {contract_to}: the contract ends (a move, a leave). */
json_t *app_inspect_staff_end(struct app_ctx *ctx, long long id, json_t *body);

/* body {kind, held_on, hours, provider}: a training (201). */
json_t *app_inspect_staff_train(struct app_ctx *ctx, long long id,
                                json_t *body);

/* body {checked_on, result}: a health check (201). */
json_t *app_inspect_staff_health(struct app_ctx *ctx, long long id,
                                 json_t *body);

/* params region: {items}: the contracts flagged 重复在岗, one person's
 * together. */
json_t *app_inspect_staff_duplicates(struct app_ctx *ctx, json_t *params);

/* params region, as_of: {as_of, region, staff, certified,
 * pre_job_trained, childcare_health, by_sector, by_region}. */
json_t *app_inspect_staff_shares(struct app_ctx *ctx, json_t *params);

/* params facility_id: {occupations, cert_levels, training_kinds} of the
 * policy for the facility's region (the occupations of its sector only),
 * for forms. */
json_t *app_inspect_staff_options(struct app_ctx *ctx, json_t *params);

#endif
