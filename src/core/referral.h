/*
 * Referrals (转介) of a need found on a visit to a department, a facility
 * or a service, closed in a loop (001:249 闭环运行): assigned → accepted →
 * handled → fed back → closed, each step by its owner. The rules are pure:
 * which step follows which, who may take it, the deadline a severity
 * gives and how far an overdue referral has been escalated at a moment.
 * Storage is store/referral_store.c; the policy section that gives the
 * needs, severities and escalation is read by app/referral_policy.c.
 */
#ifndef LX_CORE_REFERRAL_H
#define LX_CORE_REFERRAL_H

#include "core/error.h"
#include "core/role.h"

#include <stddef.h>

enum referral_status {
	REFERRAL_ASSIGNED,
	REFERRAL_ACCEPTED,
	REFERRAL_HANDLED,
	REFERRAL_FED_BACK,
	REFERRAL_CLOSED,
	REFERRAL_STATUS__MAX
};

enum referral_step {
	REFERRAL_ACCEPT,
	REFERRAL_HANDLE,
	REFERRAL_FEEDBACK,
	REFERRAL_CLOSE,
	REFERRAL_REOPEN,
	REFERRAL_STEP__MAX
};

enum referral_to {
	REFERRAL_TO_DEPARTMENT,
	REFERRAL_TO_FACILITY,
	REFERRAL_TO_SERVICE,
	REFERRAL_TO__MAX
};

/* Names as stored and in the API ("assigned", "fed_back", ...); static
 * storage. The parsers return the enum value or -1. */
const char *referral_status_name(enum referral_status s);
int referral_status_parse(const char *s);
const char *referral_step_name(enum referral_step s); /* "accept", ... */
int referral_step_parse(const char *s);
/* The word the step is recorded by in the referral's history
 * ("accepted", "reopened"). */
const char *referral_step_record(enum referral_step s);
const char *referral_to_name(enum referral_to t);
int referral_to_parse(const char *s);

/* The status step leads to from status from, or -1 when the step does
 * not follow from it: a referral is closed only once fed back, and only
 * a closed one is reopened (back to assigned, with a new deadline). */
int referral_next(enum referral_status from, enum referral_step step);

/* The policy section (docs/policy.md "Referrals"); arena-owned. */
struct referral_need {
	const char *code, *label;
	enum referral_to to_kind;
	const char *to; /* the receiver's name; NULL for a facility, named
	                   when the referral is raised */
};

struct referral_severity {
	const char *code, *label;
	int hours; /* from raising (or reopening) to the deadline */
};

struct referral_escalation {
	const char *level; /* "township", "county", "city" */
	int after_hours;   /* past the deadline */
};

enum { REFERRAL_HOURS_MAX = 24 * 366 };

struct referral_policy {
	const char *source;
	size_t nneeds, nseverities, nescalate;
	const struct referral_need *needs;
	const struct referral_severity *severities;
	/* in the order reached: after_hours strictly increasing */
	const struct referral_escalation *escalate;
};

/* The entry with this code, or NULL. */
const struct referral_need *
referral_policy_need(const struct referral_policy *p, const char *code);
const struct referral_severity *
referral_policy_severity(const struct referral_policy *p, const char *code);

/* Whether the section holds together: at least one need and severity,
 * codes unique, hours in 1..REFERRAL_HOURS_MAX, escalation levels known
 * and after_hours from 0 strictly increasing. 0, or -1 with err naming
 * the key path ("severities[1].hours"). */
int referral_policy_check(const struct referral_policy *p,
                          struct lx_error *err);

/* What the rules need to know of one referral. */
struct referral_facts {
	const char *region; /* the person's village or community */
	enum referral_to to_kind;
	long long to_facility; /* 0 when none */
	long long created_by;  /* the account that raised it, 0 none */
	enum referral_status status;
};

/* Whether the principal may see the referral: an administrator; an
 * official, township officer or read-only account in whose region it
 * is; a department official for referrals to a department there; an
 * operator for those to its own facility; a visitor for those it
 * raised. */
int referral_may_see(const struct principal *p, const struct referral_facts *f);

/* May the principal raise a referral for a person living in region:
 * a visitor in its areas, a township officer or an official in scope. */
int referral_may_raise(const struct principal *p, const char *region);

/* Whether the principal may take step: LX_OK; LX_ENOTFOUND when it may
 * not even see the referral (so its existence is not told);
 * LX_EFORBIDDEN when it sees it but the step is another's. Accept,
 * handle and feed back belong to the receiving side (a department
 * official for a department, the operator of the facility) or to a
 * township officer or official in scope acting for it; close and reopen
 * to a township officer or an official above, in scope. Whether the
 * step follows from the status is referral_next's to say. */
enum lx_code referral_may_take(const struct principal *p,
                               const struct referral_facts *f,
                               enum referral_step step);

/* Moments are seconds since 1970-01-01T00:00:00Z. Parses
 * "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MMZ" (UTC, as the server's
 * clock reads); 0 or -1. */
int referral_time_parse(const char *s, long long *out);
/* Writes "YYYY-MM-DDTHH:MM:SSZ". */
void referral_time_format(long long t, char out[21]);

/* Overdue at moment at: not yet fed back and past its deadline. */
int referral_overdue_at(enum referral_status s, long long due, long long at);

/* How far an overdue referral has been escalated at moment at: the
 * index of the last policy level whose after_hours past the deadline
 * have passed, or -1 when not overdue (or no level is reached yet). */
int referral_escalation_at(const struct referral_policy *p,
                           enum referral_status s, long long due, long long at);

#endif
