/* Bank 代发 file templates (docs/policy.md "Bank file templates"): the
 * columns a bank's payroll system reads, in its order and with its
 * headers, as data in policies/bank/<name>.json, not code. */
#ifndef LX_APP_PAYEE_TEMPLATE_H
#define LX_APP_PAYEE_TEMPLATE_H

#include "core/arena.h"
#include "core/error.h"

#include <stddef.h>

/* What a column can hold (docs/policy.md lists them). */
enum payee_field {
	PF_SEQ,              /* 序号 1..n */
	PF_NAME,             /* the account holder's name */
	PF_ID_NUMBER,        /* the holder's ID number (an institution's
	                        credit code) */
	PF_ACCOUNT,          /* the account number, in full */
	PF_BANK,             /* the bank */
	PF_BRANCH,           /* 开户行 */
	PF_ACCOUNT_KIND,     /* 银行卡, 社会保障卡, 对公账户 */
	PF_YUAN,             /* the amount, yuan with two decimals */
	PF_FEN,              /* the amount in fen, for banks that ask so */
	PF_REMARK,           /* scheme name and period, and whom for */
	PF_SCHEME,           /* the scheme's id */
	PF_SCHEME_NAME,      /* its Chinese name */
	PF_PERIOD,           /* 2025-11 */
	PF_BENEFICIARY_KIND, /* person, institution, provider */
	PF_BENEFICIARY_ID,   /* the platform's own number */
	PF_BENEFICIARY_NAME, /* the beneficiary, when a guardian holds it */
	PF_REGION,           /* the paying region's code */
	PF_REASON,           /* the ledger's reason */
	PF_EMPTY,            /* a column the bank wants left blank */
	PF__MAX
};

struct payee_column {
	const char *header;
	enum payee_field field;
};

struct payee_template {
	const char *name, *label, *source, *encoding;
	int internal; /* for checking the ledger, never sent to a bank */
	size_t ncolumns;
	struct payee_column *columns;
	/* rows before the header and after the payees: each a list of
	 * cells, where {count}, {total} and {date} are replaced */
	size_t nhead, nfoot;
	const char *const **head, *const **foot;
	size_t *head_len, *foot_len;
};

const char *payee_field_name(enum payee_field f);

/* Every template in the folder bank/ under dir (a .json file each), by name.
 * Strict: an unknown key, field or placeholder, or a file without a source, is
 * refused naming the file and key path. A folder without bank/ has no templates
 * (0, *n 0). Arena-owned. */
int payee_templates_load(struct arena *a, const char *dir,
                         struct payee_template **out, size_t *n,
                         struct lx_error *err);

/* The template called name ("default" when NULL or ""), or NULL with err
 * naming "template". */
const struct payee_template *payee_template_find(const struct payee_template *v,
                                                 size_t n, const char *name,
                                                 struct lx_error *err);

#endif
