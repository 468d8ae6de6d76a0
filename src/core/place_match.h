/*
 * Ranking the facilities that could take a need (matching, 找床位 / 找托位).
 * The rule is stated so anyone can reproduce an order by hand:
 *
 *   1. with a budget: a price known and within it first, then a price not
 *      known, then over the budget (no budget: this step does nothing);
 *   2. nearer first (straight-line distance in whole metres); a facility
 *      without coordinates after every one with them;
 *   3. cheaper first (a month's price in fen); no price after a price;
 *   4. the lower registry id first, so ties never depend on input order.
 *
 * Candidates with no room are dropped, whatever else they offer. Pure: the
 * app layer gathers vacancy, distance and price.
 */
#ifndef LX_CORE_PLACE_MATCH_H
#define LX_CORE_PLACE_MATCH_H

#include <stddef.h>
#include <stdint.h>

struct place_candidate {
	long long facility_id;
	long long vacant; /* places of the kind the need asks for */
	int has_distance;
	long long distance_m; /* whole metres, rounded half up */
	int has_price;
	int64_t price_fen; /* a month */
	void *data;        /* the caller's; carried along, never read */
};

struct place_match_rule {
	int has_budget;
	int64_t budget_fen;
};

/* Why a candidate stands below the one ranked just above it: the first
 * step of the rule that separates them. */
enum place_match_reason {
	PMR_FIRST,  /* ranked first */
	PMR_BUDGET, /* the one above is within budget, this is not */
	PMR_PRICE_UNKNOWN_BUDGET, /* above: within budget; this: no price */
	PMR_NO_DISTANCE,          /* this one has no coordinates */
	PMR_FARTHER,              /* farther */
	PMR_NO_PRICE,             /* same distance; this one has no price */
	PMR_PRICIER,              /* same distance, dearer */
	PMR_ID, /* same on every step: the registry id decides */
	PMR__MAX
};

/* The budget band of c: 0 within, 1 price unknown, 2 over; 0 for all
 * without a budget. */
int place_match_budget_band(const struct place_candidate *c,
                            const struct place_match_rule *r);

/* <0 when a ranks before b, >0 after, 0 only for the same facility id. */
int place_match_cmp(const struct place_candidate *a,
                    const struct place_candidate *b,
                    const struct place_match_rule *r);

/* Sorts all n candidates in place by the rule, room or not (a public list
 * shows full facilities too, after those with room). */
void place_match_sort(struct place_candidate *c, size_t n,
                      const struct place_match_rule *r, int room_first);

/* Drops the candidates without room and sorts the rest in place by the
 * rule; returns how many are kept (they are c[0..kept)). */
size_t place_match_rank(struct place_candidate *c, size_t n,
                        const struct place_match_rule *r);

/* The reason cur stands below prev (PMR_FIRST when prev is NULL). */
enum place_match_reason
place_match_reason_of(const struct place_candidate *prev,
                      const struct place_candidate *cur,
                      const struct place_match_rule *r);

/* "budget", "farther", … and a Chinese phrase ("超出预算", "距离更远"). */
const char *place_match_reason_code(enum place_match_reason m);
const char *place_match_reason_zh(enum place_match_reason m);

#endif
