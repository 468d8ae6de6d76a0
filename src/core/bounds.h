/*
 * The largest values a person may enter, checked where input arrives
 * (JSON bodies, CSV rows), so that nothing downstream can overflow: with
 * every count at most LX_COUNT_MAX, a sum over ten million facilities
 * stays below 10^13, far inside 64 bits. A value past a bound is a typing
 * error, refused with the field named; the bounds are stated in
 * docs/api.md.
 */
#ifndef LX_CORE_BOUNDS_H
#define LX_CORE_BOUNDS_H

#include <stdint.h>

/* Beds, slots, residents, staff, children of a class: per facility. The
 * largest institutions hold a few thousand. */
#define LX_COUNT_MAX INT64_C(1000000)
/* One region's population figure: more than any country has. */
#define LX_POPULATION_MAX INT64_C(2000000000)

enum {
	LX_NAME_CHARS_MAX = 200,  /* names: facility, person, region */
	LX_TEXT_CHARS_MAX = 2000, /* other text: address, commitment, reason */
};

#endif
