/*
 * Where a listing bites outside the credit module: a subsidy run refuses a
 * black-listed institution the support kinds the credit policy names, and
 * an institution run on prepaid membership (会员制) the kinds refused to
 * it; the random draw takes a black-listed institution in the policy's
 * risk class, when that weighs more than its own. Small hooks in
 * app/subsidies.c and app/inspect_plans.c call these.
 */
#ifndef LX_APP_CREDIT_BITE_H
#define LX_APP_CREDIT_BITE_H

#include "app/ctx.h"

struct policy_view;
struct inspection_policy;

/* Whether institution facility is refused a scheme giving support
 * ("operating", "construction"; NULL: never refused) on day, under the
 * credit section of view. *code ("credit_black_list", "membership") and
 * *why (Chinese, arena-owned) are NULL when it is not. */
int credit_bite_subsidy(struct app_ctx *ctx, const struct policy_view *view,
                        long long facility, const char *support,
                        const char *day, const char **code, const char **why);

/* The risk class facility is drawn in on day: *risk_class unchanged
 * unless the facility is black-listed on day and the credit policy of
 * region puts it in a class weighing more under pol; then *risk_class is
 * that class and *why says so (else *why NULL). */
int credit_bite_draw(struct app_ctx *ctx, const struct inspection_policy *pol,
                     const char *region, long long facility, const char *day,
                     const char **risk_class, const char **why);

/* Whether facility may not be graded on day: black-listed then while the
 * credit policy of region says a black listing bars grading. *why
 * (Chinese, arena-owned) is NULL when it may. For the grading module. */
int credit_bite_grading(struct app_ctx *ctx, const char *region,
                        long long facility, const char *day, const char **why);

#endif
