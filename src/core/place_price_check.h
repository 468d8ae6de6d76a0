/*
 * The checks on a price in force (finding a place): a childcare class
 * price above its class type's monthly cap, and a price whose review is
 * due. The numbers come from the region's "childcare" policy section
 * (docs/policy.md); these are the rules alone. Pure.
 *
 * Cap: a class price (kind class, code a class type) over the cap of its
 * class type is over_cap; a price exactly at the cap is not. Caps bind
 * affordable (普惠) prices only unless the policy says they bind all
 * (景德镇 004 line 284 caps the fees of 普惠 classes). The cap is a month's
 * fee per child whatever the mode (全日托 or 半日托): the plan sets one
 * figure per class type.
 *
 * Review: an affordable price is reviewed every review_years years (004
 * line 284: 每三年…调整收费标准). It is due on the anniversary of its
 * effective date review_years on (a price from 2023-03-01 reviewed every 3
 * years is due on 2026-03-01; from 29 February, on 28 February of the due
 * year when that year has no 29th), and flagged review_due on that day
 * and after while no newer entry replaces it.
 */
#ifndef LX_CORE_PLACE_PRICE_CHECK_H
#define LX_CORE_PLACE_PRICE_CHECK_H

#include "core/place_price.h"

#include <stdint.h>

struct place_price_rules {
	int has_cap;     /* a cap is set for the price's class type */
	int64_t cap_fen; /* a month, per child */
	int caps_bind_all;
	long long review_years; /* 0: no review period */
};

struct place_price_flags {
	int over_cap;
	int64_t cap_fen, excess_fen; /* when over_cap */
	int review_due;
	char review_due_on[11]; /* "" when there is no review period */
};

/* The day a price from effective (YYYY-MM-DD) is due for review after
 * years years, into out; -1 on a bad date or years <= 0. */
int place_price_review_date(const char *effective, long long years,
                            char out[11]);

/* Checks p in force on as_of (YYYY-MM-DD) against r. */
void place_price_check(const struct place_price *p,
                       const struct place_price_rules *r, const char *as_of,
                       struct place_price_flags *out);

#endif
