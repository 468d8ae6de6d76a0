#include "app/subsidy_policy.h"

#include "app/policy.h"
#include "app/verify_policy.h"
#include "core/assessment.h"
#include "core/region_code.h"

#include <string.h>

/* One file being read: every message names it and the key path. */
struct rd {
	struct arena *a;
	const char *file;
	struct lx_error *err;
};

static int bad(struct rd *r, const char *path, const char *what)
{
	return lx_fail(r->err, LX_EINVALID, path, "%s: %s: %s", r->file, path,
	               what);
}

static const char *at(struct rd *r, const char *path, const char *key)
{
	return arena_printf(r->a, "%s%s%s", path, *path ? "." : "", key);
}

static int only_keys(struct rd *r, json_t *o, const char *path,
                     const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v)
	{
		const char *const *k = allowed;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return bad(r, at(r, path, key), "is not a known key");
	}
	return 0;
}

static int get_str(struct rd *r, json_t *o, const char *key, const char *path,
                   int required, const char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return required ? bad(r, at(r, path, key), "is required") : 0;
	if (!json_is_string(v))
		return bad(r, at(r, path, key), "must be a string");
	*out = arena_strdup(r->a, json_string_value(v));
	return 0;
}

/* An optional whole number in min..max; absent or null leaves *out. */
static int get_int(struct rd *r, json_t *o, const char *key, const char *path,
                   long long min, long long max, long long *out)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return bad(r, at(r, path, key), "must be a whole number");
	if (json_integer_value(v) < min || json_integer_value(v) > max)
		return bad(
		    r, at(r, path, key),
		    arena_printf(r->a, "must be from %lld to %lld", min, max));
	*out = json_integer_value(v);
	return 0;
}

static const char *one_of(struct rd *r, const struct enum_names *t)
{
	const char *s = "";

	for (int i = 0; i < t->count; i++)
		s = arena_printf(r->a, "%s%s%s", s,
		                 i == 0              ? "must be one of "
		                 : i == t->count - 1 ? " or "
		                                     : ", ",
		                 t->names[i]);
	return s;
}

/* A machine name from table t; 1 when present, 0 when absent, -1 on
 * error. */
static int get_enum(struct rd *r, json_t *o, const char *key, const char *path,
                    int required, const struct enum_names *t, int *out)
{
	const char *s;
	int k;

	if (get_str(r, o, key, path, required, &s))
		return -1;
	if (!s)
		return 0;
	if ((k = enum_lookup(t, s)) < 0)
		return bad(r, at(r, path, key), one_of(r, t));
	*out = k;
	return 1;
}

static int get_list(struct rd *r, json_t *o, const char *key, const char *path,
                    json_t **out)
{
	*out = json_object_get(o, key);
	if (*out && json_is_null(*out))
		*out = NULL;
	if (*out && !json_is_array(*out))
		return bad(r, at(r, path, key), "must be a list");
	return 0;
}

/* A list of strings (category codes); the engine checks the codes. */
static int get_codes(struct rd *r, json_t *o, const char *key, const char *path,
                     const char *const **out, size_t *n)
{
	json_t *list, *c;
	const char **v;
	size_t i;

	*out = NULL;
	*n = 0;
	if (get_list(r, o, key, path, &list))
		return -1;
	if (!list)
		return 0;
	v = arena_alloc(r->a, (json_array_size(list) + 1) * sizeof(*v));
	json_array_foreach(list, i, c)
	{
		if (!json_is_string(c))
			return bad(
			    r,
			    arena_printf(r->a, "%s[%zu]", at(r, path, key), i),
			    "must be a string");
		v[i] = arena_strdup(r->a, json_string_value(c));
	}
	*out = v;
	*n = json_array_size(list);
	return 0;
}

int subsidy_yuan_parse(const char *s, int64_t *fen)
{
	int64_t y = 0, f = 0;
	size_t i = 0, nd = 0;

	if (!s || !(s[0] >= '0' && s[0] <= '9'))
		return -1;
	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return -1; /* a leading zero */
	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		if (y > SUBSIDY_FEN_MAX / 100)
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (s[i] == '.') {
		for (i++; s[i] >= '0' && s[i] <= '9'; i++, nd++)
			if (nd < 2)
				f = f * 10 + (s[i] - '0');
		if (nd == 0 || nd > 2)
			return -1;
		if (nd == 1)
			f *= 10;
	}
	if (s[i] || y > SUBSIDY_FEN_MAX / 100 || y * 100 + f > SUBSIDY_FEN_MAX)
		return -1;
	*fen = y * 100 + f;
	return 0;
}

/* An amount as "value" (yuan text) or "fen" (whole number); 1 when given,
 * 0 when neither key is present, -1 on error. */
static int get_yuan(struct rd *r, json_t *o, const char *path, int64_t *fen)
{
	json_t *v = json_object_get(o, "value");
	json_t *f = json_object_get(o, "fen");
	long long x = -1;

	if (v && json_is_null(v))
		v = NULL;
	if (f && json_is_null(f))
		f = NULL;
	if (v && f)
		return bad(r, at(r, path, "fen"),
		           "give the amount as value or fen, not both");
	if (v) {
		if (!json_is_string(v) ||
		    subsidy_yuan_parse(json_string_value(v), fen))
			return bad(r, at(r, path, "value"),
			           "must be yuan written as text with at most "
			           "two decimals, such as \"60\" or \"0.5\"");
		return 1;
	}
	if (f) {
		if (!json_is_integer(f))
			return bad(r, at(r, path, "fen"),
			           "must be a whole number of fen");
		if (get_int(r, o, "fen", path, 0, SUBSIDY_FEN_MAX, &x))
			return -1;
		*fen = x;
		return 1;
	}
	return 0;
}

/* {"value": "60", "source"} | {"fen": 6000, "source"} | {"param":
 * "min_wage", "num": 80, "den": 100, "source"} */
static int read_money(struct rd *r, json_t *o, const char *path,
                      struct subsidy_money *m)
{
	static const char *const keys[] = { "value", "fen",    "param", "num",
		                            "den",   "source", "note",  NULL };
	const char *src, *note;
	long long num = -1, den = -1;
	int k;

	memset(m, 0, sizeof(*m));
	if (!json_is_object(o))
		return bad(r, path,
		           o ? "must be an object"
		             : "is required (an object with value, fen or "
		               "param)");
	if (only_keys(r, o, path, keys) ||
	    get_str(r, o, "param", path, 0, &m->param) ||
	    get_str(r, o, "source", path, 1, &src) ||
	    get_str(r, o, "note", path, 0, &note))
		return -1;
	if ((k = get_yuan(r, o, path, &m->fen)) < 0)
		return -1;
	if (m->param) {
		if (k)
			return bad(r, at(r, path, "param"),
			           "an amount is a value or fen, or a "
			           "parameter, not both");
		if (!json_object_get(o, "num") || !json_object_get(o, "den"))
			return bad(
			    r,
			    at(r, path,
			       json_object_get(o, "num") ? "den" : "num"),
			    "is required with param");
		if (get_int(r, o, "num", path, 0, SUBSIDY_RATIO_MAX, &num) ||
		    get_int(r, o, "den", path, 1, SUBSIDY_RATIO_MAX, &den))
			return -1;
		if (num < 0 || den < 1)
			return bad(r, at(r, path, num < 0 ? "num" : "den"),
			           "is required with param");
		m->num = num;
		m->den = den;
		return 0;
	}
	if (json_object_get(o, "num") || json_object_get(o, "den"))
		return bad(
		    r, at(r, path, json_object_get(o, "num") ? "num" : "den"),
		    "is only for an amount given by param");
	if (!k)
		return bad(r, at(r, path, "value"),
		           "is required (or fen, or param with num and den)");
	return 0;
}

static const char *const care_n[] = { "self", "partly", "disabled" };
static const char *const care_zh[] = { "自理", "半失能", "失能" };
static const struct enum_names care_names = { care_n, care_zh, 3 };

static int read_amount(struct rd *r, json_t *o, const char *path,
                       struct subsidy_amount *am)
{
	static const char *const keys[] = { "kind",  "fixed", "bands", "levels",
		                            "units", "note",  NULL };
	static const char *const table_of[] = { "fixed", "bands", "levels",
		                                "units" };
	static const char *const band_keys[] = { "from_age", "to_age", "amount",
		                                 "note", NULL };
	static const char *const level_keys[] = { "level", "amount", "note",
		                                  NULL };
	static const char *const unit_keys[] = { "unit",     "label_zh",
		                                 "label_en", "measure_zh",
		                                 "amount",   "note",
		                                 NULL };
	const char *tpath;
	json_t *list, *e;
	size_t i, n;
	int kind = 0;

	if (!json_is_object(o))
		return bad(r, path, o ? "must be an object" : "is required");
	if (only_keys(r, o, path, keys) ||
	    get_enum(r, o, "kind", path, 1, &subsidy_amount_kind_names, &kind) <
	        0)
		return -1;
	am->kind = (enum subsidy_amount_kind)kind;
	for (int t = 0; t < 4; t++)
		if (t != kind && json_object_get(o, table_of[t]))
			return bad(
			    r, at(r, path, table_of[t]),
			    arena_printf(r->a,
			                 "is not used by kind '%s' (use "
			                 "'%s')",
			                 subsidy_amount_kind_names.names[kind],
			                 table_of[kind]));
	tpath = at(r, path, table_of[kind]);
	if (kind == SUBSIDY_AMOUNT_FIXED)
		return read_money(r, json_object_get(o, "fixed"), tpath,
		                  &am->fixed);
	if (get_list(r, o, table_of[kind], path, &list))
		return -1;
	if (!list || !json_array_size(list))
		return bad(r, tpath, "needs at least one entry");
	n = json_array_size(list);
	json_array_foreach(list, i, e)
	{
		const char *ep = arena_printf(r->a, "%s[%zu]", tpath, i);

		if (!json_is_object(e))
			return bad(r, ep, "must be an object");
		if (kind == SUBSIDY_AMOUNT_AGE_BANDS) {
			struct subsidy_band *b;
			long long lo = -1, hi = -1;

			if (!i)
				am->bands = arena_alloc(r->a, n * sizeof(*b));
			b = (struct subsidy_band *)&am->bands[i];
			if (only_keys(r, e, ep, band_keys))
				return -1;
			if (!json_object_get(e, "from_age"))
				return bad(r, at(r, ep, "from_age"),
				           "is required");
			if (!json_object_get(e, "to_age"))
				return bad(r, at(r, ep, "to_age"),
				           "is required (null for \"and "
				           "over\")");
			if (get_int(r, e, "from_age", ep, 0, SUBSIDY_AGE_MAX,
			            &lo) ||
			    get_int(r, e, "to_age", ep, 0, SUBSIDY_AGE_MAX,
			            &hi))
				return -1;
			if (lo < 0)
				return bad(r, at(r, ep, "from_age"),
				           "must be a whole number");
			b->from_age = (int)lo;
			b->to_age = (int)hi; /* null: -1, and over */
			if (read_money(r, json_object_get(e, "amount"),
			               at(r, ep, "amount"), &b->amount))
				return -1;
			am->n_bands = i + 1;
		} else if (kind == SUBSIDY_AMOUNT_CARE_LEVELS) {
			struct subsidy_level_amount *l;
			int lv = -1;

			if (!i)
				am->levels = arena_alloc(r->a, n * sizeof(*l));
			l = (struct subsidy_level_amount *)&am->levels[i];
			if (only_keys(r, e, ep, level_keys) ||
			    get_enum(r, e, "level", ep, 1, &care_names, &lv) <
			        0)
				return -1;
			l->level = lv;
			if (read_money(r, json_object_get(e, "amount"),
			               at(r, ep, "amount"), &l->amount))
				return -1;
			am->n_levels = i + 1;
		} else {
			struct subsidy_unit_rate *u;

			if (!i)
				am->units = arena_alloc(r->a, n * sizeof(*u));
			u = (struct subsidy_unit_rate *)&am->units[i];
			if (only_keys(r, e, ep, unit_keys) ||
			    get_str(r, e, "unit", ep, 1, &u->unit) ||
			    get_str(r, e, "label_zh", ep, 1, &u->label_zh) ||
			    get_str(r, e, "label_en", ep, 0, &u->label_en) ||
			    get_str(r, e, "measure_zh", ep, 0,
			            &u->measure_zh) ||
			    read_money(r, json_object_get(e, "amount"),
			               at(r, ep, "amount"), &u->amount))
				return -1;
			am->n_units = i + 1;
		}
	}
	return 0;
}

static int read_version(struct rd *r, json_t *o, const char *path, int person,
                        const char *code, struct subsidy_version *v)
{
	static const char *const keys[] = { "from",    "to",      "age_rule",
		                            "min_age", "max_age", "any_of",
		                            "all_of",  "none_of", "care_levels",
		                            "region",  "amount",  "source",
		                            "note",    NULL };
	const char *src, *note, *cpath = at(r, path, "care_levels");
	long long lo = 0, hi = 0;
	json_t *levels, *c;
	int rule = 0, has_rule, *cl;
	size_t i;

	if (!json_is_object(o))
		return bad(r, path, "must be an object");
	if (only_keys(r, o, path, keys) ||
	    get_str(r, o, "from", path, 0, &v->from) ||
	    get_str(r, o, "to", path, 0, &v->to) ||
	    (has_rule = get_enum(r, o, "age_rule", path, 0,
	                         &subsidy_age_rule_names, &rule)) < 0 ||
	    get_int(r, o, "min_age", path, 0, SUBSIDY_AGE_MAX, &lo) ||
	    get_int(r, o, "max_age", path, 0, SUBSIDY_AGE_MAX, &hi) ||
	    get_codes(r, o, "any_of", path, &v->any_of, &v->n_any_of) ||
	    get_codes(r, o, "all_of", path, &v->all_of, &v->n_all_of) ||
	    get_codes(r, o, "none_of", path, &v->none_of, &v->n_none_of) ||
	    get_list(r, o, "care_levels", path, &levels) ||
	    get_str(r, o, "region", path, 0, &v->region) ||
	    get_str(r, o, "source", path, 0, &src) ||
	    get_str(r, o, "note", path, 0, &note))
		return -1;
	v->age_rule = (enum subsidy_age_rule)rule;
	v->min_age = (int)lo;
	v->max_age = (int)hi;
	if (levels && json_array_size(levels)) {
		cl = arena_alloc(r->a, json_array_size(levels) * sizeof(*cl));
		json_array_foreach(levels, i, c)
		{
			int k = json_is_string(c)
			            ? assess_care_parse(json_string_value(c))
			            : -1;

			if (k < 0)
				return bad(
				    r, arena_printf(r->a, "%s[%zu]", cpath, i),
				    "must be self, partly or disabled");
			cl[i] = k;
		}
		v->care_levels = cl;
		v->n_care_levels = json_array_size(levels);
	}
	if (v->region && region_code_valid(v->region) &&
	    !region_code_is_within(v->region, code))
		return bad(r, at(r, path, "region"),
		           arena_printf(r->a,
		                        "must be within this file's "
		                        "jurisdiction %s",
		                        code));
	if (read_amount(r, json_object_get(o, "amount"), at(r, path, "amount"),
	                &v->amount))
		return -1;
	if (!person && has_rule)
		return bad(r, at(r, path, "age_rule"),
		           "is for schemes paid to persons");
	if (person && !has_rule &&
	    (v->min_age || v->max_age ||
	     v->amount.kind == SUBSIDY_AMOUNT_AGE_BANDS))
		return bad(r, at(r, path, "age_rule"),
		           "is required when a version depends on age "
		           "(period_start, period_end or next_period)");
	return 0;
}

/* The engine's message starts with the quoted field; the key path already
 * says it. */
static const char *engine_reason(const struct lx_error *e)
{
	size_t n = strlen(e->field);
	const char *m = e->message;

	if (n && m[0] == '\'' && !strncmp(m + 1, e->field, n) &&
	    m[n + 1] == '\'') {
		m += n + 2;
		while (*m == ':' || *m == ' ')
			m++;
	}
	return *m ? m : e->message;
}

/* "approval": {"steps": ["prepare", "check", "approve"] or [],
 * "over_budget": "warn" | "refuse", "source", "note"}. */
static int read_approval(struct rd *r, json_t *o, const char *path,
                         struct subsidy_scheme *s)
{
	static const char *const keys[] = {
		"steps",  "over_budget", "application_steps",
		"source", "note",        NULL
	};
	json_t *levels = json_object_get(o, "application_steps");
	static const char *const three[] = { "prepare", "check", "approve" };
	json_t *steps = json_object_get(o, "steps");
	json_t *ob = json_object_get(o, "over_budget");
	const char *src;

	if (!json_is_object(o))
		return bad(r, path, "must be an object");
	if (only_keys(r, o, path, keys) ||
	    get_str(r, o, "source", path, 1, &src))
		return -1;
	if (!json_is_array(steps) ||
	    (json_array_size(steps) && json_array_size(steps) != 3))
		return bad(
		    r, at(r, path, "steps"),
		    "must be [\"prepare\", \"check\", \"approve\"] or []");
	for (size_t i = 0; i < json_array_size(steps); i++)
		if (!json_is_string(json_array_get(steps, i)) ||
		    strcmp(json_string_value(json_array_get(steps, i)),
		           three[i]))
			return bad(r, at(r, path, "steps"),
			           "must be [\"prepare\", \"check\", "
			           "\"approve\"] or []");
	if (ob &&
	    (!json_is_string(ob) || (strcmp(json_string_value(ob), "warn") &&
	                             strcmp(json_string_value(ob), "refuse"))))
		return bad(r, at(r, path, "over_budget"),
		           "must be \"warn\" or \"refuse\"");
	if (levels && (!json_is_array(levels) || json_array_size(levels) > 5))
		return bad(r, at(r, path, "application_steps"),
		           "must be a list of region levels, lower first");
	for (size_t i = 0; levels && i < json_array_size(levels); i++) {
		enum region_level lv;

		if (region_level_parse(
		        json_string_value(json_array_get(levels, i)), &lv) ||
		    (i && (int)lv >= s->application_levels[i - 1]))
			return bad(r, at(r, path, "application_steps"),
			           "must be region levels (village, township, "
			           "county, city), each above the one before");
		s->application_levels[i] = (int)lv;
		s->n_application_levels = i + 1;
	}
	s->approval_steps = (int)json_array_size(steps);
	s->over_budget_refuse = ob && !strcmp(json_string_value(ob), "refuse");
	return 0;
}

static int read_scheme(struct rd *r, json_t *o, const char *path,
                       const char *code, struct subsidy_scheme *s)
{
	static const char *const keys[] = { "id",
		                            "name_zh",
		                            "name_en",
		                            "beneficiary",
		                            "frequency",
		                            "ref_day",
		                            "death",
		                            "group",
		                            "priority",
		                            "versions",
		                            "source",
		                            "note",
		                            "requires_application",
		                            "hold_back_pay",
		                            "stale_assessment",
		                            "verification",
		                            "approval",
		                            "support",
		                            NULL };
	const char *src, *note;
	struct subsidy_version *vs;
	long long prio = 0;
	int ben = 0, freq = 0, ref = 0, death = 0, has_death;
	json_t *list, *e;
	size_t i;
	struct lx_error ce = { 0 };

	if (!json_is_object(o))
		return bad(r, path, "must be an object");
	if (only_keys(r, o, path, keys) ||
	    get_str(r, o, "id", path, 1, &s->id) ||
	    get_str(r, o, "name_zh", path, 1, &s->name_zh) ||
	    get_str(r, o, "name_en", path, 0, &s->name_en) ||
	    get_enum(r, o, "beneficiary", path, 1, &subsidy_beneficiary_names,
	             &ben) < 0 ||
	    get_enum(r, o, "frequency", path, 1, &subsidy_frequency_names,
	             &freq) < 0 ||
	    get_enum(r, o, "ref_day", path, 1, &subsidy_ref_day_names, &ref) <
	        0 ||
	    (has_death = get_enum(r, o, "death", path, 0,
	                          &subsidy_death_rule_names, &death)) < 0 ||
	    get_str(r, o, "group", path, 0, &s->group) ||
	    get_int(r, o, "priority", path, 0, 10000, &prio) ||
	    get_str(r, o, "source", path, 1, &src) ||
	    get_str(r, o, "note", path, 0, &note) ||
	    get_list(r, o, "versions", path, &list))
		return -1;
	s->beneficiary = (enum subsidy_beneficiary)ben;
	s->frequency = (enum subsidy_frequency)freq;
	s->ref_day = (enum subsidy_ref_day)ref;
	s->death = (enum subsidy_death_rule)death;
	s->priority = (int)prio;
	{
		json_t *ra = json_object_get(o, "requires_application");

		if (ra && !json_is_boolean(ra))
			return bad(r, at(r, path, "requires_application"),
			           "must be true or false");
		if (json_is_true(ra) && ben != SUBSIDY_PERSON)
			return bad(r, at(r, path, "requires_application"),
			           "is for schemes paid to persons");
		s->requires_application = json_is_true(ra);
	}
	{
		json_t *bp = json_object_get(o, "hold_back_pay");
		json_t *sa = json_object_get(o, "stale_assessment");

		if (bp && !json_is_boolean(bp))
			return bad(r, at(r, path, "hold_back_pay"),
			           "must be true or false");
		s->hold_back_pay = json_is_true(bp);
		if (sa && (!json_is_string(sa) ||
		           (strcmp(json_string_value(sa), "pay") &&
		            strcmp(json_string_value(sa), "withhold"))))
			return bad(r, at(r, path, "stale_assessment"),
			           "must be \"pay\" or \"withhold\"");
		if (sa && ben != SUBSIDY_PERSON)
			return bad(r, at(r, path, "stale_assessment"),
			           "is for schemes paid to persons");
		s->withhold_stale_assessment =
		    sa && !strcmp(json_string_value(sa), "withhold");
	}
	if (get_str(r, o, "support", path, 0, &s->support))
		return -1;
	if (s->support && strcmp(s->support, "operating") &&
	    strcmp(s->support, "construction"))
		return bad(r, at(r, path, "support"),
		           "must be \"operating\" or \"construction\"");
	if (s->support && ben != SUBSIDY_INSTITUTION)
		return bad(r, at(r, path, "support"),
		           "is for schemes paid to institutions");
	if (verify_policy_read(r->a, r->file, o, path, ben == SUBSIDY_PERSON,
	                       &s->verification, r->err))
		return -1;
	if (json_object_get(o, "approval") &&
	    read_approval(r, json_object_get(o, "approval"),
	                  at(r, path, "approval"), s))
		return -1;
	if (ben == SUBSIDY_PERSON && !has_death)
		return bad(r, at(r, path, "death"),
		           "is required for schemes paid to persons "
		           "(pay_period_of_death or stop_period_of_death)");
	if (ben != SUBSIDY_PERSON && has_death)
		return bad(r, at(r, path, "death"),
		           "is for schemes paid to persons");
	if (!list || !json_array_size(list))
		return bad(r, at(r, path, "versions"),
		           "needs at least one version");
	vs = arena_alloc(r->a, json_array_size(list) * sizeof(*vs));
	json_array_foreach(list, i, e)
	{
		if (read_version(
		        r, e, arena_printf(r->a, "%s.versions[%zu]", path, i),
		        ben == SUBSIDY_PERSON, code, &vs[i]))
			return -1;
	}
	s->versions = vs;
	s->n_versions = json_array_size(list);
	if (subsidy_scheme_check(s, &ce))
		return bad(r, at(r, path, ce.field), engine_reason(&ce));
	return 0;
}

static int name_ok(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++) {
		unsigned char c = (unsigned char)s[n];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      (n && (c == '_' || c == '.' || c == '-'))))
			return 0;
	}
	return n >= 1 && n <= 63;
}

static int read_param(struct rd *r, json_t *o, const char *path,
                      struct subsidy_param *p)
{
	static const char *const keys[] = { "name",  "label", "label_en",
		                            "value", "fen",   "source",
		                            "note",  NULL };
	const char *src, *note;
	int k;

	if (!json_is_object(o))
		return bad(r, path, "must be an object");
	if (only_keys(r, o, path, keys) ||
	    get_str(r, o, "name", path, 1, &p->name) ||
	    get_str(r, o, "label", path, 1, &p->label_zh) ||
	    get_str(r, o, "label_en", path, 0, &p->label_en) ||
	    get_str(r, o, "source", path, 1, &src) ||
	    get_str(r, o, "note", path, 0, &note))
		return -1;
	if (!name_ok(p->name))
		return bad(r, at(r, path, "name"),
		           "must be 1..63 of a-z, 0-9, _ . - starting with a "
		           "letter or digit");
	if ((k = get_yuan(r, o, path, &p->fen)) < 0)
		return -1;
	if (!k)
		p->fen = SUBSIDY_PARAM_UNSET;
	return 0;
}

int subsidy_policy_read(struct arena *a, const char *file, json_t *doc,
                        struct policy *p, struct lx_error *err)
{
	struct rd r = { a, file, err };
	json_t *schemes, *params, *e;
	size_t i;

	if (get_list(&r, doc, "schemes", "", &schemes) ||
	    get_list(&r, doc, "parameters", "", &params))
		return -1;
	p->nparams = params ? json_array_size(params) : 0;
	p->params = arena_alloc(a, (p->nparams + 1) * sizeof(*p->params));
	json_array_foreach(params, i, e)
	{
		const char *path = arena_printf(a, "parameters[%zu]", i);

		if (read_param(&r, e, path, &p->params[i]))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->params[j].name, p->params[i].name))
				return bad(&r, at(&r, path, "name"),
				           "appears twice in this file");
	}
	p->nschemes = schemes ? json_array_size(schemes) : 0;
	p->schemes = arena_alloc(a, (p->nschemes + 1) * sizeof(*p->schemes));
	json_array_foreach(schemes, i, e)
	{
		const char *path = arena_printf(a, "schemes[%zu]", i);

		if (read_scheme(&r, e, path, p->code, &p->schemes[i]))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->schemes[j].id, p->schemes[i].id))
				return bad(&r, at(&r, path, "id"),
				           "appears twice in this file");
	}
	return 0;
}

/* Whether a parameter called name is listed in v[i]'s file or in the file
 * of a region v[i] lies within. */
static int param_listed(const struct policy *v, size_t n, size_t i,
                        const char *name)
{
	for (size_t j = 0; j < n; j++) {
		if (j != i && !region_code_is_within(v[i].code, v[j].code))
			continue;
		for (size_t k = 0; k < v[j].nparams; k++)
			if (!strcmp(v[j].params[k].name, name))
				return 1;
	}
	return 0;
}

static int check_money_param(struct arena *a, const struct policy *v, size_t n,
                             size_t i, const struct subsidy_money *m,
                             const char *path, struct lx_error *err)
{
	struct rd r = { a, v[i].file, err };

	if (!m->param || !*m->param || param_listed(v, n, i, m->param))
		return 0;
	return bad(&r, at(&r, path, "param"),
	           arena_printf(a,
	                        "no parameter '%s' is listed in this file or "
	                        "an ancestor's",
	                        m->param));
}

int subsidy_policy_check_params(const struct policy *v, size_t n,
                                struct lx_error *err)
{
	struct arena *a = arena_new();
	int ret = 0;

	for (size_t i = 0; i < n && !ret; i++)
		for (size_t s = 0; s < v[i].nschemes && !ret; s++) {
			const struct subsidy_scheme *sc = &v[i].schemes[s];

			for (size_t k = 0; k < sc->n_versions && !ret; k++) {
				const struct subsidy_amount *am =
				    &sc->versions[k].amount;
				const char *pre = arena_printf(
				    a, "schemes[%zu].versions[%zu].amount", s,
				    k);

				if (am->kind == SUBSIDY_AMOUNT_FIXED)
					ret = check_money_param(
					    a, v, n, i, &am->fixed,
					    arena_printf(a, "%s.fixed", pre),
					    err);
				for (size_t j = 0; j < am->n_bands && !ret; j++)
					ret = check_money_param(
					    a, v, n, i, &am->bands[j].amount,
					    arena_printf(a,
					                 "%s.bands[%zu].amount",
					                 pre, j),
					    err);
				for (size_t j = 0; j < am->n_levels && !ret;
				     j++)
					ret = check_money_param(
					    a, v, n, i, &am->levels[j].amount,
					    arena_printf(
					        a, "%s.levels[%zu].amount", pre,
					        j),
					    err);
				for (size_t j = 0; j < am->n_units && !ret; j++)
					ret = check_money_param(
					    a, v, n, i, &am->units[j].amount,
					    arena_printf(a,
					                 "%s.units[%zu].amount",
					                 pre, j),
					    err);
			}
		}
	arena_free(a);
	return ret;
}

size_t policy_view_param_values(const struct policy_view *v, struct arena *a,
                                const struct subsidy_param **out)
{
	struct subsidy_param *p = arena_alloc(a, (v->nparams + 1) * sizeof(*p));
	size_t n = 0;

	for (size_t i = 0; i < v->nparams; i++)
		if (v->params[i]->fen >= 0)
			p[n++] = *v->params[i];
	*out = p;
	return n;
}
