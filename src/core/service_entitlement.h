/*
 * Government-purchased service entitlements (政府购买服务), the rules that
 * need no database: which person categories are in force on a day, the
 * year an entitlement belongs to, a draw against a balance, the use rate.
 * Money in fen. Pure.
 */
#ifndef LX_CORE_SERVICE_ENTITLEMENT_H
#define LX_CORE_SERVICE_ENTITLEMENT_H

#include "core/category_rule.h"
#include "core/exact.h"

#include <stddef.h>

/* A category a person holds from start to end, both days included; end
 * NULL or "" while in force. category is a name of person.h's list. */
struct service_held {
	const char *category;
	const char *start, *end;
};

/* 高龄: 80 years and over (民政 usage, as in the subsidies), held by age on
 * the day whether or not the registry keeps the category. */
enum { SERVICE_ADVANCED_AGE = 80 };

/* The mask (bit = enum person_category_code) of the categories in force
 * on day, with advanced_age added at SERVICE_ADVANCED_AGE. Unknown names
 * are ignored. */
unsigned service_held_mask(const struct service_held *c, size_t n,
                           const char *day, int age);

/* Whether a person with those categories and age qualifies under who. */
int service_qualifies(const struct category_rule *who, unsigned held, int age);

/* The calendar year of a YYYY-MM-DD day, or -1. An entitlement belongs to
 * one calendar year: a new year is a new entitlement. */
int service_year_of(const char *day);

/* What is left after used of granted, never below 0. */
long long service_balance(long long granted, long long used);

/* The used amount after drawing fen, or -1 when fen is not positive or
 * the balance is short (the rule the store's conditional UPDATE holds). */
long long service_draw(long long granted, long long used, long long fen);

/* used ÷ granted as a percentage with two decimals, rounded half up
 * (四舍五入) from the exact fraction: "37.50". "" when granted is 0. */
char *service_use_rate(long long used, long long granted,
                       char out[EXACT_TEXT_MAX]);

#endif
