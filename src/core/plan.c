#include "core/plan.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Counts above this are refused: far beyond any population, and every
 * count up to it is exact as a double. */
static const long long count_max = 1000000000000LL;

/* Whole numbers of persons above this would not fit a long long safely
 * once summed; a ratio that small is refused. */
static const double persons_max = 1e15;

enum { DECIMALS_MAX = 15 };

/* ---- validation ---- */

static int check_nonneg(double v, const char *field, struct lx_error *err)
{
	if (isfinite(v) && v >= 0.0)
		return 0;
	return lx_fail(err, LX_EINVALID, field,
	               "'%s' must be a finite number >= 0", field);
}

static int check_pos(double v, const char *field, struct lx_error *err)
{
	if (isfinite(v) && v > 0.0)
		return 0;
	return lx_fail(err, LX_EINVALID, field,
	               "'%s' must be a finite number > 0", field);
}

static int check_count(long long v, const char *field, struct lx_error *err)
{
	if (v >= 0 && v <= count_max)
		return 0;
	return lx_fail(err, LX_EINVALID, field,
	               "'%s' must be a whole number from 0 to %lld", field,
	               count_max);
}

static int check_param(struct plan_param p, const char *field,
                       struct lx_error *err)
{
	return p.set ? check_pos(p.value, field, err) : 0;
}

static struct plan_ratio ratio_of(double num, double den)
{
	struct plan_ratio r = { num / den, num, den };

	return r;
}

/* ---- rounding ---- */

/* The decimal digits of v (no sign) and the power of ten of the first,
 * in the shortest form of 15, 16 or 17 significant digits that reads back
 * as v; *neg set for a negative v. Returns the digit count. Built without
 * the decimal point so that the locale cannot change the reading. */
static int decimal_digits(double v, char digits[20], int *exp10, int *neg)
{
	char buf[48], back[48];
	int p;

	for (p = 15; p <= 17; p++) {
		const char *s = buf;
		int nd = 0;

		snprintf(buf, sizeof(buf), "%.*e", p - 1, v);
		*neg = *s == '-';
		if (*neg)
			s++;
		for (; *s && *s != 'e'; s++)
			if (*s >= '0' && *s <= '9' && nd < 19)
				digits[nd++] = *s;
		digits[nd] = '\0';
		*exp10 = *s == 'e' ? (int)strtol(s + 1, NULL, 10) : 0;
		snprintf(back, sizeof(back), "%s%se%d", *neg ? "-" : "", digits,
		         *exp10 - (nd - 1));
		if (strtod(back, NULL) == v || p == 17)
			return nd;
	}
	return 0; /* not reached */
}

static double round_half_away(double v, int decimals)
{
	char digits[20], buf[48];
	int nd, e, neg, keep;
	long long kept = 0;

	if (v == 0.0)
		return v;
	nd = decimal_digits(v, digits, &e, &neg);
	/* digit i stands for 10^(e - i); those down to 10^-decimals stay */
	keep = e + decimals + 1;
	if (keep >= nd)
		return v;
	if (keep < 0)
		return 0.0;
	for (int i = 0; i < keep; i++)
		kept = kept * 10 + (digits[i] - '0');
	if (digits[keep] >= '5')
		kept++;
	if (kept == 0)
		return 0.0;
	snprintf(buf, sizeof(buf), "%s%llde%d", neg ? "-" : "", kept,
	         -decimals);
	return strtod(buf, NULL);
}

static int clamp_decimals(int decimals)
{
	if (decimals < -DECIMALS_MAX)
		return -DECIMALS_MAX;
	return decimals > DECIMALS_MAX ? DECIMALS_MAX : decimals;
}

double plan_round(double v, enum plan_rounding rule, int decimals)
{
	if (!isfinite(v))
		return v;
	switch (rule) {
	case PLAN_ROUND_HALF_AWAY:
		return round_half_away(v, clamp_decimals(decimals));
	case PLAN_ROUND_UP:
		return ceil(v);
	default:
		return v;
	}
}

char *plan_rounding_describe(enum plan_rounding rule, int decimals, int zh,
                             char *buf, size_t n)
{
	int d = clamp_decimals(decimals);

	if (!buf || n == 0)
		return buf;
	switch (rule) {
	case PLAN_ROUND_HALF_AWAY:
		if (d > 0 && zh)
			snprintf(buf, n, "四舍五入，保留%d位小数", d);
		else if (d > 0)
			snprintf(buf, n,
			         "round half away from zero to %d decimal%s", d,
			         d == 1 ? "" : "s");
		else if (d == 0)
			snprintf(buf, n, "%s",
			         zh ? "四舍五入，取整"
			            : "round half away from zero to a whole "
			              "number");
		else
			snprintf(
			    buf, n,
			    zh ? "四舍五入，精确到%.0f"
			       : "round half away from zero to the nearest "
			         "%.0f",
			    pow(10.0, -d));
		break;
	case PLAN_ROUND_UP:
		snprintf(buf, n, "%s",
		         zh ? "向上取整（整人）" : "round up to whole persons");
		break;
	default:
		snprintf(buf, n, "%s", zh ? "不取整" : "not rounded");
		break;
	}
	return buf;
}

/* ---- demand ---- */

int plan_slots_needed(double population, double slots_per_1000,
                      struct plan_ratio *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(population, "population", err) ||
	    check_pos(slots_per_1000, "slots_per_1000", err))
		return -1;
	*out = ratio_of(population * slots_per_1000, 1000.0);
	return 0;
}

static const char *const bed_methods[PLAN_BEDS__MAX] = {
	[PLAN_BEDS_PER_1000_AGED_60] = "per_1000_aged_60",
	[PLAN_BEDS_PROVINCIAL_SHARE] = "provincial_share",
};

const char *plan_bed_method_name(int method)
{
	if (method < 0 || method >= PLAN_BEDS__MAX)
		return "";
	return bed_methods[method];
}

int plan_bed_method_parse(const char *s)
{
	for (int m = 0; s && m < PLAN_BEDS__MAX; m++)
		if (strcmp(s, bed_methods[m]) == 0)
			return m;
	return -1;
}

int plan_beds_needed(const struct plan_beds_input *in, struct plan_ratio *out,
                     struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (in->method < 0 || in->method >= PLAN_BEDS__MAX)
		return lx_fail(err, LX_EINVALID, "method",
		               "'method' must be 'per_1000_aged_60' or "
		               "'provincial_share'");
	if (check_nonneg(in->aged_60, "aged_60", err))
		return -1;
	if (in->method == PLAN_BEDS_PER_1000_AGED_60) {
		if (check_pos(in->per_1000, "beds_per_1000_aged_60", err))
			return -1;
		*out = ratio_of(in->aged_60 * in->per_1000, 1000.0);
		return 0;
	}
	if (check_nonneg(in->target, "provincial_beds_target", err) ||
	    check_pos(in->province_aged_60, "province_aged_60", err))
		return -1;
	if (in->aged_60 > in->province_aged_60)
		return lx_fail(err, LX_EINVALID, "aged_60",
		               "'aged_60' must not exceed 'province_aged_60'");
	*out = ratio_of(in->target * in->aged_60, in->province_aged_60);
	return 0;
}

int plan_nursing_beds_needed(double beds, double nursing_share_percent,
                             struct plan_ratio *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(beds, "beds", err))
		return -1;
	if (!isfinite(nursing_share_percent) || nursing_share_percent < 0.0 ||
	    nursing_share_percent > 100.0)
		return lx_fail(err, LX_EINVALID, "nursing_share_percent",
		               "'nursing_share_percent' must be from 0 to 100");
	*out = ratio_of(beds * nursing_share_percent, 100.0);
	return 0;
}

/* ---- gap ---- */

int plan_gap_compute(double need, double supply, struct plan_gap *out,
                     struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(need, "need", err) ||
	    check_nonneg(supply, "supply", err))
		return -1;
	out->need = need;
	out->supply = supply;
	if (need > supply) {
		out->kind = PLAN_SHORTFALL;
		out->shortfall = need - supply;
	} else {
		out->kind = PLAN_SURPLUS;
		out->surplus = supply - need;
	}
	return 0;
}

/* ---- basis ---- */

int plan_basis_population(double stated_need, double per_1000,
                          struct plan_ratio *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(stated_need, "stated_need", err) ||
	    check_pos(per_1000, "per_1000", err))
		return -1;
	*out = ratio_of(stated_need * 1000.0, per_1000);
	return 0;
}

/* ---- projection ---- */

static int check_points(const struct plan_point *pts, size_t n,
                        struct lx_error *err)
{
	if (!pts || n == 0)
		return lx_fail(err, LX_EINVALID, "points",
		               "'points' must hold at least one known year");
	for (size_t i = 0; i < n; i++) {
		char field[32];

		snprintf(field, sizeof(field), "points[%zu]", i);
		if (!isfinite(pts[i].value))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' must have a finite value", field);
		/* a handful of years: quadratic is fine */
		for (size_t j = 0; j < i; j++)
			if (pts[j].year == pts[i].year)
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats the year %d",
				               field, pts[i].year);
	}
	return 0;
}

int plan_project(const struct plan_point *pts, size_t n, int target_year,
                 int method, struct plan_projection *out, struct lx_error *err)
{
	double mx = 0.0, my = 0.0, sxx = 0.0, sxy = 0.0;
	size_t latest = 0;

	memset(out, 0, sizeof(*out));
	if (check_points(pts, n, err))
		return -1;
	if (method < 0 || method >= PLAN_PROJ__MAX)
		return lx_fail(err, LX_EINVALID, "method",
		               "'method' must be 'linear' or 'latest'");
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		if (pts[i].year == target_year) {
			out->value = pts[i].value;
			out->basis = PLAN_PROJ_KNOWN;
			return 0;
		}
		if (pts[i].year > pts[latest].year)
			latest = i;
	}
	out->is_projection = 1;
	if (method == PLAN_PROJ_LATEST) {
		out->value = pts[latest].value;
		out->basis = PLAN_PROJ_FLAT;
		return 0;
	}
	if (n == 1) {
		out->value = pts[0].value;
		out->basis = PLAN_PROJ_SINGLE;
		return 0;
	}
	/* centred sums: years near 2000 squared lose nothing this way */
	for (size_t i = 0; i < n; i++) {
		mx += pts[i].year;
		my += pts[i].value;
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		double dx = pts[i].year - mx;

		sxx += dx * dx;
		sxy += dx * (pts[i].value - my);
	}
	/* distinct years, n >= 2: sxx > 0 */
	assert(sxx > 0.0);
	out->basis = PLAN_PROJ_LINE;
	out->slope = sxy / sxx;
	out->mean_year = mx;
	out->mean_value = my;
	out->value = my + out->slope * ((double)target_year - mx);
	return 0;
}

/* ---- residential development check ---- */

static const char *const dev_rules[PLAN_RULE__MAX] = {
	[PLAN_RULE_FLOOR_AREA] = "floor_area",
	[PLAN_RULE_SINGLE_FACILITY] = "single_facility",
	[PLAN_RULE_CHILDCARE_SLOTS] = "childcare_slots",
	[PLAN_RULE_LAND] = "land",
};

static const struct {
	const char *name, *zh;
} verdicts[PLAN_VERDICT__MAX] = {
	[PLAN_NOT_APPLICABLE] = { "not_applicable", "不适用" },
	[PLAN_PASS] = { "pass", "达标" },
	[PLAN_FAIL] = { "fail", "不达标" },
};

const char *plan_dev_rule_name(int rule)
{
	if (rule < 0 || rule >= PLAN_RULE__MAX)
		return "";
	return dev_rules[rule];
}

const char *plan_verdict_name(int verdict)
{
	if (verdict < 0 || verdict >= PLAN_VERDICT__MAX)
		return "";
	return verdicts[verdict].name;
}

const char *plan_verdict_label_zh(int verdict)
{
	if (verdict < 0 || verdict >= PLAN_VERDICT__MAX)
		return "";
	return verdicts[verdict].zh;
}

static int check_development(const struct plan_development *d,
                             struct lx_error *err)
{
	if (check_count(d->households, "households", err) ||
	    check_count(d->residents, "residents", err))
		return -1;
	if (d->district < 0 || d->district >= PLAN_DISTRICT__MAX)
		return lx_fail(err, LX_EINVALID, "district",
		               "'district' must be new or old");
	if (check_nonneg(d->floor_m2, "floor_m2", err) ||
	    check_nonneg(d->largest_facility_m2, "largest_facility_m2", err) ||
	    check_nonneg(d->slots, "slots", err) ||
	    check_nonneg(d->land_m2, "land_m2", err))
		return -1;
	if (d->largest_facility_m2 > d->floor_m2)
		return lx_fail(err, LX_EINVALID, "largest_facility_m2",
		               "'largest_facility_m2' must not exceed "
		               "'floor_m2'");
	return 0;
}

static int check_dev_policy(const struct plan_dev_policy *p,
                            struct lx_error *err)
{
	return check_param(p->floor_m2_per_100_households,
	                   "floor_m2_per_100_households", err) ||
	       check_param(p->single_facility_min_m2, "single_facility_min_m2",
	                   err) ||
	       check_param(p->slots_per_1000_new, "slots_per_1000_new", err) ||
	       check_param(p->slots_per_1000_old, "slots_per_1000_old", err) ||
	       check_param(p->land_m2_per_resident, "land_m2_per_resident",
	                   err);
}

/* Fills one rule: applicable only when the standard is set and binds. */
static void judge(struct plan_dev_result *r, enum plan_dev_rule rule,
                  struct plan_param p, int binds, double base, double den,
                  double provided)
{
	struct plan_rule_result *x = &r->rule[rule];

	memset(x, 0, sizeof(*x));
	x->provided = provided;
	if (!p.set || !binds) {
		x->verdict = PLAN_NOT_APPLICABLE;
		return;
	}
	x->param = p.value;
	x->required = ratio_of(base * p.value, den);
	x->verdict = provided >= x->required.value ? PLAN_PASS : PLAN_FAIL;
	r->applicable++;
	if (x->verdict == PLAN_FAIL)
		r->failed++;
}

int plan_dev_check(const struct plan_development *dev,
                   const struct plan_dev_policy *pol,
                   struct plan_dev_result *out, struct lx_error *err)
{
	int is_new, floor_binds;
	double hh, res;

	memset(out, 0, sizeof(*out));
	if (check_development(dev, err) || check_dev_policy(pol, err))
		return -1;
	is_new = dev->district == PLAN_DISTRICT_NEW;
	floor_binds = is_new || pol->floor_rules_bind_old;
	hh = (double)dev->households;
	res = (double)dev->residents;
	judge(out, PLAN_RULE_FLOOR_AREA, pol->floor_m2_per_100_households,
	      floor_binds, hh, 100.0, dev->floor_m2);
	/* a minimum, not a rate: base 1 */
	judge(out, PLAN_RULE_SINGLE_FACILITY, pol->single_facility_min_m2,
	      floor_binds, 1.0, 1.0, dev->largest_facility_m2);
	judge(out, PLAN_RULE_CHILDCARE_SLOTS,
	      is_new ? pol->slots_per_1000_new : pol->slots_per_1000_old, 1,
	      res, 1000.0, dev->slots);
	judge(out, PLAN_RULE_LAND, pol->land_m2_per_resident, 1, res, 1.0,
	      dev->land_m2);
	return 0;
}

/* ---- staffing ---- */

static const char *const level_residents[PLAN_CARE__MAX] = {
	[PLAN_CARE_SELF] = "residents_selfcare",
	[PLAN_CARE_PARTLY] = "residents_partly",
	[PLAN_CARE_DISABLED] = "residents_disabled",
};

static const char *const level_ratio[PLAN_CARE__MAX] = {
	[PLAN_CARE_SELF] = "caregiver_ratio_selfcare",
	[PLAN_CARE_PARTLY] = "caregiver_ratio_partly",
	[PLAN_CARE_DISABLED] = "caregiver_ratio_disabled",
};

int plan_caregivers_needed(const long long residents[PLAN_CARE__MAX],
                           const double ratio[PLAN_CARE__MAX],
                           long long on_staff, struct plan_caregivers *out,
                           struct lx_error *err)
{
	struct plan_caregivers r;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	for (int l = 0; l < PLAN_CARE__MAX; l++) {
		double up;

		if (check_count(residents[l], level_residents[l], err) ||
		    check_pos(ratio[l], level_ratio[l], err))
			return -1;
		r.exact[l] = (double)residents[l] / ratio[l];
		up = ceil(r.exact[l]);
		if (up > persons_max)
			return lx_fail(err, LX_EINVALID, level_ratio[l],
			               "'%s' is too small for %lld residents",
			               level_ratio[l], residents[l]);
		r.needed[l] = (long long)up;
		r.total += r.needed[l];
	}
	if (check_count(on_staff, "caregivers_on_staff", err) ||
	    plan_gap_compute((double)r.total, (double)on_staff, &r.gap, err))
		return -1;
	*out = r;
	return 0;
}

int plan_social_workers_needed(double beds, struct plan_param per_100_beds,
                               double aged_60,
                               struct plan_param per_1000_aged_60,
                               struct plan_social_workers *out,
                               struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(beds, "beds", err) ||
	    check_nonneg(aged_60, "aged_60", err) ||
	    check_param(per_100_beds, "social_workers_per_100_beds", err) ||
	    check_param(per_1000_aged_60, "social_workers_per_1000_aged_60",
	                err))
		return -1;
	if (per_100_beds.set) {
		out->has_by_beds = 1;
		out->by_beds = ratio_of(beds * per_100_beds.value, 100.0);
	}
	if (per_1000_aged_60.set) {
		out->has_by_aged = 1;
		out->by_aged =
		    ratio_of(aged_60 * per_1000_aged_60.value, 1000.0);
	}
	return 0;
}

/* ---- internal clinic ---- */

static int check_clinic_rules(const struct plan_clinic_rule *rules, size_t n,
                              struct lx_error *err)
{
	if (!rules && n > 0)
		return lx_fail(err, LX_EINVALID, "clinic_rules",
		               "'clinic_rules' is missing");
	for (size_t i = 0; i < n; i++) {
		const struct plan_clinic_rule *r = &rules[i];
		char field[40];

		snprintf(field, sizeof(field), "clinic_rules[%zu]", i);
		if (r->ownership < 0 || r->ownership >= PLAN_OWN__MAX)
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' has an unknown ownership", field);
		if (r->min_beds < 0 && r->min_residents < 0)
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' needs 'min_beds' or "
			               "'min_residents'",
			               field);
	}
	return 0;
}

static int clinic_rule_applies(const struct plan_clinic_rule *r,
                               const struct plan_institution *in)
{
	if (r->ownership != PLAN_OWN_ANY && r->ownership != in->ownership)
		return 0;
	if (r->exempt_integrated && in->integrated)
		return 0;
	if (r->min_beds >= 0 && in->beds < r->min_beds)
		return 0;
	if (r->min_residents >= 0 && in->residents < r->min_residents)
		return 0;
	return 1;
}

int plan_clinic_required(const struct plan_clinic_rule *rules, size_t n,
                         const struct plan_institution *inst,
                         struct plan_clinic_result *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	out->rule = -1;
	if (check_clinic_rules(rules, n, err))
		goto fail;
	if (inst->ownership <= PLAN_OWN_ANY ||
	    inst->ownership >= PLAN_OWN__MAX) {
		lx_fail(err, LX_EINVALID, "ownership",
		        "'ownership' must be public, private or other");
		goto fail;
	}
	if (check_count(inst->beds, "beds", err) ||
	    check_count(inst->residents, "residents", err))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		if (!clinic_rule_applies(&rules[i], inst))
			continue;
		if (out->rule < 0)
			out->rule = (long)i;
		out->matched++;
	}
	out->required = out->matched > 0;
	return 0;
fail:
	memset(out, 0, sizeof(*out));
	return -1;
}

/* ---- size classes ---- */

static int band_holds(const struct plan_size_band *b, long long slots)
{
	return slots >= b->min_slots &&
	       (b->max_slots < 0 || slots <= b->max_slots);
}

static int bands_overlap(const struct plan_size_band *a,
                         const struct plan_size_band *b)
{
	/* each starts no later than the other ends */
	return (b->max_slots < 0 || a->min_slots <= b->max_slots) &&
	       (a->max_slots < 0 || b->min_slots <= a->max_slots);
}

int plan_size_bands_check(const struct plan_size_band *bands, size_t n,
                          struct lx_error *err)
{
	if (!bands && n > 0)
		return lx_fail(err, LX_EINVALID, "bands", "'bands' is missing");
	for (size_t i = 0; i < n; i++) {
		const struct plan_size_band *b = &bands[i];
		char field[32];

		snprintf(field, sizeof(field), "bands[%zu]", i);
		if (b->min_slots < 0 ||
		    (b->max_slots >= 0 && b->max_slots < b->min_slots))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' must have 0 <= min <= max", field);
		for (size_t j = 0; j < i; j++)
			if (bands_overlap(&bands[j], b))
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' overlaps 'bands[%zu]'",
				               field, j);
	}
	return 0;
}

long plan_size_class(const struct plan_size_band *bands, size_t n,
                     long long slots)
{
	for (size_t i = 0; bands && i < n; i++)
		if (band_holds(&bands[i], slots))
			return (long)i;
	return -1;
}

int plan_size_count(const struct plan_size_band *bands, size_t nbands,
                    const long long *slots, size_t nslots, size_t *counts,
                    struct lx_error *err)
{
	assert(counts);
	memset(counts, 0, (nbands + 1) * sizeof(*counts));
	if (plan_size_bands_check(bands, nbands, err))
		return -1;
	if (!slots && nslots > 0)
		return lx_fail(err, LX_EINVALID, "slots", "'slots' is missing");
	for (size_t i = 0; i < nslots; i++) {
		long b;

		if (slots[i] < 0 || slots[i] > count_max) {
			char field[32];

			snprintf(field, sizeof(field), "slots[%zu]", i);
			memset(counts, 0, (nbands + 1) * sizeof(*counts));
			return check_count(slots[i], field, err);
		}
		b = plan_size_class(bands, nbands, slots[i]);
		counts[b < 0 ? nbands : (size_t)b]++;
	}
	return 0;
}
