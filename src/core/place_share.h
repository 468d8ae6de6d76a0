/*
 * Shares people read on the vacancy page (finding a place): occupancy,
 * vacancy and affordable shares as percentages written as exact text,
 * rounded half up (四舍五入) to two places: 740 occupied of 2,163 beds is
 * "34.21", never a binary float. Pure.
 */
#ifndef LX_CORE_PLACE_SHARE_H
#define LX_CORE_PLACE_SHARE_H

#include "core/exact.h"

/* Decimal places of every share shown. */
enum { PLACE_SHARE_PLACES = 2 };

/* part / whole × 100 rounded half up to PLACE_SHARE_PLACES into out
 * ("34.21"); returns out, or NULL when whole is 0 or a count is negative
 * (no share to show). */
char *place_share_percent(long long part, long long whole,
                          char out[EXACT_TEXT_MAX]);

#endif
