/*
 * How finding a place writes its figures for people: money as yuan with
 * thousands separators ("2,000 元", "1,850.50 元"), distance as whole
 * metres under a kilometre and kilometres with one decimal above it, both
 * rounded half up from whole metres ("850 米", "1.2 公里"). Pure.
 */
#ifndef LX_CORE_PLACE_TEXT_H
#define LX_CORE_PLACE_TEXT_H

#include <stdint.h>

/* fen as yuan: "2,000" or "1,850.50" (never "1,850.5"). out has
 * room for 40. Returns out. */
char *place_text_yuan(int64_t fen, char out[40]);

/* metres >= 0 as "850 米" or "1.2 公里" (1,250 m → 1.3: half up). out has
 * room for 40. Returns out. */
char *place_text_distance(long long metres, char out[40]);

/* Metres from a distance in metres computed in binary floating point:
 * rounded half up to a whole metre (the only place a double turns into a
 * figure). */
long long place_text_round_m(double metres);

#endif
