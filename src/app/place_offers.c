#include "app/place_offers.h"

#include "app/inspect_stop.h"
#include "app/place_childcare_policy.h"
#include "core/assessment.h"
#include "core/place_price.h"
#include "store/facility_store.h"
#include "store/place_price_store.h"
#include "store/place_rating_store.h"
#include "store/point_store.h"

#include <string.h>

int place_offers_kind_fits(int kind, int elderly)
{
	if (elderly)
		return kind == FK_ELDERLY_INSTITUTION;
	return kind == FK_CHILDCARE_INSTITUTION ||
	       kind == FK_FAMILY_CHILDCARE || kind == FK_KINDERGARTEN_NURSERY;
}

void place_need_for_infant(const struct childcare_policy *p, long long months,
                           struct place_need *need)
{
	const struct childcare_class_rule *mixed =
	    childcare_policy_class(p, CLASS_MIXED);

	need->elderly = 0;
	need->has_age = 1;
	need->months = months;
	need->class_type = childcare_policy_class_for_age(p, months);
	need->mixed_min_months = mixed ? mixed->min_months : -1;
	need->no_class = p && need->class_type < 0;
}

/* Places for the need: beds; or, where classes are recorded, the class of
 * the infant's age plus a mixed class that takes the age; or any place. */
static long long room_for(const struct place_vacancy *v,
                          const struct place_need *need)
{
	long long room;

	if (need->elderly)
		return place_vacancy_has_room(v, 1, -1) ? v->vacant_beds : 0;
	if (!v->has_classes || need->class_type < 0)
		return place_vacancy_has_room(v, 0, -1) ? v->vacant_slots : 0;
	room = v->class_vacant[need->class_type];
	if (need->class_type != CLASS_MIXED && need->mixed_min_months >= 0 &&
	    need->months >= need->mixed_min_months)
		room += v->class_vacant[CLASS_MIXED];
	/* never more than the facility's places as a whole */
	return room < v->vacant_slots ? room : v->vacant_slots;
}

/* The care-price code of a care category: the price store takes the
 * category names, "selfcare" also standing for "self". */
static int care_code_is(const char *code, int care)
{
	if (care < 0)
		return 0;
	if (!strcmp(code, assess_care_code((enum assess_care)care)))
		return 1;
	return care == ASSESS_CARE_SELF && !strcmp(code, "selfcare");
}

static const char *class_zh(int t)
{
	return t >= 0 && t < class_type_names.count
	           ? class_type_names.labels_zh[t]
	           : "";
}

/* Better is a full-day price over another mode, then the lower amount. */
static int better_mode(const struct place_price *p, const struct place_price *q)
{
	int pf = !strcmp(p->mode, "full_day"),
	    qf = !strcmp(q->mode, "full_day");

	if (pf != qf)
		return pf;
	return p->amount_fen < q->amount_fen;
}

/* The price for the need among prices[0..n) of one facility: the lowest
 * bed price plus the care price of the care category (either alone when
 * the other is not posted); for an infant
 * the class price of the class type (else of the mixed class), full-day
 * first. */
static void price_for(struct arena *a, const struct place_price *ps, size_t n,
                      const struct place_need *need, struct place_offer *o)
{
	const struct place_price *best = NULL;

	/* the range of a month: for an institution a bed and the care of
	 * some level together (the cheapest of each to the dearest of
	 * each), for childcare the class prices */
	int64_t lo[PRICE__MAX] = { 0 }, hi[PRICE__MAX] = { 0 };
	int has[PRICE__MAX] = { 0 };

	for (size_t i = 0; i < n; i++) {
		const struct place_price *p = &ps[i];

		if (p->kind < 0 || p->kind >= PRICE__MAX)
			continue;
		if (!has[p->kind] || p->amount_fen < lo[p->kind])
			lo[p->kind] = p->amount_fen;
		if (!has[p->kind] || p->amount_fen > hi[p->kind])
			hi[p->kind] = p->amount_fen;
		has[p->kind] = 1;
		if (p->affordable)
			o->affordable = 1;
	}
	for (int k = 0; k < PRICE__MAX; k++) {
		if (!has[k] || (k == PRICE_CLASS) == need->elderly)
			continue;
		o->price_min_fen += lo[k];
		o->price_max_fen += hi[k];
		o->has_range = 1;
	}
	if (need->elderly) {
		const struct place_price *bed = NULL, *care = NULL;

		for (size_t i = 0; i < n; i++) {
			if (ps[i].kind == PRICE_CARE &&
			    care_code_is(ps[i].code, need->care))
				care = &ps[i];
			if (ps[i].kind == PRICE_BED &&
			    (!bed || ps[i].amount_fen < bed->amount_fen))
				bed = &ps[i];
		}
		/* a month in an institution is the bed and the care of the
		 * resident's level (meals are not posted here) */
		if (bed && care) {
			o->has_price = 1;
			o->price_fen = bed->amount_fen + care->amount_fen;
			o->affordable |= bed->affordable || care->affordable;
			o->price_what = arena_printf(
			    a, "床位费+护理费（%s）",
			    assess_care_zh((enum assess_care)need->care));
			return;
		}
		best = bed ? bed : care;
		if (care)
			o->price_what = arena_printf(
			    a, "护理费（%s）",
			    assess_care_zh((enum assess_care)need->care));
		else if (bed)
			o->price_what = "床位费（最低档）";
	} else {
		int want[2] = { need->class_type, CLASS_MIXED };

		for (int k = 0; k < 2 && !best; k++) {
			const char *name = want[k] >= 0
			                       ? class_type_names.names[want[k]]
			                       : NULL;

			for (size_t i = 0; i < n; i++)
				if (ps[i].kind == PRICE_CLASS && name &&
				    !strcmp(ps[i].code, name) &&
				    (!best || better_mode(&ps[i], best)))
					best = &ps[i];
			if (best)
				o->price_what = arena_printf(
				    a, "%s%s", class_zh(want[k]),
				    !strcmp(best->mode, "full_day") ? "全日托"
				    : !strcmp(best->mode, "half_day") ? "半日托"
				                                      : "");
		}
		/* no class asked (the public list): the lowest class price */
		if (!best && need->class_type < 0)
			for (size_t i = 0; i < n; i++)
				if (ps[i].kind == PRICE_CLASS &&
				    (!best ||
				     ps[i].amount_fen < best->amount_fen))
					best = &ps[i];
		if (best && !o->price_what)
			o->price_what = "托育费（最低档）";
	}
	if (best) {
		o->has_price = 1;
		o->price_fen = best->amount_fen;
		if (best->affordable)
			o->affordable = 1;
	}
}

int place_offers_gather(struct app_ctx *ctx, const char *area, const char *day,
                        const struct place_need *need, struct place_offer **out,
                        size_t *n)
{
	struct facility_query q = { 0 };
	struct facility *fs;
	struct place_price *ps;
	struct place_rating *rs;
	size_t nf, np, nr, kept = 0, pi = 0, ri = 0, nstop;
	long long total, *stopped;
	struct place_offer *o;

	q.region = area;
	q.kind = q.ownership = -1;
	q.filing = FILING_FILED;
	q.status = FSTATUS_OPEN;
	q.as_of = day;
	q.today = day;
	q.sort = "id";
	if (facility_store_list(ctx->db, ctx->arena, &q, &fs, &nf, &total,
	                        &ctx->err) ||
	    place_price_store_in_force(ctx->db, ctx->arena, area, 0, day, &ps,
	                               &np, &ctx->err) ||
	    place_rating_store_in_force(ctx->db, ctx->arena, area, 0, day, &rs,
	                                &nr, &ctx->err) ||
	    app_facilities_stopped(ctx, &stopped, &nstop))
		return -1;
	o = arena_alloc(ctx->arena, sizeof(*o) * (nf ? nf : 1));
	memset(o, 0, sizeof(*o) * (nf ? nf : 1));
	/* facilities, prices and ratings all come ordered by facility id */
	for (size_t i = 0; i < nf; i++) {
		struct place_offer *x = &o[kept];
		size_t from;

		while (pi < np && ps[pi].facility_id < fs[i].id)
			pi++;
		from = pi;
		while (pi < np && ps[pi].facility_id == fs[i].id)
			pi++;
		while (ri < nr && rs[ri].facility_id < fs[i].id)
			ri++;
		if (!place_offers_kind_fits(fs[i].kind, need->elderly))
			continue;
		/* a major hazard open stops admissions (app/inspect_stop.h) */
		if (app_facility_in(stopped, nstop, fs[i].id))
			continue;
		x->f = fs[i];
		place_vacancy_of(&fs[i].cap, &x->v);
		x->room = room_for(&x->v, need);
		price_for(ctx->arena, ps + from, pi - from, need, x);
		if (!need->elderly && fs[i].cap.affordable_slots > 0)
			x->affordable = 1;
		if (ri < nr && rs[ri].facility_id == fs[i].id) {
			x->has_rating = 1;
			x->rating = rs[ri];
		}
		kept++;
	}
	*out = o;
	*n = kept;
	return 0;
}

int place_region_location(struct app_ctx *ctx, const char *region,
                          const char *day, double *lat, double *lon,
                          const char **method)
{
	struct res_point *pts;
	struct site_row *sites;
	size_t n;
	double w = 0, sy = 0, sx = 0;

	*method = "none";
	if (point_store_subtree(ctx->db, ctx->arena, region, &pts, &n,
	                        &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		double k =
		    pts[i].population > 0 ? (double)pts[i].population : 1;

		w += k;
		sy += k * pts[i].lat;
		sx += k * pts[i].lon;
	}
	if (n) {
		*lat = sy / w;
		*lon = sx / w;
		*method = "residential_points";
		return 0;
	}
	if (point_store_sites(ctx->db, ctx->arena, region, day, NULL, 0, &sites,
	                      &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		sy += sites[i].lat;
		sx += sites[i].lon;
	}
	if (n) {
		*lat = sy / (double)n;
		*lon = sx / (double)n;
		*method = "facilities";
	}
	return 0;
}
