/* Infants' health-management records, enrolments in childcare classes,
 * and people's moves between regions. */
#ifndef LX_STORE_CARE_STORE_H
#define LX_STORE_CARE_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct health_row {
	long long id, person_id;
	char *item;
	char done_on[11];
	char *result;
};

int health_store_insert(struct db *db, struct health_row *r, long long by,
                        const char *now, struct lx_error *err);
int health_store_list(struct db *db, struct arena *a, long long person,
                      struct health_row **out, size_t *n, struct lx_error *err);

struct enrolment_row {
	long long id, person_id, facility_id;
	char *class_type;
	char start[11], end[11];
};

int enrolment_store_insert(struct db *db, struct enrolment_row *r,
                           struct lx_error *err);
/* Enrolments of one person, newest first. */
int enrolment_store_list(struct db *db, struct arena *a, long long person,
                         struct enrolment_row **out, size_t *n,
                         struct lx_error *err);
/* Children enrolled in a facility's classes of one type on a day. */
long long enrolment_store_count(struct db *db, long long facility,
                                const char *class_type, const char *day);
/* Whether the person has an enrolment overlapping [start, end] (end ""
 * for open). */
int enrolment_store_overlaps(struct db *db, long long person, const char *start,
                             const char *end);

/* The days within [start, end] on which a place in the facility's class
 * type is taken up: start itself and each later enrolment's start. The
 * most children in the class over the period is on one of them. */
int enrolment_store_start_days(struct db *db, struct arena *a,
                               long long facility, const char *class_type,
                               const char *start, const char *end,
                               char (**days)[11], size_t *n);

struct move_row {
	char from[13], to[13], on[11];
};

/* A person's moves, oldest first. */
int move_store_list(struct db *db, struct arena *a, long long person,
                    struct move_row **out, size_t *n, struct lx_error *err);

int move_store_insert(struct db *db, long long person, const char *from,
                      const char *to, const char *on, struct lx_error *err);

#endif
