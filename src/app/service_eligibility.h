/*
 * Who an entitlement scheme or a voucher kind means, for one person on
 * one day: the categories in force and the age, matched against the
 * policy's rule, with the reason written out for the record. Shared by
 * the entitlement grants and the voucher batches.
 */
#ifndef LX_APP_SERVICE_ELIGIBILITY_H
#define LX_APP_SERVICE_ELIGIBILITY_H

#include "app/ctx.h"
#include "core/category_rule.h"
#include "store/person_store.h"

struct policy_view;

/* The person's categories in force on day (a mask) and age; *age -1
 * when the birth date is unreadable. */
void service_person_on(struct arena *a, const struct person *p, const char *day,
                       unsigned *held, int *age);

/* Whether an elderly person alive on day qualifies under who; *basis
 * (arena) says why: the categories of the set met and the age,
 * "低收入、失能；72岁". */
int service_person_qualifies(struct arena *a, const struct person *p,
                             const char *day, const struct category_rule *who,
                             const char **basis);

/* Policy views looked up once per region during one run. */
struct service_view_cache {
	size_t n, cap;
	char (*region)[13];
	struct policy_view *views;
	int *ok;
};

/* The view for region, or NULL (no policy: err cleared, nothing
 * applies). Borrowed from the cache, arena-owned. */
const struct policy_view *service_view_of(struct app_ctx *ctx,
                                          struct service_view_cache *c,
                                          const char *region);

/* Whether the caller may read the person's entitlements and vouchers: an
 * official or a read-only account within its region, a family account
 * linked to the person (service_link). */
int service_may_read_person(struct app_ctx *ctx, const struct person *p);

/* fen as yuan text for messages: 12.5 yuan is "12.50", 300 is "300". */
char *service_yuan(int64_t fen, char out[32]);

#endif
