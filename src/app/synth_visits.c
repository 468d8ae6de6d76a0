#include "app/synth_visits.h"

#include "app/visit_targets.h"
#include "core/person.h"
#include "core/role.h"
#include "core/synth.h"
#include "core/visit.h"
#include "store/account_store.h"
#include "store/visit_synth_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Rates assumed where no seed states one (docs/synth.md "Visits"; change
 * them there too). The plans set the target, 100 % a month; the
 * synthetic city falls a little short of it so that the rate and the
 * worklists have something to show.
 */
#define VILLAGE_VACANT_RATE 0.03 /* villages with no visitor */
#define MONTHLY_VISIT_RATE  0.93 /* a target visited in a month */
#define VACANT_VISIT_RATE   0.60 /* … by the township officer instead */
#define WEEKLY_VISIT_RATE   0.90 /* a high-risk target in a week */
#define MODE_HOME_RATE      0.70 /* 入户; then phone 0.20, video 0.10 */
#define MODE_PHONE_RATE     0.20
#define CONCERN_RATE        0.06  /* an aspect found of concern */
#define URGENT_RATE         0.005 /* … urgent */
/* a stream of its own: the city's other draws stay as they were */
#define STREAM 0x7669736974730001ull

static const char *const aspects[] = { "safety", "health", "housing", "family",
	                               "needs" };

struct synth_visits {
	struct app_ctx *ctx;
	struct synth_rng rng;
	long first, last;                   /* days: the year of visits */
	long long *visitor;                 /* per village: account id */
	const struct visit_policy **policy; /* per village: whose rules */
	char (*vname)[32];
	long long officer;
	char officer_name[32];
	size_t nvillages;
	long long visitors, officers, vacant, targets, visits;
};

struct synth_visits *synth_visits_new(struct app_ctx *ctx, uint64_t seed,
                                      struct lx_date ref, size_t nvillages)
{
	struct synth_visits *s = calloc(1, sizeof(*s));
	struct lx_date d = { ref.y, ref.m, 1 };

	if (!s)
		return NULL;
	s->visitor = calloc(nvillages + 1, sizeof(*s->visitor));
	s->vname = calloc(nvillages + 1, sizeof(*s->vname));
	s->policy = calloc(nvillages + 1, sizeof(*s->policy));
	if (!s->visitor || !s->vname || !s->policy) {
		synth_visits_free(s);
		return NULL;
	}
	s->ctx = ctx;
	s->nvillages = nvillages;
	synth_rng_seed(&s->rng, seed ^ STREAM);
	/* the first of the month after the reference day's, a year on */
	d.m++;
	if (d.m > 12) {
		d.m = 1;
		d.y++;
	}
	s->first = date_to_days(d);
	d.y++;
	s->last = date_to_days(d) - 1;
	return s;
}

void synth_visits_free(struct synth_visits *s)
{
	if (!s)
		return;
	free(s->visitor);
	free(s->vname);
	free(s->policy);
	free(s);
}

/* A locked account: no password verifies against "!", so nobody signs in
 * as it until an administrator sets one (laoxiao user passwd). */
static long long add_account(struct synth_visits *s, const char *user,
                             enum role role, const char *region,
                             const char *area, char name[32])
{
	struct account acc = { 0 };
	char areas[1][13];

	synth_person_name(&s->rng, synth_chance(&s->rng, 0.5) ? 'M' : 'F', name,
	                  32);
	acc.username = (char *)user;
	acc.display_name = name;
	acc.password_hash = (char *)"!";
	acc.role = role;
	snprintf(acc.region, sizeof(acc.region), "%s", region);
	if (area) {
		snprintf(areas[0], sizeof(areas[0]), "%s", area);
		acc.nareas = 1;
		acc.areas = areas;
	}
	if (account_store_insert(s->ctx->db, &acc, s->ctx->now, &s->ctx->err))
		return -1;
	return acc.id;
}

int synth_visits_township(struct synth_visits *s, const char *code)
{
	char user[32];

	snprintf(user, sizeof(user), "zg%s", code);
	s->officer =
	    add_account(s, user, ROLE_TOWNSHIP, code, NULL, s->officer_name);
	if (s->officer < 0)
		return -1;
	s->officers++;
	return 0;
}

int synth_visits_village(struct synth_visits *s, size_t i, const char *code,
                         const char *township)
{
	char user[32];
	long long id;

	if (i >= s->nvillages)
		return lx_fail(&s->ctx->err, LX_EINTERNAL, "", "no village %zu",
		               i);
	s->policy[i] = app_visit_policy_for(s->ctx, code);
	if (synth_chance(&s->rng, VILLAGE_VACANT_RATE)) {
		s->vacant++;
		s->visitor[i] = 0;
		return 0;
	}
	snprintf(user, sizeof(user), "xf%s", code);
	id = add_account(s, user, ROLE_VISITOR, township, code, s->vname[i]);
	if (id < 0)
		return -1;
	s->visitor[i] = id;
	s->visitors++;
	return 0;
}

/* The person's categories as a mask over enum person_category_code. */
static unsigned category_mask(const struct person *p)
{
	unsigned m = 0;

	for (size_t k = 0; k < p->ncategories; k++) {
		int c = enum_lookup(&person_category_names,
		                    p->categories[k].category);

		if (c >= 0)
			m |= 1u << c;
	}
	return m;
}

/* The day from which p is a target under pol: the earliest start of a
 * category that makes one; -1 when none. */
static long target_since(const struct visit_policy *pol, const struct person *p)
{
	long since = -1;

	for (size_t k = 0; k < p->ncategories; k++) {
		int c = enum_lookup(&person_category_names,
		                    p->categories[k].category);
		struct lx_date d;
		long day;

		if (c < 0 || !(pol->categories & (1u << c)) ||
		    date_parse(p->categories[k].start, &d))
			continue;
		day = date_to_days(d);
		if (since < 0 || day < since)
			since = day;
	}
	return since;
}

/* A visit on day; *high tells whether it found the risk high. */
static int visit_on(struct synth_visits *s, size_t i, const struct person *p,
                    long day, int *high)
{
	struct visit_synth_row v = { 0 };
	char at[17], day_text[11], findings[400];
	double u = synth_uniform(&s->rng);
	size_t k = 0;
	int urgent = 0, concerns = 0;

	date_format(date_from_days(day), day_text);
	/* working hours, 08:00 to 17:59 */
	snprintf(at, sizeof(at), "%.10sT%02d:%02d", day_text,
	         (int)(8 + synth_below(&s->rng, 10)),
	         (int)synth_below(&s->rng, 60));
	k += (size_t)snprintf(findings + k, sizeof(findings) - k, "{");
	for (size_t a = 0; a < sizeof(aspects) / sizeof(*aspects); a++) {
		double f = synth_uniform(&s->rng);
		const char *st = f < URGENT_RATE                  ? "urgent"
		                 : f < URGENT_RATE + CONCERN_RATE ? "concern"
		                                                  : "ok";

		urgent += f < URGENT_RATE;
		concerns += f < URGENT_RATE + CONCERN_RATE;
		k += (size_t)snprintf(findings + k, sizeof(findings) - k,
		                      "%s\"%s\":{\"status\":\"%s\"}",
		                      a ? "," : "", aspects[a], st);
	}
	snprintf(findings + k, sizeof(findings) - k, "}");
	v.person_id = p->id;
	v.region = p->region;
	v.visited_at = at;
	v.mode = u < MODE_HOME_RATE                     ? "home"
	         : u < MODE_HOME_RATE + MODE_PHONE_RATE ? "phone"
	                                                : "video";
	v.visitor_id = s->visitor[i] ? s->visitor[i] : s->officer;
	v.visitor_name = s->visitor[i] ? s->vname[i] : s->officer_name;
	v.findings = findings;
	v.risk = urgent ? "high" : concerns >= 2 ? "medium" : "low";
	*high = urgent > 0;
	v.recorded_at = s->ctx->now;
	if (visit_synth_store_insert(s->ctx->db, &v, &s->ctx->err))
		return -1;
	s->visits++;
	return 0;
}

/* Whether a target of tier t is visited every week. */
static int weekly_tier(const struct visit_policy *pol, int t)
{
	return t >= 0 && pol->tiers[t].every == VISIT_WEEK;
}

/*
 * A year of visits to one person, week by week: a target of a weekly tier
 * (by the policy's rules, or because the last visit found the risk high)
 * is visited in a week with WEEKLY_VISIT_RATE; any other once in a month
 * with MONTHLY_VISIT_RATE, on a day drawn when the month begins. The tier
 * follows the person's own jurisdiction's policy, as the worklist does.
 */
int synth_visits_person(struct synth_visits *s, size_t i,
                        const struct person *p)
{
	const struct visit_policy *pol = i < s->nvillages ? s->policy[i] : NULL;
	unsigned cats = category_mask(p);
	long since, end = s->last, monday, month_day = -1, month_end = -1;
	int rule_weekly, weekly;
	struct lx_date d;

	if (!pol || !visit_is_target(pol, cats, p->residence) ||
	    (since = target_since(pol, p)) < 0)
		return 0;
	s->targets++;
	if (p->deceased_on[0] && !date_parse(p->deceased_on, &d) &&
	    date_to_days(d) - 1 < end)
		end = date_to_days(d) - 1; /* alive to the day before */
	if (since < s->first)
		since = s->first;
	rule_weekly = weekly_tier(pol, visit_tier_of(pol, cats, NULL, NULL));
	weekly = rule_weekly;
	/* ISO weeks: from the Monday on or before since */
	for (monday = since - ((since + 3) % 7); monday <= end; monday += 7) {
		long lo = monday < since ? since : monday;
		long hi = monday + 6 > end ? end : monday + 6;
		long day = -1;
		int high = 0;

		if (lo > hi)
			continue;
		if (lo > month_end) { /* a month begins: its visit day */
			struct lx_date m = date_from_days(lo);
			long first = lo - (m.d - 1);
			long last = first + date_days_in_month(m.y, m.m) - 1;

			month_end = last > end ? end : last;
			month_day =
			    synth_chance(&s->rng, s->visitor[i]
			                              ? MONTHLY_VISIT_RATE
			                              : VACANT_VISIT_RATE)
			        ? lo + synth_below(&s->rng, month_end - lo + 1)
			        : -1;
		}
		if (weekly) {
			if (synth_chance(&s->rng, WEEKLY_VISIT_RATE))
				day = lo + synth_below(&s->rng, hi - lo + 1);
		} else if (month_day >= lo && month_day <= hi) {
			day = month_day;
		}
		if (day < 0)
			continue;
		if (visit_on(s, i, p, day, &high))
			return -1;
		/* the month's visit is made; a high risk calls for weekly
		 * visits until a visit finds it lower */
		month_day = -1;
		weekly = rule_weekly || high;
	}
	return 0;
}

json_t *synth_visits_report(const struct synth_visits *s)
{
	return json_pack(
	    "{s:I, s:I, s:I, s:I, s:I}", "visitors", (json_int_t)s->visitors,
	    "township_officers", (json_int_t)s->officers,
	    "villages_without_visitor", (json_int_t)s->vacant, "visit_targets",
	    (json_int_t)s->targets, "visits", (json_int_t)s->visits);
}
