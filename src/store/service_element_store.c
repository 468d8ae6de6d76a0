#include "store/service_element_store.h"

#include "core/region_code.h"
#include "core/service_element.h"
#include "store/db_internal.h"

#include <stdio.h>

/* Parameters: ?1 ?2 the subtree range, ?3 the day. A village (level
 * village, open on the day) is rural when its code's last three digits
 * lie in ?4..?5 (zero-padded text, so the comparison is the number's);
 * covered when a facility of kind ?6 or ?7 is registered in it and open
 * on the day. */
#define VILLAGES_WHERE                                                         \
	" FROM region r WHERE r.code BETWEEN ?1 AND ?2"                        \
	" AND r.level = 'village'"                                             \
	" AND substr(r.code, 10, 3) BETWEEN ?4 AND ?5"                         \
	" AND (r.closed_on IS NULL OR r.closed_on > ?3)"

#define COVERED                                                                \
	" AND EXISTS (SELECT 1 FROM facility f WHERE f.region = r.code"        \
	" AND (f.kind = ?6 OR f.kind = ?7)"                                    \
	" AND (f.opened_on IS NULL OR f.opened_on <= ?3)"                      \
	" AND (f.closed_on IS NULL OR f.closed_on > ?3))"

static const char *const count_sql[SE__MAX] = {
	[SE_RURAL_VILLAGES] = "SELECT r.code, count(*)" VILLAGES_WHERE
	                      " GROUP BY r.code ORDER BY r.code",
	[SE_MEAL_VILLAGES] = "SELECT r.code, count(*)" VILLAGES_WHERE COVERED
	                     " GROUP BY r.code ORDER BY r.code",
	/* infants registered on the day (as persons.infant counts them)
	 * reached by an activity held from ?4 to the day */
	[SE_GUIDED_INFANTS] =
	    "SELECT p.region, count(*) FROM person p"
	    " WHERE p.region BETWEEN ?1 AND ?2 AND p.kind = 'infant'"
	    " AND p.birth_date <= ?3"
	    " AND (p.deceased_on IS NULL OR p.deceased_on > ?3)"
	    " AND EXISTS (SELECT 1 FROM guidance_reach g"
	    "   JOIN guidance_activity a ON a.id = g.activity_id"
	    "   WHERE g.person_id = p.id AND a.held_on >= ?4"
	    "   AND a.held_on <= ?3)"
	    " GROUP BY p.region ORDER BY p.region",
	/* active on the day: made active on or before it and not removed
	 * by then (a removed bed keeps its active_from) */
	[SE_ACTIVE_FAMILY_BEDS] =
	    "SELECT b.region, count(*) FROM family_bed b"
	    " WHERE b.region BETWEEN ?1 AND ?2"
	    " AND b.active_from IS NOT NULL AND b.active_from <= ?3"
	    " AND (b.removed_on IS NULL OR b.removed_on > ?3)"
	    " GROUP BY b.region ORDER BY b.region",
	/* registered on the day: registered_on <= D < left_on; elderly:
	 * ?4 years old or more on the day (0: any age) */
	[SE_VOLUNTEERS] =
	    "SELECT v.region, count(*) FROM volunteer v"
	    " WHERE v.region BETWEEN ?1 AND ?2 AND v.registered_on <= ?3"
	    " AND (v.left_on IS NULL OR v.left_on > ?3)"
	    " AND (?4 = 0 OR v.birth_date <= date(?3, '-' || ?4 || ' years'))"
	    " GROUP BY v.region ORDER BY v.region",
	/* waiting lists: a person (by region when applying) with a willing
	 * application made on or before the day and not withdrawn or closed
	 * by then; ?4 = 1: only those admitted on or before the day. The
	 * API takes willing only in the always-admit (特困) tier. */
	[SE_WILLING_TEKUN] =
	    "SELECT w.region, count(DISTINCT w.person_id)"
	    " FROM wait_application w"
	    " WHERE w.region BETWEEN ?1 AND ?2 AND w.willing = 1"
	    " AND w.applied_on <= ?3"
	    " AND (w.closed_on IS NULL OR w.closed_on > ?3)"
	    " AND (?4 = 0 OR w.placed_on <= ?3)"
	    " GROUP BY w.region ORDER BY w.region",
};

/* SE_GUIDED_INFANTS over a county or wider: the same count, the infants
 * reached found first from the reach of the activities held (one pass
 * over it) instead of a look-up of each infant's reach. Over 巴中 at
 * scale 1 (86,000 infants, 121,000 reach rows) a third of the time; over
 * a township or a village the look-ups, which touch only its infants,
 * cost less than the pass. */
static const char guided_wide_sql[] =
    "SELECT p.region, count(*) FROM person p"
    " WHERE p.region BETWEEN ?1 AND ?2 AND p.kind = 'infant'"
    " AND p.birth_date <= ?3"
    " AND (p.deceased_on IS NULL OR p.deceased_on > ?3)"
    " AND p.id IN (SELECT g.person_id FROM guidance_reach g"
    "   JOIN guidance_activity a ON a.id = g.activity_id"
    "   WHERE a.held_on >= ?4 AND a.held_on <= ?3)"
    " GROUP BY p.region ORDER BY p.region";

static void read_count(struct arena *a, struct stmt *st, void *elem)
{
	struct region_count *r = elem;

	(void)a;
	snprintf(r->region, sizeof(r->region), "%s", db_col_str(st, 0));
	r->n = db_col_int64(st, 1);
}

int service_element_store_count(struct db *db, struct arena *a, int e,
                                const char *root, const char *as_of,
                                const struct service_count_args *args,
                                struct region_count **out, size_t *n,
                                struct lx_error *err)
{
	int sql = e == SE_ELDERLY_VOLUNTEERS     ? SE_VOLUNTEERS
	          : e == SE_WILLING_TEKUN_PLACED ? SE_WILLING_TEKUN
	                                         : e;
	struct stmt *st;
	char from[8], to[8];

	if (e < 0 || e >= SE__MAX)
		return lx_fail(err, LX_EINTERNAL, "", "no element %d", e);
	st = db_prepare(
	    db,
	    sql == SE_GUIDED_INFANTS &&
	            (!root || region_code_level(root) <= REGION_COUNTY)
	        ? guided_wide_sql
	        : count_sql[sql],
	    err);
	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, root);
	db_bind_text(st, 3, as_of);
	switch (sql) {
	case SE_RURAL_VILLAGES:
	case SE_MEAL_VILLAGES:
		snprintf(from, sizeof(from), "%03d", args->village_from);
		snprintf(to, sizeof(to), "%03d", args->village_to);
		db_bind_text(st, 4, from);
		db_bind_text(st, 5, to);
		if (sql == SE_MEAL_VILLAGES) {
			db_bind_opt_text(st, 6, args->point_kind[0]);
			db_bind_opt_text(st, 7, args->point_kind[1]);
		}
		break;
	case SE_GUIDED_INFANTS:
		db_bind_text(st, 4, args->reach_from);
		break;
	case SE_VOLUNTEERS:
		db_bind_int64(st, 4,
		              e == SE_ELDERLY_VOLUNTEERS ? SE_ELDERLY_AGE : 0);
		break;
	case SE_WILLING_TEKUN:
		db_bind_int64(st, 4, e == SE_WILLING_TEKUN_PLACED);
		break;
	default:
		break;
	}
	return db_collect(db, a, st, sizeof(**out), read_count, (void **)out, n,
	                  "service element counts", err);
}
