/*
 * Staff records as rules (docs/policy.md "Staff"): whether a contract is
 * running on a day, whether two contracts overlap, the same person (same
 * ID hash) on the payroll of two facilities at once (重复在岗), and the
 * yearly health check and health training of childcare staff. Dates are
 * "YYYY-MM-DD" text, compared as text; an open contract end is "". Pure:
 * no I/O, no globals.
 */
#ifndef LX_CORE_INSPECT_STAFF_H
#define LX_CORE_INSPECT_STAFF_H

#include <stddef.h>

/* Which facilities an occupation belongs to. */
enum staff_sector { STAFF_ANY, STAFF_ELDERLY, STAFF_CHILDCARE, STAFF__MAX };

extern const char *const staff_sector_names[STAFF__MAX];

/* The sector named s ("any", "elderly", "childcare"), or -1. */
int staff_sector_parse(const char *s);

/* The childcare staff's yearly rule: within the window_months up to a day
 * at least min_checks health checks and min_trainings trainings of
 * training_kind. */
struct staff_health_rule {
	int window_months, min_checks, min_trainings;
	const char *training_kind;
};

/* 1 when the contract [from, to] (to "" or NULL: open) runs on day, both
 * ends included. */
int staff_active_on(const char *from, const char *to, const char *day);

/* 1 when the contracts [af, at] and [bf, bt] share a day (ends included;
 * an end "" or NULL is open). A move whose new contract starts the day
 * after the old one ends does not overlap. */
int staff_contracts_overlap(const char *af, const char *at, const char *bf,
                            const char *bt);

enum { STAFF_HASH_BYTES = 32 };

struct staff_contract {
	long long id, facility_id;
	unsigned char hash[STAFF_HASH_BYTES]; /* the ID number's keyed hash */
	char from[11], to[11];                /* to "" when open */
};

/* Sets flag[i] to 1 when contract i overlaps a contract of the same person
 * (same hash) at another facility, else 0. Returns the number flagged, or
 * -1 when memory runs out. */
long staff_flag_duplicates(const struct staff_contract *c, size_t n, int *flag);

/* The first day after the window: start of the window of months up to
 * day is out, so the window is (out, day]. The day of the month is clamped
 * to the month's end (2026-03-31 less one month is 2026-02-28). -1 when
 * day is not a date. */
int staff_window_start(const char *day, int months, char out[11]);

/* 1 when date lies in (start, day]. */
int staff_in_window(const char *date, const char *start, const char *day);

#endif
