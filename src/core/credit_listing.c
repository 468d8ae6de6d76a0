#include "core/credit_listing.h"

#include "core/date.h"

#include <stdio.h>
#include <string.h>

static const char *const status_n[CL__MAX] = { "proposed",  "noticed",
	                                       "heard",     "listed",
	                                       "published", "removed",
	                                       "withdrawn" };
static const char *const status_z[CL__MAX] = { "拟列入", "已告知", "已申辩",
	                                       "已列入", "已公开", "已移出",
	                                       "已撤销" };
static const char *const step_n[CS__MAX] = { "notice",  "hearing", "list",
	                                     "publish", "remove",  "withdraw" };
static const char *const step_z[CS__MAX] = { "告知",     "陈述申辩",
	                                     "列入名单", "向社会公开",
	                                     "移出名单", "撤销" };

const char *credit_status_name(enum credit_status s)
{
	return s >= 0 && s < CL__MAX ? status_n[s] : NULL;
}

const char *credit_status_zh(enum credit_status s)
{
	return s >= 0 && s < CL__MAX ? status_z[s] : "";
}

int credit_status_parse(const char *s)
{
	for (int i = 0; s && i < CL__MAX; i++)
		if (!strcmp(s, status_n[i]))
			return i;
	return -1;
}

const char *credit_step_name(enum credit_step s)
{
	return s >= 0 && s < CS__MAX ? step_n[s] : NULL;
}

const char *credit_step_zh(enum credit_step s)
{
	return s >= 0 && s < CS__MAX ? step_z[s] : "";
}

int credit_step_parse(const char *s)
{
	for (int i = 0; s && i < CS__MAX; i++)
		if (!strcmp(s, step_n[i]))
			return i;
	return -1;
}

void credit_day_plus(const char *day, int n, char out[11])
{
	struct lx_date d;

	out[0] = '\0';
	if (!day || date_parse(day, &d))
		return;
	date_format(date_from_days(date_to_days(d) + n), out);
}

void credit_day_plus_months(const char *day, int n, char out[11])
{
	struct lx_date d;
	int m;

	out[0] = '\0';
	if (!day || date_parse(day, &d))
		return;
	m = d.y * 12 + (d.m - 1) + n;
	d.y = m / 12;
	d.m = m % 12 + 1;
	if (d.d > date_days_in_month(d.y, d.m))
		d.d = date_days_in_month(d.y, d.m);
	date_format(d, out);
}

void credit_removal_day(const char *listed_on, int years, char out[11])
{
	struct lx_date d;

	out[0] = '\0';
	if (!listed_on || date_parse(listed_on, &d))
		return;
	d.y += years;
	if (d.m == 2 && d.d == 29 && !date_is_leap(d.y)) {
		d.m = 3;
		d.d = 1;
	}
	date_format(d, out);
}

/* the statuses a step may start from, as a bit set */
static unsigned from_of(enum credit_step s)
{
	switch (s) {
	case CS_NOTICE:
		return 1u << CL_PROPOSED;
	case CS_HEARING:
		return 1u << CL_NOTICED;
	case CS_LIST:
		return 1u << CL_NOTICED | 1u << CL_HEARD;
	case CS_PUBLISH:
		return 1u << CL_LISTED;
	case CS_REMOVE:
		return 1u << CL_LISTED | 1u << CL_PUBLISHED;
	case CS_WITHDRAW:
		return 1u << CL_PROPOSED | 1u << CL_NOTICED | 1u << CL_HEARD;
	default:
		return 0;
	}
}

static const enum credit_status to_of[CS__MAX] = { CL_NOTICED, CL_HEARD,
	                                           CL_LISTED,  CL_PUBLISHED,
	                                           CL_REMOVED, CL_WITHDRAWN };

int credit_listing_step(const struct credit_listing_state *st,
                        enum credit_step step, const char *day,
                        const struct credit_listing_rule *rule,
                        enum credit_status *next, char may_on[11],
                        struct lx_error *err)
{
	struct lx_date d;
	char first[11] = "";

	may_on[0] = '\0';
	if (step < 0 || step >= CS__MAX)
		return lx_fail(err, LX_EINVALID, "step", "unknown step");
	if (!day || date_parse(day, &d))
		return lx_fail(err, LX_EINVALID, "on",
		               "'on' must be a date, YYYY-MM-DD");
	if (st->status < 0 || st->status >= CL__MAX ||
	    !(from_of(step) >> st->status & 1))
		return lx_fail(err, LX_ECONFLICT, "status",
		               "a listing that is %s (%s) cannot be taken "
		               "the step '%s'",
		               credit_status_name(st->status)
		                   ? credit_status_name(st->status)
		                   : "?",
		               credit_status_zh(st->status), step_n[step]);
	switch (step) {
	case CS_HEARING:
		snprintf(first, sizeof(first), "%s", st->noticed_on);
		break;
	case CS_LIST:
		credit_day_plus(st->noticed_on, rule->notice_days, first);
		if (!first[0])
			return lx_fail(err, LX_EINVALID, "on",
			               "the listing has no notice day");
		break;
	case CS_PUBLISH:
		snprintf(first, sizeof(first), "%s", st->listed_on);
		break;
	case CS_REMOVE:
		credit_removal_day(st->listed_on, rule->removal_years, first);
		if (!first[0])
			return lx_fail(err, LX_EINVALID, "on",
			               "the listing has no listing day");
		break;
	default:
		break;
	}
	if (first[0] && strcmp(day, first) < 0) {
		snprintf(may_on, 11, "%s", first);
		if (step == CS_LIST)
			return lx_fail(err, LX_EINVALID, "on",
			               "the notice of %s allows %d days to "
			               "state a case: listing may be from %s",
			               st->noticed_on, rule->notice_days,
			               first);
		if (step == CS_REMOVE)
			return lx_fail(err, LX_EINVALID, "on",
			               "listed on %s: removal may be sought "
			               "after %d years, from %s",
			               st->listed_on, rule->removal_years,
			               first);
		return lx_fail(err, LX_EINVALID, "on",
		               "'on' may not be before %s", first);
	}
	*next = to_of[step];
	return 0;
}
