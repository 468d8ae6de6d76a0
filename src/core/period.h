/* Reporting periods: a year "2025", a quarter "2025Q1" or a month
 * "2025-03". Indicators are computed as of a period's last day. */
#ifndef LX_CORE_PERIOD_H
#define LX_CORE_PERIOD_H

#include "core/error.h"

enum period_kind { PERIOD_YEAR, PERIOD_QUARTER, PERIOD_MONTH };

struct period {
	enum period_kind kind;
	int year;
	int index; /* quarter 1–4 or month 1–12; 0 for a year */
};

/* Parses strictly; LX_EINVALID naming field on anything else. */
int period_parse(const char *s, struct period *out, struct lx_error *err,
                 const char *field);

/* Canonical text ("2025", "2025Q1", "2025-03"); out has room for 8. */
void period_format(struct period p, char out[8]);

/* First and last day, YYYY-MM-DD. */
void period_first_day(struct period p, char out[11]);
void period_last_day(struct period p, char out[11]);

/* The period of the same kind just before p. */
struct period period_previous(struct period p);

/* The period's end as a year number, year values being year-ends: 2025 is
 * 2025.0, 2025Q2 is 2024.5, 2025-03 is 2024.25. Used for the straight line
 * from the base year to the target year. */
double period_year_value(struct period p);

#endif
