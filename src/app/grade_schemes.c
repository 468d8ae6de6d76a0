#include "app/grade.h"

#include "app/grade_policy.h"
#include "app/indicators.h"
#include "app/inspect_scope.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/facility.h"
#include "core/role.h"

int grade_may_write(const struct principal *who, const char *region)
{
	switch (who->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
	case ROLE_DEPT_OFFICIAL:
		return principal_sees_region(who, region);
	default:
		return 0;
	}
}

const struct grade_policy *grade_policy_for(struct app_ctx *ctx,
                                            const char *region)
{
	struct policy_view view;

	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.grading || !view.grading->nschemes)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no policy file gives grading schemes for "
		               "region '%s'",
		               region),
		       NULL;
	return view.grading;
}

json_t *grade_scheme_json(const struct grade_scheme *s)
{
	json_t *kinds = json_array(), *sections = json_array(),
	       *levels = json_array();

	for (int k = 0; k < FK__MAX; k++)
		if (s->kinds & (1u << k))
			json_array_append_new(
			    kinds,
			    json_pack("{ss ss}", "code",
			              facility_kind_names.names[k], "name",
			              facility_kind_names.labels_zh[k]));
	for (size_t i = 0; i < s->nsections; i++)
		json_array_append_new(
		    sections,
		    json_pack("{ss ss sI}", "code", s->sections[i].code, "name",
		              s->sections[i].name, "max",
		              (json_int_t)s->sections[i].max));
	for (size_t i = 0; i < s->nlevels; i++)
		json_array_append_new(
		    levels, json_pack("{si ss sI si}", "level", (int)i + 1,
		                      "name", s->levels[i].name, "min_total",
		                      (json_int_t)s->levels[i].min_total,
		                      "min_share", s->levels[i].min_share));
	return json_pack(
	    "{ss ss ss so sI so so s{si si sb si sb si si sb} ss ss*}", "code",
	    s->code, "name", s->name, "unit", s->unit, "kinds", kinds, "total",
	    (json_int_t)s->total, "sections", sections, "levels", levels,
	    "rules", "min_open_months", s->min_open_months, "first_max_level",
	    s->first_max_level, "filing_required", s->filing_required,
	    "penalty_years", s->penalty_years, "black_list_bars",
	    s->black_list_bars, "valid_years", s->valid_years, "renewal_months",
	    s->renewal_months, "annual_evaluation", s->annual, "source",
	    s->source, "note", s->note);
}

json_t *app_grade_schemes(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const struct grade_policy *p;
	const char *region;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    inspect_scope_region(ctx, params, &region))
		return NULL;
	/* schemes are a region's: one without a scope of its own names it */
	if (!region)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "'region' is required"),
		       NULL;
	p = grade_policy_for(ctx, region);
	if (!p)
		return NULL;
	items = json_array();
	for (size_t i = 0; i < p->nschemes; i++)
		json_array_append_new(items, grade_scheme_json(&p->schemes[i]));
	return json_pack("{ss so ss}", "region", region, "schemes", items,
	                 "source", p->source);
}
