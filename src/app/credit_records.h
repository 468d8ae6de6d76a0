/*
 * Credit files (信用档案, docs/api.md "Credit files, red and black lists,
 * prepaid fees"): records of a facility or of a staff member (a written
 * commitment, a penalty, a warning, an admonition talk, a commendation)
 * and the whole file of a facility. Each returns a new JSON reference
 * (caller decrefs) or NULL with ctx->err set. A staff member is named; the
 * ID number is never read here.
 */
#ifndef LX_APP_CREDIT_RECORDS_H
#define LX_APP_CREDIT_RECORDS_H

#include "app/ctx.h"
#include "store/credit_store.h"

/* body {subject_kind, subject_id, kind, happened_on, summary, authority,
 * document, serious}: records an entry (201). A penalty is public until
 * its day plus the policy's longest period (serious or general). */
json_t *app_credit_record_add(struct app_ctx *ctx, json_t *body);

/* params subject_kind, subject_id: {items} latest first. */
json_t *app_credit_records_list(struct app_ctx *ctx, json_t *params);

/* The file of a facility: {facility_id, name, commitment, membership,
 * standing, records, listings, prepaid}. */
json_t *app_credit_file(struct app_ctx *ctx, long long facility);

/* body {membership: true|false}: whether the institution runs on prepaid
 * membership (会员制). */
json_t *app_credit_membership_put(struct app_ctx *ctx, long long facility,
                                  json_t *body);

/* One record as JSON, its kind named by the policy p (may be NULL). */
struct credit_policy;
json_t *credit_record_json(const struct credit_record_row *r,
                           const struct credit_policy *p, const char *today);

#endif
