#include "app/visit_targets.h"

#include "app/policy.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/person.h"
#include "core/region_code.h"
#include "store/region_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void app_visit_local_now(char out[17])
{
	time_t t = time(NULL);
	struct tm local;

	localtime_r(&t, &local);
	strftime(out, 17, "%Y-%m-%dT%H:%M", &local);
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct region *)a)->code,
	              ((const struct region *)b)->code);
}

const struct region *visit_set_region(const struct visit_target_set *s,
                                      const char *code)
{
	struct region key;

	snprintf(key.code, sizeof(key.code), "%s", code ? code : "");
	return s->nregions ? bsearch(&key, s->regions, s->nregions,
	                             sizeof(*s->regions), by_code)
	                   : NULL;
}

const struct visit_policy *app_visit_policy_for(struct app_ctx *ctx,
                                                const char *region)
{
	char cur[13];

	snprintf(cur, sizeof(cur), "%s", region ? region : "");
	for (int depth = 0; cur[0] && depth < 16; depth++) {
		const struct policy *p = policy_set_find(ctx->policies, cur);
		struct region r;
		struct lx_error e;

		if (p && p->visits)
			return p->visits;
		if (region_store_get(ctx->db, ctx->arena, cur, &r, &e))
			break;
		memcpy(cur, r.parent, sizeof(cur));
	}
	return NULL;
}

/* The subtree and the root's ancestors, so that every person's policy is
 * found by walking parents in memory. */
static int load_regions(struct app_ctx *ctx, const char *root,
                        struct visit_target_set *s)
{
	struct region *sub, *all, r;
	size_t n, cap = 0;
	char cur[13];

	if (region_store_subtree(ctx->db, ctx->arena, root, NULL, &sub, &n,
	                         &ctx->err))
		return -1;
	all = NULL;
	for (size_t i = 0; i < n; i++) {
		all = arena_grow(ctx->arena, all, i, &cap, sizeof(*all));
		all[i] = sub[i];
	}
	s->nregions = n;
	cur[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!strcmp(sub[i].code, root))
			memcpy(cur, sub[i].parent, sizeof(cur));
	for (int depth = 0; cur[0] && depth < 16; depth++) {
		struct lx_error e;

		if (region_store_get(ctx->db, ctx->arena, cur, &r, &e))
			break;
		all = arena_grow(ctx->arena, all, s->nregions, &cap,
		                 sizeof(*all));
		all[s->nregions++] = r;
		memcpy(cur, r.parent, sizeof(cur));
	}
	if (s->nregions > 1)
		qsort(all, s->nregions, sizeof(*all), by_code);
	s->regions = all;
	return 0;
}

struct memo {
	const struct visit_target_set *s;
	const struct visit_policy **pol;
	char *done;
	struct app_ctx *ctx;
};

static const struct visit_policy *policy_of(struct memo *m, const char *code)
{
	const struct region *r = visit_set_region(m->s, code);
	const struct visit_policy *found = NULL;
	size_t i;

	if (!r)
		return app_visit_policy_for(m->ctx, code);
	i = (size_t)(r - m->s->regions);
	if (m->done[i])
		return m->pol[i];
	for (const struct region *cur = r; cur;
	     cur = visit_set_region(m->s, cur->parent)) {
		const struct policy *p =
		    policy_set_find(m->ctx->policies, cur->code);

		if (p && p->visits) {
			found = p->visits;
			break;
		}
	}
	m->done[i] = 1;
	m->pol[i] = found;
	return found;
}

/* The first row of an array ordered by person id for person id, or NULL:
 * every such row type begins with its person id (store/visit_store.h). */
static const void *first_of(const void *rows, size_t n, size_t size,
                            long long id, size_t *count)
{
	const char *base = rows;
	size_t lo = 0, hi = n;

	*count = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (*(const long long *)(base + mid * size) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + *count < n &&
	       *(const long long *)(base + (lo + *count) * size) == id)
		(*count)++;
	return *count ? base + lo * size : NULL;
}

/* The latest birth date of someone 60 on day, as a string bound (an
 * impossible 29 February is still a correct bound). */
static void born_by(const char *day, char out[11])
{
	int y = atoi(day) - ELDERLY_MIN_AGE;

	snprintf(out, 11, "%04d%s", y < 0 ? 0 : y % 10000, day + 4);
}

static void later(char dst[11], const char *day)
{
	if (day && day[0] && strcmp(day, dst) > 0)
		snprintf(dst, 11, "%s", day);
}

/* The day the person turned 60. */
static void sixtieth(const char *birth, char out[11])
{
	struct lx_date b;

	if (date_parse(birth, &b)) {
		out[0] = '\0';
		return;
	}
	b.y += ELDERLY_MIN_AGE;
	if (b.m == 2 && b.d == 29 && !date_is_leap(b.y)) {
		b.m = 3;
		b.d = 1;
	}
	date_format(b, out);
}

struct rows {
	struct visit_cand_row *cand;
	struct visit_cat_row *cats;
	struct visit_move_row *moves;
	struct visit_tier_row *tiers;
	struct visit_last_row *last;
	struct visit_event_row *events;
	struct visit_count_row *refs;
	struct visit_point_row *points;
	size_t ncand, ncats, nmoves, ntiers, nlast, nevents, nrefs, npoints;
};

static int load_rows(struct app_ctx *ctx, const struct visit_scope *sc,
                     const char *root, struct rows *r)
{
	return visit_store_candidates(ctx->db, ctx->arena, sc, &r->cand,
	                              &r->ncand, &ctx->err) ||
	       visit_store_cand_categories(ctx->db, ctx->arena, sc, &r->cats,
	                                   &r->ncats, &ctx->err) ||
	       visit_store_cand_moves(ctx->db, ctx->arena, sc, &r->moves,
	                              &r->nmoves, &ctx->err) ||
	       visit_store_cand_tiers(ctx->db, ctx->arena, sc, &r->tiers,
	                              &r->ntiers, &ctx->err) ||
	       visit_store_cand_last(ctx->db, ctx->arena, sc, &r->last,
	                             &r->nlast, &ctx->err) ||
	       visit_store_cand_events(ctx->db, ctx->arena, sc, &r->events,
	                               &r->nevents, &ctx->err) ||
	       visit_store_cand_referrals(ctx->db, ctx->arena, sc, &r->refs,
	                                  &r->nrefs, &ctx->err) ||
	       visit_store_region_points(ctx->db, ctx->arena, root, &r->points,
	                                 &r->npoints, &ctx->err);
}

static int by_region_code(const void *a, const void *b)
{
	return strcmp(((const struct visit_point_row *)a)->region,
	              ((const struct visit_point_row *)b)->region);
}

/* Fills t from candidate c; 0 when c is not a target that day. */
static int build(struct app_ctx *ctx, struct memo *m, const struct rows *r,
                 const struct visit_cand_row *c, const char *root, int all,
                 struct visit_target *t)
{
	const struct visit_target_set *s = m->s;
	const struct visit_move_row *mv;
	const struct visit_cat_row *cat;
	const struct visit_tier_row *tier;
	const struct visit_last_row *last;
	const struct visit_event_row *ev;
	const struct visit_count_row *ref;
	const struct region *reg;
	const char *region = c->region, *first_start = NULL;
	size_t k, nk;

	memset(t, 0, sizeof(*t));
	/* where the person lived that day: before the first later move,
	 * its from; the latest earlier move is when they came */
	mv = first_of(r->moves, r->nmoves, sizeof(*r->moves), c->id, &nk);
	for (k = 0; k < nk; k++)
		if (strcmp(mv[k].on, s->day) > 0) {
			region = mv[k].from;
			break;
		}
	if (!region_code_is_within(region, root) ||
	    !principal_covers_area(ctx->who, region))
		return 0;
	t->age = person_age_on(c->birth_date, s->day);
	if (t->age < ELDERLY_MIN_AGE)
		return 0;
	t->policy = policy_of(m, region);
	if (!t->policy)
		return 0;
	cat = first_of(r->cats, r->ncats, sizeof(*r->cats), c->id, &nk);
	for (k = 0; k < nk; k++) {
		int code = enum_lookup(&person_category_names, cat[k].category);

		if (code < 0)
			continue;
		t->cats |= 1u << code;
		if ((t->policy->categories & (1u << code)) &&
		    (!first_start || strcmp(cat[k].start, first_start) < 0))
			first_start = cat[k].start;
	}
	t->is_target = visit_is_target(t->policy, t->cats, c->residence);
	if (!t->is_target && !all)
		return 0;
	t->id = c->id;
	t->name = c->name;
	t->address = c->address;
	t->sex = c->sex;
	snprintf(t->region, sizeof(t->region), "%s", region);
	reg = visit_set_region(s, region);
	t->region_name = reg ? reg->name : "";
	/* a target from the latest of: the category began, the 60th
	 * birthday, the move into the region */
	snprintf(t->since, sizeof(t->since), "%s",
	         first_start ? first_start : "");
	{
		char sixty[11];

		sixtieth(c->birth_date, sixty);
		later(t->since, sixty);
	}
	mv = first_of(r->moves, r->nmoves, sizeof(*r->moves), c->id, &nk);
	for (k = 0; k < nk; k++)
		if (strcmp(mv[k].on, s->day) <= 0)
			later(t->since, mv[k].on);
	last = first_of(r->last, r->nlast, sizeof(*r->last), c->id, &nk);
	t->last = last;
	tier = first_of(r->tiers, r->ntiers, sizeof(*r->tiers), c->id, &nk);
	if (tier && visit_tier_index(t->policy, tier->tier) >= 0) {
		t->overridden = 1;
		t->override_reason = tier->reason;
	}
	t->tier =
	    visit_tier_of(t->policy, t->cats, t->overridden ? tier->tier : NULL,
	                  last && last->risk[0] ? last->risk : NULL);
	ev = first_of(r->events, r->nevents, sizeof(*r->events), c->id, &nk);
	if (ev && !(last && strcmp(last->visited_at, ev->reported_at) >= 0))
		t->event = ev;
	if (!t->is_target) {
		t->tier = -1;
		t->overridden = 0;
		t->event = NULL;
	} else if (visit_due_of(t->policy, t->tier, s->now,
	                        last ? last->visited_at : "", t->since,
	                        t->event ? t->event->reported_at : "", &t->due,
	                        &ctx->err))
		return -1;
	ref = first_of(r->refs, r->nrefs, sizeof(*r->refs), c->id, &nk);
	t->open_referrals = ref ? ref->n : 0;
	if (last && last->has_point) {
		t->has_point = 1;
		t->lat = last->lat;
		t->lon = last->lon;
	} else {
		struct visit_point_row key, *pt;

		snprintf(key.region, sizeof(key.region), "%s", region);
		pt = r->npoints ? bsearch(&key, r->points, r->npoints,
		                          sizeof(*r->points), by_region_code)
		                : NULL;
		if (pt) {
			t->has_point = 1;
			t->lat = pt->lat;
			t->lon = pt->lon;
		}
	}
	return 1;
}

int app_visit_targets(struct app_ctx *ctx, const char *root, const char *day,
                      int all, struct visit_target_set *out)
{
	struct visit_scope sc;
	struct rows r = { 0 };
	struct memo m;
	char born[11], now[17], until[17];
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded");
	snprintf(out->day, sizeof(out->day), "%s", day);
	/* today: as of now; another day: as of its end */
	app_visit_local_now(now);
	if (!strncmp(now, day, 10))
		memcpy(out->now, now, sizeof(out->now));
	else
		snprintf(out->now, sizeof(out->now), "%.10sT23:59", day);
	memcpy(until, out->now, sizeof(until));
	born_by(day, born);
	sc.root = root;
	sc.day = day;
	sc.born_by = born;
	sc.until = until;
	/* one snapshot for every query, while others write */
	if (load_regions(ctx, root, out) || db_begin_read(ctx->db, &ctx->err))
		return -1;
	rc = load_rows(ctx, &sc, root, &r);
	db_end_read(ctx->db);
	if (rc)
		return -1;
	m.s = out;
	m.ctx = ctx;
	m.pol = arena_alloc(ctx->arena, (out->nregions + 1) * sizeof(*m.pol));
	m.done = arena_alloc(ctx->arena, out->nregions + 1);
	for (size_t i = 0; i < r.ncand; i++) {
		struct visit_target t;
		int kept = build(ctx, &m, &r, &r.cand[i], root, all, &t);

		if (kept < 0)
			return -1;
		if (!kept)
			continue;
		out->v = arena_grow(ctx->arena, out->v, out->n, &cap,
		                    sizeof(*out->v));
		out->v[out->n++] = t;
	}
	return 0;
}
