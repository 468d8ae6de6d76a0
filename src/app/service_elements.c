#include "app/service_elements.h"

#include "app/indicators.h"
#include "app/policy.h"
#include "app/service_guidance_policy.h"
#include "app/service_meal_policy.h"
#include "core/facility.h"
#include "store/service_element_store.h"

#include <string.h>

int app_service_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                       enum service_element e, struct region_count **out,
                       size_t *n)
{
	struct service_count_args args = { 0 };
	struct policy_view view;
	const struct meal_policy *meals;
	char from[11];

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded");
	if (app_policy_view(ctx, root, &view))
		return -1;
	meals = view.meals ? view.meals : meal_policy_default();
	args.village_from = meals->village_from;
	args.village_to = meals->village_to;
	for (size_t k = 0; k < meals->npoint_kinds && k < 2; k++)
		args.point_kind[k] =
		    facility_kind_names.names[meals->point_kinds[k]];
	if (reach_window_start(view.guidance ? view.guidance->window
	                                     : RW_CALENDAR_YEAR,
	                       as_of, from))
		return lx_fail(&ctx->err, LX_EINVALID, "as_of",
		               "'%s' is not a date", as_of);
	args.reach_from = from;
	return service_element_store_count(ctx->db, ctx->arena, (int)e, root,
	                                   as_of, &args, out, n, &ctx->err);
}
