/*
 * A family care bed's life (家庭养老床位): applied → assessed (a care level)
 * → set_up (home adaptation 适老化改造, devices 信息化改造, a service plan)
 * → active (from a date) → removed (a date and a reason; from any earlier
 * step too). And the month a provider logs against the policy's service
 * standard. Pure; storage is store/service_bed_store.c.
 */
#ifndef LX_CORE_SERVICE_BED_H
#define LX_CORE_SERVICE_BED_H

enum bed_status {
	BED_APPLIED,
	BED_ASSESSED,
	BED_SET_UP,
	BED_ACTIVE,
	BED_REMOVED,
	BED__MAX
};

/* "applied" … "removed"; "" for another value. */
const char *bed_status_name(enum bed_status s);
/* 已申请 … 已撤床. */
const char *bed_status_zh(enum bed_status s);
/* The status, or -1. */
int bed_status_parse(const char *s);

/* The step a bed in status from may take to reach to: only the next step,
 * or removal from any step but removed. 1 when allowed. */
int bed_may_move(enum bed_status from, enum bed_status to);

/* Whether a month (YYYY-MM) of a bed active from active_from until
 * removed_on ("" or NULL: still active) is held to the standard: the bed
 * was active on every day of it. Partial months (the first and the last)
 * are logged but not flagged. */
int bed_month_held(const char *month, const char *active_from,
                   const char *removed_on);

/* Whether a month may be logged at all: the bed was active on at least
 * one of its days. */
int bed_month_open(const char *month, const char *active_from,
                   const char *removed_on);

/* 1 when a held month's log is below the standard: fewer visits than
 * min_visits or fewer minutes than min_minutes. */
int bed_month_under(long long visits, long long minutes, long long min_visits,
                    long long min_minutes);

/* 0 when s is a month "YYYY-MM" (first day and last day in first and last,
 * 11 bytes each), else -1. */
int bed_month_bounds(const char *s, char first[11], char last[11]);

#endif
