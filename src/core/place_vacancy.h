/*
 * Vacancy as of a day (finding a place): what a facility can still take,
 * from the capacity entry in force that day. Elderly institutions count
 * beds minus occupied beds; childcare counts places minus enrolled
 * children, class type by class type where the classes are recorded. A
 * register that shows more occupied than beds has no vacancy (never a
 * negative one). Pure: the capacity comes from store/facility_store.c.
 */
#ifndef LX_CORE_PLACE_VACANCY_H
#define LX_CORE_PLACE_VACANCY_H

#include "core/facility.h"

struct place_vacancy {
	long long beds, occupied, vacant_beds;
	long long slots, enrolled, vacant_slots;
	/* by class type (enum class_type): capacity, enrolled, vacant */
	long long class_capacity[CLASS__MAX];
	long long class_enrolled[CLASS__MAX];
	long long class_vacant[CLASS__MAX];
	int has_classes; /* the capacity entry lists classes */
};

/* Fills out from the capacity c in force. */
void place_vacancy_of(const struct capacity *c, struct place_vacancy *out);

/* Does the facility have room of the kind a need asks for: a bed, or a
 * place in class type class_type (-1: any class)? */
int place_vacancy_has_room(const struct place_vacancy *v, int elderly,
                           int class_type);

#endif
