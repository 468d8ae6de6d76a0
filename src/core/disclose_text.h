/*
 * Free text shown on the public disclosure (a facility's name, its credit
 * commitment, a listing's authority) is written by people and may carry a
 * person's mobile or ID number ("联系人 138…"). Before it is published such
 * numbers are masked the way the platform masks them elsewhere: a mobile
 * number keeps its first 3 and last 4 digits, an ID number (18 or 15
 * characters) its first 6 and last 4. Pure.
 */
#ifndef LX_CORE_DISCLOSE_TEXT_H
#define LX_CORE_DISCLOSE_TEXT_H

#include "core/arena.h"

/* A copy of s (NULL: "") with every run of digits that is a mobile
 * number (11 digits from 13 to 19) or an ID number (17 digits and a digit
 * or X, or 15 digits) masked with '*'. Arena-owned. */
char *disclose_scrub(struct arena *a, const char *s);

#endif
