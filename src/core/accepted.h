/*
 * The values of a closed list said in an error, so that the error teaches:
 * all of them when there are few, else the ones nearest to what was
 * written (core/nearest.h). Used for the metrics, elements, categories and
 * kinds of imports and requests. Pure; no I/O.
 */
#ifndef LX_CORE_ACCEPTED_H
#define LX_CORE_ACCEPTED_H

#include <stddef.h>

#include "core/arena.h"
#include "core/facility.h"

enum {
	ACCEPTED_ALL_MAX = 12, /* up to this many: every one is named */
	ACCEPTED_NEAREST = 3,  /* more: this many nearest */
};

/* "accepted: a, b, c" naming every non-NULL name in order when there are
 * at most ACCEPTED_ALL_MAX, else "nearest: x, y, z" (the three nearest to
 * word, nearest first); "" when there is none. In the arena. */
const char *accepted_names(struct arena *a, const char *word,
                           const char *const *names, size_t n);

/* The same over the codes of an enum table ("elderly_institution"). */
const char *accepted_enum(struct arena *a, const char *word,
                          const struct enum_names *t);

#endif
