#include "app/place_staffing.h"

#include "app/place_childcare_policy.h"
#include "core/place_staffing.h"

static void rules_of(const struct childcare_policy *c,
                     struct place_staffing_rules *r)
{
	for (int t = 0; t < CLASS__MAX; t++) {
		const struct childcare_class_rule *k =
		    childcare_policy_class(c, t);

		r->max_children[t] = k ? k->max_children : 0;
		r->per_carer[t] = k ? k->children_per_carer : 0;
	}
	r->health_worker_min = c->health_worker_min_children;
}

static json_t *class_json(const struct place_class_need *nd,
                          const struct place_staffing_rules *r)
{
	int known = nd->type >= 0 && nd->type < CLASS__MAX;
	json_t *o =
	    json_pack("{s:s?, s:s?, s:I, s:I, s:b}", "type",
	              known ? class_type_names.names[nd->type] : NULL, "name",
	              known ? class_type_names.labels_zh[nd->type] : NULL,
	              "enrolled", (json_int_t)nd->enrolled, "max_children",
	              (json_int_t)nd->max_children, "over_size", nd->over_size);

	if (nd->ratio_set) {
		json_object_set_new(o, "children_per_carer",
		                    json_integer(r->per_carer[nd->type]));
		json_object_set_new(o, "carers", json_integer(nd->carers));
	} else {
		/* 混合编班: the national standard sets no ratio */
		json_object_set_new(o, "children_per_carer", json_null());
		json_object_set_new(o, "carers", json_null());
		json_object_set_new(o, "note", json_string("配比未设定"));
	}
	return o;
}

json_t *place_staffing_json(struct app_ctx *ctx,
                            const struct childcare_policy *c,
                            const struct facility *v, size_t n)
{
	struct place_staffing_rules r;
	long long needed = 0, staff = 0, health = 0, over = 0, unrated = 0;
	json_t *insts;

	if (!c)
		return json_null();
	rules_of(c, &r);
	insts = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct facility *f = &v[i];
		struct place_class_need *need;
		struct place_staffing s;
		json_t *classes;

		if (f->kind != FK_CHILDCARE_INSTITUTION)
			continue;
		need = arena_alloc(ctx->arena,
		                   (f->cap.nclasses + 1) * sizeof(*need));
		place_staffing_of(&f->cap, &r, need, &s);
		classes = json_array();
		for (size_t k = 0; k < f->cap.nclasses; k++)
			json_array_append_new(classes,
			                      class_json(&need[k], &r));
		needed += s.carers_needed;
		staff += f->caregivers;
		health += s.health_workers_needed;
		over += s.over_size_classes;
		unrated += s.children_unrated;
		json_array_append_new(
		    insts,
		    json_pack(
		        "{s:I, s:s, s:s, s:I, s:o, s:I, s:I, s:I, s:I,"
		        " s:I, s:I}",
		        "id", (json_int_t)f->id, "name", f->name, "region",
		        f->region, "enrolled", (json_int_t)f->cap.enrolled,
		        "classes", classes, "carers_needed",
		        (json_int_t)s.carers_needed, "children_unrated",
		        (json_int_t)s.children_unrated, "on_staff",
		        (json_int_t)f->caregivers, "shortfall",
		        (json_int_t)(s.carers_needed > f->caregivers
		                         ? s.carers_needed - f->caregivers
		                         : 0),
		        "over_size_classes", (json_int_t)s.over_size_classes,
		        "health_workers_needed",
		        (json_int_t)s.health_workers_needed));
	}
	return json_pack(
	    "{s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:s, s:s?}",
	    "institutions", insts, "carers_needed", (json_int_t)needed,
	    "on_staff", (json_int_t)staff, "children_unrated",
	    (json_int_t)unrated, "over_size_classes", (json_int_t)over,
	    "health_workers_needed", (json_int_t)health,
	    "health_worker_min_children",
	    (json_int_t)c->health_worker_min_children, "rule_zh",
	    "每班按在托人数和保育人员配比分别向上取整后相加；混合编班配比未设定"
	    "，"
	    "只列人数",
	    "on_staff_note_zh",
	    "在岗人数取机构登记的护理员（保育人员）数：登记中未单列保育人员",
	    "source", c->source);
}
