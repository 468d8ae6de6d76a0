/*
 * The random draw of an inspection plan (双随机、一公开): which facilities
 * are checked for which items, on which day, by which inspectors. Anyone
 * holding the published inputs and the seed can re-draw and get the same
 * list, so everything here is integer arithmetic over a PRNG whose every
 * step is written down (docs/api.md "Inspectors, plans and the random
 * draw"); there is no floating point that could differ between machines.
 *
 * Algorithm "lx-inspect-draw/1":
 *  - PRNG: xoshiro256** whose four 64-bit words are the SHA-256 of the
 *    seed text read as four little-endian words (all zero → word 0 = 1).
 *  - below(n): draw x until x >= (2^64 - n) mod n, answer x mod n (no
 *    modulo bias).
 *  - For each item in policy order: the eligible targets are those whose
 *    kind the item applies to, in roster order (n of them); the sample
 *    size is k = ceil(rate% × n / 100) (rounded up: (rate×n + 99) / 100).
 *    For the floor item, every eligible target still needing its yearly
 *    check is taken first (they count towards k; if they are more than
 *    k, all of them are taken). The rest of k is drawn by successive
 *    weighted picks without replacement: r = below(sum of weights left),
 *    the target whose cumulative weight range (roster order) holds r.
 *  - A check for every target with at least one item, in roster order.
 *    For each: its day = working_days[below(count)] over the window
 *    (Monday–Friday minus listed holidays); then its inspectors: the
 *    pool P = inspectors not tied to the facility whose department owns
 *    one of the check's items, R = the other untied ones (roster order);
 *    picks P[below(|P|)] without replacement until the check has enough
 *    or P is empty, then the same from R.
 */
#ifndef LX_CORE_INSPECT_DRAW_H
#define LX_CORE_INSPECT_DRAW_H

#include "core/arena.h"
#include "core/error.h"

#include <stddef.h>
#include <stdint.h>

#define INSPECT_DRAW_ALGORITHM "lx-inspect-draw/1"

/* Items in one plan: a check's items are a bit set. */
enum { INSPECT_ITEMS_MAX = 64, INSPECT_KINDS_MAX = 32 };

struct inspect_target {
	long long id;
	int kind;        /* 0..INSPECT_KINDS_MAX-1 */
	unsigned weight; /* credit-risk weight, >= 1 */
	int needs_floor; /* no on-site check yet this year */
};

struct inspect_person {
	long long id;
	int dept;              /* index into the plan's department list */
	const long long *ties; /* facility ids it may not check */
	size_t nties;
};

struct inspect_item {
	int dept;       /* owning department */
	uint32_t kinds; /* bit k: applies to target kind k */
	unsigned rate;  /* percent a year, 0..100 */
	int floor;      /* the item every floor-needing target gets */
};

struct inspect_draw_in {
	unsigned char key[32]; /* SHA-256 of the seed text */
	const struct inspect_target *targets;
	size_t ntargets;
	const struct inspect_person *inspectors;
	size_t ninspectors;
	const struct inspect_item *items;
	size_t nitems;
	unsigned per_check;       /* inspectors per check, >= 1 */
	long first_day, last_day; /* window, days since 1970-01-01 */
	const long *holidays;     /* days not worked besides weekends */
	size_t nholidays;
};

struct inspect_drawn {
	size_t target;  /* index into targets */
	uint64_t items; /* bit i: items[i] */
	long day;
	size_t *inspectors; /* per_check indexes into inspectors */
};

struct inspect_draw_out {
	size_t nchecks;
	struct inspect_drawn *checks;
	size_t failed_target; /* on failure for want of inspectors */
};

struct inspect_rng {
	uint64_t s[4];
};

void inspect_rng_init(struct inspect_rng *r, const unsigned char key[32]);
uint64_t inspect_rng_next(struct inspect_rng *r);
/* Uniform in 0..n-1 (n >= 1), no bias. */
uint64_t inspect_rng_below(struct inspect_rng *r, uint64_t n);

/* The sample size of an item: ceil(rate × n / 100). */
size_t inspect_sample_size(unsigned rate, size_t n);

/* 1 if the day is Monday–Friday and not in holidays. */
int inspect_is_working_day(long day, const long *holidays, size_t n);

/* The day `count` working days before day (weekends and holidays
 * skipped). */
long inspect_notice_day(long day, unsigned count, const long *holidays,
                        size_t n);

/* Draws. Returns 0, or -1 with err: LX_EINVALID "inspectors" naming the
 * facility when a check cannot get per_check untied inspectors
 * (out->failed_target set), LX_EINVALID "period" when the window has no
 * working day. Output is arena-owned. */
int inspect_draw(struct arena *a, const struct inspect_draw_in *in,
                 struct inspect_draw_out *out, struct lx_error *err);

#endif
