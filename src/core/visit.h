/*
 * Visits to special-difficulty elderly (DESIGN.md module 8): who is a
 * visit target, in which tier, how often each tier is visited and whether
 * a target is due, overdue or done on a day. Pure rules over values; the
 * policy section is read by app/visit_policy.c, the registry and the
 * visits by store/visit_store.c.
 */
#ifndef LX_CORE_VISIT_H
#define LX_CORE_VISIT_H

#include "core/error.h"

#include <stddef.h>

/* A calendar period a tier is visited once in: an ISO week (Monday to
 * Sunday), a calendar month or a calendar quarter. */
enum visit_every { VISIT_WEEK, VISIT_MONTH, VISIT_QUARTER, VISIT_EVERY__MAX };

/* The risk levels a visit records (000:254 留守老年人风险评估制度). */
enum visit_risk { VISIT_RISK_LOW, VISIT_RISK_MEDIUM, VISIT_RISK_HIGH };

enum visit_status { VISIT_NONE, VISIT_DUE, VISIT_OVERDUE, VISIT_DONE };

/* Bounds on a policy section: tiers and rules are few, and a fixed size
 * keeps tier indexes small integers. */
enum { VISIT_TIERS_MAX = 8, VISIT_RULES_MAX = 32, VISIT_CHOICES_MAX = 32 };

/* A code a policy lists with its label (a mode, an aspect, an event). */
struct visit_choice {
	const char *code, *label;
};

struct visit_tier_def {
	const char *code, *label, *source;
	enum visit_every every;
	int in_monthly_rate; /* counted in 月探访率 (特殊困难老年人) */
};

/* A tier rule: every category of all in force, or at least one of any.
 * Masks are over enum person_category_code (1u << code). */
struct visit_tier_rule {
	int tier;
	unsigned all, any;
};

/* The parsed "visits" section of one policy file; arena-owned, immutable
 * once read. Tier fields are indexes into tiers. */
struct visit_policy {
	const char *source, *targets_source;
	unsigned categories; /* which categories make a person a target */
	unsigned residences; /* mask over residence_names (home, ...) */
	size_t ntiers;
	struct visit_tier_def tiers[VISIT_TIERS_MAX];
	size_t nrules;
	struct visit_tier_rule rules[VISIT_RULES_MAX];
	int default_tier, risk_high_tier;
	int event_within_hours;
	size_t nevents, nmodes, naspects;
	struct visit_choice events[VISIT_CHOICES_MAX];
	struct visit_choice modes[VISIT_CHOICES_MAX];
	struct visit_choice aspects[VISIT_CHOICES_MAX];
	int visitors_per_village;
};

/* Name of a period ("week", "month", "quarter") and back; -1 unknown. */
const char *visit_every_name(enum visit_every e);
int visit_every_parse(const char *s);

/* Name of a risk level ("low", "medium", "high") and back; -1 unknown. */
const char *visit_risk_name(enum visit_risk r);
int visit_risk_parse(const char *s);

/* Name of a status ("none", "due", "overdue", "done"). */
const char *visit_status_name(enum visit_status s);

/* Index of a tier, mode, aspect or event code in p, or -1. */
int visit_tier_index(const struct visit_policy *p, const char *code);
int visit_choice_index(const struct visit_choice *c, size_t n,
                       const char *code);

/* 1 when a person with the categories cats_in_force (mask) living at
 * residence ("home", ...) is a target under p; age and being alive are the
 * caller's to check. 0 when p is NULL. */
int visit_is_target(const struct visit_policy *p, unsigned cats_in_force,
                    const char *residence);

/* The tier of a target: an override in force (a tier code, NULL for none)
 * wins; else a latest visit with risk "high" (last_risk, NULL for none)
 * gives risk_high_tier; else the first rule that matches cats; else
 * default_tier. An override naming no tier of p is ignored. */
int visit_tier_of(const struct visit_policy *p, unsigned cats,
                  const char *override_tier, const char *last_risk);

/* The period of kind every that contains day (YYYY-MM-DD): its first and
 * last days. Returns 0, or -1 on a bad day. */
int visit_period_of(enum visit_every every, const char *day, char first[11],
                    char last[11]);

/* A time "YYYY-MM-DDTHH:MM": checks it (-1 when not such a time or not a
 * real day) and adds hours to it (out the same form). */
int visit_time_check(const char *t);
int visit_time_add_hours(const char *t, long hours, char out[17]);

struct visit_due {
	enum visit_status status;
	char due_on[11];    /* the day it is (or was) due; "" for none */
	char event_due[17]; /* a pending event's deadline, else "" */
};

/* Whether a target of tier is due on the day of now ("YYYY-MM-DDTHH:MM"):
 *  - last_visit_at: the latest visit at or before now, "" for none;
 *  - since: the day the person became a target, "" when not one (none);
 *  - event_at: when the latest major event at or before now was reported,
 *    "" for none; it is pending until a visit at or after it.
 * done: visited in the current period (due_on the next period's last day);
 * due: not yet (due_on this period's last day, or a pending event's day);
 * overdue: no visit in the whole previous period though a target at its
 * end (due_on that period's last day), or a pending event past its hours.
 * Returns 0, or -1 with err on a malformed time. */
int visit_due_of(const struct visit_policy *p, int tier, const char *now,
                 const char *last_visit_at, const char *since,
                 const char *event_at, struct visit_due *out,
                 struct lx_error *err);

#endif
