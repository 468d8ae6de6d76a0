/*
 * What a spreadsheet cell's stored value reads as to the person who typed
 * it: an XLSX file keeps numbers as IEEE doubles printed in up to 17
 * digits ("0.30000000000000004", "1.2345678901234E+17") and dates as day
 * counts from 1900; the sheet shows them at 15 significant digits and as
 * dates. Pure text work, no binary floating point (core/ has no I/O).
 */
#ifndef LX_CORE_XLSX_CELL_H
#define LX_CORE_XLSX_CELL_H

#include <stddef.h>

/* The number text v (as in <v>, e.g. "12", "-3.5", "1.5E-3") as plain
 * decimal text rounded half up to 15 significant digits, without exponent
 * or trailing zeros: "12", "0.3", "0.0015". Returns 0, or -1 when v is
 * not a number or the text would not fit in outlen. */
int xlsx_number_text(const char *v, char *out, size_t outlen);

/* The date of day serial v (a number text; the fraction, a time of day,
 * is dropped) as YYYY-MM-DD. date1904 for workbooks of the 1904 system.
 * The 1900 system counts the 29 February 1900 that never was (serial 60,
 * kept by Excel for Lotus 1-2-3): serials after it are one day less.
 * Returns 0, or -1 for a negative, non-numeric or out-of-range serial
 * (years 1900..9999). */
int xlsx_serial_date(const char *v, int date1904, char out[11]);

/* Whether a cell style's number format shows a date: the built-in ids
 * 14..22 and 45..47 (and 27..36, 50..58 of the East Asian locales), or
 * a custom format code with y, d (or m with neither h nor s) outside
 * quotes, brackets and escapes. code may be NULL for built-in ids. */
int xlsx_format_is_date(int id, const char *code);

#endif
