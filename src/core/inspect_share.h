/*
 * A share read by officials (B or better, certified, trained): numerator
 * and denominator as counted, and the percentage as exact text rounded
 * half up (四舍五入) to two places. Pure.
 */
#ifndef LX_CORE_INSPECT_SHARE_H
#define LX_CORE_INSPECT_SHARE_H

#include "core/exact.h"

/* 100 × num / den to two places, half up ("66.67"); "" when den is 0. */
char *inspect_percent_text(long long num, long long den,
                           char out[EXACT_TEXT_MAX]);

#endif
