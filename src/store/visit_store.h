/*
 * Visits to special-difficulty elderly: what the registry says about the
 * people who may be visit targets on a day, and the visits, major events
 * and tier overrides themselves. Who is a target is decided in app/ from
 * these rows and the policy (core/visit.h); nothing here keeps a list.
 *
 * The target queries take a subtree and a day: the candidates are every
 * elderly person alive and aged 60 or more that day with a category in
 * force who lived in the subtree then (now, or before a later move out);
 * the other queries read their rows of one kind (categories, moves,
 * overrides, visits, events, referrals) for the people of the subtree.
 * Each is ordered by person id so app/ can merge them: one query per
 * kind of row, never one per person.
 */
#ifndef LX_STORE_VISIT_STORE_H
#define LX_STORE_VISIT_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

/* Where and when the candidates are looked for. born_by: the latest
 * birth date of someone 60 on day (a string bound, checked exactly by the
 * caller); until: "YYYY-MM-DDTHH:MM", the last moment of visits and
 * events to read. */
struct visit_scope {
	const char *root, *day, *born_by, *until;
};

struct visit_cand_row {
	long long id;
	char *name, *address; /* arena-owned */
	char sex[2], birth_date[11], region[13], residence[12];
};

struct visit_cat_row {
	long long person_id;
	char category[32], start[11];
};

struct visit_move_row {
	long long person_id;
	char from[13], to[13], on[11];
};

/* Rows merged by person id (app/visit_targets.c) begin with it. */
struct visit_tier_row {
	long long person_id, id;
	char tier[24], start[11], end[11];
	char *reason; /* arena-owned */
};

struct visit_last_row {
	long long person_id, visit_id;
	char visited_at[17], mode[24], risk[8];
	int has_point;
	double lat, lon;
};

struct visit_event_row {
	long long person_id, id;
	char region[13], kind[24], occurred_at[17], reported_at[17];
	char *note, *reported_by; /* arena-owned */
};

struct visit_count_row {
	long long person_id, n;
};

/* Each fills an arena array ordered by person id; -1 and err on failure.
 * Tiers: the overrides in force on day, newest first for each person.
 * Last: each person's latest visit at or before until. Events: every
 * event reported at or before until, newest first for each person.
 * Referrals: open referrals (not closed) per person. */
int visit_store_candidates(struct db *db, struct arena *a,
                           const struct visit_scope *s,
                           struct visit_cand_row **out, size_t *n,
                           struct lx_error *err);
int visit_store_cand_categories(struct db *db, struct arena *a,
                                const struct visit_scope *s,
                                struct visit_cat_row **out, size_t *n,
                                struct lx_error *err);
int visit_store_cand_moves(struct db *db, struct arena *a,
                           const struct visit_scope *s,
                           struct visit_move_row **out, size_t *n,
                           struct lx_error *err);
int visit_store_cand_tiers(struct db *db, struct arena *a,
                           const struct visit_scope *s,
                           struct visit_tier_row **out, size_t *n,
                           struct lx_error *err);
int visit_store_cand_last(struct db *db, struct arena *a,
                          const struct visit_scope *s,
                          struct visit_last_row **out, size_t *n,
                          struct lx_error *err);
int visit_store_cand_events(struct db *db, struct arena *a,
                            const struct visit_scope *s,
                            struct visit_event_row **out, size_t *n,
                            struct lx_error *err);
int visit_store_cand_referrals(struct db *db, struct arena *a,
                               const struct visit_scope *s,
                               struct visit_count_row **out, size_t *n,
                               struct lx_error *err);

struct visit_row {
	long long id, person_id, visitor_id; /* visitor_id 0: none */
	char region[13], visited_at[17], visited_on[11], mode[24], risk[8];
	char *visitor_name, *findings, *note, *source, *recorded_at;
	char *person_name, *region_name; /* read only */
	int has_point;
	double lat, lon;
};

/* Inserts (v->id set). The same person, visitor and minute twice is
 * LX_ECONFLICT on "visited_at". */
int visit_store_insert(struct db *db, struct visit_row *v, long long by,
                       struct lx_error *err);
/* 1 when the person has a visit by this visitor (0: by nobody named) at
 * this minute, else 0. */
int visit_store_exists(struct db *db, long long person, long long visitor,
                       const char *visited_at);
int visit_store_get(struct db *db, struct arena *a, long long id,
                    struct visit_row *out, struct lx_error *err);

struct visit_query {
	const char *region;    /* subtree of the visit's region; NULL all */
	long long person;      /* 0 for all */
	const char *from, *to; /* visited_on bounds, NULL for open */
	long limit;
};

/* Visits newest first, at most q->limit. */
int visit_store_list(struct db *db, struct arena *a,
                     const struct visit_query *q, struct visit_row **out,
                     size_t *n, struct lx_error *err);

int visit_store_add_event(struct db *db, struct visit_event_row *e,
                          long long by, struct lx_error *err);
/* Events in the subtree reported on or after since, newest first. */
int visit_store_events(struct db *db, struct arena *a, const char *region,
                       const char *since, long limit,
                       struct visit_event_row **out, size_t *n,
                       struct lx_error *err);

/* The override of a person's tier in force on day (out->id 0: none). */
int visit_store_tier_current(struct db *db, struct arena *a, long long person,
                             const char *day, struct visit_tier_row *out,
                             struct lx_error *err);
/* Ends the override id on end (exclusive: not in force from that day). */
int visit_store_tier_end(struct db *db, long long id, const char *end,
                         struct lx_error *err);
int visit_store_tier_add(struct db *db, struct visit_tier_row *t, long long by,
                         const char *now, struct lx_error *err);

/* The villages and communities every active visitor account covers,
 * ordered by region (few rows: one a village or so). */
struct visitor_area_row {
	long long account_id;
	char region[13];
	char *username, *display_name; /* arena-owned */
};
int visit_store_visitor_areas(struct db *db, struct arena *a,
                              struct visitor_area_row **out, size_t *n,
                              struct lx_error *err);

/* The id of an active visitor account by username, 0 when none. */
long long visit_store_visitor_by_name(struct db *db, const char *username);

/* The centre of each region's residential points in the subtree (regions
 * with none left out), ordered by region. */
struct visit_point_row {
	char region[13];
	double lat, lon;
};
int visit_store_region_points(struct db *db, struct arena *a, const char *root,
                              struct visit_point_row **out, size_t *n,
                              struct lx_error *err);

#endif
