/* Allowance and subsidy runs (DESIGN.md module 7): every entitlement of a
 * scheme for a period, written to the ledger so that nothing is paid
 * twice; reversals; the ledger and its bank export. */
#ifndef LX_APP_SUBSIDIES_H
#define LX_APP_SUBSIDIES_H

#include "app/ctx.h"
#include "core/period.h"

#include <stdint.h>

/* body {scheme, period, region, dry_run}: evaluates every beneficiary in
 * the region (persons, or institutions, as the scheme pays) and, unless a
 * dry run, adds a line wherever what is due differs from what was paid:
 * a payment the first time, an adjustment after (saying why). One
 * transaction: interrupted, it leaves nothing. Returns the summary. */
json_t *app_subsidy_run(struct app_ctx *ctx, json_t *body);

/* params region (default: the caller's): the schemes that apply there,
 * nearer policy files first, for a form to offer. */
json_t *app_subsidy_schemes(struct app_ctx *ctx, json_t *params);

/* params scheme, period, region: the lines with their reasons. */
json_t *app_ledger_list(struct app_ctx *ctx, json_t *params);

/* The bank 代发 file (app/payee_bank.h): one row per beneficiary,
 * scheme and period with an amount still to send (its lines, less what
 * was withheld against an amount owed, less what earlier files sent;
 * never 0 or below) and an account to send it to, laid out by a bank
 * template, with the count and control total. params: scheme, period,
 * region, format (csv, xlsx), encoding (utf-8, gb18030), template. Sends
 * nothing; audited. Only roles that may see full ID numbers. */
struct payee_bank_file;
int app_ledger_bank_file(struct app_ctx *ctx, json_t *params,
                         struct payee_bank_file *out);

/* What that file would hold, as JSON: rows, control total, and the
 * payees left out for want of an account. */
json_t *app_ledger_bank_summary(struct app_ctx *ctx, json_t *params);

/* body {scheme, period, region, format, encoding, template}: the same
 * file, its rows recorded as sent, so that the next one holds only what
 * is new and a later reduction of a sent amount is owed (追缴). A payee
 * left out for want of an account stays to send. Audited. */
int app_ledger_bank_send(struct app_ctx *ctx, json_t *body,
                         struct payee_bank_file *out);

/* body {reason}: a line of the opposite amount; a line is reversed once. */
json_t *app_ledger_reverse(struct app_ctx *ctx, long long id, json_t *body);

struct policy_view;
struct subsidy_scheme;
struct subsidy_result;

/* Evaluates a scheme for one person as a run would (without the
 * application gate): the pre-check of an application. */
int app_subsidy_precheck(struct app_ctx *ctx,
                         const struct subsidy_scheme *scheme,
                         const struct policy_view *view, long long person,
                         struct period p, struct subsidy_result *out);

/* One line a run writes (or, in a trial, would write), or one
 * beneficiary it leaves out for a data reason (kind is then the
 * exception's code and fen 0). Borrowed: valid during the call only. */
struct subsidy_line_view {
	const char *kind; /* payment, adjustment; or the exception's code */
	const char *beneficiary_kind;
	long long beneficiary_id;
	const char *name, *region, *reason;
	int64_t fen;
};

/* Who listens to a run as it goes (app/approval.c): line and excluded
 * return 0, or -1 when out of memory; finish runs inside the run's
 * transaction after the last line (run_id 0 in a trial) and may refuse
 * the run (-1 with ctx->err set), which then writes nothing. */
struct subsidy_sink {
	void *arg;
	int (*line)(void *arg, const struct subsidy_line_view *l);
	void (*excluded)(void *arg, const struct subsidy_line_view *l);
	int (*finish)(struct app_ctx *ctx, void *arg, long long run_id);
};

/* app_subsidy_run with a listener; a scheme paid after approval steps
 * commits only this way (sink not NULL). */
json_t *app_subsidy_run_sink(struct app_ctx *ctx, json_t *body,
                             const struct subsidy_sink *sink);

#endif
