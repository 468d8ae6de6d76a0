#include "app/synth.h"

#include "app/pii.h"
#include "app/policy.h"
#include "app/population_nesting.h"
#include "app/synth_assumed.h"
#include "app/synth_places.h"
#include "app/synth_service_offers.h"
#include "app/synth_services.h"
#include "app/synth_visits.h"
#include "core/assessment.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/id_number.h"
#include "core/population.h"
#include "core/region.h"
#include "core/region_code.h"
#include "core/synth.h"
#include "store/db.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/point_store.h"
#include "store/population_store.h"
#include "store/region_store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Rates the seeds state, and the assumptions where they state none. Each
 * is listed with its source in docs/synth.md; change them there too.
 */
/* 大竹县: 80 周岁以上 2.6 万 of 19.10 万 aged 60+ (七普), seed 001 */
#define AGED_80_NUM 26000.0
#define AGED_80_DEN 191000.0
/* 景德镇: 公办养老院、敬老院 入住率 34.21%, seed 004 */
#define OCCUPANCY 0.3421
/* 巴中: 社区日间照料机构覆盖率 77% (2020 base of Table 1 row 8), seed 000 */
#define DAY_CARE_COVERAGE 0.77
/* 七普 national shares, used only where a preset states no figure */
#define AGED_65_OF_60         (190.64 / 264.02)
#define AGED_60_OF_RESIDENTS  0.1870
#define CHILDREN_OF_RESIDENTS 0.032
/* assumptions (docs/synth.md): annual deaths by age, categories */
static const double death_rate[] = { 0.010, 0.030, 0.085, 0.200 };
#define TEKUN_RATE        0.012
#define DIBAO_RATE        0.050
#define LIVING_ALONE_RATE 0.080
#define EMPTY_NEST_RATE   0.300
#define LEFT_BEHIND_RATE  0.100
#define ASSESSED_HOME_80  0.300
#define ASSESSED_HOME     0.050

struct county {
	char code[13], c6[7];
	int zone;
	double lat0, lon0, lat1, lon1;
	size_t t0, nt;       /* townships */
	struct region *have; /* townships the preset names, filled too */
	size_t nhave;
	long long elderly, occupied, picked, seen;
};

struct town {
	char code[13];
	char *name;
	size_t county;
	int street; /* 街道: urban */
	double lat, lon;
	size_t v0, nv;
};

struct village {
	char code[13];
	char *name;
	size_t town;
	int urban;
	double lat, lon;
	long long pop[POP__MAX];
};

struct fac {
	long long id;
	int kind;
	size_t county, town;
	int public_run;
	long long beds, nursing, occupied, slots, residents;
	long long care[ASSESS_CARE__MAX];
	long long died_by_month[12];
	struct facility f;
};

struct city {
	struct app_ctx *ctx;
	const struct synth_params *p;
	struct synth_rng rng;
	int year;
	struct lx_date ref;
	long refdays;
	char ref_text[11], source[96];
	char place_source[160];  /* a made-up name, labelled so */
	struct lx_date demo_end; /* the last day of the year built */
	char demo_text[11];
	const struct synth_assumed_figure *assumed_residents; /* or NULL */
	json_t *flags; /* population_nesting_flags() of the city built */
	long long total[POP__MAX];
	int has_total[POP__MAX];
	struct county *county;
	size_t ncounty;
	struct town *town;
	size_t ntown;
	struct village *vill;
	size_t nvill;
	struct fac *fac;
	size_t nfac;
	struct arena *scratch; /* one village's people; freed after it */
	uint16_t *seq;         /* ID sequence codes used: county x day x sex */
	long seq_day0, seq_days;
	long long elderly, infants, assessments, deaths, categories;
	long long credit_n;
	struct synth_visits *visits; /* visitors and a year of visits */
	size_t service_offers; /* providers' prices (synth_service_offers.c) */
	struct synth_services_made services; /* synth_services.c */
	struct synth_places_made places;     /* synth_places.c */
};

/* A preset's rough extent (public geography), for coordinates that fall
 * inside the region. Others get a 1-degree box at 30N 105E. */
static const struct {
	const char *code;
	double lat0, lon0, lat1, lon1;
} extents[] = {
	{ "511900000000", 31.25, 106.35, 32.75, 107.75 }, /* 巴中市 */
	{ "511724000000", 30.50, 107.00, 30.95, 107.45 }, /* 大竹县 */
	{ "500154000000", 31.00, 107.90, 31.70, 108.90 }, /* 开州区 */
	{ "511700000000", 30.60, 106.65, 32.30, 108.50 }, /* 达州市 */
	{ "360200000000", 28.75, 116.95, 29.90, 117.70 }, /* 景德镇市 */
};

static int fail(struct city *c, const char *field, const char *msg)
{
	return lx_fail(&c->ctx->err, LX_EINVALID, field, "%s", msg);
}

static double weight(struct synth_rng *r, double spread)
{
	/* roughly log-normal: a sum of uniforms is near normal */
	double z = synth_uniform(r) + synth_uniform(r) + synth_uniform(r) - 1.5;

	return exp(z * spread);
}

static const struct policy *preset_policy(struct city *c)
{
	for (size_t i = 0;
	     c->ctx->policies && i < policy_set_count(c->ctx->policies); i++) {
		const struct policy *p = policy_set_at(c->ctx->policies, i);

		if (!strcmp(p->code, c->p->preset))
			return p;
	}
	return NULL;
}

/* A fact the preset's policy states for the jurisdiction itself, or -1. */
static long long fact(struct city *c, const char *element)
{
	const struct policy *p = preset_policy(c);

	for (size_t i = 0; p && i < p->nfacts; i++)
		if (!strcmp(p->facts[i].element, element) &&
		    !strcmp(p->facts[i].region, c->p->preset))
			return (long long)floor(p->facts[i].value + 0.5);
	return -1;
}

/* The jurisdiction's latest population year and figures, scaled. */
static int load_totals(struct city *c)
{
	struct pop_figure *f;
	size_t n;
	long long res;

	if (population_store_subtree(c->ctx->db, c->ctx->arena, c->p->preset, 0,
	                             &f, &n, &c->ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].region, c->p->preset) &&
		    f[i].metric == POP_RESIDENTS && f[i].year > c->year)
			c->year = f[i].year;
	if (!c->year && (c->assumed_residents = synth_assumed_figure(
	                     c->p->preset, POP_RESIDENTS))) {
		/* docs/synth.md "Filling what a preset lacks" */
		c->year = c->assumed_residents->year;
	}
	if (!c->year)
		return fail(c, "preset",
		            "the preset states no resident population");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].region, c->p->preset) &&
		    f[i].year == c->year) {
			c->total[f[i].metric] = f[i].value;
			c->has_total[f[i].metric] = 1;
		}
	if (c->assumed_residents) {
		c->total[POP_RESIDENTS] = c->assumed_residents->value;
		c->has_total[POP_RESIDENTS] = 1;
	}
	res = c->total[POP_RESIDENTS];
	if (!c->has_total[POP_AGED_60])
		c->total[POP_AGED_60] = llround(res * AGED_60_OF_RESIDENTS);
	if (!c->has_total[POP_AGED_65])
		c->total[POP_AGED_65] =
		    llround(c->total[POP_AGED_60] * AGED_65_OF_60);
	if (!c->has_total[POP_AGED_80])
		c->total[POP_AGED_80] =
		    llround(c->total[POP_AGED_60] * AGED_80_NUM / AGED_80_DEN);
	if (!c->has_total[POP_CHILDREN_0_3])
		c->total[POP_CHILDREN_0_3] =
		    llround(res * CHILDREN_OF_RESIDENTS);
	for (int m = 0; m < POP__MAX; m++)
		c->total[m] = synth_scaled(c->total[m], c->p->scale);
	/* 七普's standard time: 2020-11-01 */
	c->ref = (struct lx_date){ c->year, 11, 1 };
	c->refdays = date_to_days(c->ref);
	date_format(c->ref, c->ref_text);
	/* the visits and services run the twelve calendar months after the
	 * reference month: the demo is of that year's last day */
	c->demo_end = (struct lx_date){ c->year + 1, 11, 30 };
	date_format(c->demo_end, c->demo_text);
	if (c->total[POP_AGED_60] > c->total[POP_RESIDENTS] ||
	    c->total[POP_AGED_65] > c->total[POP_AGED_60] ||
	    c->total[POP_AGED_80] > c->total[POP_AGED_65] ||
	    c->total[POP_CHILDREN_0_3] + c->total[POP_AGED_60] >
	        c->total[POP_RESIDENTS])
		return fail(c, "preset",
		            "the preset's population figures do not nest "
		            "(an age group above the residents or above the "
		            "group it is part of)");
	return 0;
}

static long scaled_count(double base, double scale, long min)
{
	long n = lround(base * sqrt(scale));

	return n < min ? min : n;
}

static int insert_region(struct city *c, const char *code, const char *name,
                         int level, const char *parent, const char *source)
{
	struct region r = { .level = level,
		            .kind = 0,
		            .source = (char *)source };

	snprintf(r.code, sizeof(r.code), "%s", code);
	snprintf(r.parent, sizeof(r.parent), "%s", parent);
	r.name = (char *)name;
	r.kind = region_kind_parse("admin");
	if (region_validate(&r, &c->ctx->err))
		return -1;
	return region_store_insert(c->ctx->db, &r, &c->ctx->err);
}

/* A county the preset names townships of, with none below them, is
 * filled around them: 0 and the townships in *have, or -1 when some have
 * regions below (it is not synth's to fill; err set only on a failure). */
static int townships_to_fill(struct city *c, const char *county,
                             struct region **have, size_t *n)
{
	if (region_store_children(c->ctx->db, c->ctx->arena, county, have, n,
	                          &c->ctx->err))
		return -1;
	for (size_t i = 0; i < *n; i++)
		if ((*have)[i].level != REGION_TOWNSHIP ||
		    region_store_count_children(c->ctx->db, (*have)[i].code))
			return -1;
	return 0;
}

/* How many townships a county has: about 22 (6 in a zone) at scale 1,
 * fewer in a smaller city, and at least those the preset names. */
static size_t towns_in(struct city *c, const struct county *k)
{
	size_t n = (size_t)scaled_count(k->zone ? 6 : 22, c->p->scale, 2);

	return n < k->nhave ? k->nhave : n;
}

static int has_township(const struct county *k, const char *code)
{
	for (size_t i = 0; i < k->nhave; i++)
		if (!strcmp(k->have[i].code, code))
			return 1;
	return 0;
}

/* A new township's name: the next real name a seed gives for the county
 * (of its kind, 街道 or 镇), else a placeholder from made-up syllables;
 * *src the source to record, saying which. */
static void named_or_stem(struct city *c,
                          const struct synth_named_township *named,
                          size_t nnamed, size_t *used, struct town *tw,
                          const char **src)
{
	char stem[16];

	for (size_t i = 0; i < nnamed; i++) {
		if (*used & ((size_t)1 << i) || named[i].street != tw->street)
			continue;
		*used |= (size_t)1 << i;
		tw->name = (char *)named[i].name;
		*src = arena_printf(c->ctx->arena, "%s; %s", c->source,
		                    named[i].basis);
		return;
	}
	synth_place_stem(&c->rng, stem, sizeof(stem));
	tw->name = arena_printf(c->ctx->arena, "%s%s", stem,
	                        tw->street ? "街道" : "镇");
	*src = c->place_source;
}

static int make_regions(struct city *c)
{
	struct region *kids, self;
	size_t nk, nt = 0;
	double lat0 = 30, lon0 = 105, lat1 = 31, lon1 = 106;

	for (size_t i = 0; i < sizeof(extents) / sizeof(extents[0]); i++)
		if (!strcmp(extents[i].code, c->p->preset)) {
			lat0 = extents[i].lat0;
			lon0 = extents[i].lon0;
			lat1 = extents[i].lat1;
			lon1 = extents[i].lon1;
		}
	if (region_store_get(c->ctx->db, c->ctx->arena, c->p->preset, &self,
	                     &c->ctx->err))
		return -1;
	if (self.level == REGION_COUNTY) {
		kids = &self;
		nk = 1;
	} else if (region_store_children(c->ctx->db, c->ctx->arena,
	                                 c->p->preset, &kids, &nk,
	                                 &c->ctx->err)) {
		return -1;
	}
	c->county = arena_alloc(c->ctx->arena, (nk + 1) * sizeof(*c->county));
	for (size_t i = 0; i < nk; i++) {
		struct county *k = &c->county[c->ncounty];
		/* counties side by side in a grid over the extent */
		size_t cols = (size_t)ceil(sqrt((double)nk));
		size_t rows = (nk + cols - 1) / cols;
		double h = (lat1 - lat0) / (double)rows,
		       w = (lon1 - lon0) / (double)cols;

		struct region *have = NULL;
		size_t nhave = 0;

		if (kids[i].level != REGION_COUNTY ||
		    (region_store_count_children(c->ctx->db, kids[i].code) &&
		     townships_to_fill(c, kids[i].code, &have, &nhave)))
			continue;
		memset(k, 0, sizeof(*k));
		k->have = have;
		k->nhave = nhave;
		memcpy(k->code, kids[i].code, sizeof(k->code));
		memcpy(k->c6, kids[i].code, 6);
		k->zone = kids[i].kind == region_kind_parse("zone");
		k->lat0 = lat0 + h * (double)(i / cols);
		k->lon0 = lon0 + w * (double)(i % cols);
		k->lat1 = k->lat0 + h;
		k->lon1 = k->lon0 + w;
		c->ncounty++;
	}
	if (c->ctx->err.code)
		return -1;
	if (!c->ncounty)
		return fail(c, "preset",
		            "the preset has no county whose townships are "
		            "empty to fill");
	/* plausible counts: about 22 townships a county (6 in a zone) and
	 * 12 villages a township at scale 1, fewer in a smaller city */
	for (size_t i = 0; i < c->ncounty; i++)
		nt += towns_in(c, &c->county[i]);
	c->town = arena_alloc(c->ctx->arena, nt * sizeof(*c->town));
	c->vill = arena_alloc(c->ctx->arena, nt * 20 * sizeof(*c->vill));
	for (size_t i = 0; i < c->ncounty; i++) {
		struct county *k = &c->county[i];
		long n = (long)towns_in(c, k);
		size_t nnamed, used_named = 0;
		const struct synth_named_township *named =
		    synth_named_townships(k->code, &nnamed);
		unsigned next_street = 1, next_town = 100;

		k->t0 = c->ntown;
		k->nt = (size_t)n;
		for (long t = 0; t < n; t++) {
			struct town *tw = &c->town[c->ntown++];
			char stem[16];
			long nvil = scaled_count(12, c->p->scale, 1);
			const char *src = c->place_source;

			if (nvil > 19)
				nvil = 19;
			tw->county = i;
			if ((size_t)t < k->nhave) {
				/* a township the preset names: kept, filled */
				const struct region *h = &k->have[t];

				memcpy(tw->code, h->code, sizeof(tw->code));
				tw->name = h->name;
				tw->street =
				    h->kind != region_kind_parse("zone") &&
				    strncmp(h->code + 6, "100", 3) < 0;
			} else {
				/* the seat's streets come first; codes the
				 * preset's townships hold are passed over */
				tw->street = t - (long)k->nhave < 2;
				do
					snprintf(tw->code, sizeof(tw->code),
					         "%.6s%03u000", k->c6,
					         (tw->street ? next_street++
					                     : next_town++) %
					             1000u);
				while (has_township(k, tw->code));
				named_or_stem(c, named, nnamed, &used_named, tw,
				              &src);
			}
			tw->lat =
			    k->lat0 + (k->lat1 - k->lat0) *
			                  (0.1 + 0.8 * synth_uniform(&c->rng));
			tw->lon =
			    k->lon0 + (k->lon1 - k->lon0) *
			                  (0.1 + 0.8 * synth_uniform(&c->rng));
			if ((size_t)t >= k->nhave &&
			    insert_region(c, tw->code, tw->name,
			                  REGION_TOWNSHIP, k->code, src))
				return -1;
			tw->v0 = c->nvill;
			tw->nv = (size_t)nvil;
			for (long v = 0; v < nvil; v++) {
				struct village *vl = &c->vill[c->nvill++];
				int urban = tw->street || v == 0;

				memset(vl, 0, sizeof(*vl));
				vl->town = c->ntown - 1;
				vl->urban = urban;
				snprintf(vl->code, sizeof(vl->code), "%.9s%03u",
				         tw->code,
				         (unsigned)(urban ? v + 1 : 200 + v) %
				             1000u);
				synth_place_stem(&c->rng, stem, sizeof(stem));
				vl->name =
				    arena_printf(c->ctx->arena, "%s%s", stem,
				                 urban ? "社区" : "村");
				/* within about 3 km of the township's seat */
				vl->lat = tw->lat +
				          (synth_uniform(&c->rng) - 0.5) * 0.05;
				vl->lon = tw->lon +
				          (synth_uniform(&c->rng) - 0.5) * 0.06;
				if (insert_region(c, vl->code, vl->name,
				                  REGION_VILLAGE, tw->code,
				                  c->place_source))
					return -1;
			}
		}
	}
	return 0;
}

/* Apportions total to the villages by w, no village above its cap: the
 * excess of a capped village goes to those with room, largest first. */
static int spread(struct city *c, long long total, const double *w,
                  const long long *cap, long long *out)
{
	long long over = 0;

	if (synth_apportion(total, w, c->nvill, out))
		return fail(c, "preset", "population weights are not valid");
	for (size_t i = 0; cap && i < c->nvill; i++)
		if (out[i] > cap[i]) {
			over += out[i] - cap[i];
			out[i] = cap[i];
		}
	for (size_t i = 0; over && i < c->nvill; i++) {
		long long room = cap[i] - out[i];
		long long give = room < over ? room : over;

		out[i] += give;
		over -= give;
	}
	return over ? fail(c, "preset", "population figures do not nest") : 0;
}

/* The sum of one metric over the villages built within the region. */
static long long villages_under(struct city *c, const char *code, int metric)
{
	long long sum = 0;

	for (size_t i = 0; i < c->nvill; i++)
		if (region_code_is_within(c->vill[i].code, code))
			sum += c->vill[i].pop[metric];
	return sum;
}

/* The figures of the regions built above the villages (the jurisdiction,
 * its counties and townships, some of them from other presets: 大竹 inside
 * 达州) become the villages' sums for the year built, so that a direct
 * figure and the villages' roll-up agree at any scale and no child is
 * larger than its parent; figures of other years are scaled. The preset's
 * published figures are the villages' sums at scale 1. */
static int own_figures(struct city *c)
{
	struct pop_figure *f;
	size_t n;

	if (population_store_subtree(c->ctx->db, c->ctx->arena, c->p->preset, 0,
	                             &f, &n, &c->ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int built = !strcmp(f[i].region, c->p->preset);

		for (size_t k = 0; !built && k < c->ncounty; k++)
			built = !strncmp(f[i].region, c->county[k].c6, 6);
		long long was = f[i].value;

		if (!built || strcmp(f[i].region + 9, "000"))
			continue; /* a village: written by make_population */
		if (f[i].year == c->year)
			f[i].value =
			    villages_under(c, f[i].region, f[i].metric);
		else
			f[i].value = synth_scaled(f[i].value, c->p->scale);
		if (f[i].value == was)
			continue;
		f[i].source = c->source;
		if (population_store_put(c->ctx->db, &f[i], 0, c->ctx->now,
		                         &c->ctx->err))
			return -1;
	}
	/* the residents synth had to assume, recorded as its figure */
	if (c->assumed_residents) {
		struct pop_figure a = { .year = c->year,
			                .metric = POP_RESIDENTS,
			                .value = c->total[POP_RESIDENTS],
			                .source = c->source };

		snprintf(a.region, sizeof(a.region), "%s", c->p->preset);
		if (population_store_put(c->ctx->db, &a, 0, c->ctx->now,
		                         &c->ctx->err))
			return -1;
	}
	return 0;
}

static int make_population(struct city *c)
{
	size_t n = c->nvill;
	double *w = arena_alloc(c->ctx->arena, n * sizeof(*w));
	double *cw = arena_alloc(c->ctx->arena, c->ncounty * sizeof(*cw));
	long long *v[POP__MAX],
	    *cap = arena_alloc(c->ctx->arena, n * sizeof(*cap));
	static const int metrics[] = { POP_RESIDENTS, POP_AGED_60, POP_AGED_65,
		                       POP_AGED_80, POP_CHILDREN_0_3 };

	for (size_t k = 0; k < c->ncounty; k++)
		cw[k] = c->county[k].zone ? 0.3
		                          : 0.6 + 0.8 * synth_uniform(&c->rng);
	for (int m = 0; m < POP__MAX; m++)
		v[m] = arena_alloc(c->ctx->arena, n * sizeof(**v));
	for (size_t i = 0; i < n; i++)
		w[i] = cw[c->town[c->vill[i].town].county] *
		       weight(&c->rng, 0.6) * (c->vill[i].urban ? 2.5 : 1.0);
	if (spread(c, c->total[POP_RESIDENTS], w, NULL, v[POP_RESIDENTS]))
		return -1;
	/* the countryside is older: rural villages weigh more for 60+ */
	for (size_t i = 0; i < n; i++) {
		w[i] = (double)v[POP_RESIDENTS][i] *
		       (c->vill[i].urban ? 0.8 : 1.2);
		cap[i] = v[POP_RESIDENTS][i];
	}
	if (spread(c, c->total[POP_AGED_60], w, cap, v[POP_AGED_60]))
		return -1;
	for (size_t i = 0; i < n; i++) {
		w[i] = (double)v[POP_AGED_60][i];
		cap[i] = v[POP_AGED_60][i];
	}
	if (spread(c, c->total[POP_AGED_65], w, cap, v[POP_AGED_65]))
		return -1;
	for (size_t i = 0; i < n; i++) {
		w[i] = (double)v[POP_AGED_65][i];
		cap[i] = v[POP_AGED_65][i];
	}
	if (spread(c, c->total[POP_AGED_80], w, cap, v[POP_AGED_80]))
		return -1;
	for (size_t i = 0; i < n; i++) {
		w[i] = (double)(v[POP_RESIDENTS][i] - v[POP_AGED_60][i]);
		cap[i] = v[POP_RESIDENTS][i] - v[POP_AGED_60][i];
	}
	if (spread(c, c->total[POP_CHILDREN_0_3], w, cap, v[POP_CHILDREN_0_3]))
		return -1;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sizeof(metrics) / sizeof(*metrics);
		     k++) {
			struct pop_figure f = { .year = c->year,
				                .metric = metrics[k],
				                .value = v[metrics[k]][i],
				                .source = c->source };

			c->vill[i].pop[metrics[k]] = f.value;
			memcpy(f.region, c->vill[i].code, sizeof(f.region));
			if (population_store_put(c->ctx->db, &f, 0, c->ctx->now,
			                         &c->ctx->err))
				return -1;
		}
		c->county[c->town[c->vill[i].town].county].elderly +=
		    v[POP_AGED_60][i];
	}
	if (own_figures(c))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct res_point pt = { .lat = c->vill[i].lat,
			                .lon = c->vill[i].lon,
			                .population = v[POP_RESIDENTS][i],
			                .name = c->vill[i].name,
			                .source = c->source };

		memcpy(pt.region, c->vill[i].code, sizeof(pt.region));
		if (point_store_insert(c->ctx->db, &pt, &c->ctx->err))
			return -1;
	}
	return 0;
}

/* ---- facilities ---- */

static struct fac *add_fac(struct city *c, int kind, size_t county)
{
	struct fac *f = &c->fac[c->nfac++];
	const struct county *k = &c->county[county];

	memset(f, 0, sizeof(*f));
	facility_init(&f->f);
	f->kind = kind;
	f->county = county;
	f->town = k->t0 + (size_t)synth_below(&c->rng, (long)k->nt);
	return f;
}

/* Counties for n facilities, in proportion to their elderly. */
static int counties_for(struct city *c, long long n, size_t *out)
{
	double *w = arena_alloc(c->ctx->arena, c->ncounty * sizeof(*w));
	long long *k = arena_alloc(c->ctx->arena, c->ncounty * sizeof(*k));
	size_t at = 0;

	for (size_t i = 0; i < c->ncounty; i++)
		w[i] = (double)c->county[i].elderly + 1;
	if (synth_apportion(n, w, c->ncounty, k))
		return fail(c, "preset", "no county to place facilities in");
	for (size_t i = 0; i < c->ncounty; i++)
		for (long long j = 0; j < k[i]; j++)
			out[at++] = i;
	return 0;
}

/* total split over the facilities first..first+n-1 by random sizes. */
static int sizes(struct city *c, long long total, struct fac *first, size_t n,
                 long long *(*field)(struct fac *))
{
	double *w = arena_alloc(c->ctx->arena, (n + 1) * sizeof(*w));
	long long *out = arena_alloc(c->ctx->arena, (n + 1) * sizeof(*out));

	for (size_t i = 0; i < n; i++)
		w[i] = weight(&c->rng, 0.8);
	if (n && synth_apportion(total, w, n, out))
		return fail(c, "preset", "facility sizes are not valid");
	for (size_t i = 0; i < n; i++)
		*field(&first[i]) = out[i];
	return 0;
}

static long long *beds_of(struct fac *f)
{
	return &f->beds;
}

static long long *slots_of(struct fac *f)
{
	return &f->slots;
}

static long long fact_or(struct city *c, const char *element, double fallback)
{
	long long v = fact(c, element);

	return synth_scaled(v >= 0 ? v : llround(fallback), c->p->scale);
}

/* Nursing beds in proportion to beds, never more than an institution's
 * beds (largest remainder can give one over; it moves on). */
static int nursing(struct city *c, struct fac *first, size_t n, long long total)
{
	double *w = arena_alloc(c->ctx->arena, (n + 1) * sizeof(*w));
	long long *out = arena_alloc(c->ctx->arena, (n + 1) * sizeof(*out));
	long long over = 0;

	for (size_t i = 0; i < n; i++)
		w[i] = (double)first[i].beds;
	if (n && synth_apportion(total, w, n, out))
		return fail(c, "preset", "nursing beds without beds");
	for (size_t i = 0; i < n; i++) {
		if (out[i] > first[i].beds) {
			over += out[i] - first[i].beds;
			out[i] = first[i].beds;
		}
	}
	for (size_t i = 0; i < n && over; i++)
		while (over && out[i] < first[i].beds) {
			out[i]++;
			over--;
		}
	for (size_t i = 0; i < n; i++)
		first[i].nursing = out[i];
	return over ? fail(c, "preset", "more nursing beds than beds") : 0;
}

/* The 巴中 plan's size split of its 19 childcare institutions (seed 000
 * 第3行: 超过150个 1家, 100-150个 5家, 51-99个 7家, 50个以下 6家) in the
 * order of its policy's bands; slots fill the bands from the smallest,
 * the unbounded band takes the rest. */
static int childcare_slots(struct city *c, struct fac *first, size_t n,
                           long long total)
{
	const struct policy *p = preset_policy(c);
	static const long long bazhong_split[] = { 1, 5, 7, 6 };

	if (p && p->has_bands && p->nbands == 4 &&
	    !strcmp(p->code, "511900000000") && c->p->scale == 1.0 && n == 19) {
		long long left = total;
		size_t at = 0, rest = 0, rest_band = 0;

		/* a random size within each bounded band (at least 10); the
		 * unbounded one (超大型) takes what is left */
		for (size_t b = 0; b < p->nbands; b++)
			for (long long j = 0; j < bazhong_split[b]; j++) {
				const struct size_band *sb = &p->bands[b];
				long long lo =
				    sb->min_slots < 10 ? 10 : sb->min_slots;

				if (sb->max_slots > 0) {
					first[at].slots =
					    lo +
					    synth_below(&c->rng,
					                sb->max_slots - lo + 1);
				} else {
					rest = at;
					rest_band = b;
				}
				left -= first[at++].slots;
			}
		first[rest].slots += left;
		if (first[rest].slots < p->bands[rest_band].min_slots)
			return fail(c, "preset",
			            "the slots do not fill the size bands");
		return 0;
	}
	return sizes(c, total, first, n, slots_of);
}

static const char *fac_suffix(int kind, int i)
{
	switch (kind) {
	case FK_ELDERLY_INSTITUTION:
		return i % 3 ? "颐养院" : "敬老院";
	case FK_CHILDCARE_INSTITUTION:
		return "托育园";
	case FK_KINDERGARTEN_NURSERY:
		return "幼儿园";
	default:
		return "社区日间照料中心";
	}
}

static int store_fac(struct city *c, struct fac *x, size_t i)
{
	struct facility *f = &x->f;
	const struct town *t = &c->town[x->town];
	char code[19], stem[16];
	struct lx_date open =
	    date_from_days(c->refdays - 200 - synth_below(&c->rng, 3000));

	f->kind = x->kind;
	synth_place_stem(&c->rng, stem, sizeof(stem));
	f->name = arena_printf(c->ctx->arena, "%s%s%s", t->name, stem,
	                       fac_suffix(x->kind, (int)i));
	memcpy(f->region, t->code, sizeof(f->region));
	if (synth_credit_code(c->county[x->county].c6, c->credit_n++, code))
		return fail(c, "credit_code", "no credit code left");
	f->credit_code = arena_strdup(c->ctx->arena, code);
	f->address = arena_printf(c->ctx->arena, "%s%ld号", t->name,
	                          1 + synth_below(&c->rng, 200));
	f->has_coords = 3;
	f->lat = t->lat + (synth_uniform(&c->rng) - 0.5) * 0.02;
	f->lon = t->lon + (synth_uniform(&c->rng) - 0.5) * 0.02;
	date_format(open, f->opened_on);
	if (f->filing_status == FILING_FILED)
		memcpy(f->filing_date, f->opened_on, sizeof(f->filing_date));
	memcpy(f->cap.date, f->opened_on, sizeof(f->cap.date));
	f->cap.beds = x->beds;
	f->cap.nursing_beds = x->nursing;
	f->cap.occupied_beds = x->occupied;
	f->cap.slots = x->slots;
	f->caregivers = x->kind == FK_ELDERLY_INSTITUTION
	                    ? (x->occupied + 4) / 5
	                    : (x->slots + 4) / 5;
	if (facility_validate(f, &c->ctx->err) ||
	    facility_store_insert(c->ctx->db, f, c->ctx->now, 0, &c->ctx->err))
		return -1;
	x->id = f->id;
	return 0;
}

static int make_facilities(struct city *c)
{
	long long n_inst =
	    fact_or(c, "facilities.elderly_institution",
	            c->total[POP_AGED_60] / c->p->scale * 74 / 663400.0);
	long long beds =
	    fact_or(c, "beds.elderly_institution",
	            c->total[POP_AGED_60] / c->p->scale * 8749 / 663400.0);
	long long nurse = fact_or(c, "nursing_beds.elderly_institution",
	                          beds / c->p->scale * 0.567);
	long long n_pp =
	    fact_or(c, "facilities.elderly_institution.public_private", 0);
	long long n_priv =
	    fact_or(c, "facilities.elderly_institution.private", 0);
	long long priv_beds = fact_or(c, "beds.elderly_institution.private", 0);
	long long priv_nurse =
	    fact_or(c, "nursing_beds.elderly_institution.private", 0);
	long long n_med = fact_or(c, "facilities.medical", 0);
	long long n_cc =
	    fact_or(c, "facilities.childcare_institution",
	            c->total[POP_CHILDREN_0_3] / c->p->scale * 19 / 86900.0);
	long long slots =
	    fact_or(c, "slots",
	            c->total[POP_RESIDENTS] / c->p->scale * 4662 / 2712900.0);
	long long n_filed =
	    fact_or(c, "facilities.childcare_institution.filed", 0);
	long long n_kg = fact_or(c, "facilities.kindergarten_nursery", 0);
	long long n_day = 0, n_pub;
	size_t *where, at;

	if (n_inst < 1)
		n_inst = 1;
	if (n_cc < 1)
		n_cc = 1;
	if (n_pp + n_priv > n_inst || priv_beds > beds || priv_nurse > nurse)
		return fail(c, "preset", "the facility facts do not nest");
	for (size_t i = 0; i < c->nvill; i++)
		n_day += c->vill[i].urban;
	n_day = llround((double)n_day * DAY_CARE_COVERAGE);
	c->fac = arena_alloc(c->ctx->arena,
	                     (size_t)(n_inst + n_cc + n_kg + n_day + 1) *
	                         sizeof(*c->fac));
	where = arena_alloc(c->ctx->arena, (size_t)(n_inst + n_cc + n_kg + 1) *
	                                       sizeof(*where));
	/* elderly institutions: private ones first (their own bed facts),
	 * then 公建民营 and 公办公营 sharing the rest */
	if (counties_for(c, n_inst, where))
		return -1;
	n_pub = n_inst - n_priv;
	for (long long i = 0; i < n_inst; i++) {
		struct fac *x = add_fac(c, FK_ELDERLY_INSTITUTION,
		                        where[(size_t)((i * 7919) % n_inst)]);

		x->public_run = i >= n_priv + n_pp;
	}
	if (sizes(c, n_priv ? priv_beds : 0, c->fac, (size_t)n_priv, beds_of) ||
	    sizes(c, beds - (n_priv ? priv_beds : 0), c->fac + n_priv,
	          (size_t)n_pub, beds_of) ||
	    nursing(c, c->fac, (size_t)n_priv, n_priv ? priv_nurse : 0) ||
	    nursing(c, c->fac + n_priv, (size_t)n_pub,
	            nurse - (n_priv ? priv_nurse : 0)))
		return -1;
	for (long long i = 0; i < n_inst; i++) {
		struct fac *x = &c->fac[i];

		x->occupied = llround((double)x->beds * OCCUPANCY);
		c->county[x->county].occupied += x->occupied;
	}
	/* childcare institutions and kindergartens with nursery classes */
	at = c->nfac;
	if (counties_for(c, n_cc, where))
		return -1;
	for (long long i = 0; i < n_cc; i++)
		add_fac(c, FK_CHILDCARE_INSTITUTION,
		        where[(size_t)((i * 7919) % n_cc)]);
	if (childcare_slots(c, c->fac + at, (size_t)n_cc, slots))
		return -1;
	if (counties_for(c, n_kg, where))
		return -1;
	for (long long i = 0; i < n_kg; i++)
		add_fac(c, FK_KINDERGARTEN_NURSERY, where[i]);
	/* day care centres in the urban communities they cover */
	for (size_t i = 0, made = 0; i < c->nvill && (long long)made < n_day;
	     i++) {
		struct fac *x;

		if (!c->vill[i].urban)
			continue;
		x = add_fac(c, FK_DAY_CARE_CENTER,
		            c->town[c->vill[i].town].county);
		x->town = c->vill[i].town;
		made++;
	}
	for (size_t i = 0; i < c->nfac; i++) {
		struct fac *x = &c->fac[i];
		struct facility *f = &x->f;

		if (x->kind == FK_ELDERLY_INSTITUTION) {
			long long k = (long long)i;

			f->ownership = k < n_priv ? OWN_PRIVATE : OWN_PUBLIC;
			f->operation = k < n_priv          ? OP_PRIVATE_RUN
			               : k < n_priv + n_pp ? OP_PUBLIC_PRIVATE
			                                   : OP_PUBLIC_RUN;
			f->profit = k < n_priv && k % 2 ? PROFIT_FORPROFIT
			                                : PROFIT_NONPROFIT;
			f->medical_integration = k % 5 == 0 && n_med-- > 0;
			f->internal_clinic = f->medical_integration;
			/* an elderly institution is filed (备案) with civil
			 * affairs before it takes residents, so matching and
			 * the public search (docs/synth.md "Finding a place")
			 * have institutions to list */
			f->filing_status = FILING_FILED;
		} else if (x->kind == FK_CHILDCARE_INSTITUTION) {
			f->ownership = OWN_PRIVATE;
			f->operation = OP_PRIVATE_RUN;
			f->profit = PROFIT_FORPROFIT;
			if (n_filed-- > 0)
				f->filing_status = FILING_FILED;
		} else {
			f->ownership = OWN_PUBLIC;
			f->operation = OP_PUBLIC_RUN;
			f->profit = PROFIT_NONPROFIT;
		}
		if (store_fac(c, x, i))
			return -1;
	}
	return 0;
}

/* ---- people ---- */

/* The next unused sequence code for sex on a day in a county. */
static int next_id(struct city *c, size_t county, long day, char sex,
                   char out[19])
{
	long off = day - c->seq_day0;
	uint16_t *s;
	struct lx_date d = date_from_days(day);

	if (off < 0 || off >= c->seq_days)
		return fail(c, "birth_date", "birth date out of range");
	s = &c->seq[((size_t)county * (size_t)c->seq_days + (size_t)off) * 2 +
	            (sex == 'M')];
	if (synth_id_number(c->county[county].c6, d.y, d.m, d.d, sex, *s, out))
		return fail(c, "id_number",
		            "more births on one day than the "
		            "sequence code allows");
	(*s)++;
	return 0;
}

/* A birth day for someone aged exactly age on the reference day. */
static long birth_day(struct city *c, int age)
{
	struct lx_date hi = c->ref, lo = c->ref;
	long a, b;

	hi.y -= age;
	lo.y -= age + 1;
	if (hi.m == 2 && hi.d == 29 && !date_is_leap(hi.y))
		hi.d = 28;
	if (lo.m == 2 && lo.d == 29 && !date_is_leap(lo.y))
		lo.d = 28;
	a = date_to_days(lo) + 1;
	b = date_to_days(hi);
	return a + synth_below(&c->rng, b - a + 1);
}

/* Single years of age in [lo, hi], falling by fall a year. */
static int draw_age(struct synth_rng *r, int lo, int hi, double fall)
{
	double total = 0, u;

	for (int a = lo; a <= hi; a++)
		total += exp(-fall * (a - lo));
	u = synth_uniform(r) * total;
	for (int a = lo; a <= hi; a++) {
		u -= exp(-fall * (a - lo));
		if (u < 0)
			return a;
	}
	return hi;
}

static void add_category(struct city *c, struct person *p, const char *cat,
                         const char *start)
{
	struct person_category *pc = &p->categories[p->ncategories++];

	pc->category = (char *)cat;
	memcpy(pc->start, start, sizeof(pc->start));
	pc->end[0] = '\0';
	c->categories++;
}

static int seal(struct city *c, struct person *p, const char *number)
{
	char masked[19];

	pii_hash(c->ctx->keys, number, p->id_hash);
	if (id_number_mask(number, masked, sizeof(masked)))
		return fail(c, "id_number", "cannot mask a made-up number");
	pii_hash(c->ctx->keys, masked, p->id_masked_hash);
	p->id_sealed =
	    pii_seal(c->ctx->keys, c->scratch, number, &p->id_sealed_len);
	return 0;
}

/* An institution in the county with a bed to fill. */
static struct fac *bed_for(struct city *c, size_t county)
{
	for (size_t i = 0; i < c->nfac; i++) {
		struct fac *x = &c->fac[i];

		if (x->kind == FK_ELDERLY_INSTITUTION && x->county == county &&
		    x->residents < x->occupied)
			return x;
	}
	return NULL;
}

/* Scores an assessment for a person of the given frailty into row (the
 * person's id set later); returns the care category of its level. */
static int assess(struct city *c, double frailty, struct assessment_row *row,
                  char *items)
{
	struct assess_result res;
	struct assess_background bg = { 0 };
	struct assess_policy pol = assess_policy_default();
	int scores[ASSESS_ITEM_COUNT];
	/* a year before the reference day to a year after it */
	struct lx_date on =
	    date_from_days(c->refdays - 365 + synth_below(&c->rng, 730));
	char a1[16], a2[16];

	synth_assessment_items(&c->rng, frailty, scores);
	if (assess_score(scores, ASSESS_ITEM_COUNT, &bg, &pol, &res,
	                 &c->ctx->err))
		return -1;
	for (int k = 0; k < ASSESS_ITEM_COUNT; k++)
		items[k] = (char)('0' + res.items[k]);
	items[ASSESS_ITEM_COUNT] = '\0';
	synth_person_name(&c->rng, 'F', a1, sizeof(a1));
	synth_person_name(&c->rng, 'M', a2, sizeof(a2));
	memset(row, 0, sizeof(*row));
	row->instrument = (char *)res.instrument;
	row->assessors = arena_printf(c->scratch, "%s、%s", a1, a2);
	row->items = items;
	row->has_total = 1;
	row->total = res.total;
	row->initial_level = res.initial;
	row->final_level = res.final;
	row->reason = (char *)"首次评估";
	date_format(on, row->assessed_on);
	return (int)pol.care_of[res.final];
}

static int make_elderly(struct city *c, const struct village *v, int age,
                        struct person *p)
{
	size_t county = c->town[v->town].county;
	struct county *k = &c->county[county];
	char sex = synth_chance(&c->rng, age >= 80 ? 0.58 : 0.51) ? 'F' : 'M';
	long day = birth_day(c, age);
	char number[19], name[32], since[11], items[ASSESS_ITEM_COUNT + 1];
	struct assessment_row row;
	struct fac *home = NULL;
	struct person_category cats[8];
	double frailty;
	int care = -1;

	memset(p, 0, sizeof(*p));
	p->categories = cats;
	if (next_id(c, county, day, sex, number) || seal(c, p, number))
		return -1;
	synth_person_name(&c->rng, sex, name, sizeof(name));
	memcpy(p->kind, "elderly", 8);
	p->name = name;
	p->sex[0] = sex;
	date_format(date_from_days(day), p->birth_date);
	memcpy(p->region, v->code, sizeof(p->region));
	p->address =
	    arena_printf(c->scratch, "%s%s%ld组", c->town[v->town].name,
	                 v->name, 1 + synth_below(&c->rng, 9));
	memcpy(p->residence, "home", 5);
	/* exactly the county's occupied beds are filled: selection
	 * sampling picks that many of its elderly, each equally likely */
	k->seen++;
	if (k->picked < k->occupied &&
	    synth_uniform(&c->rng) * (double)(k->elderly - k->seen + 1) <
	        (double)(k->occupied - k->picked)) {
		home = bed_for(c, county);
		if (home) {
			k->picked++;
			home->residents++;
			memcpy(p->residence, "institution", 12);
			p->facility_id = home->id;
		}
	}
	date_format(
	    date_from_days(c->refdays - 30 - synth_below(&c->rng, 2000)),
	    since);
	frailty = (age - 60) / 45.0 + (home ? 0.3 : 0.0) +
	          (synth_uniform(&c->rng) - 0.5) * 0.4;
	frailty = frailty < 0 ? 0 : frailty > 1 ? 1 : frailty;
	/* deaths in the year after the reference day */
	if (synth_chance(&c->rng, death_rate[age < 70   ? 0
	                                     : age < 80 ? 1
	                                     : age < 90 ? 2
	                                                : 3])) {
		long d = c->refdays + 1 + synth_below(&c->rng, 365);

		date_format(date_from_days(d), p->deceased_on);
		c->deaths++;
		if (home) {
			struct lx_date dd = date_from_days(d);
			int m = (dd.y - c->ref.y) * 12 + dd.m - c->ref.m;

			if (m >= 0 && m < 12)
				home->died_by_month[m]++;
		}
	}
	if (synth_chance(&c->rng, TEKUN_RATE) && !v->urban) {
		add_category(c, p,
		             home && home->public_run ? "tekun_centralized"
		                                      : "tekun_dispersed",
		             since);
		add_category(c, p, "rural", since);
	} else if (synth_chance(&c->rng, DIBAO_RATE)) {
		add_category(c, p, "dibao", since);
		add_category(c, p, v->urban ? "urban" : "rural", since);
	}
	if (!home && synth_chance(&c->rng, LIVING_ALONE_RATE))
		add_category(c, p, "living_alone", since);
	else if (!home && synth_chance(&c->rng, EMPTY_NEST_RATE))
		add_category(c, p, "empty_nest", since);
	if (!home && !v->urban && synth_chance(&c->rng, LEFT_BEHIND_RATE))
		add_category(c, p, "left_behind", since);
	if (home || synth_chance(&c->rng, age >= 80 ? ASSESSED_HOME_80
	                                            : ASSESSED_HOME)) {
		if ((care = assess(c, frailty, &row, items)) < 0)
			return -1;
		if (home)
			home->care[care]++;
		if (care != ASSESS_CARE_SELF)
			add_category(c, p,
			             care == ASSESS_CARE_DISABLED
			                 ? "disabled"
			                 : "partly_disabled",
			             row.assessed_on);
	}
	if (person_store_save(c->ctx->db, p, c->ctx->now, &c->ctx->err) ||
	    (c->visits &&
	     synth_visits_person(c->visits, (size_t)(v - c->vill), p)))
		return -1;
	if (care >= 0) {
		row.person_id = p->id;
		if (assessment_store_insert(c->ctx->db, &row, 0, c->ctx->now,
		                            &c->ctx->err))
			return -1;
		c->assessments++;
	}
	c->elderly++;
	return 0;
}

static int make_infant(struct city *c, const struct village *v,
                       struct person *p)
{
	size_t county = c->town[v->town].county;
	char sex = synth_chance(&c->rng, 0.52) ? 'M' : 'F';
	/* under 36 months on the reference day, when the census counted
	 * them, and still on the last day of the year built, when the demo's
	 * visits and services end: born after that day 36 months earlier */
	struct lx_date e = { c->demo_end.y - 3, c->demo_end.m, c->demo_end.d };
	long window = c->refdays - date_to_days(e);
	long day = c->refdays - synth_below(&c->rng, window);
	char number[19], name[32], parent[32];

	memset(p, 0, sizeof(*p));
	if (next_id(c, county, day, sex, number) || seal(c, p, number))
		return -1;
	synth_person_name(&c->rng, sex, name, sizeof(name));
	synth_person_name(&c->rng, synth_chance(&c->rng, 0.5) ? 'M' : 'F',
	                  parent, sizeof(parent));
	memcpy(p->kind, "infant", 7);
	p->name = name;
	p->guardian_name = parent;
	p->sex[0] = sex;
	date_format(date_from_days(day), p->birth_date);
	memcpy(p->region, v->code, sizeof(p->region));
	p->address =
	    arena_printf(c->scratch, "%s%s", c->town[v->town].name, v->name);
	memcpy(p->residence, "home", 5);
	if (person_store_save(c->ctx->db, p, c->ctx->now, &c->ctx->err))
		return -1;
	c->infants++;
	return 0;
}

static int make_people(struct city *c)
{
	struct person p;

	/* ID sequence codes: births from 110 years before the reference
	 * day to the day itself */
	c->seq_day0 = c->refdays - 111 * 366;
	c->seq_days = 111 * 366 + 1;
	c->seq = calloc((size_t)c->seq_days * c->ncounty * 2, sizeof(*c->seq));
	if (!c->seq)
		return lx_fail(&c->ctx->err, LX_EINTERNAL, "", "out of memory");
	for (size_t i = 0; i < c->nvill; i++) {
		const struct village *v = &c->vill[i];
		/* people left to make in each band: 80+, 65-79, 60-64 */
		long long left[3] = { v->pop[POP_AGED_80],
			              v->pop[POP_AGED_65] - v->pop[POP_AGED_80],
			              v->pop[POP_AGED_60] -
			                  v->pop[POP_AGED_65] };
		long long n60 = v->pop[POP_AGED_60];

		if (!(c->scratch = arena_new()))
			return lx_fail(&c->ctx->err, LX_EINTERNAL, "",
			               "out of memory");
		for (long long j = 0; j < n60; j++) {
			/* the village's figures by band exactly, the bands
			 * mixed (drawn without replacement) so that a list in
			 * registration order is not oldest first */
			long r = synth_below(&c->rng, (long)(n60 - j));
			int band = r < left[0]             ? 0
			           : r < left[0] + left[1] ? 1
			                                   : 2;
			int age = band == 0   ? draw_age(&c->rng, 80, 105, 0.16)
			          : band == 1 ? draw_age(&c->rng, 65, 79, 0.05)
			                      : draw_age(&c->rng, 60, 64, 0.03);

			left[band]--;

			if (make_elderly(c, v, age, &p))
				return -1;
			if (!db_in_transaction(c->ctx->db))
				return lx_fail(&c->ctx->err, LX_EINTERNAL, "",
				               "the database ended the "
				               "transaction");
		}
		for (long long j = 0; j < v->pop[POP_CHILDREN_0_3]; j++)
			if (make_infant(c, v, &p))
				return -1;
		arena_free(c->scratch);
		c->scratch = NULL;
	}
	return 0;
}

/* Each institution's occupied beds month by month through the year after
 * the reference day: beds freed by deaths refilled the next month but
 * one in ten (admissions lag). */
static int make_history(struct city *c)
{
	for (size_t i = 0; i < c->nfac; i++) {
		struct fac *x = &c->fac[i];
		long long occ = x->residents, vacant = 0;

		if (x->kind != FK_ELDERLY_INSTITUTION)
			continue;
		x->f.cap.residents_selfcare = x->residents -
		                              x->care[ASSESS_CARE_PARTLY] -
		                              x->care[ASSESS_CARE_DISABLED];
		x->f.cap.residents_partly = x->care[ASSESS_CARE_PARTLY];
		x->f.cap.residents_disabled = x->care[ASSESS_CARE_DISABLED];
		x->f.cap.occupied_beds = occ;
		memcpy(x->f.cap.date, c->ref_text, 11);
		if (facility_store_update(c->ctx->db, &x->f, 1, c->ctx->now, 0,
		                          &c->ctx->err))
			return -1;
		for (int m = 0; m < 12; m++) {
			struct lx_date d = c->ref;
			long long refill = vacant - vacant / 10;

			d.m += m + 1;
			d.y += (d.m - 1) / 12;
			d.m = (d.m - 1) % 12 + 1;
			vacant += x->died_by_month[m] - refill;
			occ += refill - x->died_by_month[m];
			if (occ > x->beds)
				occ = x->beds;
			x->f.cap.occupied_beds = occ < 0 ? 0 : occ;
			date_format(d, x->f.cap.date);
			if (facility_store_update(c->ctx->db, &x->f, 1,
			                          c->ctx->now, 0, &c->ctx->err))
				return -1;
		}
	}
	return 0;
}

/* A township officer per township, a visitor per village (some left
 * without: app/synth_visits.c). */
static int make_visitors(struct city *c)
{
	if (c->p->no_visits)
		return 0;
	c->visits = synth_visits_new(c->ctx, c->p->seed, c->ref, c->nvill);
	if (!c->visits)
		return lx_fail(&c->ctx->err, LX_EINTERNAL, "", "out of memory");
	for (size_t t = 0; t < c->ntown; t++) {
		const struct town *tw = &c->town[t];

		if (synth_visits_township(c->visits, tw->code))
			return -1;
		for (size_t v = tw->v0; v < tw->v0 + tw->nv; v++)
			if (synth_visits_village(c->visits, v, c->vill[v].code,
			                         tw->code))
				return -1;
	}
	return 0;
}

/* synth's own check of what it built, with the figures of the regions
 * it did not build: every contradiction the population page would flag */
static int check_nesting(struct city *c)
{
	struct region *nodes;
	struct pop_figure *f;
	size_t nn, nf;

	if (region_store_subtree(c->ctx->db, c->ctx->arena, c->p->preset, NULL,
	                         &nodes, &nn, &c->ctx->err) ||
	    population_store_subtree(c->ctx->db, c->ctx->arena, c->p->preset, 0,
	                             &f, &nf, &c->ctx->err))
		return -1;
	population_nesting_flags(nodes, nn, f, nf, c->flags);
	return 0;
}

static int build(struct app_ctx *ctx, void *arg)
{
	struct city *c = arg;
	json_t *after;
	int rc;

	/* the people (and their visits) are all in when make_people ends;
	 * the indexes a bulk load put off are built then, because what
	 * follows reads people by township (synth_services.c): without
	 * them each read scans everyone, and the load grows with the
	 * square of the city */
	if (load_totals(c) || make_regions(c) || make_population(c) ||
	    check_nesting(c) || make_facilities(c) || make_visitors(c) ||
	    make_people(c) || db_bulk_indexes(ctx->db, &ctx->err) ||
	    make_history(c) ||
	    synth_service_offers(ctx, c->p->seed, c->p->preset, c->ref_text,
	                         &c->service_offers) ||
	    synth_services(ctx, c->p->seed, c->p->preset, c->ref_text,
	                   &c->services) ||
	    synth_places(ctx, c->p->seed, c->p->preset, c->ref_text,
	                 &c->places))
		return -1;
	after =
	    json_pack("{s:f, s:I, s:I, s:I}", "scale", c->p->scale, "seed",
	              (json_int_t)c->p->seed, "elderly", (json_int_t)c->elderly,
	              "infants", (json_int_t)c->infants);
	rc = app_audit(ctx, "synth", "city", c->p->preset, NULL, after);
	json_decref(after);
	return rc;
}

json_t *app_synth(struct app_ctx *ctx, const struct synth_params *p)
{
	struct city c = { .ctx = ctx, .p = p };
	long long n_fac[FK__MAX] = { 0 };
	json_t *out;
	int rc;

	if (!(p->scale > 0 && p->scale <= 4))
		return lx_fail(&ctx->err, LX_EINVALID, "scale",
		               "'scale' must be above 0 and at most 4"),
		       NULL;
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "personal data keys are not open"),
		       NULL;
	if (!region_store_exists(ctx->db, p->preset) || !preset_policy(&c))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "preset",
		               "no preset '%s'; the presets are the "
		               "jurisdictions in policies/",
		               p->preset),
		       NULL;
	synth_rng_seed(&c.rng, p->seed);
	c.flags = json_array();
	snprintf(c.source, sizeof(c.source),
	         "synthetic: laoxiao synth --preset %s --scale %g --seed %llu",
	         p->preset, p->scale, (unsigned long long)p->seed);
	snprintf(c.place_source, sizeof(c.place_source),
	         "%s; placeholder name (made up, not a real place)", c.source);
	rc = app_transaction(ctx, build, &c);
	free(c.seq);
	arena_free(c.scratch);
	if (rc) {
		synth_visits_free(c.visits);
		json_decref(c.flags);
		return NULL;
	}
	for (size_t i = 0; i < c.nfac; i++)
		n_fac[c.fac[i].kind]++;
	out = json_pack(
	    "{s:s, s:f, s:I, s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
	    " s:I, s:I, s:I}",
	    "preset", p->preset, "scale", p->scale, "seed", (json_int_t)p->seed,
	    "reference_date", c.ref_text, "year", c.year, "townships",
	    (json_int_t)c.ntown, "villages", (json_int_t)c.nvill, "elderly",
	    (json_int_t)c.elderly, "infants", (json_int_t)c.infants,
	    "assessments", (json_int_t)c.assessments, "deaths",
	    (json_int_t)c.deaths, "categories", (json_int_t)c.categories,
	    "elderly_institutions", (json_int_t)n_fac[FK_ELDERLY_INSTITUTION],
	    "childcare_institutions",
	    (json_int_t)n_fac[FK_CHILDCARE_INSTITUTION], "day_care_centers",
	    (json_int_t)n_fac[FK_DAY_CARE_CENTER]);
	if (out && c.visits)
		json_object_set_new(out, "visits",
		                    synth_visits_report(c.visits));
	if (out) {
		json_object_set_new(out, "service_offers",
		                    json_integer((json_int_t)c.service_offers));
		json_object_set_new(
		    out, "services",
		    json_pack("{s:I, s:I, s:I}", "guidance_activities",
		              (json_int_t)c.services.activities,
		              "infants_reached",
		              (json_int_t)c.services.infants_reached,
		              "family_beds", (json_int_t)c.services.beds));
		json_object_set_new(out, "demo_date", json_string(c.demo_text));
		if (c.assumed_residents)
			json_object_set_new(
			    out, "assumed",
			    json_pack("{s:s, s:I, s:s}", "metric", "residents",
			              "value",
			              (json_int_t)c.assumed_residents->value,
			              "basis", c.assumed_residents->basis));
		json_object_set(out, "flags", c.flags);
		json_object_set_new(out, "places",
		                    json_pack("{s:I, s:I}", "prices",
		                              (json_int_t)c.places.prices,
		                              "ratings",
		                              (json_int_t)c.places.ratings));
	}
	synth_visits_free(c.visits);
	json_decref(c.flags);
	return out;
}
