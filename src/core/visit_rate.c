#include "core/visit_rate.h"

#include "core/date.h"
#include "core/exact.h"

#include <stdio.h>
#include <string.h>

static const char *const bases[] = { "visit_targets", "visited_targets" };

int visit_element_parse(const char *name, struct visit_element *out)
{
	const char *rest = NULL;

	memset(out, 0, sizeof(*out));
	for (int k = 0; k < 2; k++) {
		size_t n = strlen(bases[k]);

		if (!strncmp(name, bases[k], n) &&
		    (name[n] == '\0' || name[n] == '.')) {
			out->visited = k;
			rest = name + n;
		}
	}
	if (!rest)
		return 0;
	if (!*rest)
		return 1;
	rest++;
	if (!strcmp(rest, "monthly")) {
		out->narrow = VN_MONTHLY;
		return 1;
	}
	if (!strcmp(rest, "weekly")) {
		out->narrow = VN_WEEKLY;
		return 1;
	}
	/* a tier code: lower-case letters, digits and _ */
	if (!*rest || strlen(rest) >= sizeof(out->tier))
		return -1;
	for (const char *c = rest; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '_'))
			return -1;
	out->narrow = VN_TIER;
	snprintf(out->tier, sizeof(out->tier), "%s", rest);
	return 1;
}

void visit_element_pair(const char *name, char out[64])
{
	struct visit_element e;
	const char *dot = strchr(name, '.');

	if (visit_element_parse(name, &e) != 1) {
		snprintf(out, 64, "%s", name);
		return;
	}
	snprintf(out, 64, "%s%s", bases[!e.visited], dot ? dot : "");
}

int visit_element_counts(const struct visit_policy *p,
                         const struct visit_element *e, unsigned cats,
                         const char *residence, const char *override_tier,
                         const char *last_risk)
{
	int t;

	if (!p || !visit_is_target(p, cats, residence))
		return 0;
	t = visit_tier_of(p, cats, override_tier, last_risk);
	if (t < 0 || (size_t)t >= p->ntiers)
		return 0;
	switch (e->narrow) {
	case VN_MONTHLY:
		return p->tiers[t].in_monthly_rate;
	case VN_WEEKLY:
		return p->tiers[t].every == VISIT_WEEK;
	case VN_TIER:
		return !strcmp(p->tiers[t].code, e->tier);
	default:
		return 1;
	}
}

/* Monday 0 … Sunday 6; 1970-01-01 was a Thursday. */
static int weekday(long days)
{
	long w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int visit_month_weeks(const char *day, char monday[][11], char sunday[][11])
{
	struct lx_date d, first;
	long lo, hi, thu;
	int n = 0;

	if (date_parse(day, &d))
		return -1;
	first = (struct lx_date){ d.y, d.m, 1 };
	lo = date_to_days(first);
	hi = lo + date_days_in_month(d.y, d.m) - 1;
	/* the first Thursday on or after the 1st */
	thu = lo + (3 - weekday(lo) + 7) % 7;
	for (; thu <= hi && n < VISIT_WEEKS_MAX; thu += 7, n++) {
		date_format(date_from_days(thu - 3), monday[n]);
		date_format(date_from_days(thu + 3), sunday[n]);
	}
	return n;
}

int visit_week_label(const char *monday, char out[9])
{
	struct lx_date d, jan4;
	long days, week1;
	int year;

	if (date_parse(monday, &d))
		return -1;
	days = date_to_days(d);
	/* the ISO year is the year of the week's Thursday; week 1 holds
	 * 4 January */
	year = date_from_days(days + 3 - weekday(days)).y;
	jan4 = (struct lx_date){ year, 1, 4 };
	week1 = date_to_days(jan4) - weekday(date_to_days(jan4));
	snprintf(out, 9, "%04u-W%02u", (unsigned)year % 10000u,
	         (unsigned)((days - weekday(days) - week1) / 7 + 1) % 100u);
	return 0;
}

char *visit_rate_percent(long long visited, long long targets, char *out)
{
	struct exact r, pct;

	if (targets <= 0 || exact_frac(visited, targets, &r) ||
	    exact_mul(r, exact_int(100), &pct))
		return NULL;
	return exact_format(pct, 2, EXACT_HALF_UP, out);
}
