/* Decimal numbers written as text in policy files ("98.40"): parsed the
 * same way whatever the process locale, and strictly (no "nan", "inf",
 * hex, exponents or spaces), since a target must be a plain number. */
#ifndef LX_CORE_DECIMAL_H
#define LX_CORE_DECIMAL_H

/* Accepts -?[0-9]+(\.[0-9]+)? of at most 30 characters; 0 and *out set,
 * or -1. */
int decimal_parse(const char *s, double *out);

#endif
