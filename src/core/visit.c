#include "core/visit.h"

#include "core/date.h"
#include "core/facility.h"
#include "core/person.h"

#include <string.h>

static const char *const every_n[] = { "week", "month", "quarter" };
static const char *const risk_n[] = { "low", "medium", "high" };
static const char *const status_n[] = { "none", "due", "overdue", "done" };

const char *visit_every_name(enum visit_every e)
{
	return (unsigned)e < VISIT_EVERY__MAX ? every_n[e] : "";
}

static int index_of(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

int visit_every_parse(const char *s)
{
	return index_of(every_n, VISIT_EVERY__MAX, s);
}

const char *visit_risk_name(enum visit_risk r)
{
	return (unsigned)r <= VISIT_RISK_HIGH ? risk_n[r] : "";
}

int visit_risk_parse(const char *s)
{
	return index_of(risk_n, 3, s);
}

const char *visit_status_name(enum visit_status s)
{
	return (unsigned)s <= VISIT_DONE ? status_n[s] : "";
}

int visit_tier_index(const struct visit_policy *p, const char *code)
{
	for (size_t i = 0; p && code && i < p->ntiers; i++)
		if (!strcmp(p->tiers[i].code, code))
			return (int)i;
	return -1;
}

int visit_choice_index(const struct visit_choice *c, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(c[i].code, code))
			return (int)i;
	return -1;
}

int visit_is_target(const struct visit_policy *p, unsigned cats_in_force,
                    const char *residence)
{
	int r;

	if (!p || !(cats_in_force & p->categories))
		return 0;
	r = enum_lookup(&residence_names, residence ? residence : "home");
	return r >= 0 && (p->residences & (1u << r)) != 0;
}

int visit_tier_of(const struct visit_policy *p, unsigned cats,
                  const char *override_tier, const char *last_risk)
{
	int t = visit_tier_index(p, override_tier);

	if (t >= 0)
		return t;
	if (last_risk && visit_risk_parse(last_risk) == VISIT_RISK_HIGH)
		return p->risk_high_tier;
	for (size_t i = 0; i < p->nrules; i++) {
		const struct visit_tier_rule *r = &p->rules[i];

		if (r->all && (cats & r->all) == r->all)
			return r->tier;
		if (r->any && (cats & r->any))
			return r->tier;
	}
	return p->default_tier;
}

/* Monday 0 … Sunday 6; 1970-01-01 was a Thursday. */
static int weekday(long days)
{
	long w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static void period_days(enum visit_every every, struct lx_date d, long *first,
                        long *last)
{
	long n = date_to_days(d);
	struct lx_date f = d, l = d;
	int m0;

	switch (every) {
	case VISIT_WEEK:
		*first = n - weekday(n);
		*last = *first + 6;
		return;
	case VISIT_QUARTER:
		m0 = (d.m - 1) / 3 * 3 + 1;
		f.m = m0;
		l.m = m0 + 2;
		break;
	default:
		break;
	}
	f.d = 1;
	l.d = date_days_in_month(l.y, l.m);
	*first = date_to_days(f);
	*last = date_to_days(l);
}

int visit_period_of(enum visit_every every, const char *day, char first[11],
                    char last[11])
{
	struct lx_date d;
	long f, l;

	if (date_parse(day, &d) || (unsigned)every >= VISIT_EVERY__MAX)
		return -1;
	period_days(every, d, &f, &l);
	date_format(date_from_days(f), first);
	date_format(date_from_days(l), last);
	return 0;
}

static int parse_time(const char *t, long *minutes)
{
	char day[11];
	struct lx_date d;
	int hh, mm;

	if (!t || strlen(t) != 16 || t[10] != 'T' || t[13] != ':')
		return -1;
	memcpy(day, t, 10);
	day[10] = '\0';
	if (date_parse(day, &d))
		return -1;
	for (int i = 11; i < 16; i++)
		if (i != 13 && (t[i] < '0' || t[i] > '9'))
			return -1;
	hh = (t[11] - '0') * 10 + (t[12] - '0');
	mm = (t[14] - '0') * 10 + (t[15] - '0');
	if (hh > 23 || mm > 59)
		return -1;
	*minutes = date_to_days(d) * 1440 + hh * 60 + mm;
	return 0;
}

static void format_time(long minutes, char out[17])
{
	long days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
	int rest = (int)(minutes - days * 1440);
	int hh = rest / 60, mm = rest % 60;

	date_format(date_from_days(days), out);
	out[10] = 'T';
	out[11] = (char)('0' + hh / 10);
	out[12] = (char)('0' + hh % 10);
	out[13] = ':';
	out[14] = (char)('0' + mm / 10);
	out[15] = (char)('0' + mm % 10);
	out[16] = '\0';
}

int visit_time_check(const char *t)
{
	long m;

	return parse_time(t, &m);
}

int visit_time_add_hours(const char *t, long hours, char out[17])
{
	long m;

	if (parse_time(t, &m))
		return -1;
	format_time(m + hours * 60, out);
	return 0;
}

int visit_due_of(const struct visit_policy *p, int tier, const char *now,
                 const char *last_visit_at, const char *since,
                 const char *event_at, struct visit_due *out,
                 struct lx_error *err)
{
	struct lx_date d;
	long now_m, last_m = -1, ev_m = 0, first, last, pfirst, plast;
	long since_d = 0, last_d = 0;
	int has_last = last_visit_at && *last_visit_at;
	int has_event = event_at && *event_at;
	enum visit_every every;

	memset(out, 0, sizeof(*out));
	if (parse_time(now, &now_m))
		return lx_fail(err, LX_EINVALID, "now",
		               "'%.20s' is not a time YYYY-MM-DDTHH:MM",
		               now ? now : "");
	if (has_last && parse_time(last_visit_at, &last_m))
		return lx_fail(err, LX_EINVALID, "visited_at",
		               "'%.20s' is not a time YYYY-MM-DDTHH:MM",
		               last_visit_at);
	if (has_event && parse_time(event_at, &ev_m))
		return lx_fail(err, LX_EINVALID, "reported_at",
		               "'%.20s' is not a time YYYY-MM-DDTHH:MM",
		               event_at);
	if (!since || !*since || !p || tier < 0 || (size_t)tier >= p->ntiers)
		return 0;
	if (date_parse(since, &d))
		return lx_fail(err, LX_EINVALID, "since",
		               "'%.12s' is not a date YYYY-MM-DD", since);
	since_d = date_to_days(d);
	if (since_d > now_m / 1440)
		return 0;
	every = p->tiers[tier].every;
	d = date_from_days(now_m / 1440);
	period_days(every, d, &first, &last);
	period_days(every, date_from_days(first - 1), &pfirst, &plast);
	last_d = has_last ? last_m / 1440 : -1000000;

	if (has_last && last_d >= first) {
		long nf, nl;

		period_days(every, date_from_days(last + 1), &nf, &nl);
		out->status = VISIT_DONE;
		date_format(date_from_days(nl), out->due_on);
	} else if (since_d <= plast && last_d < pfirst) {
		out->status = VISIT_OVERDUE;
		date_format(date_from_days(plast), out->due_on);
	} else {
		out->status = VISIT_DUE;
		date_format(date_from_days(last), out->due_on);
	}

	/* a major event calls for a visit within hours of its report, met
	 * only by a visit at or after the report */
	if (has_event && !(has_last && last_m >= ev_m)) {
		long due_m = ev_m + (long)p->event_within_hours * 60;
		char ev_day[11];

		format_time(due_m, out->event_due);
		memcpy(ev_day, out->event_due, 10);
		ev_day[10] = '\0';
		if (now_m > due_m) {
			if (out->status != VISIT_OVERDUE ||
			    strcmp(ev_day, out->due_on) < 0)
				memcpy(out->due_on, ev_day, 11);
			out->status = VISIT_OVERDUE;
		} else if (out->status != VISIT_OVERDUE) {
			if (out->status == VISIT_DONE ||
			    strcmp(ev_day, out->due_on) < 0)
				memcpy(out->due_on, ev_day, 11);
			out->status = VISIT_DUE;
		}
	}
	return 0;
}
