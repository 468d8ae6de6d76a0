#include "core/subsidy_verify.h"

#include "core/date.h"

#include <stdio.h>
#include <string.h>

static const char *const method_n[] = { "face", "visit", "in_person", "other" };
static const char *const method_zh[] = { "人脸识别", "上门", "到场", "其他" };
const struct enum_names subsidy_verify_method_names = { method_n, method_zh,
	                                                4 };

int subsidy_verify_rule_check(const struct subsidy_verify_rule *r,
                              struct lx_error *err)
{
	if (r->window_months < 1 ||
	    r->window_months > SUBSIDY_VERIFY_WINDOW_MAX)
		return lx_fail(err, LX_EINVALID, "window_months",
		               "the verification window must be 1 to %d months",
		               SUBSIDY_VERIFY_WINDOW_MAX);
	if (r->back_pay != 0 && r->back_pay != 1)
		return lx_fail(err, LX_EINVALID, "back_pay",
		               "back_pay must be 0 or 1");
	return 0;
}

void subsidy_verify_covered(const char *basis, int months, char out[11])
{
	struct lx_date d;
	int m, dim;

	if (date_parse(basis, &d)) {
		out[0] = '\0';
		return;
	}
	/* the same day months later, clamped to a shorter month's end; the
	 * window ends the day before it */
	m = d.m - 1 + months;
	d.y += m / 12;
	d.m = m % 12 + 1;
	dim = date_days_in_month(d.y, d.m);
	if (d.d > dim)
		d.d = dim;
	date_format(date_from_days(date_to_days(d) - 1), out);
}

static int given(const char *s)
{
	return s && *s;
}

static int check_date(const char *s, const char *field, struct lx_error *err)
{
	struct lx_date d;

	if (given(s) && date_parse(s, &d))
		return lx_fail(err, LX_EINVALID, field,
		               "'%.20s' is not a date (YYYY-MM-DD)", s);
	return 0;
}

int subsidy_verify_judge(struct arena *a, const struct subsidy_verify_rule *r,
                         const char *start,
                         const struct subsidy_verify_facts *f,
                         struct subsidy_verify_verdict *out,
                         struct lx_error *err)
{
	struct lx_date d;

	memset(out, 0, sizeof(*out));
	if (subsidy_verify_rule_check(r, err))
		return -1;
	if (!start || date_parse(start, &d))
		return lx_fail(err, LX_EINVALID, "start",
		               "the period's first day is not a date");
	if (check_date(f->last, "last", err) ||
	    check_date(f->next, "next", err) ||
	    check_date(f->first_paid, "first_paid", err))
		return -1;
	if (given(f->last) && strcmp(f->last, start) > 0)
		return lx_fail(err, LX_EINVALID, "last",
		               "the last verification is after the period's "
		               "first day");
	if (given(f->next) && strcmp(f->next, start) <= 0)
		return lx_fail(err, LX_EINVALID, "next",
		               "the next verification is not after the "
		               "period's first day");
	if (given(f->last)) {
		snprintf(out->basis, sizeof(out->basis), "%s", f->last);
	} else if (given(f->first_paid) && strcmp(f->first_paid, start) <= 0) {
		snprintf(out->basis, sizeof(out->basis), "%s", f->first_paid);
		out->basis_paid = 1;
	} else {
		out->state = SUBSIDY_VERIFY_NEW;
		return 0;
	}
	subsidy_verify_covered(out->basis, r->window_months, out->covered);
	if (strcmp(start, out->covered) <= 0) {
		out->state = SUBSIDY_VERIFY_CURRENT;
		return 0;
	}
	if (given(f->next) && r->back_pay) {
		out->state = SUBSIDY_VERIFY_BACK_PAY;
		out->reason_zh = arena_printf(
		    a, "%s完成生存认证，补发认证到期（%s）后的月份", f->next,
		    out->covered);
		return 0;
	}
	out->state = SUBSIDY_VERIFY_LAPSED;
	out->held = 1;
	out->reason_zh =
	    out->basis_paid
	        ? arena_printf(a,
	                       "未在规定期限内完成生存认证（无认证记录；自%.7s"
	                       "起发放，应于%s前认证）",
	                       out->basis, out->covered)
	        : arena_printf(a,
	                       "未在规定期限内完成生存认证（上次认证%s，有效"
	                       "期至%s）",
	                       out->basis, out->covered);
	return 0;
}
