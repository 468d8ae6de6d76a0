#include "app/complaint_policy.h"

#include "app/policy_reader.h"
#include "core/date.h"

#include <string.h>

static const struct complaint_code *find(const struct complaint_code *c,
                                         size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(c[i].code, code))
			return &c[i];
	return NULL;
}

const struct complaint_code *
complaint_policy_channel(const struct complaint_policy *p, const char *code)
{
	return p ? find(p->channels, p->nchannels, code) : NULL;
}

const struct complaint_code *
complaint_policy_category(const struct complaint_policy *p, const char *code)
{
	return p ? find(p->categories, p->ncategories, code) : NULL;
}

const struct complaint_code *
complaint_policy_level(const struct complaint_policy *p, int level)
{
	for (size_t i = 0; p && i < p->nlevels; i++)
		if (p->levels[i].level == level)
			return &p->levels[i];
	return NULL;
}

int complaint_policy_reviews(const struct complaint_policy *p, const char *kind)
{
	for (size_t i = 0; p && kind && i < p->nreview_targets; i++)
		if (!strcmp(p->review_targets[i], kind))
			return 1;
	return 0;
}

/* A list of {code, name[, serious]} objects, codes unique. */
static int read_codes(struct policy_reader *r, json_t *o, const char *key,
                      int with_serious, const struct complaint_code **out,
                      size_t *n)
{
	static const char *const keys[] = { "code", "name", "serious", NULL };
	json_t *l = json_object_get(o, key), *e;
	struct complaint_code *c;
	size_t i;

	if (!json_is_array(l) || !json_array_size(l))
		return pr_bad(r, key, "must be a non-empty list");
	*n = json_array_size(l);
	c = arena_alloc(r->a, *n * sizeof(*c));
	memset(c, 0, *n * sizeof(*c));
	json_array_foreach(l, i, e)
	{
		const char *at = arena_printf(r->a, "%s[%zu]", key, i);
		json_t *s;

		if (!json_is_object(e))
			return pr_bad(r, at, "must be an object");
		if (pr_only_keys(r, e, at, keys) ||
		    pr_str(r, e, at, "code", 1, &c[i].code) ||
		    pr_str(r, e, at, "name", 1, &c[i].name))
			return -1;
		s = json_object_get(e, "serious");
		if (with_serious && !json_is_boolean(s))
			return pr_bad(r, pr_at(r, at, "serious"),
			              "must be true or false");
		if (!with_serious && s)
			return pr_bad(r, pr_at(r, at, "serious"),
			              "is only for categories");
		c[i].serious = json_is_true(s);
		if (find(c, i, c[i].code))
			return pr_bad(r, pr_at(r, at, "code"),
			              "repeats an earlier code");
	}
	*out = c;
	return 0;
}

/* A list of dates as day numbers. */
static int read_days(struct policy_reader *r, json_t *o, const char *path,
                     const char *key, const long **out, size_t *n)
{
	const char **s;
	long *d;

	if (pr_str_list(r, o, path, key, 0, n, &s))
		return -1;
	d = arena_alloc(r->a, (*n + 1) * sizeof(*d));
	for (size_t i = 0; i < *n; i++) {
		struct lx_date t;

		if (date_parse(s[i], &t))
			return pr_bad(r,
			              arena_printf(r->a, "%s[%zu]",
			                           pr_at(r, path, key), i),
			              "must be a date, YYYY-MM-DD");
		d[i] = date_to_days(t);
	}
	*out = d;
	return 0;
}

static int read_calendar(struct policy_reader *r, json_t *o,
                         struct complaint_policy *p)
{
	static const char *const keys[] = { "holidays", "workdays", "source",
		                            "note", NULL };
	json_t *c = json_object_get(o, "calendar");

	if (!json_is_object(c))
		return pr_bad(r, "calendar", "must be an object");
	return pr_only_keys(r, c, "calendar", keys) ||
	       read_days(r, c, "calendar", "holidays", &p->calendar.off,
	                 &p->calendar.noff) ||
	       read_days(r, c, "calendar", "workdays", &p->calendar.on,
	                 &p->calendar.non) ||
	       pr_str(r, c, "calendar", "source", 1, &p->calendar_source);
}

static int read_satisfaction(struct policy_reader *r, json_t *o,
                             struct complaint_policy *p)
{
	static const char *const keys[] = { "levels", "satisfied", "source",
		                            "note", NULL };
	static const char *const lkeys[] = { "level", "name", NULL };
	json_t *s = json_object_get(o, "satisfaction"), *l, *e;
	struct complaint_code *lv;
	int *sat;
	size_t i;

	if (!json_is_object(s))
		return pr_bad(r, "satisfaction", "must be an object");
	if (pr_only_keys(r, s, "satisfaction", keys) ||
	    pr_str(r, s, "satisfaction", "source", 1, &p->satisfaction_source))
		return -1;
	l = json_object_get(s, "levels");
	if (!json_is_array(l) || json_array_size(l) != 5)
		return pr_bad(r, "satisfaction.levels",
		              "must list the five levels, 5 to 1");
	p->nlevels = 5;
	lv = arena_alloc(r->a, 5 * sizeof(*lv));
	memset(lv, 0, 5 * sizeof(*lv));
	json_array_foreach(l, i, e)
	{
		const char *at =
		    arena_printf(r->a, "satisfaction.levels[%zu]", i);
		long long v;

		if (!json_is_object(e))
			return pr_bad(r, at, "must be an object");
		if (pr_only_keys(r, e, at, lkeys) ||
		    pr_int(r, e, at, "level", 1, 1, 5, &v) ||
		    pr_str(r, e, at, "name", 1, &lv[i].name))
			return -1;
		lv[i].level = (int)v;
		lv[i].code = arena_printf(r->a, "%d", lv[i].level);
		for (size_t j = 0; j < i; j++)
			if (lv[j].level == lv[i].level)
				return pr_bad(r, pr_at(r, at, "level"),
				              "repeats an earlier level");
	}
	p->levels = lv;
	l = json_object_get(s, "satisfied");
	if (!json_is_array(l) || !json_array_size(l) || json_array_size(l) > 5)
		return pr_bad(r, "satisfaction.satisfied",
		              "must list the levels that count as satisfied");
	p->nsatisfied = json_array_size(l);
	sat = arena_alloc(r->a, p->nsatisfied * sizeof(*sat));
	json_array_foreach(l, i, e)
	{
		if (!json_is_integer(e) || json_integer_value(e) < 1 ||
		    json_integer_value(e) > 5)
			return pr_bad(
			    r,
			    arena_printf(r->a, "satisfaction.satisfied[%zu]",
			                 i),
			    "must be a level, 1 to 5");
		sat[i] = (int)json_integer_value(e);
	}
	p->satisfied = sat;
	return 0;
}

static int read_hazard(struct policy_reader *r, json_t *o,
                       struct complaint_policy *p)
{
	static const char *const keys[] = { "domain", "severity", "source",
		                            NULL };
	json_t *h = json_object_get(o, "hazard");

	if (!json_is_object(h))
		return pr_bad(r, "hazard", "must be an object");
	if (pr_only_keys(r, h, "hazard", keys) ||
	    pr_str(r, h, "hazard", "domain", 1, &p->hazard_domain) ||
	    pr_str(r, h, "hazard", "severity", 1, &p->hazard_severity) ||
	    pr_str(r, h, "hazard", "source", 1, &p->hazard_source))
		return -1;
	if (strcmp(p->hazard_severity, "general") &&
	    strcmp(p->hazard_severity, "serious") &&
	    strcmp(p->hazard_severity, "major"))
		return pr_bad(r, "hazard.severity",
		              "must be general, serious or major");
	return 0;
}

static int read_reviews(struct policy_reader *r, json_t *o,
                        struct complaint_policy *p)
{
	static const char *const keys[] = { "targets", "source",
		                            "appeal_source", "note", NULL };
	json_t *v = json_object_get(o, "reviews");

	if (!json_is_object(v))
		return pr_bad(r, "reviews", "must be an object");
	if (pr_only_keys(r, v, "reviews", keys) ||
	    pr_str_list(r, v, "reviews", "targets", 1, &p->nreview_targets,
	                &p->review_targets) ||
	    pr_str(r, v, "reviews", "source", 1, &p->review_source) ||
	    pr_str(r, v, "reviews", "appeal_source", 1, &p->appeal_source))
		return -1;
	for (size_t i = 0; i < p->nreview_targets; i++)
		if (strcmp(p->review_targets[i], "facility") &&
		    strcmp(p->review_targets[i], "government"))
			return pr_bad(
			    r, arena_printf(r->a, "reviews.targets[%zu]", i),
			    "must be facility or government");
	return 0;
}

int complaint_policy_read(struct arena *a, const char *file, json_t *o,
                          const struct complaint_policy **out,
                          struct lx_error *err)
{
	static const char *const keys[] = { "source",
		                            "note",
		                            "channels",
		                            "channels_source",
		                            "categories",
		                            "categories_source",
		                            "deadline_days",
		                            "deadline_source",
		                            "calendar",
		                            "callback_days",
		                            "callback_source",
		                            "reopen_days",
		                            "reopen_source",
		                            "satisfaction",
		                            "hazard",
		                            "reviews",
		                            NULL };
	struct policy_reader r = { a, file, "complaints", err };
	struct complaint_policy *p;
	const char *s;
	long long dd, cb, ro;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source) ||
	    pr_str(&r, o, "", "note", 0, &p->note) ||
	    read_codes(&r, o, "channels", 0, &p->channels, &p->nchannels) ||
	    pr_str(&r, o, "", "channels_source", 1, &s) ||
	    read_codes(&r, o, "categories", 1, &p->categories,
	               &p->ncategories) ||
	    pr_str(&r, o, "", "categories_source", 1, &s) ||
	    pr_int(&r, o, "", "deadline_days", 1, 1, 120, &dd) ||
	    pr_str(&r, o, "", "deadline_source", 1, &p->deadline_source) ||
	    read_calendar(&r, o, p) ||
	    pr_int(&r, o, "", "callback_days", 1, 1, 90, &cb) ||
	    pr_str(&r, o, "", "callback_source", 1, &p->callback_source) ||
	    pr_int(&r, o, "", "reopen_days", 1, 0, 365, &ro) ||
	    pr_str(&r, o, "", "reopen_source", 1, &p->reopen_source) ||
	    read_satisfaction(&r, o, p) || read_hazard(&r, o, p) ||
	    read_reviews(&r, o, p))
		return -1;
	p->deadline_days = (int)dd;
	p->callback_days = (int)cb;
	p->reopen_days = (int)ro;
	*out = p;
	return 0;
}
