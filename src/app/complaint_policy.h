/*
 * The "complaints" section of a policy file (docs/policy.md "Complaints
 * and reviews"): the channels complaints come by, the categories and which
 * of them are serious (a serious one about a facility opens a hazard in
 * supervision), the deadline in working days and the working-day calendar
 * (the State Council's holiday notices), the call-back window after the
 * answer, the five satisfaction levels and which count as satisfied, how
 * long after a call-back a dissatisfied complainant may reopen, and who
 * may review what. The nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_COMPLAINT_POLICY_H
#define LX_APP_COMPLAINT_POLICY_H

#include "core/arena.h"
#include "core/complaint_calendar.h"
#include "core/error.h"

#include <jansson.h>
#include <stddef.h>

/* A channel, satisfaction level or category: its code and Chinese name. */
struct complaint_code {
	const char *code, *name;
	int serious; /* categories: opens a hazard */
	int level;   /* satisfaction levels: 1..5 */
};

struct complaint_policy {
	const char *source, *note;
	size_t nchannels, ncategories, nlevels, nsatisfied, nreview_targets;
	const struct complaint_code *channels, *categories, *levels;
	const int *satisfied; /* levels counting as satisfied */
	int deadline_days;    /* working days from receipt to the answer */
	const char *deadline_source;
	struct complaint_calendar calendar;
	const char *calendar_source;
	int callback_days; /* calendar days after the answer */
	const char *callback_source;
	int reopen_days; /* calendar days after the call-back */
	const char *reopen_source;
	const char *satisfaction_source;
	/* the hazard a serious complaint opens: checklist domain, severity */
	const char *hazard_domain, *hazard_severity, *hazard_source;
	const char **review_targets; /* "facility", "government" */
	const char *review_source, *appeal_source;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: complaints.<path>:
 * <what>". *out is arena-owned. */
int complaint_policy_read(struct arena *a, const char *file, json_t *o,
                          const struct complaint_policy **out,
                          struct lx_error *err);

/* Look-ups by code (level by number); NULL when unknown or p is NULL. */
const struct complaint_code *
complaint_policy_channel(const struct complaint_policy *p, const char *code);
const struct complaint_code *
complaint_policy_category(const struct complaint_policy *p, const char *code);
const struct complaint_code *
complaint_policy_level(const struct complaint_policy *p, int level);

/* Whether the policy lets families review targets of kind ("facility",
 * "government"). */
int complaint_policy_reviews(const struct complaint_policy *p,
                             const char *kind);

#endif
