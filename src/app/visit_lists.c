#include "app/visit_lists.h"

#include "app/params.h"
#include "app/pii.h"
#include "app/policy.h"
#include "app/result_cache.h"
#include "app/visit_targets.h"
#include "app/xlsx_file.h"
#include "core/csv.h"
#include "core/facility.h"
#include "core/geo.h"
#include "core/id_number.h"
#include "core/media_type.h"
#include "core/person.h"
#include "core/region_code.h"
#include "store/person_store.h"
#include "store/region_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_zh[] = { "", "待探访", "逾期", "已探访" };

/* The region asked, or the caller's own; it must exist and be in scope
 * (LX_ENOTFOUND otherwise, so scope does not leak existence). */
static int root_of(struct app_ctx *ctx, json_t *params, const char **root)
{
	if (param_region(params, "region", root, &ctx->err))
		return -1;
	if (!*root && ctx->who->region[0])
		*root = ctx->who->region;
	if (!*root)
		return lx_fail(&ctx->err, LX_EMALFORMED, "region",
		               "give the region's 12-digit code");
	if (!principal_sees_region(ctx->who, *root) ||
	    !region_store_exists(ctx->db, *root))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region %s in your scope", *root);
	return 0;
}

static int day_of(struct app_ctx *ctx, json_t *params, const char *name,
                  const char **day)
{
	if (param_date(params, name, day, &ctx->err))
		return -1;
	if (!*day)
		*day = ctx->today;
	return 0;
}

/* The masked ID numbers of the rows a list shows, opened from the sealed
 * ones only to be masked; read a few hundred a query. NULL with ctx->err. */
static const char **masked_ids(struct app_ctx *ctx,
                               const struct visit_target *const *rows, size_t n)
{
	const char **out = arena_alloc(ctx->arena, (n + 1) * sizeof(*out));
	long long *ids = arena_alloc(ctx->arena, (n + 1) * sizeof(*ids));
	unsigned char **blob = arena_alloc(ctx->arena, (n + 1) * sizeof(*blob));
	size_t *len = arena_alloc(ctx->arena, (n + 1) * sizeof(*len));

	for (size_t i = 0; i < n; i++)
		ids[i] = rows[i]->id;
	if (ctx->keys && person_store_sealed_ids(ctx->db, ctx->arena, ids, n,
	                                         blob, len, &ctx->err))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char *plain =
		    ctx->keys && blob[i]
		        ? pii_open(ctx->keys, ctx->arena, blob[i], len[i])
		        : NULL;
		char *m = arena_alloc(ctx->arena, 19);

		out[i] = plain && !id_number_mask(plain, m, 19)
		             ? m
		             : "******************";
		/* the plain number is not kept past this call */
		if (plain)
			memset(plain, 0, strlen(plain));
	}
	return out;
}

static const char *tier_code(const struct visit_target *t)
{
	return t->tier >= 0 ? t->policy->tiers[t->tier].code : "";
}

static const char *tier_label(const struct visit_target *t)
{
	return t->tier >= 0 ? t->policy->tiers[t->tier].label : "";
}

static const char *mode_label(const struct visit_target *t, const char *m)
{
	int i = visit_choice_index(t->policy->modes, t->policy->nmodes, m);

	return i >= 0 ? t->policy->modes[i].label : m;
}

static json_t *target_json(struct app_ctx *ctx,
                           const struct visit_target_set *s,
                           const struct visit_target *t, const char *masked)
{
	json_t *cats = json_array(), *labels = json_array(), *o;
	char town[13];
	const struct region *tr;

	for (int c = 0; c < PC__MAX; c++)
		if (t->cats & (1u << c)) {
			json_array_append_new(
			    cats, json_string(person_category_names.names[c]));
			json_array_append_new(
			    labels,
			    json_string(person_category_names.labels_zh[c]));
		}
	snprintf(town, sizeof(town), "%.9s000", t->region);
	tr = visit_set_region(s, town);
	o = json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s,"
	              " s:o, s:o, s:b, s:s, s:s, s:b}",
	              "person_id", (json_int_t)t->id, "name", t->name,
	              "id_masked", masked, "sex", t->sex, "age", t->age,
	              "region", t->region, "region_name", t->region_name,
	              "township", town, "township_name", tr ? tr->name : "",
	              "address", t->address, "categories", cats,
	              "category_labels", labels, "is_target", t->is_target,
	              "tier", tier_code(t), "tier_label", tier_label(t),
	              "tier_overridden", t->overridden);
	json_object_set_new(o, "tier_reason",
	                    t->override_reason ? json_string(t->override_reason)
	                                       : json_null());
	json_object_set_new(
	    o, "last_visit",
	    t->last ? json_pack("{s:I, s:s, s:s, s:s, s:s?}", "id",
	                        (json_int_t)t->last->visit_id, "visited_at",
	                        t->last->visited_at, "mode", t->last->mode,
	                        "mode_label", mode_label(t, t->last->mode),
	                        "risk", t->last->risk[0] ? t->last->risk : NULL)
	            : json_null());
	json_object_set_new(o, "status",
	                    json_string(visit_status_name(t->due.status)));
	json_object_set_new(o, "status_label",
	                    json_string(status_zh[t->due.status]));
	json_object_set_new(o, "due_on",
	                    t->due.due_on[0] ? json_string(t->due.due_on)
	                                     : json_null());
	json_object_set_new(o, "since", json_string(t->since));
	if (t->event) {
		int k = visit_choice_index(t->policy->events,
		                           t->policy->nevents, t->event->kind);

		json_object_set_new(
		    o, "event",
		    json_pack(
		        "{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
		        (json_int_t)t->event->id, "kind", t->event->kind,
		        "kind_label",
		        k >= 0 ? t->policy->events[k].label : t->event->kind,
		        "occurred_at", t->event->occurred_at, "reported_at",
		        t->event->reported_at, "due_by", t->due.event_due));
	} else {
		json_object_set_new(o, "event", json_null());
	}
	json_object_set_new(o, "open_referrals",
	                    json_integer((json_int_t)t->open_referrals));
	return o;
}

/* The lists of the policy that applies to a region, for forms: modes,
 * aspects, tiers, events, with the labels the policy gives them. */
static json_t *options_json(const struct visit_policy *vp)
{
	json_t *o = json_object(), *modes = json_array(), *aspects, *events,
	       *tiers = json_array();

	if (!vp) {
		json_decref(modes);
		json_decref(tiers);
		return o;
	}
	aspects = json_array();
	events = json_array();
	for (size_t i = 0; i < vp->nmodes; i++)
		json_array_append_new(
		    modes, json_pack("{s:s, s:s}", "code", vp->modes[i].code,
		                     "label", vp->modes[i].label));
	for (size_t i = 0; i < vp->naspects; i++)
		json_array_append_new(aspects,
		                      json_pack("{s:s, s:s}", "code",
		                                vp->aspects[i].code, "label",
		                                vp->aspects[i].label));
	for (size_t i = 0; i < vp->nevents; i++)
		json_array_append_new(
		    events, json_pack("{s:s, s:s}", "code", vp->events[i].code,
		                      "label", vp->events[i].label));
	for (size_t i = 0; i < vp->ntiers; i++)
		json_array_append_new(
		    tiers,
		    json_pack("{s:s, s:s, s:s, s:b}", "code", vp->tiers[i].code,
		              "label", vp->tiers[i].label, "every",
		              visit_every_name(vp->tiers[i].every),
		              "in_monthly_rate", vp->tiers[i].in_monthly_rate));
	json_object_set_new(o, "modes", modes);
	json_object_set_new(o, "aspects", aspects);
	json_object_set_new(o, "events", events);
	json_object_set_new(o, "tiers", tiers);
	json_object_set_new(o, "event_within_hours",
	                    json_integer(vp->event_within_hours));
	json_object_set_new(o, "visitors_per_village",
	                    json_integer(vp->visitors_per_village));
	return o;
}

json_t *app_visit_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const struct visit_policy *vp;
	const char *root;

	if (param_only(params, allowed, &ctx->err) ||
	    root_of(ctx, params, &root))
		return NULL;
	vp = app_visit_policy_for(ctx, root);
	if (!vp)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no policy with a visits section applies to %s",
		               root),
		       NULL;
	return options_json(vp);
}

static int contains(const char *hay, const char *needle)
{
	return !needle || !*needle || (hay && strstr(hay, needle));
}

json_t *app_visit_targets_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "as_of", "tier",
		                               "status", "q",     "limit",
		                               "offset", NULL };
	struct visit_target_set s;
	const char *root, *day, *tier = param_str(params, "tier");
	const char *status = param_str(params, "status");
	const char *q = param_str(params, "q");
	long limit, offset, total = 0;
	const struct visit_target **sel;
	const char **masked;
	size_t nsel = 0;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    root_of(ctx, params, &root) || day_of(ctx, params, "as_of", &day) ||
	    param_long(params, "limit", 50, 1, 1000, &limit, &ctx->err) ||
	    param_long(params, "offset", 0, 0, 100000000, &offset, &ctx->err))
		return NULL;
	if (status && strcmp(status, "due") && strcmp(status, "overdue") &&
	    strcmp(status, "done"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "'status' must be due, overdue or done"),
		       NULL;
	if (app_visit_targets(ctx, root, day, 0, &s))
		return NULL;
	sel = arena_alloc(ctx->arena, (s.n + 1) * sizeof(*sel));
	for (size_t i = 0; i < s.n; i++) {
		const struct visit_target *t = &s.v[i];

		if ((tier && strcmp(tier, tier_code(t))) ||
		    (status &&
		     strcmp(status, visit_status_name(t->due.status))) ||
		    !contains(t->name, q))
			continue;
		if (total++ >= offset && (long)nsel < limit)
			sel[nsel++] = t;
	}
	if (!(masked = masked_ids(ctx, sel, nsel)))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < nsel; i++)
		json_array_append_new(items,
		                      target_json(ctx, &s, sel[i], masked[i]));
	return json_pack("{s:s, s:s, s:o, s:I, s:o}", "region", root, "as_of",
	                 day, "items", items, "total", (json_int_t)total,
	                 "options",
	                 options_json(app_visit_policy_for(ctx, root)));
}

/* ---- the worklist ---- */

struct work {
	const struct visit_target *t;
	double dist; /* metres, or -1 when not known */
};

/* Nearest first, those with no known place after. */
static int by_distance(const struct work *x, const struct work *y)
{
	if ((x->dist < 0) != (y->dist < 0))
		return x->dist < 0 ? 1 : -1;
	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return 0;
}

/* A round of visits on foot: nearest first, then as by_work. */
static int by_near(const void *a, const void *b);

static int by_work(const void *a, const void *b)
{
	const struct work *x = a, *y = b;
	int ox = x->t->due.status == VISIT_OVERDUE;
	int oy = y->t->due.status == VISIT_OVERDUE;
	int c;

	if (ox != oy)
		return oy - ox;
	c = strcmp(x->t->due.due_on, y->t->due.due_on);
	if (c)
		return c;
	c = by_distance(x, y);
	if (c)
		return c;
	c = strcmp(x->t->region, y->t->region);
	return c ? c : (x->t->id > y->t->id) - (x->t->id < y->t->id);
}

static int by_near(const void *a, const void *b)
{
	int c = by_distance(a, b);

	return c ? c : by_work(a, b);
}

static int coord(struct app_ctx *ctx, json_t *params, const char *name,
                 double max, double *out, int *has)
{
	const char *s = param_str(params, name);
	char *end;

	if (!s || !*s)
		return 0;
	errno = 0;
	*out = strtod(s, &end);
	if (*end || errno || *out < -max || *out > max)
		return lx_fail(&ctx->err, LX_EMALFORMED, name,
		               "parameter '%s' must be a number from -%g to %g",
		               name, max, max);
	(*has)++;
	return 0;
}

struct group {
	char region[13];
	const char *name;
	long targets, due, overdue, done;
};

/* Counts per village, or per township for a county or wider. */
static json_t *by_region(struct app_ctx *ctx, const struct visit_target_set *s,
                         const char *root)
{
	int village = region_code_level(root) >= REGION_TOWNSHIP ||
	              ctx->who->role == ROLE_VISITOR;
	struct group *g = NULL;
	size_t n = 0, cap = 0;
	json_t *out = json_array();

	for (size_t i = 0; i < s->n; i++) {
		const struct visit_target *t = &s->v[i];
		char code[13];
		size_t k;

		if (village)
			memcpy(code, t->region, sizeof(code));
		else
			snprintf(code, sizeof(code), "%.9s000", t->region);
		for (k = 0; k < n && strcmp(g[k].region, code); k++)
			;
		if (k == n) {
			const struct region *r = visit_set_region(s, code);

			g = arena_grow(ctx->arena, g, n, &cap, sizeof(*g));
			memset(&g[n], 0, sizeof(*g));
			memcpy(g[n].region, code, sizeof(code));
			g[n].name = r ? r->name : "";
			n++;
		}
		g[k].targets++;
		g[k].due += t->due.status == VISIT_DUE;
		g[k].overdue += t->due.status == VISIT_OVERDUE;
		g[k].done += t->due.status == VISIT_DONE;
	}
	for (size_t k = 0; k < n; k++) {
		size_t j = k;

		/* in code order (a short list: one row a village) */
		for (size_t i = k + 1; i < n; i++)
			if (strcmp(g[i].region, g[j].region) < 0)
				j = i;
		if (j != k) {
			struct group tmp = g[k];

			g[k] = g[j];
			g[j] = tmp;
		}
		json_array_append_new(
		    out, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I}",
		                   "region", g[k].region, "name", g[k].name,
		                   "level", village ? "village" : "township",
		                   "targets", (json_int_t)g[k].targets, "due",
		                   (json_int_t)g[k].due, "overdue",
		                   (json_int_t)g[k].overdue, "done",
		                   (json_int_t)g[k].done));
	}
	return out;
}

static json_t *coverage_of(struct app_ctx *ctx, const char *root,
                           int only_uncovered);

json_t *app_visit_worklist(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "on",   "lat", "lon",
		                               "limit",  "sort", NULL };
	struct visit_target_set s;
	const char *root, *day, *sort = param_str(params, "sort");
	double lat = 0, lon = 0;
	int has = 0;
	long limit;
	struct work *w;
	size_t nw = 0, shown;
	const struct visit_target **sel;
	const char **masked;
	json_t *items, *out;

	if (param_only(params, allowed, &ctx->err) ||
	    root_of(ctx, params, &root) || day_of(ctx, params, "on", &day) ||
	    coord(ctx, params, "lat", 90, &lat, &has) ||
	    coord(ctx, params, "lon", 180, &lon, &has) ||
	    param_long(params, "limit", 200, 1, 2000, &limit, &ctx->err))
		return NULL;
	if (has == 1)
		return lx_fail(&ctx->err, LX_EMALFORMED, "lat",
		               "give both 'lat' and 'lon', or neither"),
		       NULL;
	if (sort && strcmp(sort, "due") && strcmp(sort, "near"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "sort",
		               "'sort' must be due or near"),
		       NULL;
	if (app_visit_targets(ctx, root, day, 0, &s))
		return NULL;
	w = arena_alloc(ctx->arena, (s.n + 1) * sizeof(*w));
	for (size_t i = 0; i < s.n; i++) {
		const struct visit_target *t = &s.v[i];

		if (t->due.status != VISIT_DUE &&
		    t->due.status != VISIT_OVERDUE)
			continue;
		w[nw].t = t;
		w[nw].dist = has && t->has_point
		                 ? geo_distance_m(lat, lon, t->lat, t->lon)
		                 : -1;
		nw++;
	}
	qsort(w, nw, sizeof(*w),
	      sort && !strcmp(sort, "near") ? by_near : by_work);
	shown = nw < (size_t)limit ? nw : (size_t)limit;
	sel = arena_alloc(ctx->arena, (shown + 1) * sizeof(*sel));
	for (size_t i = 0; i < shown; i++)
		sel[i] = w[i].t;
	if (!(masked = masked_ids(ctx, sel, shown)))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < shown; i++) {
		json_t *o = target_json(ctx, &s, w[i].t, masked[i]);

		json_object_set_new(
		    o, "distance_m",
		    w[i].dist >= 0 ? json_integer((json_int_t)(w[i].dist + 0.5))
		                   : json_null());
		json_array_append_new(items, o);
	}
	out = json_pack("{s:s, s:s, s:o, s:I, s:o, s:o}", "region", root, "on",
	                day, "items", items, "total", (json_int_t)nw,
	                "by_region", by_region(ctx, &s, root), "options",
	                options_json(app_visit_policy_for(ctx, root)));
	/* officials see where no visitor works; a visitor has its own
	 * villages only */
	if (ctx->who->role != ROLE_VISITOR) {
		json_t *u = coverage_of(ctx, root, 1);

		if (!u) {
			json_decref(out);
			return NULL;
		}
		json_object_set_new(
		    out, "uncovered",
		    json_incref(json_object_get(u, "villages")));
		json_decref(u);
	}
	return out;
}

static json_t *worklist_doc(struct app_ctx *ctx, void *arg)
{
	return app_visit_worklist(ctx, arg);
}

int app_visit_worklist_cached(struct app_ctx *ctx, json_t *params, char **text,
                              size_t *len, int *hit)
{
	const char *on = param_str(params, "on");
	char now[17], *asked;
	const char *key;

	/* today's list (no day asked, or today's) changes with the clock;
	 * another day's is judged at its end */
	app_visit_local_now(now);
	if (on && strncmp(on, now, 10))
		now[0] = '\0';
	asked =
	    params ? json_dumps(params, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	key = arena_printf(ctx->arena, "visit-worklist/%lld/%d/%s/%s/%s",
	                   ctx->who->account_id, (int)ctx->who->role,
	                   ctx->who->region, asked ? asked : "", now);
	free(asked);
	return app_cached_json(ctx, key, worklist_doc, params, text, len, hit);
}

/* ---- the ledger (台账) ---- */

/* Rural: a village committee's code (村, 200-399 by GB/T 10114, as
 * docs/synth.md lays them out) or the category 农村 in force. */
static int rural(const struct visit_target *t)
{
	int tail = atoi(t->region + 9);

	return (t->cats & (1u << PC_RURAL)) ||
	       (region_code_level(t->region) == REGION_VILLAGE && tail >= 200 &&
	        tail < 400);
}

static int in_ledger(const struct visit_target *t)
{
	return (t->cats & ((1u << PC_LEFT_BEHIND) | (1u << PC_EMPTY_NEST))) &&
	       rural(t);
}

/* The ledger's rows on the day asked, with their masked ID numbers. */
struct ledger {
	struct visit_target_set s;
	const char *root, *day;
	const struct visit_target **rows;
	const char **masked;
	size_t n;
};

static int ledger_set(struct app_ctx *ctx, json_t *params, struct ledger *l)
{
	static const char *const allowed[] = { "region", "as_of", "format",
		                               NULL };

	if (param_only(params, allowed, &ctx->err) ||
	    root_of(ctx, params, &l->root) ||
	    day_of(ctx, params, "as_of", &l->day) ||
	    app_visit_targets(ctx, l->root, l->day, 1, &l->s))
		return -1;
	l->rows = arena_alloc(ctx->arena, (l->s.n + 1) * sizeof(*l->rows));
	l->n = 0;
	for (size_t i = 0; i < l->s.n; i++)
		if (in_ledger(&l->s.v[i]))
			l->rows[l->n++] = &l->s.v[i];
	return (l->masked = masked_ids(ctx, l->rows, l->n)) ? 0 : -1;
}

json_t *app_visit_ledger(struct app_ctx *ctx, json_t *params)
{
	struct ledger l;
	json_t *items;

	if (ledger_set(ctx, params, &l))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(
		    items, target_json(ctx, &l.s, l.rows[i], l.masked[i]));
	return json_pack("{s:s, s:s, s:o, s:I}", "region", l.root, "as_of",
	                 l.day, "items", items, "total",
	                 (json_int_t)json_array_size(items));
}

static const char *const ledger_heads[] = {
	"序号",         "姓名",       "身份证号", "性别",       "年龄",
	"乡镇（街道）", "村（社区）", "类别",     "探访等级",   "最近探访",
	"探访方式",     "风险等级",   "探访状态", "应探访日期", "未办结转介数",
};
enum { NLEDGER = 15 };

static const char *risk_zh(const char *r)
{
	static const char *const zh[] = { "低", "中", "高" };
	int k = visit_risk_parse(r);

	return k >= 0 ? zh[k] : "";
}

static void ledger_cells(struct app_ctx *ctx, const struct ledger *l, size_t i,
                         const char **c)
{
	const struct visit_target *t = l->rows[i];
	struct abuf cats;
	char town[13];
	const struct region *tr;

	abuf_init(&cats, ctx->arena);
	for (int k = 0; k < PC__MAX; k++)
		if (t->cats & (1u << k))
			abuf_printf(&cats, "%s%s", cats.len ? "、" : "",
			            person_category_names.labels_zh[k]);
	snprintf(town, sizeof(town), "%.9s000", t->region);
	tr = visit_set_region(&l->s, town);
	c[0] = arena_printf(ctx->arena, "%zu", i + 1);
	c[1] = t->name;
	c[2] = l->masked[i];
	c[3] = !strcmp(t->sex, "M") ? "男" : "女";
	c[4] = arena_printf(ctx->arena, "%d", t->age);
	c[5] = tr ? tr->name : "";
	c[6] = t->region_name;
	c[7] = cats.data;
	c[8] = t->tier >= 0 ? tier_label(t) : "非探访对象";
	c[9] = t->last ? t->last->visited_at : "";
	c[10] = t->last ? mode_label(t, t->last->mode) : "";
	c[11] = t->last ? risk_zh(t->last->risk) : "";
	c[12] = status_zh[t->due.status];
	c[13] = t->due.due_on;
	c[14] = arena_printf(ctx->arena, "%lld", t->open_referrals);
}

int app_visit_ledger_file(struct app_ctx *ctx, json_t *params, char **out,
                          size_t *len, const char **type, const char **ext)
{
	const char *format = param_str(params, "format");
	struct ledger l;
	json_t *after;

	if (!format || (strcmp(format, "csv") && strcmp(format, "xlsx")))
		return lx_fail(&ctx->err, LX_EMALFORMED, "format",
		               "'format' must be csv or xlsx");
	if (ledger_set(ctx, params, &l))
		return -1;
	/* the export is on the record before it leaves */
	after = json_pack("{s:s, s:s, s:s, s:I}", "region", l.root, "as_of",
	                  l.day, "format", format, "rows", (json_int_t)l.n);
	if (app_audit(ctx, "export", "visit_ledger", l.root, NULL, after)) {
		json_decref(after);
		return -1;
	}
	json_decref(after);
	if (!strcmp(format, "csv")) {
		struct abuf b;

		abuf_init(&b, ctx->arena);
		abuf_puts(&b, "\xEF\xBB\xBF");
		for (int k = 0; k < NLEDGER; k++) {
			if (k)
				abuf_puts(&b, ",");
			csv_write_field(&b, ledger_heads[k]);
		}
		abuf_puts(&b, "\r\n");
		for (size_t i = 0; i < l.n; i++) {
			const char *c[NLEDGER];

			ledger_cells(ctx, &l, i, c);
			for (int k = 0; k < NLEDGER; k++) {
				if (k)
					abuf_puts(&b, ",");
				csv_write_field(&b, c[k]);
			}
			abuf_puts(&b, "\r\n");
		}
		*out = b.data;
		*len = b.len;
		*type = "text/csv; charset=utf-8";
		*ext = "csv";
		return 0;
	}
	{
		struct xlsx_file x;
		lxw_worksheet *ws;
		lxw_format *head;
		lxw_row_t row = 1;

		if (xlsx_file_open(ctx, &x, 1))
			return -1;
		ws = workbook_add_worksheet(x.wb, "留守空巢老年人台账");
		head = workbook_add_format(x.wb);
		format_set_bold(head);
		format_set_border(head, LXW_BORDER_THIN);
		for (int k = 0; k < NLEDGER; k++)
			worksheet_write_string(ws, 0, (lxw_col_t)k,
			                       ledger_heads[k], head);
		for (size_t i = 0; i < l.n; i++) {
			const char *c[NLEDGER];

			ledger_cells(ctx, &l, i, c);
			for (int k = 0; k < NLEDGER; k++) {
				/* sequence, age and referrals as numbers */
				if (k == 0 || k == 4 || k == 14)
					worksheet_write_number(
					    ws, row, (lxw_col_t)k, atof(c[k]),
					    NULL);
				else
					worksheet_write_string(
					    ws, row, (lxw_col_t)k, c[k], NULL);
			}
			row++;
		}
		worksheet_freeze_panes(ws, 1, 2);
		*type = MEDIA_TYPE_XLSX;
		*ext = "xlsx";
		return xlsx_file_close(ctx, &x, out, len);
	}
}

/* ---- villages without a visitor ---- */

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct region *)a)->code,
	              ((const struct region *)b)->code);
}

static const struct region *find_region(const struct region *v, size_t n,
                                        const char *code)
{
	struct region key;

	snprintf(key.code, sizeof(key.code), "%s", code);
	return n ? bsearch(&key, v, n, sizeof(*v), by_code) : NULL;
}

static json_t *coverage_of(struct app_ctx *ctx, const char *root,
                           int only_uncovered)
{
	struct visitor_area_row *areas;
	struct region *sub;
	size_t na, ns;
	json_t *villages = json_array();
	long total = 0, uncovered = 0;
	char parent[13] = "-";
	const struct visit_policy *parent_vp = NULL;

	if (region_store_subtree(ctx->db, ctx->arena, root, NULL, &sub, &ns,
	                         &ctx->err) ||
	    visit_store_visitor_areas(ctx->db, ctx->arena, &areas, &na,
	                              &ctx->err)) {
		json_decref(villages);
		return NULL;
	}
	for (size_t i = 0; i < ns; i++) {
		const struct region *v = &sub[i];
		const struct visit_policy *vp;
		const struct policy *own;
		const struct region *town;
		json_t *who;
		long n = 0;

		if (region_code_level(v->code) != REGION_VILLAGE ||
		    v->closed_on[0])
			continue;
		/* the villages of a township come together, in code order:
		 * one walk up the tree for each township */
		if (strcmp(v->parent, parent)) {
			memcpy(parent, v->parent, sizeof(parent));
			parent_vp = app_visit_policy_for(ctx, parent);
		}
		own = policy_set_find(ctx->policies, v->code);
		vp = own && own->visits ? own->visits : parent_vp;
		if (!vp)
			continue;
		total++;
		who = json_array();
		for (size_t k = 0; k < na; k++) {
			long long id = areas[k].account_id;
			int seen = 0;

			if (!region_code_is_within(v->code, areas[k].region))
				continue;
			/* an account may cover the village twice (a village
			 * and its township) */
			for (size_t j = 0; j < k; j++)
				seen |= areas[j].account_id == id &&
				        region_code_is_within(v->code,
				                              areas[j].region);
			if (seen)
				continue;
			n++;
			json_array_append_new(
			    who,
			    json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id,
			              "username", areas[k].username, "name",
			              *areas[k].display_name
			                  ? areas[k].display_name
			                  : areas[k].username));
		}
		uncovered += n < vp->visitors_per_village;
		if (only_uncovered && n >= vp->visitors_per_village) {
			json_decref(who);
			continue;
		}
		town = find_region(sub, ns, v->parent);
		json_array_append_new(
		    villages,
		    json_pack("{s:s, s:s, s:s, s:s, s:o, s:I, s:i, s:b}",
		              "region", v->code, "name", v->name, "township",
		              v->parent, "township_name",
		              town ? town->name : "", "visitors", who, "count",
		              (json_int_t)n, "needed", vp->visitors_per_village,
		              "covered", n >= vp->visitors_per_village));
	}
	return json_pack("{s:s, s:o, s:I, s:I}", "region", root, "villages",
	                 villages, "total", (json_int_t)total, "uncovered",
	                 (json_int_t)uncovered);
}

json_t *app_visit_coverage(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "uncovered", NULL };
	const char *root, *only = param_str(params, "uncovered");

	if (param_only(params, allowed, &ctx->err) ||
	    root_of(ctx, params, &root))
		return NULL;
	return coverage_of(ctx, root, only && !strcmp(only, "1"));
}
