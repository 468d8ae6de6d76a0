/* A payee account (收款账户): the bank account or 社保卡 a payment is sent
 * to. Pure rules: what an account number may be, how it is shown masked,
 * and amounts as a bank file writes them. Storage is
 * store/payee_store.c; sealing and authorisation app/payee.c. */
#ifndef LX_CORE_PAYEE_H
#define LX_CORE_PAYEE_H

#include "core/arena.h"
#include "core/error.h"
#include "core/facility.h"

#include <stddef.h>
#include <stdint.h>

/* Bank card numbers are 16 to 19 digits, a 社保卡's financial account 19,
 * a corporate account up to 25 or so: the bounds leave room for every
 * bank without taking a mistyped phone number (11) for an account. */
enum { PAYEE_ACCOUNT_MIN = 12, PAYEE_ACCOUNT_MAX = 32 };

extern const struct enum_names payee_account_kind_names;

/* The account number with spaces and hyphens taken out (as printed on a
 * card: 6217 0012 3456 7890), into out (PAYEE_ACCOUNT_MAX + 1 bytes).
 * Digits only, PAYEE_ACCOUNT_MIN to PAYEE_ACCOUNT_MAX of them; else -1
 * with err naming field. No check digit is asserted: corporate accounts
 * have none, and banks' card schemes differ. */
int payee_account_normalise(const char *s, char *out, size_t outlen,
                            struct lx_error *err, const char *field);

/* The masked form shown to everyone who may not see the number: the
 * first 4 and last 4 digits, the rest as "**** ****"
 * ("6217 **** **** 7890"), whatever the length. out at least 24 bytes. */
void payee_account_mask(const char *account, char *out, size_t outlen);

/* fen as yuan with exactly two decimals ("60.00", "-0.05", "1234.56"),
 * by integer division: the amount column of a bank file. */
char *payee_yuan2(int64_t fen, char out[32]);

/* UTF-8 text converted to GB18030 (what many banks' 代发 systems read),
 * arena-owned; *outlen its length. -1 with err when a character cannot
 * be converted (every Unicode character can, in GB18030) or iconv has no
 * converter. */
int payee_to_gb18030(struct arena *a, const char *utf8, size_t n, char **out,
                     size_t *outlen, struct lx_error *err);

#endif
