/*
 * Who a policy means: "散居特困对象、低收入家庭中失能半失能失智…老人"
 * is a list of alternatives, each a set of person categories held at once
 * (特困分散供养; 低收入 and 失能; …), with an age floor. Pure: the caller
 * passes the categories a person holds on the day as a mask.
 */
#ifndef LX_CORE_CATEGORY_RULE_H
#define LX_CORE_CATEGORY_RULE_H

#include <stddef.h>

enum { CATEGORY_RULE_SETS_MAX = 24 };

struct category_rule {
	size_t nsets;                          /* 0: anyone (of the age) */
	unsigned sets[CATEGORY_RULE_SETS_MAX]; /* masks of person categories */
	int min_age;                           /* 0 for none */
};

/* The index of the first set the person meets (every category in it),
 * or -1 when none does or the age is under the floor. A rule with no
 * sets matches everyone of the age (index 0). age < 0: unknown, fails a
 * floor. */
int category_rule_match(const struct category_rule *r, unsigned held, int age);

#endif
