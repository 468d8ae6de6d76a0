#include "app/credit_bite.h"

#include "app/credit_policy.h"
#include "app/credit_scope.h"
#include "app/inspect_plan_policy.h"
#include "app/policy.h"
#include "store/credit_standing_store.h"
#include "store/credit_store.h"

#include <string.h>

static const char *support_zh(const char *support)
{
	return !strcmp(support, "construction") ? "建设补助" : "运营补贴";
}

int credit_bite_subsidy(struct app_ctx *ctx, const struct policy_view *view,
                        long long facility, const char *support,
                        const char *day, const char **code, const char **why)
{
	const struct credit_policy *pol = view ? view->credit : NULL;
	struct credit_standing st;
	int member;

	*code = *why = NULL;
	if (!support || !pol || !pol->nkinds)
		return 0;
	if (credit_policy_refuses(pol, "black", support)) {
		if (credit_standing_get(ctx->db, "facility", facility, day, &st,
		                        &ctx->err))
			return -1;
		if (st.black_id) {
			*code = "credit_black_list";
			*why = arena_printf(ctx->arena,
			                    "%s列入失信联合惩戒对象名单（黑名单"
			                    "，自%s起，第%lld号），"
			                    "不予发放%s",
			                    day, st.black_since, st.black_id,
			                    support_zh(support));
			return 0;
		}
	}
	if (credit_policy_refuses(pol, "membership", support)) {
		if (credit_store_membership(ctx->db, facility, &member,
		                            &ctx->err))
			return -1;
		if (member) {
			*code = "membership";
			*why = arena_printf(
			    ctx->arena,
			    "实行会员制（预收费）的机构，不予发放%s",
			    support_zh(support));
		}
	}
	return 0;
}

int credit_bite_draw(struct app_ctx *ctx, const struct inspection_policy *pol,
                     const char *region, long long facility, const char *day,
                     const char **risk_class, const char **why)
{
	const struct credit_policy *cp = NULL;
	struct credit_standing st;

	*why = NULL;
	if (credit_standing_get(ctx->db, "facility", facility, day, &st,
	                        &ctx->err))
		return -1;
	if (!st.black_id)
		return 0;
	if (credit_policy_of(ctx, region, &cp)) {
		/* a region with no credit section draws as before */
		memset(&ctx->err, 0, sizeof(ctx->err));
		return 0;
	}
	if (!cp->black_risk_class ||
	    inspection_policy_weight(pol, cp->black_risk_class) <=
	        inspection_policy_weight(pol, *risk_class))
		return 0;
	*why =
	    arena_printf(ctx->arena, "列入黑名单（自%s起），按风险等级%s抽取",
	                 st.black_since, cp->black_risk_class);
	*risk_class = cp->black_risk_class;
	return 0;
}

int credit_bite_grading(struct app_ctx *ctx, const char *region,
                        long long facility, const char *day, const char **why)
{
	const struct credit_policy *cp = NULL;
	struct credit_standing st;

	*why = NULL;
	if (credit_standing_get(ctx->db, "facility", facility, day, &st,
	                        &ctx->err))
		return -1;
	if (!st.black_id)
		return 0;
	if (credit_policy_of(ctx, region, &cp)) {
		memset(&ctx->err, 0, sizeof(ctx->err));
		return 0;
	}
	if (cp->black_refuses_grading)
		*why = arena_printf(
		    ctx->arena,
		    "%s列入失信联合惩戒对象名单（自%s起），不予等级评定", day,
		    st.black_since);
	return 0;
}
