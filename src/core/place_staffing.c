#include "core/place_staffing.h"

#include <string.h>

long long place_carers_for(long long children, long long per_carer)
{
	if (per_carer <= 0 || children < 0)
		return -1;
	return children / per_carer + (children % per_carer != 0);
}

long long place_health_workers_for(long long enrolled, long long min)
{
	return min > 0 && enrolled >= min ? 1 : 0;
}

void place_staffing_of(const struct capacity *c,
                       const struct place_staffing_rules *r,
                       struct place_class_need *need,
                       struct place_staffing *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < c->nclasses; i++) {
		const struct facility_class *k = &c->classes[i];
		struct place_class_need *nd = &need[i];
		int t = k->type;
		int known = t >= 0 && t < CLASS__MAX;

		memset(nd, 0, sizeof(*nd));
		nd->type = t;
		nd->enrolled = k->enrolled;
		nd->max_children = known ? r->max_children[t] : 0;
		nd->over_size =
		    nd->max_children > 0 && k->enrolled > nd->max_children;
		out->over_size_classes += nd->over_size;
		nd->ratio_set = known && r->per_carer[t] > 0;
		if (nd->ratio_set) {
			nd->carers =
			    place_carers_for(k->enrolled, r->per_carer[t]);
			out->carers_needed += nd->carers;
		} else {
			out->children_unrated += k->enrolled;
		}
	}
	out->health_workers_needed =
	    place_health_workers_for(c->enrolled, r->health_worker_min);
}
