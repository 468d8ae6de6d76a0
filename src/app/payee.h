/* Payee accounts (收款账户) of persons and institutions: where a payment
 * goes. The account number, and the ID number of a guardian who holds
 * the account, are sealed at rest and shown masked; the full number only
 * to roles that may unmask, when they ask, audited. Every change is
 * audited with the masked account before and after. */
#ifndef LX_APP_PAYEE_H
#define LX_APP_PAYEE_H

#include "app/ctx.h"

#include <stddef.h>
#include <stdint.h>

/* kind: "person" or "institution" (a facility). params: unmask=1. The
 * answer has "has_account": false when the owner has none. */
json_t *app_payee_get(struct app_ctx *ctx, const char *kind, long long id,
                      json_t *params);

/* body {bank, branch, account_number, account_kind, holder_name,
 * holder_relation, holder_id_number}: the account, replaced whole.
 * Officials who may unmask only. Returns it masked. */
json_t *app_payee_put(struct app_ctx *ctx, const char *kind, long long id,
                      json_t *body);

/* Removes the account (it was closed); audited. Returns {"deleted": true}. */
json_t *app_payee_delete(struct app_ctx *ctx, const char *kind, long long id,
                         json_t *body);

/* One row of a payees CSV import as a JSON object of texts (owner_kind,
 * id_number or facility_id or owner_id, and the account's fields): saved
 * inside the caller's transaction. 0, or -1 with ctx->err naming the
 * column at fault. */
int app_payee_import_row(struct app_ctx *ctx, json_t *row);

/* Who a payee is, as a bank file and an exception list need: the name,
 * the ID number (a person's, opened; an institution's credit code) and
 * its masked form, the region. 0, or -1 when the owner is gone. */
struct payee_owner {
	const char *name, *id_number, *id_masked, *region;
};
int payee_owner_load(struct app_ctx *ctx, const char *kind, long long id,
                     struct payee_owner *out);

/* Beneficiaries a run paid, to be checked for an account afterwards:
 * small, since a city's run pays hundreds of thousands. */
struct payee_tally {
	struct payee_paid {
		long long id;
		int64_t fen;
		unsigned char kind; /* 0 person, 1 institution, 2 provider */
	} * v;
	size_t n, cap;
};

/* Notes a beneficiary paid fen (> 0); arena-owned storage. */
void payee_tally_add(struct arena *a, struct payee_tally *t, const char *kind,
                     long long id, int64_t fen);

/* Of the tallied beneficiaries, those without an account: a JSON list of
 * {beneficiary_kind, beneficiary_id, name, id_masked, region (where they
 * are registered), fen, yuan}
 * (at most PAYEE_MISSING_LISTED, the count in *count). NULL and ctx->err
 * on a database error. Changes no amount. */
enum { PAYEE_MISSING_LISTED = 1000 };
json_t *payee_missing(struct app_ctx *ctx, const struct payee_tally *t,
                      long *count);

/* Sets "without_account" (that list) and "without_account_count" on a
 * run's summary. 0, or -1 with ctx->err. */
int payee_run_exceptions(struct app_ctx *ctx, const struct payee_tally *t,
                         json_t *summary);

#endif
