/* The bank 代发 file: one row per payee and batch (a beneficiary's amount
 * still to send for one scheme and period), laid out by a bank's template
 * (app/payee_template.h), with the count and control total; CSV in UTF-8
 * with a BOM or in GB18030, or XLSX. A payee without an account is left
 * out of the file and listed as an exception, so that nothing is sent
 * where no bank can pay it. */
#ifndef LX_APP_PAYEE_BANK_H
#define LX_APP_PAYEE_BANK_H

#include "app/ctx.h"

#include <stddef.h>
#include <stdint.h>

/* A batch still to send (app/subsidies.c works it out). */
struct payee_due {
	const char *scheme, *period, *kind, *region, *reason;
	long long id;
	int64_t fen;  /* > 0 */
	int included; /* out: in the file (the payee has an account) */
};

struct payee_bank_opts {
	const char *format;   /* "csv", "xlsx" or "summary" (JSON) */
	const char *encoding; /* "utf-8", "gb18030"; NULL: the template's */
	const char *template_name; /* NULL: "default" */
};

/* Takes "format", "encoding" and "template" out of params (a copy the
 * caller owns: they are deleted from it) into o, checked; the format
 * defaults to csv. -1 with ctx->err naming the field. */
int payee_bank_opts_take(struct app_ctx *ctx, json_t *params,
                         struct payee_bank_opts *o);

struct payee_bank_file {
	char *data; /* arena-owned; NULL for the summary */
	size_t len;
	const char *content_type, *ext;
	size_t rows;
	int64_t total;      /* fen, the control total */
	json_t *exceptions; /* owned: the payees left out (the first
	                       PAYEE_MISSING_LISTED of them) */
	long nexceptions;   /* all of them */
	const char *template_name, *encoding;
	int internal; /* the template is not for a bank: never sent */
};

/* Lays rows out (their order kept) into out; sets each row's included.
 * Only roles that may see full ID numbers may: LX_EFORBIDDEN otherwise. */
int payee_bank_render(struct app_ctx *ctx, const struct payee_bank_opts *o,
                      struct payee_due *rows, size_t n,
                      struct payee_bank_file *out);

/* {rows, total_fen, total_yuan, exceptions, exceptions_count, template,
 * encoding, templates: [{name, label}]}: what the file would hold.
 * Steals f->exceptions. */
json_t *payee_bank_summary(struct app_ctx *ctx, struct payee_bank_file *f);

#endif
