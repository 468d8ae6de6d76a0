/*
 * Exclusive groups (就高, 不重复享受) across schemes and runs. A run pays
 * one scheme X of a group; the others may have been paid for the same
 * period by earlier runs. Each scheme Y of the group is evaluated for the
 * subject (own_Y, what the rules give now) and its lines summed (paid_Y).
 * With E the highest own amount of the group, and P the sum over the other
 * schemes of min(paid_Y, own_Y) (what they paid and still owe, no more),
 * X is due min(own_X, max(0, E − P)).
 *
 * With fixed data, once every scheme of the group has run (any order) the
 * subject's total for the period is E, and any further run changes
 * nothing: a run never takes the total above E, and after the scheme
 * with the highest amount runs the total is E and each other scheme's
 * due equals what it paid. Pure: no I/O.
 */
#ifndef LX_CORE_SUBSIDY_GROUP_H
#define LX_CORE_SUBSIDY_GROUP_H

#include "core/arena.h"

#include <stddef.h>
#include <stdint.h>

/* Another scheme of the group: its Chinese name, its amount for the
 * subject and period (0 when not eligible), and what its lines paid. */
struct subsidy_group_member {
	const char *name_zh;
	int64_t own;
	int64_t paid;
};

/* What scheme X (own_x) is due given the others; *credited (may be NULL)
 * is P, what the others paid that counts against X. */
int64_t subsidy_group_due(int64_t own_x,
                          const struct subsidy_group_member *others, size_t n,
                          int64_t *credited);

/* "与城市特困人员基本生活费就高，已发956.22元": the schemes whose payment
 * counts against X and the amount; NULL when none does. Arena-owned. */
const char *subsidy_group_note(struct arena *a,
                               const struct subsidy_group_member *others,
                               size_t n);

#endif
