#include "core/grade_rules.h"

#include "core/date.h"
#include "core/facility.h"

#include <stdio.h>
#include <string.h>

int grade_add_months(const char *d, int months, char out[11])
{
	struct lx_date x;
	int m, dim;

	if (date_parse(d, &x))
		return -1;
	m = x.y * 12 + (x.m - 1) + months;
	x.y = m / 12;
	x.m = m % 12 + 1;
	dim = date_days_in_month(x.y, x.m);
	if (x.d > dim)
		x.d = dim;
	if (x.y < DATE_YEAR_MIN || x.y > DATE_YEAR_MAX)
		return -1;
	date_format(x, out);
	return 0;
}

static int add_days(const char *d, long days, char out[11])
{
	struct lx_date x;

	if (date_parse(d, &x))
		return -1;
	date_format(date_from_days(date_to_days(x) + days), out);
	return 0;
}

int grade_valid_until(const struct grade_scheme *s, const char *rated_on,
                      char out[11])
{
	char next[11];

	if (grade_add_months(rated_on, s->valid_years * 12, next))
		return -1;
	/* 29 February has no anniversary in a common year: the rating runs
	 * to 28 February, the day before 1 March */
	if (strcmp(next + 8, rated_on + 8) != 0) {
		memcpy(out, next, 11);
		return 0;
	}
	return add_days(next, -1, out);
}

int grade_renewal_from(const struct grade_scheme *s, const char *valid_until,
                       char out[11])
{
	char next[11];

	if (add_days(valid_until, 1, next))
		return -1;
	return grade_add_months(next, -s->renewal_months, out);
}

int grade_lapse_day(const char *valid_until, char out[11])
{
	return add_days(valid_until, 1, out);
}

static int refuse(struct grade_decision *out, const char *why)
{
	out->awarded = 0;
	snprintf(out->reason, sizeof(out->reason), "%s", why);
	return 0;
}

int grade_decide(const struct grade_scheme *s, const struct grade_facts *f,
                 const char *day, int applied, int reached,
                 struct grade_decision *out)
{
	struct lx_date on;
	char from[11];
	int level;

	memset(out, 0, sizeof(*out));
	if (date_parse(day, &on))
		return -1;
	if (f->kind < 0 || f->kind >= FK__MAX || !(s->kinds & (1u << f->kind)))
		return refuse(out, "该类机构不参加此项评定");
	if (f->closed)
		return refuse(out, "机构已关停，不予评定");
	if (s->filing_required && !f->filed)
		return refuse(out, "机构未登记备案，不予评定");
	if (!f->opened_on[0])
		return refuse(out, "未登记开业日期，无法确认运营满规定期限");
	if (grade_add_months(f->opened_on, s->min_open_months, from))
		return -1;
	if (strcmp(from, day) > 0) {
		snprintf(out->reason, sizeof(out->reason),
		         "开业未满%d个月（%s起方可申请）", s->min_open_months,
		         from);
		return 0;
	}
	if (s->black_list_bars && f->black_listed)
		return refuse(out, "机构列入失信联合惩戒对象名单（黑名单），"
		                   "不予评定");
	if (s->penalty_years > 0 && f->last_penalty_on[0]) {
		if (grade_add_months(day, -12 * s->penalty_years, from))
			return -1;
		if (strcmp(f->last_penalty_on, from) >= 0) {
			snprintf(out->reason, sizeof(out->reason),
			         "近%d年内受到行政处罚（%s），不予评定",
			         s->penalty_years, f->last_penalty_on);
			return 0;
		}
	}
	if (f->in_force_until[0]) {
		if (grade_renewal_from(s, f->in_force_until, from))
			return -1;
		if (strcmp(day, from) < 0) {
			snprintf(out->reason, sizeof(out->reason),
			         "现有评定有效期至%s，%s起方可申请复评",
			         f->in_force_until, from);
			return 0;
		}
	}
	if (reached < 1)
		return refuse(out, "评分未达到最低等级标准");
	level = reached;
	if (applied >= 1 && applied < level)
		level = applied;
	if (!f->rated_before && s->first_max_level >= 1 &&
	    level > s->first_max_level) {
		level = s->first_max_level;
		snprintf(out->reason, sizeof(out->reason), "首次评定最高为%s",
		         grade_level_name(s, level));
	}
	out->awarded = level;
	return grade_valid_until(s, day, out->valid_until);
}
