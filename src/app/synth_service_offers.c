#include "app/synth_service_offers.h"

#include "app/service_catalogue.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/region_code.h"
#include "core/synth.h"
#include "store/facility_store.h"
#include "store/region_store.h"
#include "store/service_offer_store.h"

#include <stdio.h>
#include <string.h>

/* What each kind delivers, and a base price per unit in fen. The prices
 * are made-up figures of a demonstration city, not policy: each
 * provider states its own. */
static const struct {
	const char *item;
	long long base_fen;
} bases[] = {
	{ "meal", 1200 },
	{ "bath", 4000 },
	{ "clean", 3500 },
	{ "medical", 3000 },
	{ "daycare", 5000 },
	{ "home_care", 4000 },
	{ "comfort", 2500 },
	{ "care_visit", 2000 },
	{ "respite", 12000 },
	{ "rehab", 6000 },
	{ "infant_fullday", 180000 },
	{ "infant_halfday", 100000 },
	{ "infant_hourly", 2500 },
	{ "parenting", 5000 },
};

static const char *const by_kind[FK__MAX][9] = {
	[FK_ELDERLY_INSTITUTION] = { "respite", "rehab", "home_care", "bath" },
	[FK_COMMUNITY_COMPLEX] = { "meal", "bath", "clean", "medical",
	                           "daycare", "home_care", "comfort",
	                           "care_visit" },
	[FK_DAY_CARE_CENTER] = { "meal", "daycare", "bath", "comfort",
	                         "care_visit" },
	[FK_REGIONAL_CENTER] = { "meal", "bath", "clean", "daycare",
	                         "home_care", "rehab" },
	[FK_MUTUAL_AID_POINT] = { "meal", "care_visit", "comfort" },
	[FK_MEAL_POINT] = { "meal" },
	[FK_HOME_BED_PROVIDER] = { "home_care", "rehab", "clean" },
	[FK_CHILDCARE_INSTITUTION] = { "infant_fullday", "infant_halfday",
	                               "infant_hourly", "parenting" },
	[FK_FAMILY_CHILDCARE] = { "infant_fullday", "infant_hourly" },
	[FK_KINDERGARTEN_NURSERY] = { "infant_fullday" },
};

static long long base_of(const char *item)
{
	for (size_t i = 0; i < sizeof(bases) / sizeof(*bases); i++)
		if (!strcmp(bases[i].item, item))
			return bases[i].base_fen;
	return 0;
}

/* The area a facility serves: its township when it stands in a village
 * or community, else its own region. */
static void area_of(const char *region, char out[13])
{
	snprintf(out, 13, "%s", region);
	if (region_code_level(region) == REGION_VILLAGE)
		memcpy(out + 9, "000", 3);
}

int synth_service_offers(struct app_ctx *ctx, uint64_t seed, const char *root,
                         const char *from, size_t *made)
{
	struct facility_query q = { .region = root,
		                    .kind = -1,
		                    .ownership = -1,
		                    .filing = -1,
		                    .status = FSTATUS_OPEN,
		                    .today = from };
	struct synth_rng rng;
	struct facility *v;
	struct lx_date d;
	size_t n;
	long long total;
	char closed_to[11];

	*made = 0;
	/* a stream of its own: the rest of the city draws as before */
	synth_rng_seed(&rng, seed ^ 0x5e5e0ffe25ULL);
	if (date_parse(from, &d))
		return lx_fail(&ctx->err, LX_EINVALID, "from", "bad date");
	date_format(date_from_days(date_to_days(d) - 1), closed_to);
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct service_policy *pol;
		char area[13];

		if (v[i].kind < 0 || v[i].kind >= FK__MAX)
			continue;
		area_of(v[i].region, area);
		if (!region_store_exists(ctx->db, area))
			snprintf(area, sizeof(area), "%s", v[i].region);
		if (!(pol = app_service_policy_for(ctx, area, "area"))) {
			lx_error_clear(&ctx->err);
			continue;
		}
		for (size_t k = 0; k < 9 && by_kind[v[i].kind][k]; k++) {
			const char *item = by_kind[v[i].kind][k];
			struct service_offer_row o = { 0 };
			long long base = base_of(item);

			if (!service_policy_item(pol, item) || !base)
				continue;
			o.facility_id = v[i].id;
			snprintf(o.item, sizeof(o.item), "%s", item);
			/* 80 % to 120 % of the base, to the jiao */
			o.price_fen =
			    (base * (80 + synth_below(&rng, 41)) / 100) / 10 *
			    10;
			snprintf(o.area, sizeof(o.area), "%s", area);
			snprintf(o.valid_from, sizeof(o.valid_from), "%s",
			         from);
			o.note = "synthetic";
			o.created_at = ctx->now;
			if (service_offer_store_add(ctx->db, &o, closed_to,
			                            &ctx->err))
				return -1;
			++*made;
		}
	}
	return 0;
}
