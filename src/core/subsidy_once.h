/*
 * One-off schemes (frequency "once") pay each unit once, ever: a slot, a
 * bed, a nursing bed, a trainee. The engine counts what the subject has
 * on the reference day; the ledger knows what earlier periods paid. What
 * is due for a period is the rate times the units not yet paid in any
 * other period: the current count less those, never below zero. A unit
 * lost and regained is not paid again (the count would have to exceed
 * every count paid before). Pure: no I/O.
 */
#ifndef LX_CORE_SUBSIDY_ONCE_H
#define LX_CORE_SUBSIDY_ONCE_H

#include "core/arena.h"
#include "core/subsidy.h"

#include <stddef.h>
#include <stdint.h>

/* Units still due for a count and the units paid in other periods. */
int64_t subsidy_once_units_due(int64_t count, int64_t paid_elsewhere);

/* *out is subj with every unit count replaced by the units still due,
 * paid giving (unit, units paid in other periods); a unit not in paid was
 * never paid. The arrays are arena-owned. */
void subsidy_once_subject(struct arena *a, const struct subsidy_subject *subj,
                          const struct subsidy_unit_count *paid, size_t n_paid,
                          struct subsidy_subject *out);

/* The clause a line's reason starts with when units were paid before:
 * for every unit of version v paid before, "新增普惠托位30个，每个5000元；
 * 此前已补助50个" (the rate only when it is a fixed amount). NULL when no
 * unit of v was paid in another period. due is the subject of
 * subsidy_once_subject. */
const char *subsidy_once_note(struct arena *a, const struct subsidy_version *v,
                              const struct subsidy_subject *due,
                              const struct subsidy_unit_count *paid,
                              size_t n_paid);

#endif
