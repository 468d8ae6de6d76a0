/*
 * A task's traffic light on a day (DESIGN.md module 10): green, yellow or
 * red, and why. The light of a task depends on its planned span (start and
 * deadline), the day, and its LATEST report only: an earlier red does not
 * linger, so a department that catches up turns red back to yellow (10–30
 * points behind) and to green when on schedule. Every threshold is the
 * policy's ("tasks" section), passed in; nothing here is a default.
 * Pure: no I/O.
 *
 * Rules, in order:
 *   1. a report of 100% or more → green, "done";
 *   2. the deadline passed and not done → red, "overdue";
 *   3. before the planned start → green, "not_due";
 *   4. nothing reported (or 0%) → months late counted from the start
 *      month: ≥ start_red_months → red, ≥ start_yellow_months → yellow,
 *      else green, "not_started";
 *   5. a report without a percent (a quantity only) → green, "no_percent";
 *   6. expected = elapsed share of the span × 100, rounded half up to
 *      `places` decimals; behind = expected − reported; behind >
 *      behind_red → red; behind ≥ behind_yellow → yellow; else green,
 *      "behind" / "on_schedule".
 * A task without a deadline is never overdue nor behind a schedule.
 */
#ifndef LX_CORE_TASK_LIGHT_H
#define LX_CORE_TASK_LIGHT_H

#include "core/date.h"
#include "core/exact.h"

enum task_light_colour { TASK_GREEN, TASK_YELLOW, TASK_RED };

enum task_light_reason {
	TASK_DONE,
	TASK_OVERDUE,
	TASK_NOT_DUE,
	TASK_NOT_STARTED,
	TASK_NO_PERCENT,
	TASK_BEHIND,
	TASK_ON_SCHEDULE,
	TASK_ONGOING
};

extern const char *const task_light_colour_names[3]; /* green, yellow, red */
extern const char *const task_light_colour_zh[3];    /* 绿, 黄, 红 */
extern const char *const task_light_reason_names[8];
extern const char *const task_light_reason_zh[8];

struct task_light_rules {
	int start_yellow_months, start_red_months;
	struct exact behind_yellow, behind_red; /* percentage points */
	int places;                             /* of the expected percent */
};

struct task_light_input {
	struct lx_date start, deadline, on;
	int has_deadline; /* 0: a standing task (长期坚持): rules 2 and 6 skip,
	                   * a report with a percent → green, "ongoing" */
	int has_report;  /* a latest report exists */
	int has_percent; /* it states a percent */
	struct exact percent;
};

struct task_light {
	enum task_light_colour colour;
	enum task_light_reason reason;
	int has_expected;
	struct exact expected, behind; /* when has_expected */
	int months_late;               /* for TASK_NOT_STARTED */
};

/* The deadline of a task given a year only: 31 December of it. */
struct lx_date task_light_year_end(int year);

/* 0 and *out, or -1 when the figures overflow or the deadline is before
 * the start. */
int task_light_judge(const struct task_light_rules *r,
                     const struct task_light_input *in, struct task_light *out);

#endif
