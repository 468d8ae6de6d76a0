/*
 * The visit targets of a region on a day (DESIGN.md module 8), computed
 * from the people registry and the policy of each person's region: alive
 * and aged 60 or more that day, living where the policy says, with a
 * target category in force; their tier, last visit, a pending major event
 * and whether they are due. Nobody keeps a list by hand. The targets
 * list, the worklists and the ledger (app/visit_lists.c) read this.
 */
#ifndef LX_APP_VISIT_TARGETS_H
#define LX_APP_VISIT_TARGETS_H

#include "app/ctx.h"
#include "core/region.h"
#include "core/visit.h"
#include "store/visit_store.h"

struct visit_target {
	long long id;
	const char *name, *address, *sex;
	char region[13]; /* where the person lived on the day */
	const char *region_name;
	int age;
	unsigned cats; /* categories in force on the day (mask) */
	const struct visit_policy *policy;
	int is_target;               /* 0 only in a set asked with all */
	int tier, overridden;        /* tier -1 when not a target */
	const char *override_reason; /* NULL when not overridden */
	char since[11];              /* the day the person became a target */
	const struct visit_last_row *last;   /* NULL: never visited */
	const struct visit_event_row *event; /* pending, else NULL */
	struct visit_due due;
	long long open_referrals;
	int has_point; /* lat, lon: the last visit's, or the village's */
	double lat, lon;
};

struct visit_target_set {
	char day[11], now[17];
	size_t n;
	struct visit_target *v; /* ordered by person id */
	size_t nregions;
	struct region *regions; /* the subtree, ordered by code */
};

/* The local time now, "YYYY-MM-DDTHH:MM" (visit times are local). */
void app_visit_local_now(char out[17]);

/* The targets in root's subtree on day (YYYY-MM-DD) that the caller may
 * see (a visitor: those in its areas), due status as of the end of that
 * day, or as of now when day is today. With all, also the elderly with
 * some category in force that are not targets under their policy (the
 * ledger's 留守 and 空巢 of a plan that does not visit them). Everything
 * is arena-owned. */
int app_visit_targets(struct app_ctx *ctx, const char *root, const char *day,
                      int all, struct visit_target_set *out);

/* The visits section that applies to a region: the nearest file's that
 * has one, or NULL (ctx->err untouched). */
const struct visit_policy *app_visit_policy_for(struct app_ctx *ctx,
                                                const char *region);

/* The region of the set by code, or NULL. */
const struct region *visit_set_region(const struct visit_target_set *s,
                                      const char *code);

#endif
