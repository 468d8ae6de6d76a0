/*
 * Calendar dates without time zones: a struct of year, month, day, and the
 * same date as a count of days since 1970-01-01 (negative before it), which
 * makes differences and ordering plain arithmetic. Proleptic Gregorian
 * calendar throughout. Pure functions over values.
 */
#ifndef LX_CORE_DATE_H
#define LX_CORE_DATE_H

#include "core/error.h"

struct lx_date {
	int y, m, d;
};

/* Years accepted by date_parse(); wide enough for birth dates of the oldest
 * residents and for plans decades ahead. */
enum { DATE_YEAR_MIN = 1900, DATE_YEAR_MAX = 2200 };

/* Parses exactly "YYYY-MM-DD": ten ASCII characters, zero-padded, nothing
 * before or after. The date must exist (2025-02-30 does not) and the year
 * lie in DATE_YEAR_MIN..DATE_YEAR_MAX. Returns 0 and fills out, or -1
 * (out untouched) on any other input, including NULL. */
int date_parse(const char *s, struct lx_date *out);

/* As date_parse(), but on failure fills err with LX_EINVALID, the given
 * field, and a message quoting (an excerpt of) the value and saying whether
 * the form, the year range or the day is wrong. Returns 0 or -1. */
int date_parse_field(const char *s, struct lx_date *out, struct lx_error *err,
                     const char *field);

/* Days since 1970-01-01 of a date (which should be valid; no check is made,
 * out-of-range months and days are not normalised). */
long date_to_days(struct lx_date d);

/* The date that is the given number of days after 1970-01-01. Exact for any
 * value whose year fits an int. */
struct lx_date date_from_days(long days);

/* Writes "YYYY-MM-DD" and a NUL into out. Years outside 0..9999 are clamped
 * so the output always fits. */
void date_format(struct lx_date d, char out[11]);

/* Negative, zero or positive as a is before, equal to or after b. */
int date_cmp(struct lx_date a, struct lx_date b);

/* 1 if y is a Gregorian leap year, else 0. */
int date_is_leap(int y);

/* Days in month m (1..12) of year y; 0 if m is out of range. */
int date_days_in_month(int y, int m);

/* Age in full years on date `on` of someone born on `birth`: the count goes
 * up on the birthday itself. Someone born on 29 February gains a year on
 * 1 March in common years. Returns -1 if `on` is before `birth`. */
int date_age_on(struct lx_date birth, struct lx_date on);

#endif
