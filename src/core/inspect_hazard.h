/*
 * A hazard's closed loop (隐患闭环): found → ordered (整改通知) → answered
 * (the operator's rectification) → re-checked: passed closes it, failed
 * sends it back to ordered with a new deadline. Nothing closes a hazard
 * but a passed re-check. Overdue hazards escalate to the county and, some
 * days later, to the city. Pure rules over values; the days and which
 * severities stop admissions come from the "hazards" policy section.
 */
#ifndef LX_CORE_INSPECT_HAZARD_H
#define LX_CORE_INSPECT_HAZARD_H

enum hazard_severity { HS_GENERAL, HS_SERIOUS, HS_MAJOR, HS__MAX };
enum hazard_status { HZ_FOUND, HZ_ORDERED, HZ_ANSWERED, HZ_CLOSED, HZ__MAX };
enum hazard_step {
	HST_ORDER,
	HST_ANSWER,
	HST_RECHECK_PASS,
	HST_RECHECK_FAIL,
	HST__MAX
};
/* How far an overdue hazard has been reported: not, to the county, to the
 * city. */
enum hazard_level { HL_NONE, HL_COUNTY, HL_CITY, HL__MAX };

extern const char *const hazard_severity_names[HS__MAX];
extern const char *const hazard_severity_labels[HS__MAX];
extern const char *const hazard_status_names[HZ__MAX];
extern const char *const hazard_status_labels[HZ__MAX];
extern const char *const hazard_level_names[HL__MAX];
extern const char *const hazard_level_labels[HL__MAX];

/* Index of name in names[0..n), or -1. */
int hazard_lookup(const char *const *names, int n, const char *name);

/* The status after step from status, or -1 when the step may not be taken
 * there. Only HST_RECHECK_PASS from HZ_ANSWERED leads to HZ_CLOSED. */
int hazard_next(int status, int step);

/* Whether the step sets a new deadline (an order, a failed re-check). */
int hazard_step_sets_deadline(int step);

/* The deadline: the day (days since 1970-01-01) plus the severity's days. */
long hazard_deadline(long from_day, long days);

/* Overdue: not rectified (found or ordered) and today after the deadline.
 * An answered hazard waits for its re-check and is not overdue. */
int hazard_overdue(int status, long deadline, long today);

/* The level an overdue hazard should have reached today: the county from
 * the first day after the deadline, the city once it is more than
 * city_after days overdue; HL_NONE when it is not overdue. */
int hazard_level_due(int status, long deadline, long today, long city_after);

#endif
