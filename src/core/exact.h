/*
 * Exact numbers: every figure an official reads (standards per 1,000,
 * shares, needs, ratios, indicator values and targets) is a rational
 * num/den of two 64-bit integers, never binary floating point, so that
 * 35% of 90 is exactly 31.5 and rounds half up to 32, and 4.5 per 1,000 of
 * 1,203,300 residents is exactly 5414.85.
 *
 * Why rationals and not a decimal library: the figures are decimals read
 * from policy files and counts from the registry, combined by + − × ÷; a
 * quotient (beds ÷ residents) is not a finite decimal, so it is kept as a
 * fraction and rounded once, where it is shown, by a stated rule. The
 * values met here (counts up to 10^12, decimals of a few places) keep
 * numerators and denominators far inside 64 bits; every operation computes
 * in 128 bits, reduces by the gcd, and fails (returns -1) rather than wrap
 * when a result does not fit. No I/O, no globals, no locale.
 */
#ifndef LX_CORE_EXACT_H
#define LX_CORE_EXACT_H

#include <stdint.h>

/* num/den in lowest terms, den >= 1; zero is 0/1. */
struct exact {
	int64_t num;
	int64_t den;
};

/* How a figure is rounded to a number of decimal places. HALF_UP is
 * 四舍五入: a tie goes away from zero (31.5 → 32, −31.5 → −32). */
enum exact_rounding {
	EXACT_HALF_UP,   /* "half_up" 四舍五入: the default everywhere */
	EXACT_UP,        /* "up" 向上取整: away from zero (staff, slots) */
	EXACT_DOWN,      /* "down" 向下取整: toward zero */
	EXACT_HALF_EVEN, /* "half_even" 银行家舍入 */
	EXACT_ROUNDING__MAX
};

/* Machine names of the rules above, in enum order, and their Chinese
 * labels ("四舍五入"). */
extern const char *const exact_rounding_names[EXACT_ROUNDING__MAX];
extern const char *const exact_rounding_zh[EXACT_ROUNDING__MAX];

/* The rule named s ("half_up", …), or -1. */
int exact_rounding_parse(const char *s);

/* n/1. */
struct exact exact_int(int64_t n);

/* num/den reduced; -1 when den is 0 or the reduced fraction does not fit
 * (INT64_MIN is never produced, so negation is always safe). */
int exact_frac(int64_t num, int64_t den, struct exact *out);

/* Parses a decimal written as text: -?[0-9]+(\.[0-9]+)? of at most 30
 * characters, the same whatever the locale; no exponent, sign '+', space,
 * "nan" or "inf". 0 and *out set, or -1 (then *out is untouched). */
int exact_parse(const char *s, struct exact *out);

/* a + b, a − b, a × b, a ÷ b into *out; -1 on overflow or division by
 * zero, *out untouched. */
int exact_add(struct exact a, struct exact b, struct exact *out);
int exact_sub(struct exact a, struct exact b, struct exact *out);
int exact_mul(struct exact a, struct exact b, struct exact *out);
int exact_div(struct exact a, struct exact b, struct exact *out);

/* -1, 0 or 1 as a <, =, > b; exact (computed in 128 bits). */
int exact_cmp(struct exact a, struct exact b);

/* 1 when a is 0; 1 when a is a whole number. */
int exact_is_zero(struct exact a);
int exact_is_integer(struct exact a);

/* a × 10^places rounded by rule to a whole number into *out (so
 * places 2 gives hundredths: 0.125 → 13 under HALF_UP); places 0..12.
 * -1 when the result does not fit in 64 bits. */
int exact_scaled(struct exact a, int places, enum exact_rounding rule,
                 int64_t *out);

/* a rounded to a whole number by rule; -1 on overflow. */
int exact_round_int(struct exact a, enum exact_rounding rule, int64_t *out);

/* a rounded to places decimals by rule, as an exact value again. */
int exact_round(struct exact a, int places, enum exact_rounding rule,
                struct exact *out);

/* Writes a rounded to exactly places decimals ("0.13", "31.50", "-3");
 * out has room for EXACT_TEXT_MAX. Returns out, or "" on overflow. */
enum { EXACT_TEXT_MAX = 48 };
char *exact_format(struct exact a, int places, enum exact_rounding rule,
                   char out[EXACT_TEXT_MAX]);

/* Writes a in full when it is a decimal of at most max_places places,
 * without trailing zeros ("5414.85", "12", "10591.7532"); otherwise
 * rounded half up to max_places and trailing zeros dropped. Sets *exact
 * (may be NULL) to 1 when nothing was rounded. Returns out. */
char *exact_format_plain(struct exact a, int max_places, int *exact,
                         char out[EXACT_TEXT_MAX]);

/* The nearest double, for charts and sorting only: never for a figure
 * that is printed or compared. */
double exact_to_double(struct exact a);

/* The decimal of at most 15 significant digits that v was read from: a
 * number that reached a double (a JSON number, a REAL column) is taken back
 * as the decimal people wrote (96.45, not 96.4500000000000028…), since
 * printing with 15 significant digits recovers any such decimal. 0 and
 * *out, or -1 for infinity, NaN or a magnitude of 10^18 and more. */
int exact_from_double(double v, struct exact *out);

/* The number of decimal places of a decimal written as text ("98.40" has
 * 2, "7367" 0); 0 for text that is not a plain decimal. */
int exact_text_places(const char *s);

#endif
