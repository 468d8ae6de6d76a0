/*
 * What the open, filed facilities of an area offer on a day, gathered once
 * for matching (app/place_match.c) and the public search
 * (app/place_public.c): the capacity in force and its vacancy, the room
 * for a need, the price for the need and the range of prices in force,
 * 普惠, the rating in force. Reads only; scope is the caller's business.
 */
#ifndef LX_APP_PLACE_OFFERS_H
#define LX_APP_PLACE_OFFERS_H

#include "app/ctx.h"
#include "core/facility.h"
#include "core/place_rating.h"
#include "core/place_vacancy.h"

#include <stdint.h>

struct childcare_policy;

/* A need: a bed (elderly, with a care category when known) or a place
 * for an infant (a class type when the age is known). */
struct place_need {
	int elderly;
	int care; /* enum assess_care, -1 not known */
	int has_age;
	long long months; /* infant's age in months on the day */
	int class_type;   /* enum class_type for the age, -1 any */
	/* the youngest age the mixed class takes, -1: no mixed class rule */
	long long mixed_min_months;
	int no_class; /* the policy has classes and none takes the age */
};

struct place_offer {
	struct facility f;
	struct place_vacancy v;
	long long room; /* places for the need on the day */
	int has_price;
	int64_t price_fen; /* the price for the need, a month */
	const char
	    *price_what; /* "护理费（半失能）", "托大班全日托", "床位费" */
	int has_range;
	int64_t price_min_fen, price_max_fen; /* every price in force */
	int affordable;                       /* 普惠 */
	int has_rating;
	struct place_rating rating; /* in force on the day */
};

/* The facilities of the kinds fitting the need (elderly institutions, or
 * childcare institutions, family childcare points and nursery classes)
 * open on day, filed, in the subtree of area (NULL: everywhere). *out is
 * arena-owned, ordered by id. */
int place_offers_gather(struct app_ctx *ctx, const char *area, const char *day,
                        const struct place_need *need, struct place_offer **out,
                        size_t *n);

/* Whether a facility of kind k fits a need for a bed (elderly 1) or a
 * childcare place (0). */
int place_offers_kind_fits(int kind, int elderly);

/* The class type and mixed-class floor for an infant of months under
 * policy p (NULL: the national classes of core/facility.h are not
 * assumed; class_type stays -1). */
void place_need_for_infant(const struct childcare_policy *p, long long months,
                           struct place_need *need);

/* Where a region is, for distances: the mean of its residential points
 * (table residential_point, each weighted by its population, a point of
 * population 0 counting once) or, without points, the mean of its open
 * facilities' coordinates. *method is "residential_points", "facilities"
 * or "none" (then lat and lon are left alone). */
int place_region_location(struct app_ctx *ctx, const char *region,
                          const char *day, double *lat, double *lon,
                          const char **method);

#endif
