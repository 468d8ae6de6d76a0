#include "store/visit_count_store.h"

#include "core/facility.h"
#include "core/person.h"
#include "store/db_internal.h"
#include "store/subtree.h"
#include "store/subtree_people.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Why not one query: the grouped query this replaces looked up, for each
 * elderly person with a category, their move, tier override, latest visit
 * and one visit a range in correlated subqueries, a dozen index seeks a
 * person (about 1 s for the 巴中 of scale 1 even without a single visit).
 * Here each table is read once, in a range or whole, ordered by person,
 * and the rows are joined and grouped in C by walking the lists side by
 * side: the work grows with the rows, not with seeks.
 *
 * When the database holds people outside the subtree (a city of a
 * province, a county of a city), the reads are narrowed to the range of
 * ids of those living in the subtree now and of anyone with a move after
 * the day (who may have lived in it then): the people pass and every other
 * table alike, all still in person order, the walk in C deciding who
 * lived in the subtree on the day as it does over everyone. People are
 * registered region by region, so a city's ids mostly come in blocks and
 * a city of a ten-city province reads about a tenth of each table. Where
 * ids interleave, the range widens towards the whole table, which is what
 * is read without it; the walk in C skips whoever is not in the pass
 * either way. A range, not a set of ids, because both engines read a
 * range in index order with no sort, and plan it well whatever their
 * estimate of the subtree's size.
 */

struct cat {
	long long person_id;
	unsigned bit;
};

struct move {
	long long person_id;
	char from[13];
};

struct tier {
	long long person_id;
	char *tier;
};

static void read_cat(struct arena *a, struct stmt *st, void *elem)
{
	struct cat *c = elem;
	const char *name = db_col_str(st, 1);
	int code = name ? enum_lookup(&person_category_names, name) : -1;

	(void)a;
	c->person_id = db_col_int64(st, 0);
	/* a category this build does not know counts for nothing, as the
	 * mask of known names the grouped query summed */
	c->bit = code >= 0 ? 1u << code : 0;
}

static void read_move(struct arena *a, struct stmt *st, void *elem)
{
	struct move *m = elem;

	(void)a;
	m->person_id = db_col_int64(st, 0);
	db_col_copy(m->from, sizeof(m->from), st, 1);
}

static void read_tier(struct arena *a, struct stmt *st, void *elem)
{
	struct tier *t = elem;

	t->person_id = db_col_int64(st, 0);
	t->tier = db_col_text(a, st, 1);
}

/* Where the reads are: the subtree's codes, the day, and whether to
 * narrow to the range first_id..last_id of the subtree's people. */
struct scope {
	char lo[13], hi[13];
	const char *as_of;
	int narrow;
	long long first_id, last_id;
};

/* The SQL of tmpl with its one "{scope}" replaced by the id range of its
 * person column (or nothing), prepared with ?1 day and, when narrowed, ?2
 * and ?3 the range. */
static struct stmt *prepare_scoped(struct db *db, const struct scope *sc,
                                   const char *tmpl, const char *column,
                                   const char *day, struct lx_error *err)
{
	const char *at = strstr(tmpl, "{scope}");
	char sql[1024];
	struct stmt *st;

	snprintf(sql, sizeof(sql), "%.*s%s%s%s%s", (int)(at - tmpl), tmpl,
	         sc->narrow ? " AND " : "", sc->narrow ? column : "",
	         sc->narrow ? " BETWEEN ?2 AND ?3" : "",
	         at + strlen("{scope}"));
	st = db_prepare(db, sql, err);
	if (!st)
		return NULL;
	db_bind_text(st, 1, day);
	if (sc->narrow) {
		db_bind_int64(st, 2, sc->first_id);
		db_bind_int64(st, 3, sc->last_id);
	}
	return st;
}

/* Runs tmpl (see prepare_scoped) for day and collects its rows. */
static int collect(struct db *db, struct arena *a, const struct scope *sc,
                   const char *tmpl, const char *column, const char *day,
                   size_t elsize,
                   void (*read)(struct arena *, struct stmt *, void *),
                   void **out, size_t *n, const char *what,
                   struct lx_error *err)
{
	struct stmt *st = prepare_scoped(db, sc, tmpl, column, day, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, elsize, read, out, n, what, err);
}

/* Whether anyone lives outside the subtree now and, if so, the range of ids of
 * the subtree's people and of every mover after the day (see the top). */
static int narrow_scope(struct db *db, struct scope *sc, struct lx_error *err)
{
	struct stmt *st;
	int rc;

	if (subtree_people_outside(db, sc->lo, sc->hi, &sc->narrow, err))
		return -1;
	if (!sc->narrow)
		return 0;
	st = db_prepare(db,
	                "SELECT min(t.id), max(t.id) FROM ("
	                "SELECT s.id FROM person s"
	                " WHERE s.region BETWEEN ?1 AND ?2"
	                " AND s.kind = 'elderly'"
	                " UNION ALL SELECT s.person_id FROM person_move s"
	                " WHERE s.moved_on > ?3) t",
	                err);
	if (!st)
		return -1;
	db_bind_text(st, 1, sc->lo);
	db_bind_text(st, 2, sc->hi);
	db_bind_text(st, 3, sc->as_of);
	rc = db_step(st);
	if (rc == DB_ROW) {
		/* nobody: an empty range */
		sc->first_id = db_col_null(st, 0) ? 1 : db_col_int64(st, 0);
		sc->last_id = db_col_null(st, 1) ? 0 : db_col_int64(st, 1);
	} else {
		rc = db_fail(db, err, "visit target subtree");
	}
	db_finish(db, st);
	return rc == DB_ROW ? 0 : -1;
}

/* ---- grouping: open addressing over the group's whole key ---- */

struct key {
	char region[13];
	char residence[16];
	char risk[8];
	int tier; /* index into the distinct tier texts, -1 none */
	unsigned cats, weeks, highs;
	int visited;
};

struct groups {
	struct key *keys;
	long long *n;
	size_t cap, used;
	const char **tiers; /* distinct tier override texts */
	size_t ntiers, tiercap;
	struct arena *a;
};

/* FNV-1a over the key's bytes, eight at a time (the key is zeroed whole
 * before it is filled, so its padding hashes alike too). */
static uint64_t hash_key(const struct key *k)
{
	const unsigned char *p = (const unsigned char *)k;
	uint64_t h = 1469598103934665603ull;
	size_t i = 0;

	for (; i + 8 <= sizeof(*k); i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		h = (h ^ w) * 1099511628211ull;
		h ^= h >> 29;
	}
	for (; i < sizeof(*k); i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static int groups_grow(struct groups *g)
{
	size_t cap = g->cap ? g->cap * 2 : 1024;
	struct key *keys = calloc(cap, sizeof(*keys));
	long long *n = calloc(cap, sizeof(*n));

	if (!keys || !n) {
		free(keys);
		free(n);
		return -1;
	}
	for (size_t i = 0; i < g->cap; i++) {
		size_t j;

		if (!g->n[i])
			continue;
		j = (size_t)hash_key(&g->keys[i]) & (cap - 1);
		while (n[j])
			j = (j + 1) & (cap - 1);
		keys[j] = g->keys[i];
		n[j] = g->n[i];
	}
	free(g->keys);
	free(g->n);
	g->keys = keys;
	g->n = n;
	g->cap = cap;
	return 0;
}

static int groups_add(struct groups *g, const struct key *k)
{
	size_t j;

	if ((g->used + 1) * 2 > g->cap && groups_grow(g))
		return -1;
	j = (size_t)hash_key(k) & (g->cap - 1);
	while (g->n[j] && memcmp(&g->keys[j], k, sizeof(*k)))
		j = (j + 1) & (g->cap - 1);
	if (!g->n[j]) {
		g->keys[j] = *k;
		g->used++;
	}
	g->n[j]++;
	return 0;
}

/* The index of tier among the distinct texts seen, added when new. */
static int tier_index(struct groups *g, const char *tier)
{
	for (size_t i = 0; i < g->ntiers; i++)
		if (!strcmp(g->tiers[i], tier))
			return (int)i;
	g->tiers = arena_grow(g->a, g->tiers, g->ntiers, &g->tiercap,
	                      sizeof(*g->tiers));
	g->tiers[g->ntiers] = tier;
	return (int)g->ntiers++;
}

static int by_region(const void *x, const void *y)
{
	return strcmp(((const struct visit_count_group *)x)->region,
	              ((const struct visit_count_group *)y)->region);
}

/* ---- the visits, streamed person by person ---- */

/* What a person's visits say, as the groups need it. */
struct seen {
	long long person_id;
	char risk[8];   /* the latest visit on or before as_of */
	int visited;    /* one in from..to */
	unsigned weeks; /* bit k: one in range k */
	unsigned highs; /* bit k: the latest before range k found it high */
};

struct walk {
	const char *as_of, *from, *to;
	const struct visit_count_range *ranges;
	int nranges;
};

/* One visit of p's, the visits coming in the order they happened (day,
 * time, id): the latest so far overwrites the earlier. */
static void see_visit(const struct walk *w, struct seen *p, const char *on,
                      const char *risk)
{
	if (!on)
		return;
	if (strcmp(on, w->as_of) <= 0)
		snprintf(p->risk, sizeof(p->risk), "%s", risk ? risk : "");
	if (strcmp(on, w->from) >= 0 && strcmp(on, w->to) <= 0)
		p->visited = 1;
	for (int k = 0; k < w->nranges; k++) {
		if (strcmp(on, w->ranges[k].first) < 0) {
			if (risk && !strcmp(risk, "high"))
				p->highs |= 1u << k;
			else
				p->highs &= ~(1u << k);
		} else if (strcmp(on, w->ranges[k].last) <= 0) {
			p->weeks |= 1u << k;
		}
	}
}

/* The latest day any visit can matter: as_of, to or a range's last. */
static const char *last_day(const struct walk *w)
{
	const char *d = w->as_of;

	if (strcmp(w->to, d) > 0)
		d = w->to;
	for (int k = 0; k < w->nranges; k++)
		if (strcmp(w->ranges[k].last, d) > 0)
			d = w->ranges[k].last;
	return d;
}

static int collect_seen(struct db *db, struct arena *a, const struct scope *sc,
                        const struct walk *w, struct seen **out, size_t *n,
                        struct lx_error *err)
{
	/* by person, then as they happened: the order a person's latest
	 * visit is found in, the same as the look-up it replaces */
	struct stmt *st = prepare_scoped(
	    db, sc,
	    "SELECT v.person_id, v.visited_on, v.risk FROM visit v"
	    " WHERE v.visited_on <= ?1{scope}"
	    " ORDER BY v.person_id, v.visited_on, v.visited_at, v.id",
	    "v.person_id", last_day(w), err);
	struct seen *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		long long id = db_col_int64(st, 0);

		if (!len || v[len - 1].person_id != id) {
			v = arena_grow(a, v, len, &cap, sizeof(*v));
			memset(&v[len], 0, sizeof(v[len]));
			v[len++].person_id = id;
		}
		see_visit(w, &v[len - 1], db_col_str(st, 1), db_col_str(st, 2));
	}
	if (rc != DB_DONE) {
		rc = db_fail(db, err, "visits");
		db_finish(db, st);
		return rc;
	}
	db_finish(db, st);
	*out = v;
	*n = len;
	return 0;
}

/* The element of a person-ordered array (each element's first member the
 * person's id) at *i once *i has moved past the persons before id, when it
 * is id's; else NULL. */
static const void *advance(const void *arr, size_t n, size_t size, size_t *i,
                           long long id)
{
	const char *base = arr;

	while (*i < n && *(const long long *)(base + *i * size) < id)
		(*i)++;
	return *i < n && *(const long long *)(base + *i * size) == id
	           ? base + *i * size
	           : NULL;
}

/* The lists read before the people: each by person. */
struct lists {
	struct cat *cats;
	struct move *moves;
	struct tier *tiers;
	struct seen *seen;
	size_t ncats, nmoves, ntiers, nseen;
	size_t ic, im, it, iv; /* where the walk is in each */
};

/* s into dst of n bytes, cut to fit as db_col_copy cuts; NULL as "". */
static void copy_text(char *dst, size_t n, const char *s)
{
	size_t len = s ? strnlen(s, n - 1) : 0;

	memcpy(dst, s ? s : "", len);
	dst[len] = '\0';
}

static int by_person(const void *x, const void *y)
{
	long long a = ((const struct cat *)x)->person_id,
	          b = ((const struct cat *)y)->person_id;

	return (a > b) - (a < b);
}

/* The categories in force on the day, by person. Read in the table's own
 * order, a plain scan: ordered by the primary key instead, SQLite walks
 * its index and looks up each row for its end date, twice the time. The
 * rows are mostly written person by person, so usually no sort is left
 * to do. */
static int read_cats(struct db *db, struct arena *a, const struct scope *sc,
                     struct lists *l, struct lx_error *err)
{
	if (collect(db, a, sc,
	            "SELECT c.person_id, c.category FROM person_category c"
	            " WHERE c.start_date <= ?1"
	            " AND (c.end_date IS NULL OR c.end_date >= ?1){scope}",
	            "c.person_id", sc->as_of, sizeof(*l->cats), read_cat,
	            (void **)&l->cats, &l->ncats, "visit target categories",
	            err))
		return -1;
	for (size_t i = 1; i < l->ncats; i++)
		if (l->cats[i].person_id < l->cats[i - 1].person_id) {
			qsort(l->cats, l->ncats, sizeof(*l->cats), by_person);
			break;
		}
	return 0;
}

static int read_lists(struct db *db, struct arena *a, const struct scope *sc,
                      const struct walk *w, struct lists *l,
                      struct lx_error *err)
{
	const struct scope whole = { .as_of = sc->as_of };

	return read_cats(db, a, sc, l, err) ||
	       /* the earliest move after the day: where they lived on it;
	        * every one (the narrowing itself takes them all) */
	       collect(db, a, &whole,
	               "SELECT m.person_id, m.from_region FROM person_move m"
	               " WHERE m.moved_on > ?1{scope}"
	               " ORDER BY m.person_id, m.moved_on, m.rowid",
	               "m.person_id", sc->as_of, sizeof(*l->moves), read_move,
	               (void **)&l->moves, &l->nmoves, "visit target moves",
	               err) ||
	       /* the latest override in force, first */
	       collect(db, a, sc,
	               "SELECT t.person_id, t.tier FROM visit_tier t"
	               " WHERE t.start_date <= ?1"
	               " AND (t.end_date IS NULL OR t.end_date > ?1){scope}"
	               " ORDER BY t.person_id, t.start_date DESC, t.id DESC",
	               "t.person_id", sc->as_of, sizeof(*l->tiers), read_tier,
	               (void **)&l->tiers, &l->ntiers, "visit tiers", err) ||
	       collect_seen(db, a, sc, w, &l->seen, &l->nseen, err);
}

/* Person id (region, residence) of the subtree [lo, hi] grouped into g
 * when they are a candidate: some category in force, living in the
 * subtree on the day. The ids come in ascending order. */
static int add_person(struct groups *g, struct lists *l, long long id,
                      const char *region_now, const char *residence,
                      const char *lo, const char *hi)
{
	const struct move *m =
	    advance(l->moves, l->nmoves, sizeof(*l->moves), &l->im, id);
	const char *region = m ? m->from : region_now ? region_now : "";
	const struct tier *t;
	const struct seen *s;
	struct key key;

	memset(&key, 0, sizeof(key));
	advance(l->cats, l->ncats, sizeof(*l->cats), &l->ic, id);
	for (; l->ic < l->ncats && l->cats[l->ic].person_id == id; l->ic++)
		key.cats |= l->cats[l->ic].bit;
	if (!key.cats || strcmp(region, lo) < 0 || strcmp(region, hi) > 0)
		return 0;
	t = advance(l->tiers, l->ntiers, sizeof(*l->tiers), &l->it, id);
	s = advance(l->seen, l->nseen, sizeof(*l->seen), &l->iv, id);
	copy_text(key.region, sizeof(key.region), region);
	copy_text(key.residence, sizeof(key.residence), residence);
	key.tier = t && t->tier ? tier_index(g, t->tier) : -1;
	if (s) {
		memcpy(key.risk, s->risk, sizeof(key.risk));
		key.visited = s->visited;
		key.weeks = s->weeks;
		key.highs = s->highs;
	}
	return groups_add(g, &key);
}

/* The groups, ordered by region, into the arena. */
static struct visit_count_group *groups_out(struct groups *g, struct arena *a,
                                            size_t *n)
{
	struct visit_count_group *res =
	    arena_alloc(a, (g->used + 1) * sizeof(*res));
	size_t k = 0;

	for (size_t j = 0; j < g->cap; j++) {
		const struct key *x = &g->keys[j];

		if (!g->n[j])
			continue;
		memcpy(res[k].region, x->region, sizeof(res[k].region));
		memcpy(res[k].residence, x->residence,
		       sizeof(res[k].residence));
		memcpy(res[k].risk, x->risk, sizeof(res[k].risk));
		res[k].tier = x->tier >= 0 ? (char *)g->tiers[x->tier] : NULL;
		res[k].cats = x->cats;
		res[k].visited = x->visited;
		res[k].weeks = x->weeks;
		res[k].highs = x->highs;
		res[k].n = g->n[j];
		k++;
	}
	qsort(res, k, sizeof(*res), by_region);
	*n = k;
	return res;
}

/* The people pass: ?1 born by, ?2 the day; narrowed, ?3 and ?4 the range
 * of ids (a range scan in id order, as the whole pass is). */
#define PEOPLE                                                                 \
	"SELECT p.id, p.region, p.residence FROM person p"                     \
	" WHERE p.kind = 'elderly' AND p.birth_date <= ?1"                     \
	" AND (p.deceased_on IS NULL OR p.deceased_on > ?2)"
#define PEOPLE_IDS " AND p.id BETWEEN ?3 AND ?4"

int visit_count_store_groups(struct db *db, struct arena *a, const char *root,
                             const char *as_of, const char *birth_by,
                             const char *from, const char *to,
                             const struct visit_count_range *ranges,
                             int nranges, struct visit_count_group **out,
                             size_t *n, struct lx_error *err)
{
	struct walk w = { as_of, from, to, ranges,
		          nranges < VISIT_COUNT_RANGES_MAX
		              ? nranges
		              : VISIT_COUNT_RANGES_MAX };
	struct groups g = { 0 };
	struct lists l = { 0 };
	struct scope sc = { .as_of = as_of };
	struct stmt *st = NULL;
	int rc;

	g.a = a;
	subtree_range(root, sc.lo, sc.hi);
	if (db_begin_read(db, err))
		return -1;
	rc = narrow_scope(db, &sc, err);
	if (!rc)
		rc = read_lists(db, a, &sc, &w, &l, err);
	/* the elderly alive and old enough on the day, in id order, the
	 * order of the table itself: one pass, no sort; where they lived on
	 * the day is decided in C (a move after it may have taken them out
	 * of the subtree or into it). Narrowed, those living in the subtree
	 * now and the movers after the day. */
	if (!rc)
		st = db_prepare(db,
		                sc.narrow ? PEOPLE PEOPLE_IDS " ORDER BY p.id"
		                          : PEOPLE " ORDER BY p.id",
		                err);
	if (st) {
		db_bind_text(st, 1, birth_by);
		db_bind_text(st, 2, as_of);
		if (sc.narrow) {
			db_bind_int64(st, 3, sc.first_id);
			db_bind_int64(st, 4, sc.last_id);
		}
		while ((rc = db_step(st)) == DB_ROW)
			if (add_person(&g, &l, db_col_int64(st, 0),
			               db_col_str(st, 1), db_col_str(st, 2),
			               sc.lo, sc.hi)) {
				rc = lx_fail(err, LX_EINTERNAL, "",
				             "out of memory");
				break;
			}
		if (rc == DB_DONE)
			rc = 0;
		else if (rc != -1)
			rc = db_fail(db, err, "visit targets");
		db_finish(db, st);
	} else {
		rc = -1;
	}
	db_end_read(db);
	if (!rc)
		*out = groups_out(&g, a, n);
	free(g.keys);
	free(g.n);
	return rc ? -1 : 0;
}
