#include "core/place_vacancy.h"

#include <string.h>

static long long room(long long capacity, long long used)
{
	return capacity > used ? capacity - used : 0;
}

void place_vacancy_of(const struct capacity *c, struct place_vacancy *out)
{
	memset(out, 0, sizeof(*out));
	out->beds = c->beds;
	out->occupied = c->occupied_beds;
	out->vacant_beds = room(c->beds, c->occupied_beds);
	out->slots = c->slots;
	out->enrolled = c->enrolled;
	out->vacant_slots = room(c->slots, c->enrolled);
	for (size_t i = 0; i < c->nclasses; i++) {
		int t = c->classes[i].type;

		if (t < 0 || t >= CLASS__MAX)
			continue;
		out->has_classes = 1;
		out->class_capacity[t] += c->classes[i].capacity;
		out->class_enrolled[t] += c->classes[i].enrolled;
	}
	for (int t = 0; t < CLASS__MAX; t++)
		out->class_vacant[t] =
		    room(out->class_capacity[t], out->class_enrolled[t]);
}

int place_vacancy_has_room(const struct place_vacancy *v, int elderly,
                           int class_type)
{
	if (elderly)
		return v->vacant_beds > 0;
	if (class_type >= 0 && class_type < CLASS__MAX && v->has_classes)
		return v->class_vacant[class_type] > 0;
	return v->vacant_slots > 0;
}
