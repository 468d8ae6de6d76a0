#include "store/visit_count_store.h"

#include "core/person.h"
#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

/* The categories in force as a bit mask per person: distinct powers of
 * two, so their distinct sum is their union, in both databases' SQL. Built
 * from the category names (constants, never input), in the arena. */
static const char *mask_sql(struct arena *a)
{
	char *sql = arena_strdup(a, "SUM(DISTINCT CASE c.category");

	for (int i = 0; i < person_category_names.count; i++)
		sql = arena_printf(a, "%s WHEN '%s' THEN %u", sql,
		                   person_category_names.names[i], 1u << i);
	return arena_printf(a, "%s ELSE 0 END)", sql);
}

static void read_group(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_count_group *g = elem;

	db_col_copy(g->region, sizeof(g->region), st, 0);
	g->cats = (unsigned)db_col_int64(st, 1);
	db_col_copy(g->residence, sizeof(g->residence), st, 2);
	g->tier = db_col_text(a, st, 3);
	db_col_copy(g->risk, sizeof(g->risk), st, 4);
	g->visited = db_col_int(st, 5);
	g->weeks = (unsigned)db_col_int64(st, 6);
	g->highs = (unsigned)db_col_int64(st, 7);
	g->n = db_col_int64(st, 8);
}

/* Bit k when a visit falls in range k: parameters ?7 and ?8 for the
 * first range, ?9 and ?10 for the next, … */
static const char *weeks_sql(struct arena *a, int nranges)
{
	char *sql = arena_strdup(a, "0");

	for (int k = 0; k < nranges; k++)
		sql =
		    arena_printf(a,
		                 "%s + CASE WHEN EXISTS (SELECT 1 FROM visit w"
		                 " WHERE w.person_id = p.id"
		                 " AND w.visited_on >= ?%d"
		                 " AND w.visited_on <= ?%d) THEN %u ELSE 0 END",
		                 sql, 7 + 2 * k, 8 + 2 * k, 1u << k);
	return sql;
}

/* Bit k when the latest visit before range k began found the risk high:
 * the tier the week began with, as the worklist showed it that morning. */
static const char *highs_sql(struct arena *a, int nranges)
{
	char *sql = arena_strdup(a, "0");

	for (int k = 0; k < nranges; k++)
		sql = arena_printf(
		    a,
		    "%s + CASE WHEN (SELECT h.risk FROM visit h"
		    " WHERE h.person_id = p.id AND h.visited_on < ?%d"
		    " ORDER BY h.visited_on DESC, h.visited_at DESC, h.id DESC"
		    " LIMIT 1) = 'high' THEN %u ELSE 0 END",
		    sql, 7 + 2 * k, 1u << k);
	return sql;
}

int visit_count_store_groups(struct db *db, struct arena *a, const char *root,
                             const char *as_of, const char *birth_by,
                             const char *from, const char *to,
                             const struct visit_count_range *ranges,
                             int nranges, struct visit_count_group **out,
                             size_t *n, struct lx_error *err)
{
	/* ?1 ?2 the subtree range, ?3 the day, ?4 the latest birth date, ?5
	 * ?6 the visited range. The categories are grouped in one pass over
	 * their table, and only people with some category in force look up
	 * the rest; x is materialized so that each look-up runs once a
	 * person. Someone who moved away after the day is found through the
	 * move, not the region they live in now. The latest visit is found
	 * by its day on the index first, then by its time among that day's. */
	char *sql = arena_printf(
	    a,
	    "WITH c AS (SELECT c.person_id, %s AS cats FROM person_category c"
	    "   WHERE c.start_date <= ?3"
	    "   AND (c.end_date IS NULL OR c.end_date >= ?3)"
	    "   GROUP BY c.person_id),"
	    " x AS MATERIALIZED (SELECT COALESCE((SELECT m.from_region"
	    "   FROM person_move m WHERE m.person_id = p.id"
	    "   AND m.moved_on > ?3 ORDER BY m.moved_on, m.rowid LIMIT 1),"
	    "   p.region) AS region_on, c.cats AS cats,"
	    " p.residence AS residence,"
	    " (SELECT t.tier FROM visit_tier t WHERE t.person_id = p.id"
	    "   AND t.start_date <= ?3"
	    "   AND (t.end_date IS NULL OR t.end_date > ?3)"
	    "   ORDER BY t.start_date DESC, t.id DESC LIMIT 1) AS tier,"
	    " (SELECT v.risk FROM visit v WHERE v.person_id = p.id"
	    "   AND v.visited_on = (SELECT max(y.visited_on) FROM visit y"
	    "     WHERE y.person_id = p.id AND y.visited_on <= ?3)"
	    "   ORDER BY v.visited_at DESC, v.id DESC LIMIT 1) AS risk,"
	    " CASE WHEN EXISTS (SELECT 1 FROM visit w"
	    "   WHERE w.person_id = p.id AND w.visited_on >= ?5"
	    "   AND w.visited_on <= ?6) THEN 1 ELSE 0 END AS visited,"
	    " %s AS weeks, %s AS highs"
	    " FROM c JOIN person p ON p.id = c.person_id"
	    " WHERE c.cats > 0 AND p.kind = 'elderly' AND p.birth_date <= ?4"
	    " AND (p.deceased_on IS NULL OR p.deceased_on > ?3)"
	    " AND (p.region BETWEEN ?1 AND ?2 OR p.id IN (SELECT"
	    "   person_id FROM person_move WHERE from_region BETWEEN ?1 AND ?2"
	    "   AND moved_on > ?3)))"
	    " SELECT region_on, cats, residence, tier, risk, visited, weeks,"
	    " highs, count(*) FROM x WHERE region_on BETWEEN ?1 AND ?2"
	    " GROUP BY region_on, cats, residence, tier, risk, visited, weeks,"
	    " highs"
	    " ORDER BY region_on",
	    mask_sql(a),
	    weeks_sql(a, nranges < VISIT_COUNT_RANGES_MAX
	                     ? nranges
	                     : VISIT_COUNT_RANGES_MAX),
	    highs_sql(a, nranges < VISIT_COUNT_RANGES_MAX
	                     ? nranges
	                     : VISIT_COUNT_RANGES_MAX));
	struct stmt *st = db_prepare(db, sql, err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, root);
	db_bind_text(st, 3, as_of);
	db_bind_text(st, 4, birth_by);
	db_bind_text(st, 5, from);
	db_bind_text(st, 6, to);
	for (int k = 0; k < nranges && k < VISIT_COUNT_RANGES_MAX; k++) {
		db_bind_text(st, 7 + 2 * k, ranges[k].first);
		db_bind_text(st, 8 + 2 * k, ranges[k].last);
	}
	return db_collect(db, a, st, sizeof(**out), read_group, (void **)out, n,
	                  "visit targets", err);
}
