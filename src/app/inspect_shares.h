/*
 * A supervision share as JSON: {numerator, denominator, percent, rounding}
 * with the percentage as exact text rounded half up to two places (null
 * when nothing is counted), so a reader sees the counts behind it.
 */
#ifndef LX_APP_INSPECT_SHARES_H
#define LX_APP_INSPECT_SHARES_H

#include <jansson.h>

json_t *inspect_share_json(long long num, long long den);

#endif
