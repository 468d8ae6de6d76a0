#include "app/synth_visits.h"

#include "core/role.h"
#include "core/synth.h"
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

/* The categories that make someone a visit target in the plans (the
 * union of the five policies' lists, docs/policy.md "Visits"). */
static const char *const target_cats[] = {
	"tekun_dispersed",
	"dibao",
	"low_income",
	"disabled",
	"partly_disabled",
	"dementia",
	"severe_disability",
	"empty_nest",
	"left_behind",
	"living_alone",
	"family_planning_special",
	"advanced_age",
};

static const char *const aspects[] = { "safety", "health", "housing", "family",
	                               "needs" };

struct synth_visits {
	struct app_ctx *ctx;
	struct synth_rng rng;
	long first, last;   /* days: the year of visits */
	long long *visitor; /* per village: account id */
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
	if (!s->visitor || !s->vname) {
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

static int has_cat(const struct person *p, const char *cat)
{
	for (size_t k = 0; k < p->ncategories; k++)
		if (!strcmp(p->categories[k].category, cat))
			return 1;
	return 0;
}

/* The day from which p is a target: the earliest start of a target
 * category; -1 when none. */
static long target_since(const struct person *p)
{
	long since = -1;

	for (size_t k = 0; k < p->ncategories; k++)
		for (size_t j = 0;
		     j < sizeof(target_cats) / sizeof(*target_cats); j++) {
			struct lx_date d;
			long day;

			if (strcmp(p->categories[k].category, target_cats[j]) ||
			    date_parse(p->categories[k].start, &d))
				continue;
			day = date_to_days(d);
			if (since < 0 || day < since)
				since = day;
		}
	return since;
}

static int visit_on(struct synth_visits *s, size_t i, const struct person *p,
                    long day)
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
	v.recorded_at = s->ctx->now;
	if (visit_synth_store_insert(s->ctx->db, &v, &s->ctx->err))
		return -1;
	s->visits++;
	return 0;
}

int synth_visits_person(struct synth_visits *s, size_t i,
                        const struct person *p)
{
	long since = target_since(p), end = s->last, day;
	int weekly;
	struct lx_date d;

	if (since < 0 || strcmp(p->residence, "home") || i >= s->nvillages)
		return 0;
	s->targets++;
	if (p->deceased_on[0] && !date_parse(p->deceased_on, &d) &&
	    date_to_days(d) - 1 < end)
		end = date_to_days(d) - 1; /* alive to the day before */
	if (since < s->first)
		since = s->first;
	/* the plans' high-risk tier by default: living alone and disabled */
	weekly = has_cat(p, "living_alone") && has_cat(p, "disabled");
	if (weekly) {
		/* ISO weeks: from the Monday on or before since */
		for (day = since - ((since + 3) % 7); day <= end; day += 7) {
			long lo = day < since ? since : day;
			long hi = day + 6 > end ? end : day + 6;

			if (lo > hi ||
			    !synth_chance(&s->rng, WEEKLY_VISIT_RATE))
				continue;
			if (visit_on(s, i, p,
			             lo + synth_below(&s->rng, hi - lo + 1)))
				return -1;
		}
		return 0;
	}
	for (day = s->first; day <= end;) {
		struct lx_date m = date_from_days(day);
		long next = day + date_days_in_month(m.y, m.m);
		long lo = day < since ? since : day;
		long hi = next - 1 > end ? end : next - 1;

		if (lo <= hi &&
		    synth_chance(&s->rng, s->visitor[i] ? MONTHLY_VISIT_RATE
		                                        : VACANT_VISIT_RATE) &&
		    visit_on(s, i, p, lo + synth_below(&s->rng, hi - lo + 1)))
			return -1;
		day = next;
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
