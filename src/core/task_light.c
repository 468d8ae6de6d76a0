#include "core/task_light.h"

#include <string.h>

const char *const task_light_colour_names[3] = { "green", "yellow", "red" };
const char *const task_light_colour_zh[3] = { "绿灯", "黄灯", "红灯" };
const char *const task_light_reason_names[8] = { "done",        "overdue",
	                                         "not_due",     "not_started",
	                                         "no_percent",  "behind",
	                                         "on_schedule", "ongoing" };
const char *const task_light_reason_zh[8] = { "已完成",       "已逾期",
	                                      "未到开始时间", "未启动",
	                                      "仅报数量",     "落后进度",
	                                      "符合进度",     "持续推进" };

struct lx_date task_light_year_end(int year)
{
	struct lx_date d = { year, 12, 31 };

	return d;
}

static int month_index(struct lx_date d)
{
	return d.y * 12 + (d.m - 1);
}

int task_light_judge(const struct task_light_rules *r,
                     const struct task_light_input *in, struct task_light *out)
{
	long s = date_to_days(in->start), e = date_to_days(in->deadline),
	     on = date_to_days(in->on);
	struct exact hundred = exact_int(100), share, expected, behind;

	memset(out, 0, sizeof(*out));
	if (!in->has_deadline)
		e = on > s ? on : s;
	if (e < s)
		return -1;
	if (in->has_report && in->has_percent &&
	    exact_cmp(in->percent, hundred) >= 0) {
		out->colour = TASK_GREEN;
		out->reason = TASK_DONE;
		return 0;
	}
	if (in->has_deadline && on > e) {
		out->colour = TASK_RED;
		out->reason = TASK_OVERDUE;
		return 0;
	}
	if (on < s) {
		out->colour = TASK_GREEN;
		out->reason = TASK_NOT_DUE;
		return 0;
	}
	if (!in->has_report ||
	    (in->has_percent && exact_is_zero(in->percent))) {
		int late = month_index(in->on) - month_index(in->start);

		out->reason = TASK_NOT_STARTED;
		out->months_late = late;
		out->colour = late >= r->start_red_months      ? TASK_RED
		              : late >= r->start_yellow_months ? TASK_YELLOW
		                                               : TASK_GREEN;
		return 0;
	}
	if (!in->has_percent || !in->has_deadline) {
		out->colour = TASK_GREEN;
		out->reason = in->has_percent ? TASK_ONGOING : TASK_NO_PERCENT;
		return 0;
	}
	/* a one-day span (start = deadline) is all elapsed on its day */
	if (e == s)
		share = exact_int(1);
	else if (exact_frac(on - s, e - s, &share))
		return -1;
	if (exact_mul(share, hundred, &expected) ||
	    exact_round(expected, r->places, EXACT_HALF_UP, &expected) ||
	    exact_sub(expected, in->percent, &behind))
		return -1;
	out->has_expected = 1;
	out->expected = expected;
	out->behind = behind;
	if (exact_cmp(behind, r->behind_red) > 0)
		out->colour = TASK_RED;
	else if (exact_cmp(behind, r->behind_yellow) >= 0)
		out->colour = TASK_YELLOW;
	else
		out->colour = TASK_GREEN;
	out->reason =
	    out->colour == TASK_GREEN ? TASK_ON_SCHEDULE : TASK_BEHIND;
	return 0;
}
