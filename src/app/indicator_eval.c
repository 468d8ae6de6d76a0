#include "app/indicator_eval.h"

#include "app/grade_elements.h"
#include "app/indicators.h"
#include "app/inspect_elements.h"
#include "app/service_elements.h"
#include "app/visit_rate.h"
#include "core/expr.h"
#include "core/person.h"
#include "core/population.h"
#include "core/rollup_note.h"
#include "store/person_store.h"
#include "store/population_store.h"
#include "store/region_store.h"
#include "store/subtree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An element whose value at every node is computed on first use: a
 * summable reported element rolled up, or a count of people. */
struct lazy_values {
	const char *name;
	long long *value; /* per node */
	unsigned char *has;
};

/* What a data element name is, worked out once per name and view rather
 * than at every node (parsing names was a third of the time). Keyed by the
 * name's address: names come from parsed expressions and indicator
 * definitions, which outlive the tree. */
enum name_kind { NK_REGISTRY = 1, NK_POPULATION, NK_LAZY, NK_NONE };

struct name_class {
	const char *name;
	const struct policy_view *view;
	enum name_kind kind;
	struct element_ref ref;
	int metric;
	size_t lazy; /* index into lazy */
};

enum { NAME_SLOTS = 256 };

struct ind_tree {
	struct app_ctx *ctx;
	struct period period;
	char as_of[11];
	char per[8];
	struct region *nodes; /* ordered by code: parents before children */
	size_t n, root;
	long *parent; /* index, or -1 for the root and nodes whose parent is
	                 outside the subtree */
	/* registry cells ordered by region; node i's subtree holds cells
	 * cell_lo[i] to cell_hi[i] (its codes are one range) */
	struct registry_cell *cells;
	char (*cell_region)[13];
	size_t ncells;
	size_t *cell_lo, *cell_hi;
	/* population for the period: node i's metric m at i * POP__MAX + m */
	long long *pop;
	unsigned char *has_pop;
	/* children a rolled-up figure sums (-1 for a figure of the node's
	 * own), per node and metric; each node's number of children and
	 * their level */
	long *pop_covered;
	long *kids;
	int *kid_level;
	struct reported *rep; /* in force: ordered by element, then region */
	char (*rep_end)[11];  /* the last day of each one's period */
	size_t nrep;
	struct lazy_values *lazy;
	size_t nlazy, caplazy;
	struct name_class names[NAME_SLOTS];
	struct name_class spare; /* for names beyond NAME_SLOTS */
	int failed;
};

size_t ind_tree_count(const struct ind_tree *t)
{
	return t->n;
}

const struct region *ind_tree_node(const struct ind_tree *t, size_t i)
{
	return &t->nodes[i];
}

size_t ind_tree_root(const struct ind_tree *t)
{
	return t->root;
}

const char *ind_tree_as_of(const struct ind_tree *t)
{
	return t->as_of;
}

int ind_tree_failed(const struct ind_tree *t)
{
	return t->failed;
}

/* First index in an array of n elements of size bytes, each starting
 * with a region code, whose code is >= key (> key when after). */
static size_t code_bound(const void *base, size_t n, size_t size,
                         const char *key, int after)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp((const char *)base + mid * size, key);

		if (c < 0 || (after && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The elements of a code-ordered array that lie in node's subtree, the
 * range a BETWEEN query over the subtree would give. */
static void code_slice(const void *base, size_t n, size_t size,
                       const char *node, size_t *from, size_t *to)
{
	char lo[13], hi[13];

	subtree_range(node, lo, hi);
	*from = code_bound(base, n, size, lo, 0);
	*to = code_bound(base, n, size, hi, 1);
}

static long node_index(const struct ind_tree *t, const char *code)
{
	size_t k = code_bound(t->nodes, t->n, sizeof(*t->nodes), code, 0);

	return k < t->n && !strcmp(t->nodes[k].code, code) ? (long)k : -1;
}

/* A node's value is its own figure when it has one, else the sum of its
 * children's (core/region.c rollup_tree), as app_population_get reports
 * it; has[i] is left 0 where no figure contributes. */
static int rollup(struct ind_tree *t, const int *has_direct,
                  const long long *direct, long long *value, unsigned char *has,
                  long *covered)
{
	struct arena *a = t->ctx->arena;
	long long *v = arena_alloc(a, (t->n + 1) * sizeof(*v));
	int *origin = arena_alloc(a, (t->n + 1) * sizeof(*origin));
	long *counted = arena_alloc(a, (t->n + 1) * sizeof(*counted));

	if (rollup_tree(t->n, t->parent, has_direct, direct, v, origin,
	                counted))
		return lx_fail(&t->ctx->err, LX_EINTERNAL, "",
		               "the region tree has a cycle");
	for (size_t i = 0; i < t->n; i++)
		if (origin[i] != ROLLUP_NONE) {
			value[i] = v[i];
			has[i] = 1;
			covered[i] = origin[i] == ROLLUP_SUM ? counted[i] : -1;
		}
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The latest year up to the period's in which the node has a figure
 * (its own or rolled up), per metric: a later year overwrites. */
static int load_population(struct ind_tree *t)
{
	struct arena *a = t->ctx->arena;
	struct pop_figure *figs;
	size_t nf, ny = 0;
	int *years;
	int *has = arena_alloc(a, (t->n + 1) * sizeof(*has));
	long long *direct = arena_alloc(a, (t->n + 1) * sizeof(*direct));
	long long *value = arena_alloc(a, (t->n + 1) * sizeof(*value));
	unsigned char *got = arena_alloc(a, t->n + 1);
	long *covered = arena_alloc(a, (t->n + 1) * sizeof(*covered));

	t->pop = arena_alloc(a, (t->n * POP__MAX + 1) * sizeof(*t->pop));
	t->has_pop = arena_alloc(a, t->n * POP__MAX + 1);
	t->pop_covered =
	    arena_alloc(a, (t->n * POP__MAX + 1) * sizeof(*t->pop_covered));
	t->kids = arena_alloc(a, (t->n + 1) * sizeof(*t->kids));
	t->kid_level = arena_alloc(a, (t->n + 1) * sizeof(*t->kid_level));
	for (size_t i = 0; i < t->n; i++) {
		t->kids[i] = 0;
		t->kid_level[i] = -1;
	}
	for (size_t i = 0; i < t->n; i++)
		if (t->parent[i] >= 0) {
			t->kids[t->parent[i]]++;
			t->kid_level[t->parent[i]] = (int)t->nodes[i].level;
		}
	if (population_store_subtree(t->ctx->db, a, t->nodes[t->root].code, 0,
	                             &figs, &nf, &t->ctx->err))
		return -1;
	years = arena_alloc(a, (nf + 1) * sizeof(*years));
	for (size_t i = 0; i < nf; i++)
		if (figs[i].year <= t->period.year)
			years[ny++] = figs[i].year;
	qsort(years, ny, sizeof(*years), cmp_int);
	for (size_t y = 0; y < ny; y++) {
		if (y && years[y] == years[y - 1])
			continue;
		for (int m = 0; m < POP__MAX; m++) {
			memset(has, 0, t->n * sizeof(*has));
			memset(got, 0, t->n);
			for (size_t i = 0; i < nf; i++) {
				long k;

				if (figs[i].year != years[y] ||
				    figs[i].metric != m ||
				    (k = node_index(t, figs[i].region)) < 0)
					continue;
				has[k] = 1;
				direct[k] = figs[i].value;
			}
			if (rollup(t, has, direct, value, got, covered))
				return -1;
			for (size_t i = 0; i < t->n; i++)
				if (got[i]) {
					t->pop[i * POP__MAX + m] = value[i];
					t->has_pop[i * POP__MAX + m] = 1;
					t->pop_covered[i * POP__MAX + m] =
					    covered[i];
				}
		}
	}
	return 0;
}

/* Whether a reported value a is preferred to b, both ending on or before
 * the period: the later end; on the same day, the period asked itself, then
 * the longer period (a year's figure over its last month's). */
static int rep_better(const struct ind_tree *t, const struct reported *a,
                      const char *a_end, const struct reported *b,
                      const char *b_end)
{
	int c = strcmp(a_end, b_end);

	if (c)
		return c > 0;
	if (!strcmp(a->period, t->per) != !strcmp(b->period, t->per))
		return !strcmp(a->period, t->per);
	return strlen(a->period) < strlen(b->period);
}

/* The reported values in force at the period: for each element and
 * region, the report of the period itself or else the latest of an
 * earlier one (docs/policy.md "Stated facts stay in force"). */
static int load_reported(struct ind_tree *t)
{
	struct arena *a = t->ctx->arena;
	struct reported *all;
	size_t n, k = 0;

	if (reported_store_subtree_upto(t->ctx->db, a, t->nodes[t->root].code,
	                                t->period.year, &all, &n, &t->ctx->err))
		return -1;
	t->rep = arena_alloc(a, (n + 1) * sizeof(*t->rep));
	t->rep_end = arena_alloc(a, (n + 1) * sizeof(*t->rep_end));
	for (size_t i = 0; i < n; i++) {
		struct period p;
		char end[11];

		if (period_parse(all[i].period, &p, NULL, "period"))
			continue; /* stored periods are checked; never here */
		period_last_day(p, end);
		if (strcmp(end, t->as_of) > 0)
			continue; /* a later period of the same year */
		if (k && !strcmp(t->rep[k - 1].element, all[i].element) &&
		    !strcmp(t->rep[k - 1].region, all[i].region)) {
			if (rep_better(t, &all[i], end, &t->rep[k - 1],
			               t->rep_end[k - 1])) {
				t->rep[k - 1] = all[i];
				memcpy(t->rep_end[k - 1], end, sizeof(end));
			}
			continue;
		}
		t->rep[k] = all[i];
		memcpy(t->rep_end[k], end, sizeof(end));
		k++;
	}
	t->nrep = k;
	return 0;
}

struct ind_tree *ind_tree_load(struct app_ctx *ctx, const char *root,
                               struct period p)
{
	struct arena *a = ctx->arena;
	struct ind_tree *t = arena_alloc(a, sizeof(*t));
	long r;

	t->ctx = ctx;
	t->period = p;
	period_last_day(p, t->as_of);
	period_format(p, t->per);
	if (region_store_subtree(ctx->db, a, root, NULL, &t->nodes, &t->n,
	                         &ctx->err))
		return NULL;
	if ((r = node_index(t, root)) < 0)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", root),
		       NULL;
	t->root = (size_t)r;
	t->parent = arena_alloc(a, (t->n + 1) * sizeof(*t->parent));
	for (size_t i = 0; i < t->n; i++)
		t->parent[i] =
		    i == t->root ? -1 : node_index(t, t->nodes[i].parent);
	if (registry_store_cells_by_region(ctx->db, a, root, t->as_of,
	                                   &t->cells, &t->cell_region,
	                                   &t->ncells, &ctx->err) ||
	    load_reported(t) || load_population(t))
		return NULL;
	t->cell_lo = arena_alloc(a, (t->n + 1) * sizeof(*t->cell_lo));
	t->cell_hi = arena_alloc(a, (t->n + 1) * sizeof(*t->cell_hi));
	for (size_t i = 0; i < t->n; i++)
		code_slice(t->cell_region, t->ncells, sizeof(*t->cell_region),
		           t->nodes[i].code, &t->cell_lo[i], &t->cell_hi[i]);
	return t;
}

int ind_tree_views(struct ind_tree *t, const struct policy_view *root_view,
                   const struct policy_view ***out)
{
	const struct policy_view **v =
	    arena_alloc(t->ctx->arena, (t->n + 1) * sizeof(*v));

	for (size_t i = 0; i < t->n; i++) {
		struct policy_view *own;

		if (i == t->root) {
			v[i] = root_view;
		} else if (t->parent[i] >= 0 &&
		           !policy_set_find(t->ctx->policies,
		                            t->nodes[i].code)) {
			/* nodes come after their parents (a parent's code
			 * is smaller) */
			v[i] = v[t->parent[i]];
		} else {
			own = arena_alloc(t->ctx->arena, sizeof(*own));
			if (app_policy_view(t->ctx, t->nodes[i].code, own))
				return -1;
			v[i] = own;
		}
	}
	*out = v;
	return 0;
}

static int cmp_reported(const struct reported *r, const char *element,
                        const char *region)
{
	int c = strcmp(r->element, element);

	return c ? c : strcmp(r->region, region);
}

static const struct reported *
reported_at(const struct ind_tree *t, const char *element, const char *region)
{
	size_t lo = 0, hi = t->nrep;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_reported(&t->rep[mid], element, region);

		if (!c)
			return &t->rep[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A reported number: stored as a REAL, taken back as the decimal it was
 * reported as (core/exact.h exact_from_double). */
static int reported_value(const struct reported *r, struct exact *out)
{
	return r && r->has_value && !exact_from_double(r->value, out);
}

static struct lazy_values *lazy_new(struct ind_tree *t, const char *name)
{
	struct arena *a = t->ctx->arena;
	struct lazy_values *l;

	t->lazy =
	    arena_grow(a, t->lazy, t->nlazy, &t->caplazy, sizeof(*t->lazy));
	l = &t->lazy[t->nlazy++];
	l->name = arena_strdup(a, name);
	l->value = arena_alloc(a, (t->n + 1) * sizeof(*l->value));
	l->has = arena_alloc(a, t->n + 1);
	return l;
}

static const struct lazy_values *lazy_find(const struct ind_tree *t,
                                           const char *name)
{
	for (size_t i = 0; i < t->nlazy; i++)
		if (!strcmp(t->lazy[i].name, name))
			return &t->lazy[i];
	return NULL;
}

/* A summable reported element at every node: the node's own report, else
 * the roll-up of what its descendants reported (nearest report wins).
 * Reported sums are counts, kept exact as integers. */
static const struct lazy_values *reported_sums(struct ind_tree *t,
                                               const char *element)
{
	const struct lazy_values *done = lazy_find(t, element);
	struct arena *a = t->ctx->arena;
	struct lazy_values *l;
	int *has;
	long long *direct;

	if (done)
		return done;
	has = arena_alloc(a, (t->n + 1) * sizeof(*has));
	direct = arena_alloc(a, (t->n + 1) * sizeof(*direct));
	for (size_t i = 0; i < t->n; i++) {
		const struct reported *r =
		    reported_at(t, element, t->nodes[i].code);

		struct exact v;
		int64_t whole = 0;

		/* a count; a fraction reported for one rounds half up */
		has[i] = reported_value(r, &v) &&
		         !exact_round_int(v, EXACT_HALF_UP, &whole);
		direct[i] = whole;
	}
	l = lazy_new(t, element);
	if (rollup(t, has, direct, l->value, l->has,
	           arena_alloc(a, (t->n + 1) * sizeof(long)))) {
		t->failed = 1;
		memset(l->has, 0, t->n);
	}
	return l;
}

/* Fills l with each node's sum of the counts c (sorted by region code)
 * over its subtree: one pass of prefix sums, then a range per node. */
static const struct lazy_values *subtree_sums(struct ind_tree *t,
                                              struct lazy_values *l,
                                              const struct region_count *c,
                                              size_t nc)
{
	long long *prefix =
	    arena_alloc(t->ctx->arena, (nc + 1) * sizeof(*prefix));

	prefix[0] = 0;
	for (size_t k = 0; k < nc; k++)
		prefix[k + 1] = prefix[k] + c[k].n;
	for (size_t i = 0; i < t->n; i++) {
		size_t from, to;

		code_slice(c, nc, sizeof(*c), t->nodes[i].code, &from, &to);
		l->value[i] = prefix[to] - prefix[from];
		l->has[i] = 1;
	}
	return l;
}

/* People counted by a persons element at every node: one grouped query,
 * then each node's subtree range summed. */
static const struct lazy_values *person_counts(struct ind_tree *t,
                                               const char *name,
                                               const struct person_element *pe)
{
	const struct lazy_values *done = lazy_find(t, name);
	struct lazy_values *l;
	struct region_count *c;
	size_t nc;

	if (done)
		return done;
	l = lazy_new(t, name);
	if (person_store_count_by_region(
	        t->ctx->db, t->ctx->arena, t->nodes[t->root].code, t->as_of,
	        pe->kind < 0 ? NULL
	        : pe->kind   ? "infant"
	                     : "elderly",
	        pe->category < 0 ? NULL
	                         : person_category_names.names[pe->category],
	        pe->min_age, &c, &nc, &t->ctx->err)) {
		t->failed = 1;
		return l;
	}
	return subtree_sums(t, l, c, nc);
}

/* Visit targets (visit_targets, visited_targets): the list on the
 * period's last day and those of it visited in the calendar month that
 * ends on or holds that day, one grouped query for both elements (they
 * come in pairs: numerator and denominator), each node's subtree range
 * summed. */
static const struct lazy_values *visit_counts(struct ind_tree *t,
                                              const char *name,
                                              const struct visit_element *e)
{
	const struct lazy_values *done = lazy_find(t, name);
	struct lazy_values *l[2];
	struct visit_region_count *c;
	long long *prefix[2];
	char pair[64], first[11];
	size_t nc;

	if (done)
		return done;
	visit_element_pair(name, pair);
	lazy_new(t, name);
	if (!lazy_find(t, pair))
		lazy_new(t, pair);
	/* found after both are made: making one may move the array */
	l[e->visited] = (struct lazy_values *)lazy_find(t, name);
	l[!e->visited] = (struct lazy_values *)lazy_find(t, pair);
	memcpy(first, t->as_of, 8);
	memcpy(first + 8, "01", 3);
	if (app_visit_counts(t->ctx, t->nodes[t->root].code, t->as_of, first,
	                     t->as_of, NULL, 0, e, &c, &nc)) {
		t->failed = 1;
		return lazy_find(t, name);
	}
	for (int k = 0; k < 2; k++) {
		prefix[k] =
		    arena_alloc(t->ctx->arena, (nc + 1) * sizeof(*prefix[k]));
		for (size_t j = 0; j < nc; j++)
			prefix[k][j + 1] =
			    prefix[k][j] + (k ? c[j].visited : c[j].targets);
	}
	for (size_t i = 0; i < t->n; i++) {
		size_t from, to;

		code_slice(c, nc, sizeof(*c), t->nodes[i].code, &from, &to);
		for (int k = 0; k < 2; k++)
			if (l[k]) {
				l[k]->value[i] =
				    prefix[k][to] - prefix[k][from];
				l[k]->has[i] = 1;
			}
	}
	return lazy_find(t, name);
}

/* A services element (core/service_element.h) at every node: one grouped
 * query, then each node's subtree range summed, as person_counts. */
static const struct lazy_values *
service_counts(struct ind_tree *t, const char *name, enum service_element e)
{
	const struct lazy_values *done = lazy_find(t, name);
	struct lazy_values *l;
	struct region_count *c;
	size_t nc;

	if (done)
		return done;
	l = lazy_new(t, name);
	if (app_service_counts(t->ctx, t->nodes[t->root].code, t->as_of, e, &c,
	                       &nc)) {
		t->failed = 1;
		return l;
	}
	return subtree_sums(t, l, c, nc);
}

/* A supervision element (core/inspect_element.h) at every node, summed
 * the same way. */
static const struct lazy_values *
inspect_counts(struct ind_tree *t, const char *name,
               const struct inspect_element_ref *ref)
{
	const struct lazy_values *done = lazy_find(t, name);
	struct lazy_values *l;
	struct region_count *c;
	size_t nc;

	if (done)
		return done;
	l = lazy_new(t, name);
	if (app_inspect_counts(t->ctx, t->nodes[t->root].code, t->as_of, ref,
	                       &c, &nc)) {
		t->failed = 1;
		return l;
	}
	return subtree_sums(t, l, c, nc);
}

/* A grading element (core/grade_element.h) at every node, summed the
 * same way. */
static const struct lazy_values *
grade_counts(struct ind_tree *t, const char *name, enum grade_element e)
{
	const struct lazy_values *done = lazy_find(t, name);
	struct lazy_values *l;
	struct region_count *c;
	size_t nc;

	if (done)
		return done;
	l = lazy_new(t, name);
	if (app_grade_counts(t->ctx, t->nodes[t->root].code, t->as_of, e, &c,
	                     &nc)) {
		t->failed = 1;
		return l;
	}
	return subtree_sums(t, l, c, nc);
}

struct at_node {
	struct ind_tree *t;
	size_t i;
	const struct policy_view *view;
	struct ind_result *res; /* told of stated values used; may be NULL */
};

/* A report of an earlier period than the one asked: a stated fact still
 * in force. */
static int stale(const struct ind_tree *t, const struct reported *r)
{
	return strcmp(r->period, t->per) != 0;
}

/* Notes that the value rests on a report of an earlier period: the
 * oldest such report is the date the value is as of. */
static void note_stated(struct at_node *at, const struct reported *r)
{
	const struct ind_tree *t = at->t;
	const char *end = t->rep_end[r - t->rep];

	if (!at->res || !stale(t, r))
		return;
	if (!at->res->stated || strcmp(end, at->res->stated_end) < 0) {
		at->res->stated = r->period;
		memcpy(at->res->stated_end, end, sizeof(at->res->stated_end));
	}
}

/* Notes that the value rests on a population figure that sums only some
 * of the node's children; of several, the one that covers least. */
static void note_partial(struct at_node *at, long covered)
{
	const struct ind_tree *t = at->t;
	struct ind_result *r = at->res;
	long kids = t->kids[at->i];

	if (!r || covered < 0 || !rollup_is_partial(covered, kids))
		return;
	if (!r->partial_children ||
	    covered * r->partial_children < r->partial_covered * kids) {
		r->partial_covered = covered;
		r->partial_children = kids;
		r->partial_level = t->kid_level[at->i];
	}
}

char *ind_partial_note(struct arena *a, const struct ind_result *r, int zh)
{
	char buf[96];

	if (!r->partial_children)
		return NULL;
	return arena_strdup(
	    a, rollup_note(r->partial_covered, r->partial_children,
	                   r->partial_level, zh, buf, sizeof(buf)));
}

/* Whether a newer figure than an earlier period's report exists for the
 * element at the node: the registry as of the period's end, the
 * population figure, or a count of people. */
static int newer_than_stated(const struct ind_tree *t, size_t i,
                             const struct name_class *c)
{
	switch (c->kind) {
	case NK_REGISTRY:
		return t->cell_lo[i] != t->cell_hi[i];
	case NK_POPULATION:
		return t->has_pop[i * POP__MAX + (size_t)c->metric];
	case NK_LAZY:
		/* people counted now; a summable report rolled up is a report
		 * too, and the node's own one stays nearest */
		return !policy_view_reported(c->view, c->name);
	default:
		return 0;
	}
}

static const struct name_class *classify(struct ind_tree *t, const char *name,
                                         const struct policy_view *view)
{
	uintptr_t h = ((uintptr_t)name >> 3) ^ ((uintptr_t)view >> 5);
	size_t k = (h ^ (h >> 9)) % NAME_SLOTS;
	struct name_class *c = NULL;
	const struct reported_def *def;
	struct person_element pe;
	struct visit_element ve;
	enum service_element se;
	struct inspect_element_ref ie;

	/* open addressing: a policy names a few dozen elements */
	for (size_t probe = 0; probe < NAME_SLOTS; probe++) {
		struct name_class *s = &t->names[(k + probe) % NAME_SLOTS];

		if (s->name == name && s->view == view)
			return s;
		if (!s->name) {
			c = s;
			break;
		}
	}
	if (!c) /* full: classified every time, still right */
		c = &t->spare;
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->view = view;
	c->kind = NK_NONE;
	if (element_ref_parse(name, &c->ref) == 1) {
		c->kind = NK_REGISTRY;
	} else if ((c->metric = pop_metric_parse(name)) >= 0) {
		c->kind = NK_POPULATION;
	} else if (person_element_parse(name, &pe) == 1) {
		person_counts(t, name, &pe);
		c->kind = NK_LAZY;
	} else if (visit_element_parse(name, &ve) == 1) {
		visit_counts(t, name, &ve);
		c->kind = NK_LAZY;
	} else if (service_element_parse(name, &se) == 1) {
		service_counts(t, name, se);
		c->kind = NK_LAZY;
	} else if (inspect_element_parse(name, &ie) == 1) {
		inspect_counts(t, name, &ie);
		c->kind = NK_LAZY;
	} else if (grade_element_parse(name) >= 0) {
		grade_counts(t, name,
		             (enum grade_element)grade_element_parse(name));
		c->kind = NK_LAZY;
	} else if ((def = policy_view_reported(view, name)) &&
	           def->aggregation == AGG_SUM) {
		reported_sums(t, name);
		c->kind = NK_LAZY;
	}
	if (c->kind == NK_LAZY)
		c->lazy = (size_t)(lazy_find(t, name) - t->lazy);
	return c;
}

static int lookup(void *arg, const char *name, struct exact *out)
{
	struct at_node *at = arg;
	struct ind_tree *t = at->t;
	size_t i = at->i;
	const struct reported *r = reported_at(t, name, t->nodes[i].code);
	const struct name_class *c = classify(t, name, at->view);
	const struct lazy_values *l;

	/* a report of the period wins; an earlier one stays in force until
	 * a newer figure replaces it */
	if (r && r->has_value &&
	    (!stale(t, r) || !newer_than_stated(t, i, c))) {
		note_stated(at, r);
		return reported_value(r, out);
	}
	switch (c->kind) {
	case NK_REGISTRY:
		/* a region with nothing registered yet has no data, not 0:
		 * "behind" would blame it for an empty registry */
		if (t->cell_lo[i] == t->cell_hi[i])
			return 0;
		*out = exact_int(element_sum(&c->ref, t->cells + t->cell_lo[i],
		                             t->cell_hi[i] - t->cell_lo[i]));
		return 1;
	case NK_POPULATION:
		if (!t->has_pop[i * POP__MAX + (size_t)c->metric])
			return 0;
		*out = exact_int(t->pop[i * POP__MAX + (size_t)c->metric]);
		note_partial(at,
		             t->pop_covered[i * POP__MAX + (size_t)c->metric]);
		return 1;
	case NK_LAZY:
		l = &t->lazy[c->lazy];
		if (!l->has[i])
			return 0;
		*out = exact_int(l->value[i]);
		return 1;
	default:
		return 0;
	}
}

int ind_lookup(struct ind_tree *t, size_t i, const struct policy_view *view,
               const char *name, struct exact *out)
{
	struct at_node at = { t, i, view, NULL };

	return lookup(&at, name, out);
}

struct exact period_year_exact(struct period p)
{
	struct exact at = exact_int(p.year);
	int months = p.kind == PERIOD_QUARTER ? 3 * p.index
	             : p.kind == PERIOD_MONTH ? p.index
	                                      : 12;

	/* a quarter or month ending in month m of year Y is m/12 of the way
	 * from the end of Y-1; the fraction always fits */
	if (months != 12)
		exact_frac((int64_t)(p.year - 1) * 12 + months, 12, &at);
	return at;
}

/* value = numerator [/ denominator] × factor, exactly; no value on a
 * division by zero or an overflow. */
static void compute(struct ind_tree *t, struct at_node *at,
                    const struct indicator_def *d, struct ind_result *res)
{
	struct exact v;

	if (!expr_eval(d->numerator, lookup, at, &res->num))
		return;
	if (!d->denominator) {
		v = res->num;
	} else {
		if (!expr_eval(d->denominator, lookup, at, &res->den))
			return;
		res->has_den = 1;
		if (exact_div(res->num, res->den, &v))
			return;
	}
	if (!exact_mul(v, d->factor, &res->value))
		res->has_value = 1;
}

struct ind_result ind_evaluate(struct ind_tree *t, size_t i,
                               const struct policy_view *view,
                               const struct indicator_def *d)
{
	struct ind_result res = { 0 };
	struct at_node at = { t, i, view, &res };
	struct exact now = period_year_exact(t->period);
	const char *code = t->nodes[i].code;

	res.target_kind = ind_target_for(d, code, &res.regional);

	if (d->op == TOP_TEXT) {
		const struct reported *r = reported_at(t, d->id, code);

		res.origin = "reported";
		res.rep = r;
		res.text = r ? (r->text ? r->text : "") : NULL;
		if (r)
			note_stated(&at, r);
		res.status = res.target_kind == TGT_NONE
		                 ? ST_NO_TARGET
		                 : text_target_status(d->target_text, res.text,
		                                      now, d->target_year);
		return res;
	}
	if (d->numerator) {
		res.origin = "computed";
		compute(t, &at, d, &res);
	} else {
		res.origin = "reported";
		res.rep = reported_at(t, d->id, code);
		res.has_value = lookup(&at, d->id, &res.value);
	}
	{
		struct target_line line = {
			.op = d->op,
			.has_base = d->base_value != NULL,
			.base = d->base,
			.target = d->target,
			.base_year = d->base_year,
			.target_year = d->target_year,
		};

		/* no target anywhere: a value and nothing to judge it by */
		if (d->op == TOP_NONE) {
			res.status = ST_DESCRIPTIVE;
			return res;
		}
		if (res.target_kind == TGT_NONE) {
			res.status = ST_NO_TARGET;
			return res;
		}
		if (res.target_kind == TGT_REGIONAL) {
			/* the plan's base is its whole area's: no line */
			line.has_base = 0;
			line.target = res.regional->target;
		}
		res.status =
		    indicator_status(&line, res.has_value, res.value, now);
		res.has_expected =
		    indicator_expected(&line, now, &res.expected);
	}
	return res;
}

int ind_places(const struct indicator_def *d, struct exact v)
{
	int places = d ? d->places : 0;

	return !exact_is_integer(v) && places < IND_MIN_PLACES ? IND_MIN_PLACES
	                                                       : places;
}

char *ind_format(const struct indicator_def *d, struct exact v,
                 char out[EXACT_TEXT_MAX])
{
	return exact_format(v, ind_places(d, v), EXACT_HALF_UP, out);
}

char *ind_format_figure(struct exact v, char out[EXACT_TEXT_MAX])
{
	return exact_format_plain(v, IND_FIGURE_PLACES, NULL, out);
}

char *ind_stated_label(struct arena *a, const char *period)
{
	struct period p;

	if (period_parse(period, &p, NULL, "period"))
		return arena_printf(a, "截至%s", period);
	switch (p.kind) {
	case PERIOD_QUARTER:
		return arena_printf(a, "截至%d年第%d季度", p.year, p.index);
	case PERIOD_MONTH:
		return arena_printf(a, "截至%d年%d月", p.year, p.index);
	default:
		return arena_printf(a, "截至%d年", p.year);
	}
}

enum ind_target_kind ind_target_for(const struct indicator_def *d,
                                    const char *code,
                                    const struct regional_target **regional)
{
	*regional = NULL;
	if (!d->jurisdiction || !strcmp(d->jurisdiction, code))
		return TGT_OWN;
	if (d->scope == SCOPE_EACH_REGION)
		return TGT_INHERITED;
	for (size_t k = 0; k < d->nregional; k++)
		if (!strcmp(d->regional[k].region, code)) {
			*regional = &d->regional[k];
			return TGT_REGIONAL;
		}
	return TGT_NONE;
}

const char *ind_name_at(const struct indicator_def *d, const char *code)
{
	static const char *const whole[] = { "全市", "全县", "全区", "全州",
		                             "全盟", "全省", NULL };

	if (!d->jurisdiction || !strcmp(d->jurisdiction, code))
		return d->name;
	for (size_t k = 0; whole[k]; k++)
		if (!strncmp(d->name, whole[k], strlen(whole[k])) &&
		    d->name[strlen(whole[k])])
			return d->name + strlen(whole[k]);
	return d->name;
}
