/*
 * Complaints (投诉) as a life cycle: received → assigned → answered →
 * called_back → closed, and reopened (back to assigned, with a new
 * deadline) when the complainant is not satisfied at the call-back and
 * asks within the policy's window. The rules are pure: which step follows
 * which status, who may take it, whether a complaint is overdue on a day,
 * and whether it may be reopened. Deadlines in working days are
 * core/complaint_calendar.h; storage is store/complaint_store.c.
 */
#ifndef LX_CORE_COMPLAINT_H
#define LX_CORE_COMPLAINT_H

#include "core/error.h"
#include "core/role.h"

enum complaint_status {
	COMPLAINT_RECEIVED,
	COMPLAINT_ASSIGNED,
	COMPLAINT_ANSWERED,
	COMPLAINT_CALLED_BACK,
	COMPLAINT_CLOSED,
	COMPLAINT_STATUS__MAX
};

enum complaint_step {
	COMPLAINT_ASSIGN,
	COMPLAINT_ANSWER,
	COMPLAINT_CALLBACK,
	COMPLAINT_CLOSE,
	COMPLAINT_REOPEN,
	COMPLAINT_STEP__MAX
};

/* Names as stored and in the API ("called_back", "callback"); static
 * storage. The parsers return the value or -1. */
const char *complaint_status_name(enum complaint_status s);
const char *complaint_status_label(enum complaint_status s); /* 中文 */
int complaint_status_parse(const char *s);
const char *complaint_step_name(enum complaint_step s);
const char *complaint_step_label(enum complaint_step s); /* 中文 */
int complaint_step_parse(const char *s);

/* The status step leads to from status from, or -1 when it does not
 * follow: assign from received (or to re-assign an assigned one),
 * answer from assigned, callback from answered, close from called_back,
 * reopen from called_back or closed. */
int complaint_next(enum complaint_status from, enum complaint_step step);

/* What the rules need of one complaint. */
struct complaint_facts {
	const char *region;
	long long facility_id; /* 0 when about no facility */
	long long filed_by;    /* the account that filed it; 0 none */
	int filed_by_family;   /* filed online by a family account */
};

/* Who sees it: an administrator; an official, township officer,
 * read-only account or inspector whose region holds it; an operator when
 * it is about one of its facilities; a family account when it filed
 * it. */
int complaint_may_see(const struct principal *p,
                      const struct complaint_facts *f);

/* Who may file one in region: an official or township officer in scope
 * (any channel), a family account (online, its own). */
int complaint_may_file(const struct principal *p, const char *region);

/* Whether the principal sees the complainant's phone unmasked: the
 * officials who handle complaints in scope (not read-only, inspectors or
 * operators), and the family that filed it (its own number). */
int complaint_may_see_phone(const struct principal *p,
                            const struct complaint_facts *f);

/* Whether the principal may take step: LX_OK; LX_ENOTFOUND when it may
 * not see the complaint (its existence is not told); LX_EFORBIDDEN when
 * it sees it but the step is another's. Officials and township officers
 * in scope take every step; the family that filed a complaint gives its
 * own call-back rating and reopens it. */
enum lx_code complaint_may_take(const struct principal *p,
                                const struct complaint_facts *f,
                                enum complaint_step step);

/* Overdue on day today: not answered yet and today is after the deadline
 * day (days since 1970-01-01; deadline < 0: none set, never overdue). */
int complaint_overdue(enum complaint_status s, long deadline, long today);

/* Answered on time: answered on or before the deadline. */
int complaint_on_time(long answered, long deadline);

/* Whether a satisfaction level (1..5) counts as satisfied: it is one of
 * the n levels in satisfied. */
int complaint_is_satisfied(int level, const int *satisfied, size_t n);

/* May a called-back complaint be reopened on day today: the rating was
 * not satisfied and today is at most window days after the call-back
 * day. */
int complaint_may_reopen(int level, const int *satisfied, size_t n,
                         long called_back, long today, int window);

#endif
