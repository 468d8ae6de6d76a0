/*
 * What the public disclosure (信息公示) reads, section by section, for
 * facilities in a region's subtree on a day: ratings in force and recent
 * lapses, the published black list, childcare institutions' filing,
 * published inspection plans and per-facility checks and hazards,
 * complaint counts and credit commitments. Registry and supervision facts
 * only: no column about a person is read, nor a complainant's.
 */
#ifndef LX_STORE_DISCLOSE_STORE_H
#define LX_STORE_DISCLOSE_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

/* What a query is about: facilities of the subtree of region, the day
 * the page shows, and since when "recent" counts (lapses, complaints,
 * checks). */
struct disclose_scope {
	const char *region;
	const char *day;
	const char *since;
};

struct disclose_rating {
	long long facility_id;
	char *facility_name, *facility_kind, *scheme;
	int level;
	char rated_on[11], valid_until[11];
};

/* Ratings in force on day (the latest a facility has), of facilities
 * open on day. */
int disclose_store_ratings(struct db *db, struct arena *a,
                           const struct disclose_scope *s,
                           struct disclose_rating **out, size_t *n,
                           struct lx_error *err);

struct disclose_lapse {
	long long facility_id;
	char *facility_name, *scheme;
	int level;
	char lapsed_on[11];
};

/* Ratings that lapsed in [since, day]. */
int disclose_store_lapses(struct db *db, struct arena *a,
                          const struct disclose_scope *s,
                          struct disclose_lapse **out, size_t *n,
                          struct lx_error *err);

struct disclose_listing {
	long long facility_id;
	char *facility_name, *ground, *authority;
	char listed_on[11], published_on[11];
};

/* Facilities on the black list on day: listed, published on or before
 * day, not removed by then. *staff counts the staff entries of the
 * region's facilities likewise (only a count is ever shown). */
int disclose_store_black(struct db *db, struct arena *a,
                         const struct disclose_scope *s,
                         struct disclose_listing **out, size_t *n,
                         long long *staff, struct lx_error *err);

struct disclose_childcare {
	long long facility_id;
	char *name, *kind, *filing_status;
	char filing_date[11];
};

/* Childcare facilities open on day with their filing status. */
int disclose_store_childcare(struct db *db, struct arena *a,
                             const struct disclose_scope *s,
                             struct disclose_childcare **out, size_t *n,
                             struct lx_error *err);

struct disclose_plan {
	long long id;
	char region[13];
	char *region_name, *period, *title, *seed, *algorithm, *digest;
	char drawn_at[21];
	long long checks;
};

/* Published plans of the region's subtree and of the regions above it
 * (a city's plan covers its counties), newest first. */
int disclose_store_plans(struct db *db, struct arena *a,
                         const struct disclose_scope *s,
                         struct disclose_plan **out, size_t *n,
                         struct lx_error *err);

struct disclose_checks {
	long long facility_id;
	char *facility_name;
	long long checks_done, hazards_found, hazards_closed;
};

/* Per facility: checks done and hazards found in [since, day], and of
 * those hazards the ones closed by day. */
int disclose_store_checks(struct db *db, struct arena *a,
                          const struct disclose_scope *s,
                          struct disclose_checks **out, size_t *n,
                          struct lx_error *err);

struct disclose_complaints {
	long long facility_id;
	char *facility_name;
	long long received, closed, on_time, rated, satisfied;
};

/* Per facility, complaints received in [since, day]: how many, closed,
 * answered by their deadline, rated, and rated satisfied (satisfaction
 * at least satisfied_from). */
int disclose_store_complaints(struct db *db, struct arena *a,
                              const struct disclose_scope *s,
                              long long satisfied_from,
                              struct disclose_complaints **out, size_t *n,
                              struct lx_error *err);

struct disclose_commitment {
	long long facility_id;
	char *facility_name, *text;
	char on[11];     /* the record's day; "" for the registry's text */
	char source[12]; /* "registry" or "record" */
};

/* Credit commitments (信用承诺): the registry's text of facilities open
 * on day and credit records of kind commitment still public on day. */
int disclose_store_commitments(struct db *db, struct arena *a,
                               const struct disclose_scope *s,
                               struct disclose_commitment **out, size_t *n,
                               struct lx_error *err);

#endif
