/*
 * Who a run of a scheme can skip without asking its rules: a prefilter
 * the store applies in SQL (an index on birth date) so that a month's run
 * over a city reads only the people old enough to be paid. Only a
 * prefilter: the rules still decide every person read. Pure: no I/O.
 */
#ifndef LX_CORE_SUBSIDY_PREFILTER_H
#define LX_CORE_SUBSIDY_PREFILTER_H

#include "core/subsidy.h"

/* The birth day before which a person must be born for the scheme to be
 * able to pay them in a period ending on period_end (YYYY-MM-DD), into
 * out: "YYYY-MM-DD", or "" when any age may be paid. Everyone the scheme
 * pays in the period is born before it, under every age rule. */
void subsidy_youngest_birth(const struct subsidy_scheme *s,
                            const char *period_end, char out[11]);

#endif
