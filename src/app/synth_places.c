#include "app/synth_places.h"

#include "app/indicators.h"
#include "app/place_childcare_policy.h"
#include "app/policy.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/place_price.h"
#include "core/place_rating.h"
#include "core/synth.h"
#include "store/facility_store.h"
#include "store/place_price_store.h"
#include "store/place_rating_store.h"

#include <stdio.h>
#include <string.h>

/* Made-up monthly figures of a demonstration city in yuan, not policy:
 * each facility posts its own. A standard bed and the care of each
 * level in an elderly institution, and a full-day place where no fee cap
 * applies. */
#define BED_YUAN_MIN           1000
#define BED_YUAN_SPAN          1500
#define NURSING_BED_EXTRA_YUAN 300
static const long long care_yuan[3][2] = { /* min, span: self, partly,
	                                      disabled */
	                                   { 200, 300 },
	                                   { 800, 600 },
	                                   { 1500, 1200 }
};
static const char *const care_codes[3] = { "self", "partly", "disabled" };
#define CLASS_YUAN_MIN     1400
#define CLASS_YUAN_SPAN    1800
#define HALF_DAY_PERCENT   60
#define AFFORDABLE_PERCENT 40
/* a rating is given to this share of filed institutions (per cent) and
 * lasts this many years, in the demonstration only */
#define RATED_PERCENT 45
#define RATING_YEARS  3

/* The day a price is posted from: a year before the reference day, or
 * the opening day when later. */
static void posted_on(const struct facility *f, const char *ref, char out[11])
{
	struct lx_date d;

	date_parse(ref, &d);
	date_format(date_from_days(date_to_days(d) - 365), out);
	if (f->opened_on[0] && strcmp(f->opened_on, out) > 0 &&
	    strcmp(f->opened_on, ref) <= 0)
		memcpy(out, f->opened_on, 11);
}

static int add(struct app_ctx *ctx, const struct facility *f, int kind,
               const char *code, const char *mode, long long fen, int aff,
               const char *from, size_t *made)
{
	struct place_price p = { 0 };

	p.facility_id = f->id;
	p.kind = kind;
	p.code = code;
	p.mode = mode;
	p.amount_fen = fen;
	p.affordable = aff;
	snprintf(p.effective_date, sizeof(p.effective_date), "%s", from);
	p.basis = "示范数据";
	snprintf(p.recorded_at, sizeof(p.recorded_at), "%s", ctx->now);
	if (place_price_store_add(ctx->db, &p, 0, &ctx->err))
		return -1;
	++*made;
	return 0;
}

static int elderly_prices(struct app_ctx *ctx, struct synth_rng *rng,
                          const struct facility *f, const char *from,
                          size_t *made)
{
	/* 公办 homes post 普惠 prices */
	int aff = f->ownership == OWN_PUBLIC;
	long long bed =
	    (BED_YUAN_MIN + synth_below(rng, BED_YUAN_SPAN / 100 + 1) * 100) *
	    100;

	if (add(ctx, f, PRICE_BED, "standard", "", bed, aff, from, made))
		return -1;
	if (f->cap.nursing_beds > 0 &&
	    add(ctx, f, PRICE_BED, "nursing", "",
	        bed + NURSING_BED_EXTRA_YUAN * 100, aff, from, made))
		return -1;
	for (int c = 0; c < 3; c++) {
		long long fen =
		    (care_yuan[c][0] +
		     synth_below(rng, care_yuan[c][1] / 50 + 1) * 50) *
		    100;

		if (add(ctx, f, PRICE_CARE, care_codes[c], "", fen, aff, from,
		        made))
			return -1;
	}
	return 0;
}

/* A class price: under the class's fee cap when the facility has 普惠
 * places and the city caps them (景德镇), else a plausible figure. */
static int class_prices(struct app_ctx *ctx, struct synth_rng *rng,
                        const struct facility *f,
                        const struct childcare_policy *pol, const char *from,
                        size_t *made)
{
	int types[CLASS__MAX], nt = 0;
	/* with 普惠 places recorded, or two in five of the others */
	int aff = f->cap.affordable_slots > 0 ||
	          synth_below(rng, 100) < AFFORDABLE_PERCENT;

	for (size_t i = 0; i < f->cap.nclasses && nt < CLASS__MAX; i++)
		types[nt++] = f->cap.classes[i].type;
	if (!nt)
		types[nt++] = f->kind == FK_KINDERGARTEN_NURSERY
		                  ? CLASS_TODDLER_LARGE
		                  : CLASS_MIXED;
	for (int i = 0; i < nt; i++) {
		const struct childcare_class_rule *r =
		    childcare_policy_class(pol, types[i]);
		const char *code = class_type_names.names[types[i]];
		long long full;

		if (aff && r && r->has_fee_cap)
			/* 85 % to 100 % of the cap, to the ten yuan */
			full = r->fee_cap_fen * (85 + synth_below(rng, 16)) /
			       100 / 1000 * 1000;
		else
			full = (CLASS_YUAN_MIN +
			        synth_below(rng, CLASS_YUAN_SPAN / 100 + 1) *
			            100) *
			       100;
		if (add(ctx, f, PRICE_CLASS, code, "full_day", full, aff, from,
		        made) ||
		    add(ctx, f, PRICE_CLASS, code, "half_day",
		        full * HALF_DAY_PERCENT / 100 / 1000 * 1000, aff, from,
		        made))
			return -1;
	}
	return 0;
}

static int rating(struct app_ctx *ctx, struct synth_rng *rng,
                  const struct facility *f, const char *ref, size_t *made)
{
	/* levels 1..5, the middle ones the most common */
	static const int levels[10] = { 1, 2, 2, 3, 3, 3, 4, 4, 5, 3 };
	struct place_rating r = { 0 };
	struct lx_date d;

	if (f->filing_status != FILING_FILED ||
	    place_rating_scheme_for_kind(f->kind) < 0 ||
	    synth_below(rng, 100) >= RATED_PERCENT)
		return 0;
	r.facility_id = f->id;
	r.scheme = place_rating_scheme_for_kind(f->kind);
	r.level = levels[synth_below(rng, 10)];
	date_parse(ref, &d);
	d = date_from_days(date_to_days(d) - synth_below(rng, 700));
	date_format(d, r.rated_on);
	d.y += RATING_YEARS;
	if (d.m == 2 && d.d == 29)
		d.d = 28;
	date_format(d, r.valid_until);
	r.note = "示范数据";
	snprintf(r.recorded_at, sizeof(r.recorded_at), "%s", ctx->now);
	if (place_rating_validate(&r, f->kind, &ctx->err) ||
	    place_rating_store_add(ctx->db, &r, 0, &ctx->err))
		return -1;
	++*made;
	return 0;
}

int synth_places(struct app_ctx *ctx, uint64_t seed, const char *root,
                 const char *ref, struct synth_places_made *made)
{
	struct facility_query q = { .region = root,
		                    .kind = -1,
		                    .ownership = -1,
		                    .filing = -1,
		                    .status = FSTATUS_OPEN,
		                    .as_of = ref,
		                    .today = ref };
	struct synth_rng rng;
	struct facility *v;
	struct policy_view view;
	const struct childcare_policy *pol = NULL;
	size_t n;
	long long total;

	memset(made, 0, sizeof(*made));
	/* a stream of its own: the rest of the city draws as before */
	synth_rng_seed(&rng, seed ^ 0x91ace5a11ULL);
	if (!app_policy_view(ctx, root, &view))
		pol = view.childcare;
	lx_error_clear(&ctx->err);
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct facility *f = &v[i];
		char from[11];
		int rc = 0;

		posted_on(f, ref, from);
		if (f->kind == FK_ELDERLY_INSTITUTION)
			rc = elderly_prices(ctx, &rng, f, from, &made->prices);
		else if (f->kind >= 0 && f->kind < FK__MAX &&
		         facility_kind_is_childcare(
		             (enum facility_kind)f->kind))
			rc = class_prices(ctx, &rng, f, pol, from,
			                  &made->prices);
		else
			continue;
		if (rc || rating(ctx, &rng, f, ref, &made->ratings))
			return -1;
	}
	return 0;
}
