#include "core/plan.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Counts above this are refused: far beyond any population. */
static const long long count_max = 1000000000000LL;

enum { DECIMALS_MAX = 12 };

static const struct exact zero = { 0, 1 };

/* ---- validation ---- */

static int check_nonneg(struct exact v, const char *field, struct lx_error *err)
{
	if (v.den >= 1 && v.num >= 0)
		return 0;
	return lx_fail(err, LX_EINVALID, field, "'%s' must be a number >= 0",
	               field);
}

static int check_pos(struct exact v, const char *field, struct lx_error *err)
{
	if (v.den >= 1 && v.num > 0)
		return 0;
	return lx_fail(err, LX_EINVALID, field, "'%s' must be a number > 0",
	               field);
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

static int too_large(const char *field, struct lx_error *err)
{
	return lx_fail(err, LX_EINVALID, field,
	               "'%s' is too large to compute exactly", field);
}

/* out = a * b / c with the working kept: num = a * b, den = c. */
static int ratio_of(struct exact a, struct exact b, struct exact c,
                    struct plan_ratio *out, const char *field,
                    struct lx_error *err)
{
	struct plan_ratio r;

	if (exact_mul(a, b, &r.num) || exact_div(r.num, c, &r.value))
		return too_large(field, err);
	r.den = c;
	*out = r;
	return 0;
}

struct plan_param plan_param_of(const char *s)
{
	struct plan_param p = PLAN_UNSET;

	if (s && !exact_parse(s, &p.value))
		p.set = 1;
	return p;
}

/* ---- rounding ---- */

static int pow10_of(int k, struct exact *out)
{
	int64_t p = 1;

	for (int i = 0; i < k; i++)
		p *= 10;
	*out = exact_int(p);
	return 0;
}

int plan_round(struct exact v, enum exact_rounding rule, int decimals,
               struct exact *out)
{
	struct exact scale, q;

	*out = zero;
	if (decimals < -DECIMALS_MAX || decimals > DECIMALS_MAX ||
	    (unsigned)rule >= EXACT_ROUNDING__MAX)
		return -1;
	if (decimals >= 0)
		return exact_round(v, decimals, rule, out) ? (*out = zero, -1)
		                                           : 0;
	/* to tens, hundreds...: round v / 10^k to a whole number */
	pow10_of(-decimals, &scale);
	if (exact_div(v, scale, &q) || exact_round(q, 0, rule, &q) ||
	    exact_mul(q, scale, out)) {
		*out = zero;
		return -1;
	}
	return 0;
}

static const struct {
	const char *en, *zh;
} rule_words[EXACT_ROUNDING__MAX] = {
	[EXACT_HALF_UP] = { "round half up", "四舍五入" },
	[EXACT_UP] = { "round up", "向上取整" },
	[EXACT_DOWN] = { "round down", "向下取整" },
	[EXACT_HALF_EVEN] = { "round half to even", "四舍六入五成双" },
};

char *plan_rounding_describe(enum exact_rounding rule, int decimals, int zh,
                             char *buf, size_t n)
{
	int d = decimals < -DECIMALS_MAX  ? -DECIMALS_MAX
	        : decimals > DECIMALS_MAX ? DECIMALS_MAX
	                                  : decimals;
	const char *w;
	long long step = 1;

	if (!buf || n == 0)
		return buf;
	if ((unsigned)rule >= EXACT_ROUNDING__MAX) {
		snprintf(buf, n, "%s", zh ? "不取整" : "not rounded");
		return buf;
	}
	w = zh ? rule_words[rule].zh : rule_words[rule].en;
	for (int i = d; i < 0; i++)
		step *= 10;
	/* 向上取整 alone says "to a whole number" in Chinese */
	if (d > 0 && zh)
		snprintf(buf, n, "%s，保留%d位小数", w, d);
	else if (d > 0)
		snprintf(buf, n, "%s to %d decimal%s", w, d, d == 1 ? "" : "s");
	else if (d == 0 && zh)
		snprintf(buf, n, "%s%s", w,
		         rule == EXACT_UP || rule == EXACT_DOWN ? ""
		                                                : "，取整");
	else if (d == 0)
		snprintf(buf, n, "%s to a whole number", w);
	else if (zh)
		snprintf(buf, n, "%s，精确到%lld", w, step);
	else
		snprintf(buf, n, "%s to the nearest %lld", w, step);
	return buf;
}

/* ---- demand ---- */

int plan_slots_needed(struct exact population, struct exact slots_per_1000,
                      struct plan_ratio *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(population, "population", err) ||
	    check_pos(slots_per_1000, "slots_per_1000", err))
		return -1;
	return ratio_of(population, slots_per_1000, exact_int(1000), out,
	                "population", err);
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

/* The standards of a bed method, aged_60 aside. */
static int check_bed_method(const struct plan_beds_input *in,
                            struct lx_error *err)
{
	if (in->method < 0 || in->method >= PLAN_BEDS__MAX)
		return lx_fail(err, LX_EINVALID, "method",
		               "'method' must be 'per_1000_aged_60' or "
		               "'provincial_share'");
	if (in->method == PLAN_BEDS_PER_1000_AGED_60)
		return check_pos(in->per_1000, "beds_per_1000_aged_60", err);
	return check_nonneg(in->target, "provincial_beds_target", err) ||
	       check_pos(in->province_aged_60, "province_aged_60", err);
}

int plan_beds_needed(const struct plan_beds_input *in, struct plan_ratio *out,
                     struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (in->method < 0 || in->method >= PLAN_BEDS__MAX)
		return check_bed_method(in, err);
	if (check_nonneg(in->aged_60, "aged_60", err) ||
	    check_bed_method(in, err))
		return -1;
	if (in->method == PLAN_BEDS_PER_1000_AGED_60)
		return ratio_of(in->aged_60, in->per_1000, exact_int(1000), out,
		                "aged_60", err);
	if (exact_cmp(in->aged_60, in->province_aged_60) > 0)
		return lx_fail(err, LX_EINVALID, "aged_60",
		               "'aged_60' must not exceed 'province_aged_60'");
	return ratio_of(in->target, in->aged_60, in->province_aged_60, out,
	                "aged_60", err);
}

int plan_nursing_beds_needed(struct exact beds,
                             struct exact nursing_share_percent,
                             struct plan_ratio *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(beds, "beds", err))
		return -1;
	if (nursing_share_percent.num < 0 ||
	    exact_cmp(nursing_share_percent, exact_int(100)) > 0)
		return lx_fail(err, LX_EINVALID, "nursing_share_percent",
		               "'nursing_share_percent' must be from 0 to 100");
	return ratio_of(beds, nursing_share_percent, exact_int(100), out,
	                "beds", err);
}

/* ---- gap ---- */

int plan_gap_compute(struct exact need, struct exact supply,
                     struct plan_gap *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	out->shortfall = out->surplus = out->need = out->supply = zero;
	if (check_nonneg(need, "need", err) ||
	    check_nonneg(supply, "supply", err))
		return -1;
	out->need = need;
	out->supply = supply;
	if (exact_cmp(need, supply) > 0) {
		out->kind = PLAN_SHORTFALL;
		if (exact_sub(need, supply, &out->shortfall))
			return too_large("need", err);
	} else {
		out->kind = PLAN_SURPLUS;
		if (exact_sub(supply, need, &out->surplus))
			return too_large("supply", err);
	}
	return 0;
}

/* ---- basis ---- */

int plan_basis_population(struct exact stated_need, struct exact per_1000,
                          struct plan_ratio *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(stated_need, "stated_need", err) ||
	    check_pos(per_1000, "per_1000", err))
		return -1;
	return ratio_of(stated_need, exact_int(1000), per_1000, out,
	                "stated_need", err);
}

int plan_beds_basis(const struct plan_beds_input *in, struct exact stated,
                    struct plan_ratio *out, struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (check_nonneg(stated, "stated_need", err) ||
	    check_bed_method(in, err))
		return -1;
	if (in->method == PLAN_BEDS_PER_1000_AGED_60)
		return plan_basis_population(stated, in->per_1000, out, err);
	if (exact_is_zero(in->target))
		return lx_fail(err, LX_EINVALID, "provincial_beds_target",
		               "'provincial_beds_target' must be > 0 to imply "
		               "a basis");
	return ratio_of(stated, in->province_aged_60, in->target, out,
	                "stated_need", err);
}

int plan_audit_compare(struct exact stated, int places, struct exact computed,
                       struct plan_audit *out, struct lx_error *err)
{
	struct exact unit, half = { 1, 2 }, mag;

	memset(out, 0, sizeof(*out));
	if (places < -DECIMALS_MAX || places > DECIMALS_MAX)
		return lx_fail(err, LX_EINVALID, "places",
		               "'places' must be from %d to %d", -DECIMALS_MAX,
		               DECIMALS_MAX);
	if (places >= 0) {
		pow10_of(places, &unit);
		exact_div(exact_int(1), unit, &unit);
	} else {
		pow10_of(-places, &unit);
	}
	out->stated = stated;
	out->computed = computed;
	if (exact_mul(unit, half, &out->tolerance) ||
	    exact_sub(computed, stated, &out->difference))
		return too_large("stated", err);
	mag = out->difference;
	if (mag.num < 0)
		mag.num = -mag.num;
	out->differs = exact_cmp(mag, out->tolerance) > 0;
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
		if (pts[i].value.den < 1)
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' must have a value", field);
		/* a handful of years: quadratic is fine */
		for (size_t j = 0; j < i; j++)
			if (pts[j].year == pts[i].year)
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats the year %d",
				               field, pts[i].year);
	}
	return 0;
}

/* The least-squares line through the points, exactly: centred sums, so
 * that years near 2000 squared cost nothing. */
static int fit_line(const struct plan_point *pts, size_t n, int target_year,
                    struct plan_projection *out)
{
	struct exact sx = zero, sy = zero, sxx = zero, sxy = zero, nn, t;

	nn = exact_int((int64_t)n);
	for (size_t i = 0; i < n; i++)
		if (exact_add(sx, exact_int(pts[i].year), &sx) ||
		    exact_add(sy, pts[i].value, &sy))
			return -1;
	if (exact_div(sx, nn, &out->mean_year) ||
	    exact_div(sy, nn, &out->mean_value))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct exact dx, dy, p;

		if (exact_sub(exact_int(pts[i].year), out->mean_year, &dx) ||
		    exact_sub(pts[i].value, out->mean_value, &dy) ||
		    exact_mul(dx, dx, &p) || exact_add(sxx, p, &sxx) ||
		    exact_mul(dx, dy, &p) || exact_add(sxy, p, &sxy))
			return -1;
	}
	/* distinct years, n >= 2: sxx > 0 */
	assert(sxx.num > 0);
	return exact_div(sxy, sxx, &out->slope) ||
	       exact_sub(exact_int(target_year), out->mean_year, &t) ||
	       exact_mul(out->slope, t, &t) ||
	       exact_add(out->mean_value, t, &out->value);
}

int plan_project(const struct plan_point *pts, size_t n, int target_year,
                 int method, struct plan_projection *out, struct lx_error *err)
{
	size_t latest = 0;

	memset(out, 0, sizeof(*out));
	out->value = out->slope = out->mean_year = out->mean_value = zero;
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
	out->basis = PLAN_PROJ_LINE;
	if (fit_line(pts, n, target_year, out)) {
		memset(out, 0, sizeof(*out));
		out->value = out->slope = out->mean_year = out->mean_value =
		    zero;
		return too_large("points", err);
	}
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
	[PLAN_NOT_GIVEN] = { "not_given", "未填写" },
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
	if ((d->floor_m2.set &&
	     check_nonneg(d->floor_m2.value, "floor_m2", err)) ||
	    (d->largest_facility_m2.set &&
	     check_nonneg(d->largest_facility_m2.value, "largest_facility_m2",
	                  err)) ||
	    (d->slots.set && check_nonneg(d->slots.value, "slots", err)) ||
	    (d->land_m2.set && check_nonneg(d->land_m2.value, "land_m2", err)))
		return -1;
	if (d->largest_facility_m2.set && d->floor_m2.set &&
	    exact_cmp(d->largest_facility_m2.value, d->floor_m2.value) > 0)
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

/* Fills one rule: applicable only when the standard is set and binds;
 * judged only when the amount is given. */
static int judge(struct plan_dev_result *r, enum plan_dev_rule rule,
                 struct plan_param p, int binds, long long base, int64_t den,
                 struct plan_param provided, struct lx_error *err)
{
	struct plan_rule_result *x = &r->rule[rule];

	memset(x, 0, sizeof(*x));
	x->provided = provided;
	x->param = zero;
	x->required.value = x->required.num = x->required.den = zero;
	if (!p.set || !binds) {
		x->verdict = PLAN_NOT_APPLICABLE;
		return 0;
	}
	x->param = p.value;
	if (ratio_of(exact_int(base), p.value, exact_int(den), &x->required,
	             "residents", err))
		return -1;
	r->applicable++;
	if (!provided.set) {
		x->verdict = PLAN_NOT_GIVEN;
		r->not_given++;
		return 0;
	}
	x->verdict = exact_cmp(provided.value, x->required.value) >= 0
	                 ? PLAN_PASS
	                 : PLAN_FAIL;
	if (x->verdict == PLAN_FAIL)
		r->failed++;
	return 0;
}

int plan_dev_check(const struct plan_development *dev,
                   const struct plan_dev_policy *pol,
                   struct plan_dev_result *out, struct lx_error *err)
{
	int is_new, floor_binds;
	long long hh, res;

	memset(out, 0, sizeof(*out));
	if (check_development(dev, err) || check_dev_policy(pol, err))
		return -1;
	is_new = dev->district == PLAN_DISTRICT_NEW;
	floor_binds = is_new || pol->floor_rules_bind_old;
	hh = dev->households;
	res = dev->residents;
	/* a minimum, not a rate: base 1 for the single facility */
	if (judge(out, PLAN_RULE_FLOOR_AREA, pol->floor_m2_per_100_households,
	          floor_binds, hh, 100, dev->floor_m2, err) ||
	    judge(out, PLAN_RULE_SINGLE_FACILITY, pol->single_facility_min_m2,
	          floor_binds, 1, 1, dev->largest_facility_m2, err) ||
	    judge(out, PLAN_RULE_CHILDCARE_SLOTS,
	          is_new ? pol->slots_per_1000_new : pol->slots_per_1000_old, 1,
	          res, 1000, dev->slots, err) ||
	    judge(out, PLAN_RULE_LAND, pol->land_m2_per_resident, 1, res, 1,
	          dev->land_m2, err)) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
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
                           const struct exact ratio[PLAN_CARE__MAX],
                           enum exact_rounding rule, long long on_staff,
                           struct plan_caregivers *out, struct lx_error *err)
{
	struct plan_caregivers r;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	for (int l = 0; l < PLAN_CARE__MAX; l++) {
		int64_t whole;

		if (check_count(residents[l], level_residents[l], err) ||
		    check_pos(ratio[l], level_ratio[l], err))
			return -1;
		if (exact_div(exact_int(residents[l]), ratio[l], &r.exact[l]) ||
		    exact_round_int(r.exact[l], rule, &whole) ||
		    whole > count_max)
			return lx_fail(err, LX_EINVALID, level_ratio[l],
			               "'%s' is too small for %lld residents",
			               level_ratio[l], residents[l]);
		r.needed[l] = whole;
		r.total += r.needed[l];
	}
	if (check_count(on_staff, "caregivers_on_staff", err) ||
	    plan_gap_compute(exact_int(r.total), exact_int(on_staff), &r.gap,
	                     err))
		return -1;
	*out = r;
	return 0;
}

int plan_social_workers_needed(struct exact beds,
                               struct plan_param per_100_beds,
                               struct exact aged_60,
                               struct plan_param per_1000_aged_60,
                               struct plan_social_workers *out,
                               struct lx_error *err)
{
	memset(out, 0, sizeof(*out));
	out->by_beds.value = out->by_beds.num = out->by_beds.den = zero;
	out->by_aged = out->by_beds;
	if (check_nonneg(beds, "beds", err) ||
	    check_nonneg(aged_60, "aged_60", err) ||
	    check_param(per_100_beds, "social_workers_per_100_beds", err) ||
	    check_param(per_1000_aged_60, "social_workers_per_1000_aged_60",
	                err))
		return -1;
	if (per_100_beds.set) {
		out->has_by_beds = 1;
		if (ratio_of(beds, per_100_beds.value, exact_int(100),
		             &out->by_beds, "beds", err))
			return -1;
	}
	if (per_1000_aged_60.set) {
		out->has_by_aged = 1;
		if (ratio_of(aged_60, per_1000_aged_60.value, exact_int(1000),
		             &out->by_aged, "aged_60", err))
			return -1;
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
