/*
 * One-off schemes (frequency "once") pay each unit once, ever: a slot, a
 * bed, a nursing bed, a trainee. The engine counts what the subject has
 * on the reference day; the ledger knows what each period paid. Periods
 * are ordered as their names sort ("2024" < "2025" < "2025-03").
 *
 * What is due for a period is the rate times its units: the count less the
 * units paid in earlier periods (巴中: 80 slots, 50 paid in 2024, so 30 in
 * 2025), never below zero, and never so many that the total paid over all
 * periods would exceed both the count and what is paid now. The second
 * bound keeps a unit paid in a later period from being paid again when an
 * earlier period is run after it (2025 paid 80, then 2024 with 50 is due
 * nothing). So, for every sequence of runs: the total paid never exceeds
 * the largest count seen, it is at least the count of the latest run, a
 * re-run of any period with the same count changes nothing, and with
 * counts that only grow each unit is paid exactly once. Pure: no I/O.
 */
#ifndef LX_CORE_SUBSIDY_ONCE_H
#define LX_CORE_SUBSIDY_ONCE_H

#include "core/arena.h"
#include "core/subsidy.h"

#include <stddef.h>
#include <stdint.h>

/* The units of one kind a period's lines paid so far (here), and those
 * earlier and later periods paid. */
struct subsidy_once_paid {
	const char *unit;
	int64_t earlier, here, later;
};

/* Units due for the period: max(0, min(count − earlier, max(count −
 * earlier − later, here))). */
int64_t subsidy_once_units_due(int64_t count,
                               const struct subsidy_once_paid *p);

/* *out is subj with every unit count replaced by the units due; a unit not
 * in paid was never paid. The arrays are arena-owned. */
void subsidy_once_subject(struct arena *a, const struct subsidy_subject *subj,
                          const struct subsidy_once_paid *paid, size_t n_paid,
                          struct subsidy_subject *out);

/* The clause a line's reason starts with when units were paid before:
 * for every unit of version v paid in earlier periods, "新增普惠托位30个，
 * 每个5000元；此前已补助50个" (the rate only when it is a fixed amount).
 * NULL when no unit of v was paid earlier. due is the subject of
 * subsidy_once_subject. */
const char *subsidy_once_note(struct arena *a, const struct subsidy_version *v,
                              const struct subsidy_subject *due,
                              const struct subsidy_once_paid *paid,
                              size_t n_paid);

#endif
