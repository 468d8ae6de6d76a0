#include "app/service_catalogue.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/person.h"

#include <string.h>

const struct service_policy *app_service_policy_for(struct app_ctx *ctx,
                                                    const char *region,
                                                    const char *field)
{
	struct policy_view view;

	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.services)
		lx_fail(&ctx->err, LX_EINVALID, field,
		        "no policy file states services for region '%s'",
		        region);
	return view.services;
}

const char *app_service_who_zh(struct app_ctx *ctx,
                               const struct service_item *it)
{
	const struct category_rule *r = &it->who;
	char *s;

	if (it->for_whom == SF_INFANT)
		return "3周岁以下婴幼儿";
	s = r->min_age
	        ? arena_printf(ctx->arena, "%d周岁以上老年人", r->min_age)
	        : arena_strdup(ctx->arena, "老年人");
	for (size_t i = 0; i < r->nsets; i++) {
		const char *sep = "";

		s = arena_printf(ctx->arena, "%s%s", s, i ? "，或" : "：");
		for (int c = 0; c < PC__MAX; c++)
			if (r->sets[i] & (1u << c)) {
				s = arena_printf(
				    ctx->arena, "%s%s%s", s, sep,
				    person_category_names.labels_zh[c]);
				sep = "且";
			}
	}
	return s;
}

json_t *app_service_item_json(struct app_ctx *ctx,
                              const struct service_item *it)
{
	return json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code", it->code, "name",
	    it->name, "category", it->category ? it->category : "", "unit",
	    service_unit_name((enum service_unit)it->unit), "unit_label",
	    service_unit_label_zh((enum service_unit)it->unit), "for",
	    it->for_whom == SF_INFANT ? "infant" : "elderly", "who_zh",
	    app_service_who_zh(ctx, it));
}

json_t *app_service_catalogue(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const struct service_policy *p;
	const char *region;
	json_t *items, *basic;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (region) {
		if (app_visible_region(ctx, params, &region))
			return NULL;
	} else if (ctx->who->role == ROLE_VISITOR && ctx->who->nareas) {
		region = ctx->who->areas[0];
	} else if (ctx->who->region[0]) {
		region = ctx->who->region;
	} else {
		return lx_fail(&ctx->err, LX_EMALFORMED, "region",
		               "give the region's 12-digit code"),
		       NULL;
	}
	if (!(p = app_service_policy_for(ctx, region, "region")))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < p->nitems; i++)
		json_array_append_new(items,
		                      app_service_item_json(ctx, &p->items[i]));
	basic = json_array();
	for (size_t i = 0; i < p->nbasic; i++) {
		const struct basic_service *b = &p->basic[i];
		const struct service_item *it = service_policy_item(p, b->item);

		json_array_append_new(
		    basic,
		    json_pack("{s:s?, s:s?, s:s, s:s, s:s, s:s, s:s}", "item",
		              b->item, "item_name", it ? it->name : NULL,
		              "target", b->target ? b->target : "", "content",
		              b->content ? b->content : "", "standard",
		              b->standard ? b->standard : "", "payer",
		              b->payer ? b->payer : "", "source",
		              b->source ? b->source : ""));
	}
	return json_pack("{s:s, s:o, s:o, s:s}", "region", region, "items",
	                 items, "basic_list", basic, "source",
	                 p->source ? p->source : "");
}
