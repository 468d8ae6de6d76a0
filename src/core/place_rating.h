/*
 * A facility's rating as a family sees it when choosing: 等级 (a national
 * grade of elderly institutions, 一级 to 五级) or 星级 (childcare, 一星 to
 * 五星), valid from the day it was given to a stated day. The rating in
 * force on a day is the latest given on or before it and still valid; one
 * whose validity has ended is shown as lapsed (已过期). Pure: storage is in
 * store/place_rating_store.c.
 */
#ifndef LX_CORE_PLACE_RATING_H
#define LX_CORE_PLACE_RATING_H

#include "core/error.h"

enum place_rating_scheme {
	RATING_NATIONAL_GRADE, /* 等级: elderly institutions */
	RATING_CHILDCARE_STAR, /* 星级: childcare */
	RATING__MAX
};

struct place_rating {
	long long id, facility_id;
	int scheme; /* enum place_rating_scheme */
	int level;  /* 1..5 */
	char rated_on[11], valid_until[11];
	const char *note;
	char recorded_at[21];
};

/* The scheme of a name ("national_grade", "childcare_star"), or -1. */
int place_rating_scheme_parse(const char *s);
const char *place_rating_scheme_name(int scheme);
const char *place_rating_scheme_zh(int scheme); /* 等级, 星级 */

/* The scheme that rates facilities of a kind (enum facility_kind), or -1
 * for kinds that are not rated (community facilities). */
int place_rating_scheme_for_kind(int kind);

/* Checks a rating for a facility of kind: the scheme fits the kind, level
 * 1..5, dates real and valid_until after rated_on. On failure fills err
 * (LX_EINVALID, the field) and returns -1. */
int place_rating_validate(const struct place_rating *r, int kind,
                          struct lx_error *err);

/* "二级", "三星": the level in words. */
const char *place_rating_label_zh(const struct place_rating *r);

/* On day (YYYY-MM-DD): "in_force", "lapsed" (valid_until before the day)
 * or "future" (rated after the day). */
const char *place_rating_state(const struct place_rating *r, const char *day);

#endif
