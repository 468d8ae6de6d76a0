#include "app/subsidies.h"
#include "app/credit_bite.h"

#include "app/approval_budget.h"
#include "app/indicators.h"
#include "app/params.h"
#include "app/payee.h"
#include "app/payee_bank.h"
#include "app/policy.h"
#include "app/subsidy_policy.h"
#include "app/verify_run.h"
#include "core/assessment.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/period.h"
#include "core/region_code.h"
#include "core/subsidy.h"
#include "core/subsidy_group.h"
#include "core/subsidy_once.h"
#include "core/subsidy_prefilter.h"
#include "store/application_store.h"
#include "store/care_store.h"
#include "store/facility_store.h"
#include "store/hold_store.h"
#include "store/ledger_store.h"
#include "store/person_scan.h"
#include "store/person_store.h"
#include "store/recovery_store.h"
#include "store/region_store.h"
#include "store/resident_store.h"
#include "store/training_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(enum subsidy_beneficiary b)
{
	return b == SUBSIDY_PERSON        ? "person"
	       : b == SUBSIDY_INSTITUTION ? "institution"
	                                  : "provider";
}

static int may_run(const struct app_ctx *ctx)
{
	return principal_is_official(ctx->who);
}

/* A person as the engine sees them: birth and death, where they live,
 * their categories and their care level over time. moves oldest first,
 * rows (assessments) newest first; a is where the subject is built. */
static void person_subject(struct arena *a, const struct person *p,
                           const struct move_row *moves, size_t nmoves,
                           const struct assessment_row *rows, size_t nrows,
                           const struct policy_view *view,
                           struct subsidy_subject *s)
{
	struct subsidy_span *res;
	struct subsidy_span *cats =
	    arena_alloc(a, (p->ncategories + 1) * sizeof(*cats));
	struct assess_policy pol = assess_policy_default();

	memset(s, 0, sizeof(*s));
	s->kind = SUBSIDY_PERSON;
	s->birth = p->birth_date;
	s->death = p->deceased_on[0] ? p->deceased_on : NULL;
	/* where the person lived over time: each move closes one span the
	 * day before it and opens the next, so a move out of the region
	 * counts from its date */
	res = arena_alloc(a, (nmoves + 1) * sizeof(*res));
	s->n_residence = 0;
	for (size_t i = 0; i < nmoves; i++) {
		struct subsidy_span *sp = &res[s->n_residence];
		struct lx_date d;
		char *prev;

		if (date_parse(moves[i].on, &d))
			continue;
		prev = arena_alloc(a, 11);
		date_format(date_from_days(date_to_days(d) - 1), prev);
		sp->code = moves[i].from;
		sp->from = i ? moves[i - 1].on : NULL;
		sp->to = prev;
		/* two moves on one day leave an empty span: none */
		if (!sp->from || strcmp(sp->to, sp->from) >= 0)
			s->n_residence++;
	}
	res[s->n_residence].code = p->region;
	res[s->n_residence].from = nmoves ? moves[nmoves - 1].on : NULL;
	/* a span skipped above may have left its end here */
	res[s->n_residence].to = NULL;
	s->n_residence++;
	s->residence = res;
	for (size_t i = 0; i < p->ncategories; i++) {
		cats[i].code = p->categories[i].category;
		cats[i].from = p->categories[i].start;
		cats[i].to =
		    p->categories[i].end[0] ? p->categories[i].end : NULL;
	}
	s->categories = cats;
	s->n_categories = p->ncategories;
	if (view->assessment.has_care)
		for (int l = 0; l < ASSESS_LEVEL__MAX; l++)
			pol.care_of[l] = view->assessment.care_of[l];
	if (nrows) {
		struct subsidy_assessment *as =
		    arena_alloc(a, nrows * sizeof(*as));
		size_t k = 0;

		for (size_t i = 0; i < nrows; i++) {
			int dup = 0;

			/* one level per date: the latest recorded that day */
			for (size_t j = 0; j < k; j++)
				dup |= !strcmp(as[j].date, rows[i].assessed_on);
			if (dup || rows[i].final_level < 0 ||
			    rows[i].final_level >= ASSESS_LEVEL__MAX)
				continue;
			as[k].level = pol.care_of[rows[i].final_level];
			as[k].date = arena_strdup(a, rows[i].assessed_on);
			k++;
		}
		s->assessments = as;
		s->n_assessments = k;
	}
}

/* The same for one person read on its own (applications, people who
 * have moved out of a run's region). */
static int load_person_subject(struct app_ctx *ctx, const struct person *p,
                               const struct policy_view *view,
                               struct subsidy_subject *s)
{
	struct move_row *moves = NULL;
	struct assessment_row *rows = NULL;
	size_t nmoves = 0, nrows = 0;

	if (move_store_list(ctx->db, ctx->arena, p->id, &moves, &nmoves,
	                    &ctx->err) ||
	    assessment_store_list(ctx->db, ctx->arena, p->id, &rows, &nrows,
	                          &ctx->err))
		return -1;
	person_subject(ctx->arena, p, moves, nmoves, rows, nrows, view, s);
	return 0;
}

/* Occupied beds over a year, weighted by the days each capacity entry was
 * in force while the institution was open, rounded half up: what "年平均
 * 实际入住床位" means. A month's schemes use the day's figure. */
static long long average_occupied(struct app_ctx *ctx, const struct facility *f,
                                  struct period p)
{
	struct capacity *h;
	size_t n;
	char first[11], last[11];
	long long from, to, days = 0, bed_days = 0;
	struct lx_date d;

	if (p.kind != PERIOD_YEAR ||
	    facility_store_history(ctx->db, ctx->arena, f->id, &h, &n, NULL))
		return f->cap.occupied_beds;
	period_first_day(p, first);
	period_last_day(p, last);
	date_parse(first, &d);
	from = date_to_days(d);
	date_parse(last, &d);
	to = date_to_days(d);
	days = to - from + 1;
	for (size_t i = 0; i < n; i++) {
		long long a, b;

		if (date_parse(h[i].date, &d))
			continue;
		a = date_to_days(d);
		b = to;
		if (i + 1 < n && !date_parse(h[i + 1].date, &d))
			b = date_to_days(d) - 1;
		if (f->opened_on[0] && !date_parse(f->opened_on, &d) &&
		    date_to_days(d) > a)
			a = date_to_days(d);
		if (f->closed_on[0] && !date_parse(f->closed_on, &d) &&
		    date_to_days(d) - 1 < b)
			b = date_to_days(d) - 1;
		if (a < from)
			a = from;
		if (b > to)
			b = to;
		if (b >= a)
			bed_days += (b - a + 1) * h[i].occupied_beds;
	}
	return (bed_days * 2 + days) / (2 * days);
}

/* 经济困难: the categories of people in economic difficulty. */
static const char *const difficult[] = { "tekun_centralized", "tekun_dispersed",
	                                 "dibao", "low_income" };
/* 高龄: aged 80 or over (民政: 80周岁以上), on the reference day. */
enum { GAOLING_AGE = 80 };

/* Residents in economic difficulty who are 高龄 (by age on day, never a
 * kept category) or 失能 (their latest assessment on or before day, through
 * the policy's care_of): the unit of the operating subsidies for taking
 * them in. */
static int difficult_residents(struct app_ctx *ctx, const struct facility *f,
                               const char *day, const struct policy_view *view,
                               long long *n)
{
	struct resident_row *v;
	size_t k;
	struct assess_policy pol = assess_policy_default();
	struct lx_date on, b;

	*n = 0;
	if (view->assessment.has_care)
		for (int l = 0; l < ASSESS_LEVEL__MAX; l++)
			pol.care_of[l] = view->assessment.care_of[l];
	if (date_parse(day, &on) ||
	    resident_store_list(ctx->db, ctx->arena, f->id, day, difficult,
	                        sizeof(difficult) / sizeof(*difficult), &v, &k,
	                        &ctx->err))
		return date_parse(day, &on) ? 0 : -1;
	for (size_t i = 0; i < k; i++) {
		int aged = !date_parse(v[i].birth_date, &b) &&
		           date_age_on(b, on) >= GAOLING_AGE;
		int disabled = v[i].level >= 0 &&
		               v[i].level < ASSESS_LEVEL__MAX &&
		               pol.care_of[v[i].level] == ASSESS_CARE_DISABLED;

		*n += aged || disabled;
	}
	return 0;
}

/* An institution as the engine sees it: its kind, ownership and profit
 * status as categories, and its residents, beds and places as units on
 * the reference day (the year's average for occupied beds). */
static int institution_subject(struct app_ctx *ctx, const struct facility *f,
                               struct period p, const char *day,
                               const struct policy_view *view,
                               struct subsidy_subject *s)
{
	struct subsidy_span *res = arena_alloc(ctx->arena, sizeof(*res));
	struct subsidy_span *cats = arena_alloc(ctx->arena, 4 * sizeof(*cats));
	struct subsidy_unit_count *u = arena_alloc(ctx->arena, 8 * sizeof(*u));
	size_t nc = 0;
	long long hard;

	memset(s, 0, sizeof(*s));
	s->kind = SUBSIDY_INSTITUTION;
	res->code = f->region;
	s->residence = res;
	s->n_residence = 1;
	cats[nc++].code = facility_kind_names.names[f->kind];
	if (f->ownership >= 0)
		cats[nc++].code = ownership_names.names[f->ownership];
	if (f->profit >= 0)
		cats[nc++].code = profit_names.names[f->profit];
	s->categories = cats;
	s->n_categories = nc;
	if (difficult_residents(ctx, f, day, view, &hard))
		return -1;
	u[0] = (struct subsidy_unit_count){ "residents_disabled",
		                            f->cap.residents_disabled };
	u[1] = (struct subsidy_unit_count){ "residents_partly",
		                            f->cap.residents_partly };
	u[2] = (struct subsidy_unit_count){ "occupied_beds",
		                            average_occupied(ctx, f, p) };
	u[3] = (struct subsidy_unit_count){ "affordable_slots",
		                            f->cap.affordable_slots };
	u[4] = (struct subsidy_unit_count){ "beds", f->cap.beds };
	u[5] =
	    (struct subsidy_unit_count){ "nursing_beds", f->cap.nursing_beds };
	u[6] = (struct subsidy_unit_count){ "residents_difficult_aged_disabled",
		                            hard };
	s->units = u;
	s->n_units = 7;
	return 0;
}

static void provider_subject(struct app_ctx *ctx, const struct provider_row *p,
                             struct subsidy_subject *s)
{
	struct subsidy_span *res = arena_alloc(ctx->arena, sizeof(*res));
	struct subsidy_unit_count *u =
	    arena_alloc(ctx->arena, TRAINING_LEVELS * sizeof(*u));

	memset(s, 0, sizeof(*s));
	s->kind = SUBSIDY_PROVIDER;
	res->code = p->region;
	s->residence = res;
	s->n_residence = 1;
	for (int i = 0; i < TRAINING_LEVELS; i++)
		u[i] = (struct subsidy_unit_count){
			arena_printf(ctx->arena, "trainees_%s",
			             training_levels[i]),
			p->counts[i]
		};
	s->units = u;
	s->n_units = TRAINING_LEVELS;
}

int app_subsidy_precheck(struct app_ctx *ctx,
                         const struct subsidy_scheme *scheme,
                         const struct policy_view *view, long long person,
                         struct period p, struct subsidy_result *out)
{
	const struct subsidy_param *params;
	size_t nparams = policy_view_param_values(view, ctx->arena, &params);
	struct subsidy_subject s;
	struct person pr;

	if (person_store_get(ctx->db, ctx->arena, person, &pr, &ctx->err) ||
	    load_person_subject(ctx, &pr, view, &s))
		return -1;
	return subsidy_evaluate(ctx->arena, scheme, &s, p, params, nparams, out,
	                        &ctx->err);
}

/* Another scheme of the exclusive group of the scheme run (就高). */
struct peer {
	const struct subsidy_scheme *scheme;
	struct subsidy_batch batch;
	struct ledger_sum *paid;
	size_t npaid;
};

struct run {
	const struct subsidy_scheme *scheme;
	const struct policy_view *view;
	const char *region;
	struct period period;
	char per[8];
	char ref[11]; /* the scheme's reference day in the period */
	int dry;
	int full_scan; /* read every person, not only those of payable age */
	const struct subsidy_param *params;
	size_t nparams;
	struct ledger_sum *paid; /* this region's lines, by kind and id */
	size_t npaid;
	struct ledger_sum *blocked; /* reversed, not lifted */
	size_t nblocked;
	struct ledger_unit_sum *units; /* one-off schemes: units paid */
	size_t nunits;
	struct hold_row *holds; /* by kind and id */
	size_t nholds;
	struct owed_row *owed; /* beneficiaries owing something */
	size_t nowed;
	struct peer *peers;
	size_t npeers;
	struct subsidy_batch batch; /* the scheme and period, checked once */
	struct verify_run *verify;  /* 生存认证; NULL when not asked */
	long long run_id;
	const struct subsidy_sink *sink; /* NULL: nobody listens */
	/* results */
	long evaluated, eligible, lines, offsets, nexceptions;
	int64_t due, written, offset_fen;
	json_t *preview, *by_region, *by_amount, *exceptions, *warnings;
	json_t *budget; /* the budget's figures, or NULL when none is set */
	struct payee_tally payees; /* who is paid, to check for accounts */
	/* lines whose ids nothing asks for, written many at a time */
	struct ledger_batch pending;
};

static int settle(struct app_ctx *ctx, struct arena *a, struct run *r,
                  long long id, const char *region, const char *name,
                  const struct subsidy_subject *subj);

struct paid_key {
	const char *kind;
	long long id;
};

static int cmp_key(const struct paid_key *k, const char *kind, long long id)
{
	int c = strcmp(k->kind, kind);

	return c ? c : (k->id > id) - (k->id < id);
}

static int cmp_paid(const void *key, const void *elem)
{
	const struct ledger_sum *e = elem;

	return cmp_key(key, e->beneficiary_kind, e->beneficiary_id);
}

/* The sums come ordered by kind and id (ledger_store_sums). */
static const struct ledger_sum *find_sum(const struct ledger_sum *v, size_t n,
                                         const char *kind, long long id)
{
	struct paid_key k = { kind, id };

	return n ? bsearch(&k, v, n, sizeof(*v), cmp_paid) : NULL;
}

/* First index of (kind, id) in v[0..n), an array ordered by kind and id
 * whose elements have the fields beneficiary_kind and beneficiary_id. */
#define LOWER_BOUND(v, n, kind, id, out)                                       \
	do {                                                                   \
		size_t lo_ = 0, hi_ = (n);                                     \
		struct paid_key k_ = { (kind), (id) };                         \
		while (lo_ < hi_) {                                            \
			size_t mid_ = lo_ + (hi_ - lo_) / 2;                   \
			if (cmp_key(&k_, (v)[mid_].beneficiary_kind,           \
			            (v)[mid_].beneficiary_id) > 0)             \
				lo_ = mid_ + 1;                                \
			else                                                   \
				hi_ = mid_;                                    \
		}                                                              \
		(out) = lo_;                                                   \
	} while (0)

static int cmp_id(const void *key, const void *elem)
{
	long long a = *(const long long *)key, b = *(const long long *)elem;

	return (a > b) - (a < b);
}

/* The day before day, or "" when day is not a date. */
static void day_before(const char *day, char out[11])
{
	struct lx_date d;

	if (date_parse(day, &d)) {
		out[0] = '\0';
		return;
	}
	date_format(date_from_days(date_to_days(d) - 1), out);
}

static int hold_applies(const struct hold_row *h, const char *scheme)
{
	return !h->scheme || !strcmp(h->scheme, scheme);
}

/* subj with the beneficiary's holds on scheme as suspensions: from the
 * hold's first day to the day before its lift; a lift with back pay
 * leaves no suspension (the held periods are paid when run again). */
static void with_holds(struct arena *a, const struct run *r, const char *kind,
                       long long id, const struct subsidy_scheme *scheme,
                       const struct subsidy_subject *subj,
                       struct subsidy_subject *out)
{
	size_t i, n = 0;
	struct subsidy_span *sp;

	*out = *subj;
	LOWER_BOUND(r->holds, r->nholds, kind, id, i);
	if (i >= r->nholds || strcmp(r->holds[i].beneficiary_kind, kind) ||
	    r->holds[i].beneficiary_id != id)
		return;
	sp =
	    arena_alloc(a, (subj->n_suspensions + r->nholds - i) * sizeof(*sp));
	for (size_t k = 0; k < subj->n_suspensions; k++)
		sp[n++] = subj->suspensions[k];
	for (; i < r->nholds && !strcmp(r->holds[i].beneficiary_kind, kind) &&
	       r->holds[i].beneficiary_id == id;
	     i++) {
		const struct hold_row *h = &r->holds[i];
		char *to = NULL;

		if (!hold_applies(h, scheme->id) ||
		    (h->lifted_on[0] && scheme->hold_back_pay))
			continue;
		if (h->lifted_on[0]) {
			to = arena_alloc(a, 11);
			day_before(h->lifted_on, to);
			if (strcmp(to, h->from_date) < 0)
				continue; /* lifted the day it began */
		}
		sp[n++] = (struct subsidy_span){ NULL, h->from_date, to };
	}
	out->suspensions = sp;
	out->n_suspensions = n;
}

/* The hold that stops scheme on day, or NULL. */
static const struct hold_row *hold_on(const struct run *r, const char *kind,
                                      long long id, const char *day)
{
	size_t i;

	LOWER_BOUND(r->holds, r->nholds, kind, id, i);
	for (; i < r->nholds && !strcmp(r->holds[i].beneficiary_kind, kind) &&
	       r->holds[i].beneficiary_id == id;
	     i++) {
		const struct hold_row *h = &r->holds[i];

		if (hold_applies(h, r->scheme->id) &&
		    strcmp(h->from_date, day) <= 0 &&
		    (!h->lifted_on[0] || strcmp(h->lifted_on, day) > 0))
			return h;
	}
	return NULL;
}

/* Where the subject lived on day: the code of its residence span. */
static const char *residence_on(const struct subsidy_subject *s,
                                const char *day)
{
	for (size_t i = 0; i < s->n_residence; i++) {
		const struct subsidy_span *sp = &s->residence[i];

		if ((!sp->from || !*sp->from || strcmp(sp->from, day) <= 0) &&
		    (!sp->to || !*sp->to || strcmp(sp->to, day) >= 0))
			return sp->code;
	}
	return NULL;
}

static int holds_code_on(const struct subsidy_subject *s, const char *code,
                         const char *day)
{
	for (size_t i = 0; i < s->n_categories; i++) {
		const struct subsidy_span *sp = &s->categories[i];

		if (!strcmp(sp->code, code) &&
		    (!sp->from || !*sp->from || strcmp(sp->from, day) <= 0) &&
		    (!sp->to || !*sp->to || strcmp(sp->to, day) >= 0))
			return 1;
	}
	return 0;
}

static void exception(struct run *r, const char *kind, long long id,
                      const char *name, const char *region, const char *code,
                      const char *why)
{
	if (r->sink && r->sink->excluded) {
		struct subsidy_line_view v = { code,   kind, id, name,
			                       region, why,  0 };

		r->sink->excluded(r->sink->arg, &v);
	}
	r->nexceptions++;
	if (json_array_size(r->exceptions) < 500)
		json_array_append_new(
		    r->exceptions,
		    json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}",
		              "beneficiary_kind", kind, "beneficiary_id",
		              (json_int_t)id, "beneficiary", name, "region",
		              region, "code", code, "reason", why));
}

static int same_list(const char *const *a, size_t na, const char *const *b,
                     size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++) {
		size_t j = 0;

		while (j < nb && strcmp(a[i], b[j]))
			j++;
		if (j == nb)
			return 0;
	}
	return 1;
}

/* A data gap rather than a rule: the subject holds the status a version
 * is about (any_of: 特困) but none of the distinctions that it and the
 * schemes over the same status require (all_of: 城市, 农村), so no scheme
 * of the kind can pay it. The sentence, or NULL. */
static const char *missing_distinction(struct arena *a, const struct run *r,
                                       const struct subsidy_version *v,
                                       const struct subsidy_subject *s)
{
	struct abuf held, lack;
	int nh = 0, nl = 0;

	if (!v->n_any_of || !v->n_all_of)
		return NULL;
	abuf_init(&held, a);
	abuf_init(&lack, a);
	for (size_t i = 0; i < v->n_any_of; i++)
		if (holds_code_on(s, v->any_of[i], r->ref))
			abuf_printf(&held, "%s%s", nh++ ? "、" : "",
			            subsidy_category_zh(v->any_of[i]));
	if (!nh)
		return NULL;
	for (size_t k = 0; k < r->view->nschemes; k++) {
		const struct subsidy_scheme *o = r->view->schemes[k];

		for (size_t j = 0; j < o->n_versions; j++) {
			const struct subsidy_version *w = &o->versions[j];

			if (!w->n_all_of || !same_list(w->any_of, w->n_any_of,
			                               v->any_of, v->n_any_of))
				continue;
			for (size_t c = 0; c < w->n_all_of; c++) {
				if (holds_code_on(s, w->all_of[c], r->ref))
					return NULL;
				if (!strstr(lack.len ? lack.data : "",
				            subsidy_category_zh(w->all_of[c])))
					abuf_printf(
					    &lack, "%s%s", nl++ ? "或" : "",
					    subsidy_category_zh(w->all_of[c]));
			}
		}
	}
	return arena_printf(a, "登记为%s，但未登记%s类别，无法确定标准，未发放",
	                    held.data, lack.data);
}

static void months_after(const char *day, int months, char out[11])
{
	struct lx_date d;
	int m, dim;

	if (date_parse(day, &d)) {
		out[0] = '\0';
		return;
	}
	m = d.m - 1 + months;
	d.y += m / 12;
	d.m = m % 12 + 1;
	dim = date_days_in_month(d.y, d.m);
	if (d.d > dim)
		d.d = dim;
	date_format(d, out);
}

/* The policy's reassessment interval; where it states none, the interval
 * the person page uses (app/people.c), so that both say the same. */
enum { DEFAULT_VALIDITY_MONTHS = 6 };

static int validity_months(const struct policy_view *v)
{
	return v->assessment.has_validity ? v->assessment.validity_months
	                                  : DEFAULT_VALIDITY_MONTHS;
}

/* The latest assessment on or before the reference day, when the policy's
 * reassessment interval has passed since: its date, or NULL. */
static const char *stale_assessment(const struct run *r,
                                    const struct subsidy_subject *s)
{
	const char *last = NULL;
	char due[11];

	for (size_t i = 0; i < s->n_assessments; i++)
		if (strcmp(s->assessments[i].date, r->ref) <= 0 &&
		    (!last || strcmp(s->assessments[i].date, last) > 0))
			last = s->assessments[i].date;
	if (!last)
		return NULL;
	months_after(last, validity_months(r->view), due);
	return due[0] && strcmp(due, r->ref) <= 0 ? last : NULL;
}

static int uses_care_level(const struct subsidy_scheme *s, int version)
{
	const struct subsidy_version *v;

	if (version < 0 || (size_t)version >= s->n_versions)
		return 0;
	v = &s->versions[version];
	return v->n_care_levels || v->amount.kind == SUBSIDY_AMOUNT_CARE_LEVELS;
}

struct scan {
	struct app_ctx *ctx;
	struct run *r;
	long long *ids; /* people seen, in id order */
	size_t nids, cap;
};

static int settle_scanned(void *arg, struct arena *a,
                          const struct person_scan_row *row)
{
	struct scan *sc = arg;
	struct subsidy_subject s;

	if (sc->nids == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 4096;
		long long *grown = realloc(sc->ids, cap * sizeof(*grown));

		if (!grown)
			return lx_fail(&sc->ctx->err, LX_EINTERNAL, "",
			               "out of memory");
		sc->ids = grown;
		sc->cap = cap;
	}
	sc->ids[sc->nids++] = row->person->id;
	person_subject(a, row->person, row->moves, row->nmoves,
	               row->assessments, row->nassessments, sc->r->view, &s);
	return settle(sc->ctx, a, sc->r, row->person->id, row->person->region,
	              row->person->name, &s);
}

static void tally(json_t *obj, const char *key, int64_t fen)
{
	json_t *e = json_object_get(obj, key);

	if (!e) {
		e = json_pack("{s:I, s:I}", "count", (json_int_t)0, "fen",
		              (json_int_t)0);
		json_object_set_new(obj, key, e);
	}
	json_object_set_new(
	    e, "count",
	    json_integer(json_integer_value(json_object_get(e, "count")) + 1));
	json_object_set_new(
	    e, "fen",
	    json_integer(json_integer_value(json_object_get(e, "fen")) + fen));
}

/* One-off schemes: the units paid to a beneficiary before, in and after
 * the period. */
static void units_paid(struct arena *a, const struct run *r, const char *kind,
                       long long id, struct subsidy_once_paid **out, size_t *n)
{
	size_t i, k = 0;

	LOWER_BOUND(r->units, r->nunits, kind, id, i);
	*out = arena_alloc(a, (r->nunits - i + 1) * sizeof(**out));
	for (; i < r->nunits && !strcmp(r->units[i].beneficiary_kind, kind) &&
	       r->units[i].beneficiary_id == id;
	     i++, k++)
		(*out)[k] = (struct subsidy_once_paid){ r->units[i].unit,
			                                r->units[i].earlier,
			                                r->units[i].here,
			                                r->units[i].later };
	*n = k;
}

static int scheme_names_unit(const struct subsidy_scheme *s, const char *unit)
{
	for (size_t i = 0; i < s->n_versions; i++)
		for (size_t j = 0; j < s->versions[i].amount.n_units; j++)
			if (!strcmp(s->versions[i].amount.units[j].unit, unit))
				return 1;
	return 0;
}

static int64_t here_of(const struct subsidy_once_paid *v, size_t n,
                       const char *unit)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].unit, unit))
			return v[i].here;
	return 0;
}

/* 就高: what the other schemes of the group give the subject and have
 * paid it; X's due is then subsidy_group_due. */
static int group_members(struct app_ctx *ctx, struct arena *a, struct run *r,
                         const char *kind, long long id,
                         const struct subsidy_subject *subj,
                         struct subsidy_group_member **out)
{
	struct subsidy_group_member *m =
	    arena_alloc(a, (r->npeers + 1) * sizeof(*m));

	for (size_t i = 0; i < r->npeers; i++) {
		struct peer *p = &r->peers[i];
		struct subsidy_subject held;
		struct subsidy_result res;
		const struct ledger_sum *e =
		    find_sum(p->paid, p->npaid, kind, id);

		with_holds(a, r, kind, id, p->scheme, subj, &held);
		if (subsidy_batch_decide(&p->batch, a, &held, &res, &ctx->err))
			return -1;
		m[i].name_zh = p->scheme->name_zh;
		m[i].own = res.eligible ? res.fen : 0;
		m[i].paid = e ? e->fen : 0;
	}
	*out = m;
	return 0;
}

/* After a payment to a beneficiary who owes: withhold what it owes from
 * the group just paid, never more than the group's payment. */
static int offset_owed(struct app_ctx *ctx, struct arena *a, struct run *r,
                       const struct ledger_line *l, int64_t group_net)
{
	struct owed_row *o;
	size_t n;
	int64_t owed, already, sent, unsent, take;
	char y[32], rest[32];

	if (recovery_store_owed(ctx->db, a, NULL, l->beneficiary_kind,
	                        l->beneficiary_id, &o, &n, &ctx->err))
		return -1;
	owed = n ? o[0].overpaid - o[0].offset - o[0].repaid : 0;
	if (owed <= 0)
		return 0;
	if (recovery_store_group_offset(ctx->db, l->scheme, l->period,
	                                l->beneficiary_kind, l->beneficiary_id,
	                                &already, &sent, &ctx->err))
		return -1;
	/* only what no bank file has sent yet can be withheld */
	unsent = group_net - already - sent;
	take = owed < unsent ? owed : unsent;
	if (take <= 0)
		return 0;
	r->offsets++;
	r->offset_fen += take;
	return recovery_store_offset(
	    ctx->db, r->run_id, l->id, l->scheme, l->period,
	    l->beneficiary_kind, l->beneficiary_id, l->region, take,
	    arena_printf(a, "抵扣应追缴款%s元，尚欠%s元", subsidy_yuan(take, y),
	                 subsidy_yuan(owed - take, rest)),
	    ctx->who->account_id, ctx->now, &ctx->err);
}

/* A provider of a one-off scheme paying per trainee: *out is subj with the
 * units counted from its certificates of the period not paid in another
 * period; *certs (arena) lists every certificate of the period. */
static int cert_subject(struct app_ctx *ctx, struct arena *a,
                        const struct run *r, long long id,
                        const struct subsidy_subject *subj,
                        struct ledger_cert **certs, size_t *n,
                        struct subsidy_subject *out)
{
	struct subsidy_unit_count *u =
	    arena_alloc(a, TRAINING_LEVELS * sizeof(*u));
	char from[11], to[11];

	period_first_day(r->period, from);
	period_last_day(r->period, to);
	if (ledger_store_certs(ctx->db, a, r->scheme->id, r->per, id, from, to,
	                       certs, n, &ctx->err))
		return -1;
	for (int k = 0; k < TRAINING_LEVELS; k++) {
		u[k].unit = arena_printf(a, "trainees_%s", training_levels[k]);
		u[k].count = 0;
		for (size_t i = 0; i < *n; i++)
			u[k].count +=
			    (*certs)[i].elsewhere <= 0 &&
			    !strcmp((*certs)[i].level, training_levels[k]);
	}
	*out = *subj;
	out->units = u;
	out->n_units = TRAINING_LEVELS;
	if (!*certs)
		*certs = arena_alloc(a, sizeof(**certs)); /* none: still by
		                                           * certificate */
	return 0;
}

/* After a line of a per-certificate scheme: each certificate of the period
 * now paid (not paid elsewhere, its level paid by the scheme) that this
 * period had not paid is recorded +1, each no longer paid −1; the units
 * are the same per level. */
static int record_certs(struct app_ctx *ctx, struct arena *a,
                        const struct run *r, const struct ledger_line *l,
                        const struct subsidy_result *res,
                        const struct ledger_cert *certs, size_t n)
{
	int64_t per_level[TRAINING_LEVELS] = { 0 };

	for (size_t i = 0; i < n; i++) {
		char *unit = arena_printf(a, "trainees_%s", certs[i].level);
		int want = res->eligible && certs[i].elsewhere <= 0 &&
		           scheme_names_unit(r->scheme, unit);
		int have = certs[i].here > 0;

		if (want == have)
			continue;
		if (ledger_store_add_cert(ctx->db, l->id, certs[i].cert_no,
		                          want - have, &ctx->err))
			return -1;
		for (int k = 0; k < TRAINING_LEVELS; k++)
			if (!strcmp(certs[i].level, training_levels[k]))
				per_level[k] += want - have;
	}
	for (int k = 0; k < TRAINING_LEVELS; k++)
		if (per_level[k] &&
		    ledger_store_add_unit(
		        ctx->db, l->id,
		        arena_printf(a, "trainees_%s", training_levels[k]),
		        per_level[k], &ctx->err))
			return -1;
	return 0;
}

/* A dry run shows what a real one would withhold: the same arithmetic
 * over the accounts read at the start, kept up to date in memory. */
static int dry_offset(struct app_ctx *ctx, struct run *r, const char *kind,
                      long long id, int64_t paid, int64_t due)
{
	struct owed_row *o;
	size_t i;
	int64_t already, sent, before, after, owed, take;

	LOWER_BOUND(r->owed, r->nowed, kind, id, i);
	if (i >= r->nowed || strcmp(r->owed[i].beneficiary_kind, kind) ||
	    r->owed[i].beneficiary_id != id)
		return 0;
	o = &r->owed[i];
	if (recovery_store_group_offset(ctx->db, r->scheme->id, r->per, kind,
	                                id, &already, &sent, &ctx->err))
		return -1;
	/* this group's own debt (sent beyond its cash) changes with the
	 * line */
	before = sent - (paid - already);
	after = sent - (due - already);
	o->overpaid += (after > 0 ? after : 0) - (before > 0 ? before : 0);
	owed = o->overpaid - o->offset - o->repaid;
	take = owed < -after ? owed : -after;
	if (take <= 0)
		return 0;
	o->offset += take;
	r->offsets++;
	r->offset_fen += take;
	return 0;
}

/* The reason of a line: the run's own (an application, a region, a
 * hold) or else the engine's, which settle did not have formatted, asked
 * again of the same batch for the same subject; then what was paid back
 * (补发) and the note (就高, one-off units) before it. */
static int line_reason(struct app_ctx *ctx, struct arena *a, struct run *r,
                       const char *kind, long long id, const char *name,
                       const struct subsidy_subject *due_subj, const char *back,
                       const char *note, struct subsidy_result *res)
{
	if (!res->reason_zh) {
		struct subsidy_result full;

		if (subsidy_batch_explain(&r->batch, a, due_subj, &full,
		                          &ctx->err))
			return lx_fail(&ctx->err, ctx->err.code, "",
			               "%s %lld (%s): the reason failed", kind,
			               id, name);
		res->reason_zh = full.reason_zh;
	}
	if (back)
		res->reason_zh =
		    arena_printf(a, "%s。%s", back, res->reason_zh);
	if (note)
		res->reason_zh =
		    arena_printf(a, "%s。%s", note, res->reason_zh);
	return 0;
}

/* One beneficiary: evaluate, compare with what was paid, add the
 * difference as a line. */
static int settle(struct app_ctx *ctx, struct arena *a, struct run *r,
                  long long id, const char *region, const char *name,
                  const struct subsidy_subject *subj0)
{
	struct subsidy_result res;
	const char *kind = kind_name(r->scheme->beneficiary);
	const struct ledger_sum *before = find_sum(r->paid, r->npaid, kind, id);
	int64_t paid, diff, due;
	struct ledger_line l = { 0 };
	struct subsidy_subject held, due_subj;
	struct subsidy_once_paid *units = NULL;
	size_t nunits = 0, ncerts = 0;
	struct ledger_cert *certs = NULL;
	const char *note = NULL, *line_region = region, *lived = NULL;
	const char *back_note = NULL; /* 补发, before the reason */
	char county[13];

	r->evaluated++;
	with_holds(a, r, kind, id, r->scheme, subj0, &held);
	due_subj = held;
	if (r->scheme->frequency == SUBSIDY_ONCE &&
	    r->scheme->beneficiary == SUBSIDY_PROVIDER) {
		/* trainees are counted by certificate: each certificate of
		 * the period not paid in another period */
		if (cert_subject(ctx, a, r, id, &held, &certs, &ncerts,
		                 &due_subj))
			return -1;
	} else if (r->scheme->frequency == SUBSIDY_ONCE) {
		/* stock units (slots, beds): those not paid before */
		units_paid(a, r, kind, id, &units, &nunits);
		subsidy_once_subject(a, &held, units, nunits, &due_subj);
	}
	/* the engine's reason is formatted below only for a line written */
	if (subsidy_batch_decide(&r->batch, a, &due_subj, &res, &ctx->err)) {
		char msg[sizeof(ctx->err.message)];
		char field[sizeof(ctx->err.field)];

		/* lx_fail writes into the buffers it would read from */
		snprintf(msg, sizeof(msg), "%s", ctx->err.message);
		snprintf(field, sizeof(field), "%s", ctx->err.field);
		return lx_fail(&ctx->err, ctx->err.code, field,
		               "%s %lld (%s): %s", kind, id, name, msg);
	}
	if (r->scheme->beneficiary == SUBSIDY_PERSON) {
		lived = residence_on(subj0, r->ref);
		if (lived)
			line_region = lived;
	}
	if (res.eligible && r->scheme->requires_application &&
	    r->scheme->beneficiary == SUBSIDY_PERSON) {
		char from[8];

		/* 网上申办: paid from the period the approval names */
		application_store_approved_from(ctx->db, id, r->scheme->id,
		                                from);
		if (!from[0] || strcmp(r->per, from) < 0) {
			res.eligible = 0;
			res.fen = 0;
			res.reason_zh =
			    from[0]
			        ? arena_printf(a, "申请获批，自%s起发放", from)
			        : "未经申请审批，不发放";
		}
	}
	/* a run over a region pays those who lived in it on the reference
	 * day; the region they lived in then pays the others */
	if (res.eligible && r->region[0] && lived &&
	    !region_code_is_within(lived, r->region)) {
		res.eligible = 0;
		res.fen = 0;
		res.reason_zh = arena_printf(
		    a, "%s居住在本区划外，由当时居住地发放", r->ref);
	}
	/* data reasons for not paying, listed with the run */
	if (res.outcome == SUBSIDY_SUSPENDED) {
		const struct hold_row *h = hold_on(r, kind, id, r->ref);

		if (h)
			exception(r, kind, id, name, line_region, "hold",
			          arena_printf(a, "暂停发放（自%s起）：%s",
			                       h->from_date, h->reason));
	} else if (res.outcome == SUBSIDY_CATEGORY && res.version >= 0) {
		const char *why = missing_distinction(
		    a, r, &r->scheme->versions[res.version], subj0);

		if (why)
			exception(r, kind, id, name, line_region,
			          "category_missing", why);
	}
	if (res.eligible && uses_care_level(r->scheme, res.version)) {
		const char *last = stale_assessment(r, subj0);

		if (last) {
			exception(r, kind, id, name, line_region,
			          "assessment_stale",
			          arena_printf(
			              a, "能力评估（%s）已超过%d个月复评期限%s",
			              last, validity_months(r->view),
			              r->scheme->withhold_stale_assessment
			                  ? "，待复评后发放"
			                  : "，仍按原等级发放"));
			if (r->scheme->withhold_stale_assessment) {
				res.eligible = 0;
				res.fen = 0;
				res.reason_zh = arena_printf(
				    a, "能力评估（%s）已超过复评期限，待复评",
				    last);
			}
		}
	}
	if (res.eligible && r->verify) {
		const char *lapsed, *back;

		if (verify_run_check(ctx, a, r->verify, id, &lapsed, &back))
			return -1;
		if (lapsed) {
			exception(r, kind, id, name, line_region,
			          "verification_lapsed", lapsed);
			res.eligible = 0;
			res.fen = 0;
			res.reason_zh = lapsed;
		} else if (back) {
			back_note = back;
		}
	}
	if (res.eligible && r->scheme->beneficiary == SUBSIDY_INSTITUTION) {
		const char *code, *why;

		/* a black listing or a membership refuses support kinds */
		if (credit_bite_subsidy(ctx, r->view, id, r->scheme->support,
		                        r->ref, &code, &why))
			return -1;
		if (why) {
			exception(r, kind, id, name, line_region, code, why);
			res.eligible = 0;
			res.fen = 0;
			res.reason_zh = why;
			back_note = NULL;
		}
	}
	due = res.eligible ? res.fen : 0;
	if (res.eligible && r->npeers) {
		struct subsidy_group_member *m;

		if (group_members(ctx, a, r, kind, id, &held, &m))
			return -1;
		due = subsidy_group_due(res.fen, m, r->npeers, NULL);
		if (due < res.fen)
			note = subsidy_group_note(a, m, r->npeers);
	}
	if (res.eligible && certs) {
		long before_n = 0;

		for (size_t i = 0; i < ncerts; i++)
			before_n += certs[i].elsewhere > 0;
		if (before_n)
			note = arena_printf(
			    a,
			    "本期证书%zu本，其中%ld本已在其他期补助，不再发放",
			    ncerts, before_n);
	} else if (res.eligible && r->scheme->frequency == SUBSIDY_ONCE &&
	           res.version >= 0) {
		const char *once =
		    subsidy_once_note(a, &r->scheme->versions[res.version],
		                      &due_subj, units, nunits);

		if (once)
			note =
			    note ? arena_printf(a, "%s；%s", once, note) : once;
	}
	paid = before ? before->fen : 0;
	if (res.eligible) {
		r->eligible++;
		r->due += due;
	}
	{
		const struct ledger_sum *b =
		    find_sum(r->blocked, r->nblocked, kind, id);

		/* a reversal stands until an official lifts it */
		if (b) {
			exception(
			    r, kind, id, name, line_region, "reversed",
			    arena_printf(a,
			                 "已冲正（第%ld笔），恢复发放前不再"
			                 "发放",
			                 b->lines));
			return 0;
		}
	}
	diff = due - paid;
	if (!diff)
		return 0;
	if (line_reason(ctx, a, r, kind, id, name, &due_subj, back_note, note,
	                &res))
		return -1;
	/* a line keeps the region of the beneficiary's earlier lines, so
	 * that the region which paid settles it */
	if (before && before->region[0])
		line_region = before->region;
	l.run_id = r->run_id;
	l.scheme = (char *)r->scheme->id;
	snprintf(l.period, sizeof(l.period), "%s", r->per);
	snprintf(l.beneficiary_kind, sizeof(l.beneficiary_kind), "%s", kind);
	l.beneficiary_id = id;
	snprintf(l.region, sizeof(l.region), "%s", line_region);
	l.fen = diff;
	if (!paid) {
		snprintf(l.kind, sizeof(l.kind), "payment");
		l.reason = (char *)res.reason_zh;
	} else {
		char due_y[32], paid_y[32];

		snprintf(l.kind, sizeof(l.kind), "adjustment");
		l.reason = arena_printf(
		    a, "调整：应发%s元，已发%s元。%s", subsidy_yuan(due, due_y),
		    subsidy_yuan(paid, paid_y), res.reason_zh);
	}
	r->lines++;
	r->written += diff;
	if (diff > 0)
		payee_tally_add(ctx->arena, &r->payees, kind, id, diff);
	/* summaries by county and by amount */
	memcpy(county, line_region, 6);
	memcpy(county + 6, "000000", 7);
	tally(r->by_region, county, diff);
	tally(r->by_amount, arena_printf(a, "%lld", (long long)diff), diff);
	if (json_array_size(r->preview) < 200)
		json_array_append_new(
		    r->preview,
		    json_pack("{s:s, s:I, s:s, s:s, s:I, s:s}", "kind", l.kind,
		              "beneficiary_id", (json_int_t)id, "beneficiary",
		              name, "region", line_region, "fen",
		              (json_int_t)diff, "reason", l.reason));
	if (r->sink && r->sink->line) {
		struct subsidy_line_view v = { l.kind,      kind,     id,  name,
			                       line_region, l.reason, diff };

		if (r->sink->line(r->sink->arg, &v))
			return lx_fail(&ctx->err, LX_EINTERNAL, "",
			               "out of memory");
	}
	if (r->dry)
		return diff > 0 && r->nowed
		           ? dry_offset(ctx, r, kind, id, paid, due)
		           : 0;
	/* a person's line of a periodic scheme with no one owing: its id is
	 * not needed (no units, certificates or offsets hang on it) */
	if (r->scheme->beneficiary == SUBSIDY_PERSON &&
	    r->scheme->frequency != SUBSIDY_ONCE && !r->nowed)
		return ledger_store_add_later(ctx->db, ctx->arena, &r->pending,
		                              &l, ctx->who->account_id,
		                              ctx->now, &ctx->err);
	if (ledger_store_flush(ctx->db, &r->pending, &ctx->err) ||
	    ledger_store_add(ctx->db, &l, ctx->who->account_id, ctx->now,
	                     &ctx->err))
		return -1;
	/* the certificates and units this line paid (or took back) */
	if (certs && record_certs(ctx, a, r, &l, &res, certs, ncerts))
		return -1;
	for (size_t i = 0; !certs && r->scheme->frequency == SUBSIDY_ONCE &&
	                   i < due_subj.n_units;
	     i++) {
		const char *u = due_subj.units[i].unit;
		int64_t now = (res.eligible ? due_subj.units[i].count : 0) -
		              here_of(units, nunits, u);

		if (now && scheme_names_unit(r->scheme, u) &&
		    ledger_store_add_unit(ctx->db, l.id, u, now, &ctx->err))
			return -1;
	}
	if (diff > 0 && r->nowed) {
		size_t i;

		LOWER_BOUND(r->owed, r->nowed, kind, id, i);
		if (i < r->nowed &&
		    !strcmp(r->owed[i].beneficiary_kind, kind) &&
		    r->owed[i].beneficiary_id == id &&
		    offset_owed(ctx, a, r, &l, due))
			return -1;
	}
	return 0;
}

/* The other schemes of the run's exclusive group, each with its batch and
 * what it paid in the region. A scheme that cannot be evaluated (a
 * parameter without a value) is left out, with a warning. */
static int load_peers(struct app_ctx *ctx, struct run *r)
{
	const struct subsidy_scheme *x = r->scheme;

	if (!x->group || !*x->group)
		return 0;
	r->peers = arena_alloc(ctx->arena,
	                       (r->view->nschemes + 1) * sizeof(*r->peers));
	for (size_t i = 0; i < r->view->nschemes; i++) {
		const struct subsidy_scheme *y = r->view->schemes[i];
		struct peer *p = &r->peers[r->npeers];
		struct lx_error e = { 0 };

		if (y == x || !y->group || strcmp(y->group, x->group) ||
		    y->beneficiary != x->beneficiary ||
		    y->frequency != x->frequency)
			continue;
		if (subsidy_batch_init(&p->batch, y, r->period, r->params,
		                       r->nparams, &e)) {
			json_array_append_new(
			    r->warnings,
			    json_sprintf("同组项目“%s”缺少参数值，就高时未计入",
			                 y->name_zh));
			continue;
		}
		p->scheme = y;
		if (ledger_store_sums(ctx->db, ctx->arena, y->id, r->per,
		                      r->region, &p->paid, &p->npaid,
		                      &ctx->err))
			return -1;
		r->npeers++;
	}
	return 0;
}

static int load_run(struct app_ctx *ctx, struct run *r)
{
	size_t n = 0;

	if (r->scheme->ref_day == SUBSIDY_REF_PERIOD_START)
		period_first_day(r->period, r->ref);
	else
		period_last_day(r->period, r->ref);
	if (ledger_store_sums(ctx->db, ctx->arena, r->scheme->id, r->per,
	                      r->region, &r->paid, &r->npaid, &ctx->err) ||
	    ledger_store_blocked(ctx->db, ctx->arena, r->scheme->id, r->per,
	                         &r->blocked, &r->nblocked, &ctx->err) ||
	    hold_store_list(ctx->db, ctx->arena, NULL, NULL, 0, &r->holds,
	                    &r->nholds, &ctx->err) ||
	    recovery_store_owed(ctx->db, ctx->arena, NULL, NULL, 0, &r->owed,
	                        &r->nowed, &ctx->err))
		return -1;
	if (r->scheme->frequency == SUBSIDY_ONCE &&
	    ledger_store_unit_sums(ctx->db, ctx->arena, r->scheme->id, r->per,
	                           &r->units, &r->nunits, &ctx->err))
		return -1;
	/* only those who still owe */
	for (size_t i = 0; i < r->nowed; i++)
		if (r->owed[i].overpaid - r->owed[i].offset -
		        r->owed[i].repaid >
		    0)
			r->owed[n++] = r->owed[i];
	r->nowed = n;
	if (verify_run_load(ctx, r->scheme, r->period, &r->verify))
		return -1;
	return load_peers(ctx, r);
}

static int run_in_tx(struct app_ctx *ctx, void *arg)
{
	struct run *r = arg;
	char as_of[11];

	period_last_day(r->period, as_of);
	if (subsidy_batch_init(&r->batch, r->scheme, r->period, r->params,
	                       r->nparams, &ctx->err))
		return -1;
	if (load_run(ctx, r))
		return -1;
	if (!r->dry && ledger_store_run(ctx->db, r->scheme->id, r->per,
	                                r->region, ctx->who->account_id,
	                                ctx->now, &r->run_id, &ctx->err))
		return -1;
	if (r->scheme->beneficiary == SUBSIDY_PERSON) {
		struct scan sc = { .ctx = ctx, .r = r };
		char born[11];
		int rc;

		subsidy_youngest_birth(r->scheme, as_of, born);
		rc = person_store_scan_born(ctx->db, r->region,
		                            r->full_scan ? NULL : born,
		                            settle_scanned, &sc, &ctx->err);
		long long *movers = NULL;
		size_t nmovers = 0;

		/* those the region paid for this period who have since moved
		 * out, and those who lived in it on the reference day and
		 * moved out after it: not listed there any more, yet the
		 * region settles them (the ledger read whole first) */
		if (!rc)
			rc =
			    ledger_store_flush(ctx->db, &r->pending, &ctx->err);
		if (!rc && r->region[0])
			rc = ledger_store_movers(ctx->db, ctx->arena, r->region,
			                         r->ref, &movers, &nmovers,
			                         &ctx->err);
		for (size_t k = 0; !rc && k < r->npaid + nmovers; k++) {
			struct subsidy_subject s;
			struct person p;
			long long pid;

			if (k < r->npaid) {
				if (strcmp(r->paid[k].beneficiary_kind,
				           "person"))
					continue;
				pid = r->paid[k].beneficiary_id;
			} else {
				pid = movers[k - r->npaid];
				if (find_sum(r->paid, r->npaid, "person", pid))
					continue;
			}
			if ((sc.nids && bsearch(&pid, sc.ids, sc.nids,
			                        sizeof(*sc.ids), cmp_id)) ||
			    person_store_get(ctx->db, ctx->arena, pid, &p,
			                     NULL))
				continue;
			rc = load_person_subject(ctx, &p, r->view, &s) ||
			     settle(ctx, ctx->arena, r, p.id, p.region, p.name,
			            &s);
		}
		free(sc.ids);
		if (rc)
			return -1;
	} else if (r->scheme->beneficiary == SUBSIDY_INSTITUTION) {
		struct facility_query q = { .region = r->region,
			                    .kind = -1,
			                    .ownership = -1,
			                    .filing = -1,
			                    .status = FSTATUS_OPEN,
			                    .as_of = as_of,
			                    .today = ctx->today,
			                    .sort = "id" };
		struct facility *v;
		size_t n;
		long long total;

		if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
		                        &ctx->err))
			return -1;
		for (size_t i = 0; i < n; i++) {
			struct subsidy_subject s;

			if (institution_subject(ctx, &v[i], r->period, r->ref,
			                        r->view, &s) ||
			    settle(ctx, ctx->arena, r, v[i].id, v[i].region,
			           v[i].name, &s))
				return -1;
		}
	} else {
		struct provider_row *v;
		size_t n;
		char from[11];

		/* the trainees certified within the period are its units */
		period_first_day(r->period, from);
		if (training_store_providers(ctx->db, ctx->arena, r->region,
		                             from, as_of, &v, &n, &ctx->err))
			return -1;
		for (size_t i = 0; i < n; i++) {
			struct subsidy_subject s;

			provider_subject(ctx, &v[i], &s);
			if (settle(ctx, ctx->arena, r, v[i].id, v[i].region,
			           v[i].name, &s))
				return -1;
		}
	}
	if (ledger_store_flush(ctx->db, &r->pending, &ctx->err) ||
	    app_budget_check(ctx, r->scheme, r->region, r->per, r->dry,
	                     r->written, &r->budget, r->warnings))
		return -1;
	if (r->sink && r->sink->finish &&
	    r->sink->finish(ctx, r->sink->arg, r->run_id))
		return -1;
	if (r->dry)
		return 0;
	if (ledger_store_run_done(ctx->db, r->run_id, r->lines, r->written,
	                          &ctx->err))
		return -1;
	{
		json_t *after =
		    json_pack("{s:s, s:s, s:I, s:I}", "scheme", r->scheme->id,
		              "period", r->per, "lines", (json_int_t)r->lines,
		              "fen", (json_int_t)r->written);
		int ret = app_audit(ctx, "run", "subsidy",
		                    arena_printf(ctx->arena, "%lld", r->run_id),
		                    NULL, after);

		json_decref(after);
		return ret;
	}
}

json_t *app_subsidy_run(struct app_ctx *ctx, json_t *body)
{
	return app_subsidy_run_sink(ctx, body, NULL);
}

json_t *app_subsidy_run_sink(struct app_ctx *ctx, json_t *body,
                             const struct subsidy_sink *sink)
{
	static const char *const keys[] = { "scheme",  "period",    "region",
		                            "dry_run", "full_scan", NULL };
	const char *sid = json_string_value(json_object_get(body, "scheme"));
	const char *per = json_string_value(json_object_get(body, "period"));
	json_t *q;
	struct policy_view view;
	struct run r = { 0 };
	json_t *out;
	char yuan[32];

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!may_run(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials run payments"),
		       NULL;
	q = json_pack("{s:s}", "region",
	              json_string_value(json_object_get(body, "region"))
	                  ? json_string_value(json_object_get(body, "region"))
	                  : "");
	if (app_visible_region(ctx, q, &r.region)) {
		json_decref(q);
		return NULL;
	}
	r.region = arena_strdup(ctx->arena, r.region);
	json_decref(q);
	if (app_policy_view(ctx, r.region, &view))
		return NULL;
	r.view = &view;
	if (!sid || !(r.scheme = policy_view_scheme(&view, sid)))
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "no scheme '%.60s' applies to '%s'",
		               sid ? sid : "", r.region),
		       NULL;
	if (period_parse(per, &r.period, &ctx->err, "period"))
		return NULL;
	if ((r.scheme->frequency == SUBSIDY_MONTHLY &&
	     r.period.kind != PERIOD_MONTH) ||
	    (r.scheme->frequency == SUBSIDY_YEARLY &&
	     r.period.kind != PERIOD_YEAR))
		return lx_fail(
		           &ctx->err, LX_EINVALID, "period",
		           "'%s' is paid %s: give a period like %s",
		           r.scheme->id,
		           r.scheme->frequency == SUBSIDY_MONTHLY ? "monthly"
		                                                  : "yearly",
		           r.scheme->frequency == SUBSIDY_MONTHLY ? "2025-03"
		                                                  : "2025"),
		       NULL;
	period_format(r.period, r.per);
	r.dry = json_is_true(json_object_get(body, "dry_run"));
	r.full_scan = json_is_true(json_object_get(body, "full_scan"));
	r.sink = sink;
	/* a scheme paid after three steps is written by its approval alone
	 * (app/approval.c); the command line's operator is exempt
	 * (docs/api.md "Three-step approval") */
	if (!r.dry && !sink && r.scheme->approval_steps &&
	    ctx->who != &app_system_principal)
		return lx_fail(&ctx->err, LX_ECONFLICT, "dry_run",
		               "'%s' is paid after three steps: prepare a "
		               "batch (POST /api/v1/subsidies/batches), have "
		               "it checked and approved",
		               r.scheme->id),
		       NULL;
	/* parameters the user has set; one with no value makes a scheme
	 * that needs it refuse, naming it */
	r.nparams = policy_view_param_values(&view, ctx->arena, &r.params);
	r.preview = json_array();
	r.by_region = json_object();
	r.by_amount = json_object();
	r.exceptions = json_array();
	r.warnings = json_array();
	if (app_transaction(ctx, run_in_tx, &r)) {
		json_decref(r.preview);
		json_decref(r.by_region);
		json_decref(r.by_amount);
		json_decref(r.exceptions);
		json_decref(r.warnings);
		json_decref(r.budget);
		return NULL;
	}
	out = json_pack("{s:s, s:s, s:s, s:b, s:I, s:i, s:i, s:I, s:I, s:I,"
	                " s:s, s:o, s:o, s:o}",
	                "scheme", r.scheme->id, "period", r.per, "region",
	                r.region, "dry_run", r.dry, "run_id",
	                (json_int_t)r.run_id, "evaluated", (int)r.evaluated,
	                "eligible", (int)r.eligible, "due_fen",
	                (json_int_t)r.due, "lines", (json_int_t)r.lines,
	                "lines_fen", (json_int_t)r.written, "lines_yuan",
	                subsidy_yuan(r.written, yuan), "by_region", r.by_region,
	                "by_amount", r.by_amount, "lines_preview", r.preview);
	json_object_set_new(out, "exceptions", r.exceptions);
	json_object_set_new(out, "exceptions_count",
	                    json_integer(r.nexceptions));
	json_object_set_new(out, "warnings", r.warnings);
	json_object_set_new(out, "offsets", json_integer(r.offsets));
	json_object_set_new(out, "offsets_fen", json_integer(r.offset_fen));
	json_object_set_new(out, "budget", r.budget ? r.budget : json_null());
	if (payee_run_exceptions(ctx, &r.payees, out)) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static json_t *line_json_base(const struct ledger_line *l);

/* "affordable_slots:30,beds:2" as {"affordable_slots": 30, "beds": 2}. */
static json_t *units_json(const char *text)
{
	json_t *o = json_object();

	while (text && *text) {
		const char *colon = strchr(text, ':');
		const char *end = strchr(text, ',');
		char unit[128];

		if (!colon || (end && end < colon))
			break;
		snprintf(unit, sizeof(unit), "%.*s", (int)(colon - text), text);
		json_object_set_new(o, unit,
		                    json_integer(strtoll(colon + 1, NULL, 10)));
		text = end ? end + 1 : NULL;
	}
	return o;
}

static json_t *line_json(const struct ledger_line *l)
{
	json_t *o = line_json_base(l);

	if (l->units)
		json_object_set_new(o, "units", units_json(l->units));
	if (!strcmp(l->kind, "reversal"))
		json_object_set_new(o, "lifted", json_boolean(l->lifted));
	else /* the page offers 冲正 only for a line not yet taken back */
		json_object_set_new(o, "reversed", json_boolean(l->reversed));
	return o;
}

static json_t *line_json_base(const struct ledger_line *l)
{
	char yuan[32];

	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:I, s:s,"
	                 " s:s, s:o, s:s}",
	                 "id", (json_int_t)l->id, "run_id",
	                 (json_int_t)l->run_id, "scheme", l->scheme, "period",
	                 l->period, "beneficiary_kind", l->beneficiary_kind,
	                 "beneficiary_id", (json_int_t)l->beneficiary_id,
	                 "region", l->region, "kind", l->kind, "fen",
	                 (json_int_t)l->fen, "yuan", subsidy_yuan(l->fen, yuan),
	                 "reason", l->reason, "reverses",
	                 l->reverses ? json_integer(l->reverses) : json_null(),
	                 "created_at", l->created_at);
}

static int list_lines(struct app_ctx *ctx, json_t *params,
                      struct ledger_line **v, size_t *n, const char **where)
{
	static const char *const allowed[] = { "scheme", "period", "region",
		                               NULL };
	const char *region;

	if (!may_run(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "the ledger is for administrators and city and "
		               "county officials");
	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return -1;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", region);
	if (where)
		*where = region;
	return ledger_store_list(
	    ctx->db, ctx->arena, param_str(params, "scheme"),
	    param_str(params, "period"), region, v, n, &ctx->err);
}

json_t *app_subsidy_schemes(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	struct policy_view view;
	const char *region;
	json_t *items;

	/* families see them too: an application names its scheme */
	if (!may_run(ctx) && ctx->who->role != ROLE_FAMILY)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "schemes are listed for officials and families"),
		       NULL;
	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	if (!region)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "give the 'region' whose schemes to list"),
		       NULL;
	if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", region),
		       NULL;
	if (app_policy_view(ctx, region, &view))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < view.nschemes; i++) {
		const struct subsidy_scheme *s = view.schemes[i];

		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s?}", "id",
		              s->id, "name_zh", s->name_zh, "name_en",
		              s->name_en ? s->name_en : s->id, "beneficiary",
		              subsidy_beneficiary_names.names[s->beneficiary],
		              "frequency",
		              subsidy_frequency_names.names[s->frequency],
		              "requires_application", s->requires_application,
		              "group",
		              s->group && *s->group ? s->group : NULL));
	}
	return json_pack("{s:s, s:o}", "region", region, "items", items);
}

json_t *app_ledger_list(struct app_ctx *ctx, json_t *params)
{
	struct ledger_line *v;
	size_t n, from = 0, to;
	int64_t total = 0;
	long page = 1, per_page = 0;
	int paged = json_object_get(params, "page") ||
	            json_object_get(params, "per_page");
	json_t *items, *rest, *out;

	/* a page of the lines when asked (a month's ledger of a county runs
	 * to tens of thousands), else all of them; the total and the count
	 * are of every line either way */
	if (paged &&
	    (param_long(params, "page", 1, 1, 1000000, &page, &ctx->err) ||
	     param_long(params, "per_page", 50, 1, 1000, &per_page, &ctx->err)))
		return NULL;
	rest = json_copy(params);
	json_object_del(rest, "page");
	json_object_del(rest, "per_page");
	if (list_lines(ctx, rest, &v, &n, NULL)) {
		json_decref(rest);
		return NULL;
	}
	json_decref(rest);
	to = n;
	if (paged) {
		from = (size_t)(page - 1) * (size_t)per_page;
		from = from < n ? from : n;
		to = n - from < (size_t)per_page ? n : from + (size_t)per_page;
	}
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		total += v[i].fen;
		if (i >= from && i < to)
			json_array_append_new(items, line_json(&v[i]));
	}
	out = json_pack("{s:o, s:I, s:I}", "items", items, "total_fen",
	                (json_int_t)total, "count", (json_int_t)n);
	if (paged) {
		json_object_set_new(out, "page", json_integer(page));
		json_object_set_new(out, "per_page", json_integer(per_page));
	}
	return out;
}

/* A bank row: the lines of one beneficiary, scheme and period. */
struct bank_group {
	const struct ledger_line *first, *last; /* first and latest line */
	size_t pos;                             /* first line's place */
	int64_t net, offset, sent;
};

static int cmp_group_key(const char *kind_a, long long id_a,
                         const char *scheme_a, const char *period_a,
                         const char *kind_b, long long id_b,
                         const char *scheme_b, const char *period_b)
{
	int c = strcmp(kind_a, kind_b);

	if (c)
		return c;
	if (id_a != id_b)
		return id_a < id_b ? -1 : 1;
	c = strcmp(scheme_a, scheme_b);
	return c ? c : strcmp(period_a, period_b);
}

static int cmp_line_ptr(const void *x, const void *y)
{
	const struct ledger_line *a = *(const struct ledger_line *const *)x;
	const struct ledger_line *b = *(const struct ledger_line *const *)y;
	int c = cmp_group_key(a->beneficiary_kind, a->beneficiary_id, a->scheme,
	                      a->period, b->beneficiary_kind, b->beneficiary_id,
	                      b->scheme, b->period);

	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int cmp_offset(const void *x, const void *y)
{
	const struct offset_sum *a = x, *b = y;

	return cmp_group_key(a->beneficiary_kind, a->beneficiary_id, a->scheme,
	                     a->period, b->beneficiary_kind, b->beneficiary_id,
	                     b->scheme, b->period);
}

static int cmp_group_pos(const void *x, const void *y)
{
	const struct bank_group *a = x, *b = y;

	return (a->pos > b->pos) - (a->pos < b->pos);
}

static int64_t group_sum(const struct offset_sum *v, size_t n,
                         const struct ledger_line *l)
{
	struct offset_sum key = { 0 };
	const struct offset_sum *o;

	key.scheme = l->scheme;
	snprintf(key.period, sizeof(key.period), "%s", l->period);
	snprintf(key.beneficiary_kind, sizeof(key.beneficiary_kind), "%s",
	         l->beneficiary_kind);
	key.beneficiary_id = l->beneficiary_id;
	o = n ? bsearch(&key, v, n, sizeof(*v), cmp_offset) : NULL;
	return o ? o->fen : 0;
}

/* The bank file of the lines params select; with send, its rows are
 * recorded as sent (in the caller's transaction). */
static int bank_file(struct app_ctx *ctx, json_t *params, int send,
                     const struct payee_bank_opts *opts,
                     struct payee_bank_file *f)
{
	struct ledger_line *v;
	const struct ledger_line **by;
	struct offset_sum *off, *sent;
	struct sent_row *sr;
	struct bank_group *g;
	struct payee_due *due;
	const char *region;
	size_t n, noff, nsent, ng = 0, rows = 0, ndue = 0;
	long long export_id = 0;
	char oy[32];

	if (list_lines(ctx, params, &v, &n, &region) ||
	    recovery_store_offsets(
	        ctx->db, ctx->arena, param_str(params, "scheme"),
	        param_str(params, "period"), region, &off, &noff, &ctx->err) ||
	    recovery_store_sent(
	        ctx->db, ctx->arena, param_str(params, "scheme"),
	        param_str(params, "period"), region, &sent, &nsent, &ctx->err))
		return -1;
	/* one row per beneficiary, scheme and period: the lines sorted by
	 * that key fall into runs, so grouping is a sort and one pass
	 * (n log n, where comparing every pair took n²) */
	by = arena_alloc(ctx->arena, (n + 1) * sizeof(*by));
	g = arena_alloc(ctx->arena, (n + 1) * sizeof(*g));
	for (size_t i = 0; i < n; i++)
		by[i] = &v[i];
	qsort(by, n, sizeof(*by), cmp_line_ptr);
	if (noff)
		qsort(off, noff, sizeof(*off), cmp_offset);
	if (nsent)
		qsort(sent, nsent, sizeof(*sent), cmp_offset);
	sr = arena_alloc(ctx->arena, (n + 1) * sizeof(*sr));
	for (size_t i = 0; i < n; i++) {
		const struct ledger_line *l = by[i];

		if (!ng || cmp_group_key(l->beneficiary_kind, l->beneficiary_id,
		                         l->scheme, l->period,
		                         g[ng - 1].first->beneficiary_kind,
		                         g[ng - 1].first->beneficiary_id,
		                         g[ng - 1].first->scheme,
		                         g[ng - 1].first->period))
			g[ng++] = (struct bank_group){
				l,
				l,
				(size_t)(l - v),
				0,
				group_sum(off, noff, l),
				group_sum(sent, nsent, l),
			};
		g[ng - 1].net += l->fen;
		g[ng - 1].last = l; /* the latest says why */
	}
	qsort(g, ng, sizeof(*g), cmp_group_pos);
	/* what was withheld against an amount owed and what earlier files
	 * sent are not paid again; a group below that was overpaid: it is on
	 * the list of amounts owed, never a negative row */
	due = arena_alloc(ctx->arena, (ng + 1) * sizeof(*due));
	for (size_t i = 0; i < ng; i++) {
		int64_t cash = g[i].net - g[i].offset - g[i].sent;
		const struct ledger_line *l = g[i].first;

		if (cash <= 0)
			continue;
		due[ndue++] = (struct payee_due){
			.scheme = l->scheme,
			.period = l->period,
			.kind = l->beneficiary_kind,
			.region = l->region,
			.id = l->beneficiary_id,
			.fen = cash,
			.reason = g[i].offset
			              ? arena_printf(
			                    ctx->arena, "%s；抵扣应追缴款%s元",
			                    g[i].last->reason,
			                    subsidy_yuan(g[i].offset, oy))
			              : g[i].last->reason,
		};
	}
	/* the file is laid out by the bank's template; a payee without an
	 * account is not in it, and stays to send */
	if (payee_bank_render(ctx, opts, due, ndue, f))
		return -1;
	if (send && f->internal)
		return lx_fail(&ctx->err, LX_EINVALID, "template",
		               "template '%s' is for checking the ledger, not "
		               "for a bank: nothing was recorded as sent",
		               f->template_name);
	for (size_t i = 0; i < ndue; i++)
		if (due[i].included)
			sr[rows++] =
			    (struct sent_row){ due[i].scheme, due[i].period,
				               due[i].kind,   due[i].region,
				               due[i].id,     due[i].fen };
	if (!strcmp(opts->format, "summary"))
		return 0;
	if (send && recovery_store_export(
	                ctx->db, region, param_str(params, "scheme"),
	                param_str(params, "period"), sr, rows, f->total,
	                ctx->who->account_id, ctx->now, &export_id, &ctx->err))
		return -1;
	{
		json_t *after =
		    json_pack("{s:I, s:I, s:b, s:s, s:s, s:s, s:I}", "rows",
		              (json_int_t)rows, "fen", (json_int_t)f->total,
		              "sent", send, "format", opts->format, "template",
		              f->template_name, "encoding", f->encoding,
		              "without_account", (json_int_t)f->nexceptions);
		int ret = app_audit(
		    ctx, send ? "send" : "export", "ledger",
		    send ? arena_printf(ctx->arena, "%lld", export_id) : "",
		    NULL, after);

		json_decref(after);
		return ret;
	}
}

/* params with the file's options taken out into opts. */
static json_t *file_params(struct app_ctx *ctx, json_t *params,
                           struct payee_bank_opts *opts)
{
	json_t *q = json_deep_copy(params);

	if (!q)
		q = json_object();
	if (payee_bank_opts_take(ctx, q, opts)) {
		json_decref(q);
		return NULL;
	}
	return q;
}

int app_ledger_bank_file(struct app_ctx *ctx, json_t *params,
                         struct payee_bank_file *out)
{
	struct payee_bank_opts opts;
	json_t *q = file_params(ctx, params, &opts);
	int ret;

	if (!q)
		return -1;
	if (!strcmp(opts.format, "summary"))
		opts.format = "csv";
	memset(out, 0, sizeof(*out));
	ret = bank_file(ctx, q, 0, &opts, out);
	json_decref(q);
	if (ret) {
		json_decref(out->exceptions);
		out->exceptions = NULL;
	}
	return ret;
}

json_t *app_ledger_bank_summary(struct app_ctx *ctx, json_t *params)
{
	struct payee_bank_opts opts;
	struct payee_bank_file f;
	json_t *q = file_params(ctx, params, &opts);
	int ret;

	if (!q)
		return NULL;
	opts.format = "summary";
	memset(&f, 0, sizeof(f));
	ret = bank_file(ctx, q, 0, &opts, &f);
	json_decref(q);
	if (ret) {
		json_decref(f.exceptions);
		return NULL;
	}
	return payee_bank_summary(ctx, &f);
}

struct send {
	json_t *params;
	struct payee_bank_opts opts;
	struct payee_bank_file *f;
};

static int send_in_tx(struct app_ctx *ctx, void *arg)
{
	struct send *s = arg;

	return bank_file(ctx, s->params, 1, &s->opts, s->f);
}

int app_ledger_bank_send(struct app_ctx *ctx, json_t *body,
                         struct payee_bank_file *out)
{
	static const char *const keys[] = { "scheme", "period",   "region",
		                            "format", "encoding", "template",
		                            NULL };
	struct send s = { .f = out };
	const char *k;
	json_t *v;
	int ret;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (body_only(body, keys, &ctx->err))
		return -1;
	json_object_foreach(body, k, v)
	{
		if (!json_is_string(v))
			return lx_fail(&ctx->err, LX_EINVALID, k,
			               "'%s' must be text", k);
	}
	if (!(s.params = file_params(ctx, body, &s.opts)))
		return -1;
	if (!strcmp(s.opts.format, "summary")) {
		json_decref(s.params);
		return lx_fail(&ctx->err, LX_EINVALID, "format",
		               "a file that is sent is csv or xlsx");
	}
	memset(out, 0, sizeof(*out));
	ret = app_transaction(ctx, send_in_tx, &s);
	json_decref(s.params);
	if (ret) {
		json_decref(out->exceptions);
		out->exceptions = NULL;
	}
	return ret;
}

static int reverse_in_tx(struct app_ctx *ctx, void *arg)
{
	struct ledger_line *l = arg;
	json_t *after;
	int ret;

	struct ledger_unit *u;
	size_t nu;

	if (ledger_store_add(ctx->db, l, ctx->who->account_id, ctx->now,
	                     &ctx->err) ||
	    ledger_store_units(ctx->db, ctx->arena, l->reverses, &u, &nu,
	                       &ctx->err))
		return -1;
	/* the units and certificates the reversed line paid are unpaid
	 * again */
	for (size_t i = 0; i < nu; i++)
		if (ledger_store_add_unit(ctx->db, l->id, u[i].unit,
		                          -u[i].count, &ctx->err))
			return -1;
	if (ledger_store_line_certs(ctx->db, ctx->arena, l->reverses, &u, &nu,
	                            &ctx->err))
		return -1;
	for (size_t i = 0; i < nu; i++)
		if (ledger_store_add_cert(ctx->db, l->id, u[i].unit,
		                          (int)-u[i].count, &ctx->err))
			return -1;
	after = line_json(l);
	ret = app_audit(ctx, "reverse", "ledger",
	                arena_printf(ctx->arena, "%lld", l->reverses), NULL,
	                after);
	json_decref(after);
	return ret;
}

json_t *app_ledger_reverse(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "reason", NULL };
	const char *why = json_string_value(json_object_get(body, "reason"));
	struct ledger_line orig, l = { 0 };

	if (!may_run(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials reverse payments"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!why || !*why)
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "a reversal needs its 'reason'"),
		       NULL;
	if (ledger_store_get(ctx->db, ctx->arena, id, &orig, &ctx->err) ||
	    !principal_sees_region(ctx->who, orig.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no ledger line %lld", id),
		       NULL;
	if (!strcmp(orig.kind, "reversal"))
		return lx_fail(&ctx->err, LX_EINVALID, "id",
		               "line %lld is itself a reversal", id),
		       NULL;
	l = orig;
	l.units = NULL;
	l.id = 0;
	l.run_id = 0;
	l.fen = -orig.fen;
	l.reverses = id;
	snprintf(l.kind, sizeof(l.kind), "reversal");
	l.reason = arena_printf(ctx->arena, "冲正第%lld笔：%s", id, why);
	{
		long long rev;

		if (ledger_store_reversal_of(ctx->db, id, &rev, &ctx->err))
			return NULL;
		if (rev)
			return lx_fail(&ctx->err, LX_ECONFLICT, "id",
			               "line %lld is already reversed (line "
			               "%lld)",
			               id, rev),
			       NULL;
	}
	if (orig.fen > 0) {
		struct ledger_sum *sums;
		size_t n;
		int64_t net = 0;
		char y[32], t[32];

		/* what later adjustments already took back is not taken
		 * again: the period's lines never net below zero */
		if (ledger_store_sums(ctx->db, ctx->arena, orig.scheme,
		                      orig.period, NULL, &sums, &n, &ctx->err))
			return NULL;
		for (size_t i = 0; i < n; i++)
			if (sums[i].beneficiary_id == orig.beneficiary_id &&
			    !strcmp(sums[i].beneficiary_kind,
			            orig.beneficiary_kind))
				net = sums[i].fen;
		if (net <= 0)
			return lx_fail(
			           &ctx->err, LX_EINVALID, "id",
			           "line %lld: the lines of its period "
			           "already net to %s yuan; nothing is left "
			           "to reverse",
			           id, subsidy_yuan(net, y)),
			       NULL;
		if (net < orig.fen) {
			if (orig.units)
				return lx_fail(
				           &ctx->err, LX_EINVALID, "id",
				           "line %lld paid units that later "
				           "lines changed: reverse those "
				           "first",
				           id),
				       NULL;
			l.fen = -net;
			l.reason =
			    arena_printf(ctx->arena,
			                 "冲正第%lld笔：%s（该笔%"
			                 "s元中已调整冲减%s元，冲正其余）",
			                 id, why, subsidy_yuan(orig.fen, y),
			                 subsidy_yuan(orig.fen - net, t));
		}
	}
	if (app_transaction(ctx, reverse_in_tx, &l))
		return NULL;
	return line_json(&l);
}
