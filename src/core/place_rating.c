#include "core/place_rating.h"

#include "core/date.h"
#include "core/facility.h"

#include <string.h>

static const char *const names[RATING__MAX] = { "national_grade",
	                                        "childcare_star" };
static const char *const names_zh[RATING__MAX] = { "等级", "星级" };

int place_rating_scheme_parse(const char *s)
{
	for (int i = 0; s && i < RATING__MAX; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

const char *place_rating_scheme_name(int scheme)
{
	return scheme >= 0 && scheme < RATING__MAX ? names[scheme] : "";
}

const char *place_rating_scheme_zh(int scheme)
{
	return scheme >= 0 && scheme < RATING__MAX ? names_zh[scheme] : "";
}

int place_rating_scheme_for_kind(int kind)
{
	if (kind == FK_ELDERLY_INSTITUTION)
		return RATING_NATIONAL_GRADE;
	if (kind >= 0 && kind < FK__MAX &&
	    facility_kind_is_childcare((enum facility_kind)kind))
		return RATING_CHILDCARE_STAR;
	return -1;
}

int place_rating_validate(const struct place_rating *r, int kind,
                          struct lx_error *err)
{
	struct lx_date on, until;
	int want = place_rating_scheme_for_kind(kind);

	if (r->scheme < 0 || r->scheme >= RATING__MAX)
		return lx_fail(
		    err, LX_EINVALID, "scheme",
		    "scheme must be national_grade or childcare_star");
	if (want < 0)
		return lx_fail(err, LX_EINVALID, "scheme",
		               "facilities of this kind are not rated");
	if (r->scheme != want)
		return lx_fail(err, LX_EINVALID, "scheme",
		               "a facility of this kind is rated by '%s', not "
		               "'%s'",
		               names[want], names[r->scheme]);
	if (r->level < 1 || r->level > 5)
		return lx_fail(err, LX_EINVALID, "level",
		               "level must be 1 to 5");
	if (date_parse_field(r->rated_on, &on, err, "rated_on") ||
	    date_parse_field(r->valid_until, &until, err, "valid_until"))
		return -1;
	if (date_cmp(until, on) <= 0)
		return lx_fail(err, LX_EINVALID, "valid_until",
		               "valid_until must be after rated_on");
	return 0;
}

const char *place_rating_label_zh(const struct place_rating *r)
{
	static const char *const grade[6] = { "",     "一级", "二级",
		                              "三级", "四级", "五级" };
	static const char *const star[6] = { "",     "一星", "二星",
		                             "三星", "四星", "五星" };

	if (r->level < 1 || r->level > 5)
		return "";
	return r->scheme == RATING_CHILDCARE_STAR ? star[r->level]
	                                          : grade[r->level];
}

const char *place_rating_state(const struct place_rating *r, const char *day)
{
	if (strcmp(r->rated_on, day) > 0)
		return "future";
	if (strcmp(r->valid_until, day) < 0)
		return "lapsed";
	return "in_force";
}
