/*
 * 公民身份号码, the resident identity card number of GB 11643-1999: 6-digit
 * address code, 8-digit birth date, 3-digit sequence (odd for men), and a
 * check character by ISO 7064 MOD 11-2 ('0'-'9' or 'X').
 */
#ifndef LX_CORE_ID_NUMBER_H
#define LX_CORE_ID_NUMBER_H

#include <stddef.h>

#include "core/error.h"

struct id_info {
	int year, month, day; /* birth date */
	int male;             /* 1 if the sequence number is odd */
	char region[7];       /* the 6-digit address code at birth, NUL-ended */
};

/* Validates an 18-character identity number: 17 ASCII digits, then a digit
 * or 'X' (lowercase 'x' accepted as 'X'); characters 7-14 a real date
 * (leap years counted) with the year in 1900..2200; the check character
 * right. Old 15-digit numbers are refused. The birth date is not compared
 * with today (no clock in core): callers reject future dates. The address
 * code is not looked up. Returns 0 and fills *out (out may be NULL to only
 * validate), or -1 with err filled: LX_EINVALID, the given field, and a
 * message saying what is wrong. Messages never repeat the number or the
 * expected check character (the number is personal data, and telling the
 * expected check character invites "fixing" it instead of the mistyped
 * digit). */
int id_number_parse(const char *s, struct id_info *out, struct lx_error *err,
                    const char *field);

/* The check character ('0'-'9' or 'X') for the first 17 characters of
 * first17 (a whole number may be passed; only 17 are read), or '\0' if
 * first17 is NULL or any of those 17 is not an ASCII digit. */
char id_number_check_char(const char *first17);

/* Writes a masked copy of s into out for display: the first 6 and the last
 * 4 characters kept and every other character '*', so the GB 11643 example
 * 110105 19491231 002X (spaces added here)
 * gives 110105********002X. Strings shorter than 15 characters are masked
 * entirely, since keeping 10 of them would show nearly everything. The
 * output has the same length as s. Returns 0, or -1 if s or out is NULL or
 * outlen is less than strlen(s) + 1 (out is then "" when outlen > 0). */
int id_number_mask(const char *s, char *out, size_t outlen);

#endif
