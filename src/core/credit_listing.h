/*
 * A red or black list entry's life (失信联合惩戒对象名单管理): proposed →
 * noticed (告知, the subject may state its case and object) → heard
 * (陈述申辩 recorded; optional) → listed (列入, no earlier than the notice
 * day plus the policy's notice days) → published (公开) → removed on
 * application (移出, no earlier than the listing day plus the policy's
 * years); withdrawn (撤销) at any point before listing. Pure: the caller
 * stores the result and guards the step in SQL so it is taken once.
 */
#ifndef LX_CORE_CREDIT_LISTING_H
#define LX_CORE_CREDIT_LISTING_H

#include "core/error.h"

enum credit_status {
	CL_PROPOSED,
	CL_NOTICED,
	CL_HEARD,
	CL_LISTED,
	CL_PUBLISHED,
	CL_REMOVED,
	CL_WITHDRAWN,
	CL__MAX
};

enum credit_step {
	CS_NOTICE,
	CS_HEARING,
	CS_LIST,
	CS_PUBLISH,
	CS_REMOVE,
	CS_WITHDRAW,
	CS__MAX
};

/* "proposed" …; NULL out of range */
const char *credit_status_name(enum credit_status s);
/* "拟列入" …; "" out of range */
const char *credit_status_zh(enum credit_status s);
/* enum or -1 */
int credit_status_parse(const char *s);
const char *credit_step_name(enum credit_step s);
const char *credit_step_zh(enum credit_step s);
int credit_step_parse(const char *s);

/* What a listing's rules need to know; dates "YYYY-MM-DD" or "" */
struct credit_listing_state {
	enum credit_status status;
	char noticed_on[11];
	char listed_on[11];
};

struct credit_listing_rule {
	int notice_days; /* calendar days from notice to the earliest listing */
	int removal_years; /* years on the list before removal may be sought */
};

/* Whether step may be taken on day from st. On success fills *next with
 * the new status and returns 0. Otherwise returns -1 with err:
 * LX_ECONFLICT when the step does not follow from the status (a repeat, a
 * step after removal), LX_EINVALID field "on" when the day is too early,
 * may_on then holding the first day it may ("" when no day will do). */
int credit_listing_step(const struct credit_listing_state *st,
                        enum credit_step step, const char *day,
                        const struct credit_listing_rule *rule,
                        enum credit_status *next, char may_on[11],
                        struct lx_error *err);

/* The first day a listing made on listed_on may be removed: the same
 * month and day removal_years later (29 February → 1 March when the year
 * has none). "" when listed_on is not a date. */
void credit_removal_day(const char *listed_on, int years, char out[11]);

/* day plus n calendar days, or "" when day is not a date */
void credit_day_plus(const char *day, int n, char out[11]);

/* day plus n months, the day of month clamped to the month's last day */
void credit_day_plus_months(const char *day, int n, char out[11]);

#endif
