/*
 * Grading records (migration 29): assessments with their section scores
 * and outcome, the ratings they give (facility_rating with assessment_id
 * and the scheme's code), ratings in force per facility and scheme, and
 * lapses (grade_lapse, one a rating). Strings are arena-owned.
 */
#ifndef LX_STORE_GRADE_STORE_H
#define LX_STORE_GRADE_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct grade_assessment {
	long long id, facility_id, rating_id; /* rating_id 0: none given */
	const char *scheme, *kind;            /* kind "rating" or "annual" */
	char assessed_on[11];
	const char *scores;  /* JSON text {section: "85.5"} */
	const char *total;   /* exact decimal text */
	int applied_level;   /* 0: none asked */
	int level;           /* reached (annual) or awarded (rating); 0 none */
	const char *outcome; /* "rated", "refused", "evaluated" */
	const char *reason, *evaluator;
	char recorded_at[21];
	char valid_until[11]; /* of the rating given, "" */
};

/* A rating with its facility, for lists. */
struct grade_rating {
	long long id, facility_id, assessment_id;
	const char *facility_name, *kind, *region, *scheme;
	int level;
	char rated_on[11], valid_until[11], lapsed_on[11];
};

/* Inserts x (id set), recorded by account by (0: none). */
int grade_store_add_assessment(struct db *db, struct grade_assessment *x,
                               long long by, struct lx_error *err);

/* Inserts the rating an assessment gave; *id set. A second rating of the
 * same facility and scheme on the same day from an assessment fails with
 * LX_ECONFLICT. */
int grade_store_add_rating(struct db *db, long long facility,
                           const char *scheme, int level, const char *rated_on,
                           const char *valid_until, long long assessment,
                           long long by, const char *now, long long *id,
                           struct lx_error *err);

/* A facility's assessments, the latest first, with the rating each gave. */
int grade_store_assessments(struct db *db, struct arena *a, long long facility,
                            struct grade_assessment **out, size_t *n,
                            struct lx_error *err);

/* Whether the facility ever had a rating of scheme given before day
 * (*before), and the valid_until of the one in force on day ("" none). */
int grade_store_history(struct db *db, long long facility, const char *scheme,
                        const char *day, int *before, char until[11],
                        struct lx_error *err);

/* The rating in force on day for each facility and scheme in region's
 * subtree (NULL: all; facility > 0: that one) of facilities not closed
 * by the day, ordered by scheme,
 * level and facility: the latest rated_on with rated_on <= day <=
 * valid_until (the higher id on a tie). */
int grade_store_in_force(struct db *db, struct arena *a, const char *region,
                         long long facility, const char *day,
                         struct grade_rating **out, size_t *n,
                         struct lx_error *err);

/* Ratings whose validity ended before day, not renewed (no later rating
 * of the same facility and scheme given on or before the last valid day)
 * and not yet recorded as lapsed, in region's subtree. */
int grade_store_lapse_due(struct db *db, struct arena *a, const char *region,
                          const char *day, struct grade_rating **out, size_t *n,
                          struct lx_error *err);

/* Records a lapse once: *added 1 when this call recorded it, 0 when it was
 * on record already. */
int grade_store_lapse_add(struct db *db, long long rating, long long facility,
                          const char *lapsed_on, const char *now, int *added,
                          struct lx_error *err);

/* Recorded lapses in region's subtree on or before day, the latest first
 * (lapsed_on filled). */
int grade_store_lapses(struct db *db, struct arena *a, const char *region,
                       const char *day, struct grade_rating **out, size_t *n,
                       struct lx_error *err);

/* A filed, open facility with no annual evaluation under scheme in a
 * year. */
struct grade_due {
	long long facility_id;
	const char *name, *kind, *region;
};

/* Filed facilities of region's subtree open on day (opened on or before
 * it, not closed by it) with no 'annual' assessment of scheme dated in
 * [from, to]; every kind: the caller keeps the kinds the scheme rates. */
int grade_store_annual_due(struct db *db, struct arena *a, const char *region,
                           const char *scheme, const char *day,
                           const char *from, const char *to,
                           struct grade_due **out, size_t *n,
                           struct lx_error *err);

/* Facilities of kind (its name) in region's subtree open on day (opened
 * on or before it or undated, not closed by it): the denominator of the
 * graded share. */
int grade_store_count_open(struct db *db, const char *region, const char *kind,
                           const char *day, long long *n, struct lx_error *err);

#endif
