/*
 * Waiting lists (轮候) for public institutions: who is in which priority
 * tier, the order of a list, and what an offer's answer does to an
 * applicant's place. The tiers and the order keys are data from the
 * policy file ("waitlist", app/place_wait_policy.c); this file only
 * applies them. Pure: dates are YYYY-MM-DD text, times ISO text.
 */
#ifndef LX_CORE_PLACE_WAIT_H
#define LX_CORE_PLACE_WAIT_H

#include "core/category_rule.h"

#include <stddef.h>

enum { WAIT_TIERS_MAX = 12, WAIT_ORDER_MAX = 3, WAIT_DECLARED_MAX = 8 };

/* The keys that order a tier, in the policy's order. */
enum wait_key {
	WAIT_KEY_CARE_LEVEL,    /* higher care need first */
	WAIT_KEY_WAITING_SINCE, /* earlier first */
	WAIT_KEY_APPLIED_AT,    /* earlier first */
	WAIT_KEY__MAX
};

/* "care_level", "waiting_since", "applied_at"; wait_key_parse -1 when
 * unknown. */
const char *wait_key_name(enum wait_key k);
int wait_key_parse(const char *s);

struct wait_tier {
	const char *code, *name, *source; /* borrowed */
	/* a tier is reached by its category rule, or by a flag an official
	 * declares on the application (作出特殊贡献, with a note) */
	int has_rule;
	struct category_rule rule;
	const char *declared;     /* the flag's code, or NULL */
	int always_admit_willing; /* 有意愿的特困: always admitted */
};

struct wait_rules {
	size_t ntiers;
	struct wait_tier tiers[WAIT_TIERS_MAX];
	size_t norder;
	enum wait_key order[WAIT_ORDER_MAX];
	int offer_days;              /* days to answer an offer */
	int declines_before_requeue; /* the n-th decline restarts the wait */
};

/* The tier of an applicant: the first tier whose rule the person meets
 * (categories held on the day as a mask, age in years) or whose declared
 * flag is among declared[0..ndeclared). When none matches, the last tier
 * (everyone else). Returns the tier's index. */
size_t wait_tier_of(const struct wait_rules *r, unsigned held, int age,
                    const char *const *declared, size_t ndeclared);

/* One application as the order sees it. */
struct wait_entry {
	long long id;
	size_t tier;
	int care_level;         /* enum assess_level, -1 when not assessed */
	char waiting_since[11]; /* YYYY-MM-DD */
	char applied_at[21];    /* ISO time the application was made */
};

/* <0, 0, >0 as a comes before, is, or comes after b: the tier (lower
 * index first), then each order key of the policy, then the id, so two
 * different applications never tie. An unassessed applicant counts as
 * the lowest care level. */
int wait_entry_cmp(const struct wait_rules *r, const struct wait_entry *a,
                   const struct wait_entry *b);

/* Sorts e[0..n) by wait_entry_cmp (stable, in place; no allocation:
 * an insertion sort, a waiting list being hundreds long at most). */
void wait_sort(const struct wait_rules *r, struct wait_entry *e, size_t n);

/* The last day to answer an offer made on offered_on: offered_on +
 * offer_days. -1 on a bad date. */
int wait_respond_by(const struct wait_rules *r, const char *offered_on,
                    char out[11]);

/* Whether an open offer is past its deadline on today (an unanswered
 * offer counts as a decline the day after respond_by). */
int wait_offer_expired(const char *respond_by, const char *today);

/* What a decline (or an expired offer) does: declines is the count
 * before it. *declines_after is the new count; returns 1 when this is
 * the declines_before_requeue-th decline: the count restarts at 0 and
 * the applicant's waiting_since becomes the day of the decline. */
int wait_after_decline(const struct wait_rules *r, int declines,
                       int *declines_after);

#endif
