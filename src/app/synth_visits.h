/*
 * The visit work of a synthetic city (docs/synth.md "Visits"): a
 * township officer per township, a visitor per village (a few villages
 * left without one), and a year of visits to the people a plan would
 * list as visit targets. Draws come from a stream of their own, so the
 * rest of the city is the same with or without them.
 */
#ifndef LX_APP_SYNTH_VISITS_H
#define LX_APP_SYNTH_VISITS_H

#include "app/ctx.h"
#include "core/date.h"
#include "store/person_store.h"

#include <stddef.h>
#include <stdint.h>

struct synth_visits;

/* Visits in the twelve calendar months after the reference day's month,
 * for nvillages villages. NULL when out of memory. Free with
 * synth_visits_free. */
struct synth_visits *synth_visits_new(struct app_ctx *ctx, uint64_t seed,
                                      struct lx_date ref, size_t nvillages);
void synth_visits_free(struct synth_visits *s);

/* A township's officer (乡镇（街道）专干); villages follow their township. */
int synth_visits_township(struct synth_visits *s, const char *code);

/* Village i (codes in the order given): its visitor, or none. */
int synth_visits_village(struct synth_visits *s, size_t i, const char *code,
                         const char *township);

/* The year of visits to p (saved: p->id set), living in village i. */
int synth_visits_person(struct synth_visits *s, size_t i,
                        const struct person *p);

/* What was made: visitors, officers, villages without a visitor,
 * targets, visits. */
json_t *synth_visits_report(const struct synth_visits *s);

#endif
