/*
 * 统一社会信用代码, the unified social credit code of GB 32100-2015 that
 * every registered organisation (care homes, nurseries, their operators)
 * carries: 18 characters from 0-9 A-H J-N P-R T-U W-Y, the last a MOD 31
 * check character over the first 17.
 */
#ifndef LX_CORE_CREDIT_CODE_H
#define LX_CORE_CREDIT_CODE_H

#include "core/error.h"

/* Checks that s is a well-formed credit code: exactly 18 characters, each in
 * the alphabet (uppercase only: a lowercase letter is refused with a message
 * saying so, as the code is printed uppercase on every licence), and the
 * check character right. Only the form is checked, not whether the code was
 * ever issued. Returns 0, or -1 with err filled: LX_EINVALID, the given
 * field, and a message naming the 1-based position at fault or the
 * expected check character. */
int credit_code_check(const char *s, struct lx_error *err, const char *field);

/* Computes the check character for the first 17 characters of first17 (a
 * longer string, such as a whole code, is fine; only 17 are read) into *out.
 * Returns 0, or -1 if first17 is NULL, shorter than 17 or has a character
 * outside the alphabet (lowercase included). */
int credit_code_check_char(const char *first17, char *out);

#endif
