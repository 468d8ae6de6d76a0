#include "app/inspect_draw_run.h"

#include "core/date.h"
#include "core/facility.h"
#include "core/inspect_draw.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

char *inspect_inputs_text(struct arena *a, json_t *inputs)
{
	char *s = json_dumps(inputs, JSON_COMPACT | JSON_SORT_KEYS);
	char *out = arena_strdup(a, s ? s : "");

	free(s);
	return out;
}

void inspect_inputs_digest(const char *text, const char *seed, char out[65])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)text,
	                          strlen(text));
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)seed,
	                          strlen(seed));
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int bad(struct lx_error *err, const char *field, const char *what)
{
	return lx_fail(err, LX_EINVALID, field, "inputs.%s %s", field, what);
}

static int get_int(json_t *o, const char *key, const char *field, long long min,
                   long long max, long long *out, struct lx_error *err)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return bad(err, field, "must be a whole number in range");
	*out = json_integer_value(v);
	return 0;
}

static int get_day(json_t *o, const char *key, long *out, struct lx_error *err)
{
	struct lx_date d;

	if (date_parse(json_string_value(json_object_get(o, key)), &d))
		return bad(err, key, "must be a date YYYY-MM-DD");
	*out = date_to_days(d);
	return 0;
}

/* the index of a department name, added on first sight */
static int dept_of(const char **depts, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(depts[i], name))
			return (int)i;
	depts[*n] = name;
	return (int)(*n)++;
}

static void fmt_day(long day, char out[11])
{
	date_format(date_from_days(day), out);
}

json_t *inspect_draw_run(struct arena *a, json_t *inputs, const char *seed,
                         struct lx_error *err)
{
	json_t *items = json_object_get(inputs, "items");
	json_t *targets = json_object_get(inputs, "targets");
	json_t *people = json_object_get(inputs, "inspectors");
	json_t *hol = json_object_get(inputs, "holidays"), *e, *out;
	struct inspect_draw_in in;
	struct inspect_draw_out o;
	struct inspect_item *it;
	struct inspect_target *tg;
	struct inspect_person *ip;
	const char **depts;
	long *holidays;
	long long v = 0, notice = 0;
	size_t i, nd = 0;

	memset(&in, 0, sizeof(in));
	if (!json_is_object(inputs))
		return lx_fail(err, LX_EINVALID, "inputs", "must be an object"),
		       NULL;
	if (!seed || !*seed)
		return lx_fail(err, LX_EINVALID, "seed", "is required"), NULL;
	if (strcmp(json_string_value(json_object_get(inputs, "algorithm"))
	               ? json_string_value(json_object_get(inputs, "algorithm"))
	               : "",
	           INSPECT_DRAW_ALGORITHM))
		return bad(err, "algorithm", "must be " INSPECT_DRAW_ALGORITHM),
		       NULL;
	if (!json_is_array(items) || !json_is_array(targets) ||
	    !json_is_array(people) || (hol && !json_is_array(hol)))
		return bad(err, "items",
		           "items, targets, inspectors and holidays must be "
		           "arrays"),
		       NULL;
	if (get_int(inputs, "per_check", "per_check", 1, 10, &v, err) ||
	    get_int(inputs, "notice_working_days", "notice_working_days", 0, 30,
	            &notice, err) ||
	    get_day(inputs, "first_day", &in.first_day, err) ||
	    get_day(inputs, "last_day", &in.last_day, err))
		return NULL;
	in.per_check = (unsigned)v;
	crypto_hash_sha256(in.key, (const unsigned char *)seed, strlen(seed));
	depts = arena_alloc(
	    a, (json_array_size(items) + json_array_size(people) + 1) *
	           sizeof(*depts));
	holidays = arena_alloc(a, (json_array_size(hol) + 1) * sizeof(long));
	json_array_foreach(hol, i, e)
	{
		struct lx_date d;

		if (date_parse(json_string_value(e), &d))
			return bad(err, "holidays", "must be dates"), NULL;
		holidays[i] = date_to_days(d);
	}
	in.holidays = holidays;
	in.nholidays = json_array_size(hol);
	it = arena_alloc(a, (json_array_size(items) + 1) * sizeof(*it));
	json_array_foreach(items, i, e)
	{
		json_t *k, *kinds = json_object_get(e, "kinds");
		const char *dept =
		    json_string_value(json_object_get(e, "department"));
		size_t j;

		if (!dept || !json_is_string(json_object_get(e, "code")) ||
		    !json_is_array(kinds) ||
		    get_int(e, "rate_percent", "items.rate_percent", 0, 100, &v,
		            err))
			return err->code ? NULL
			                 : (bad(err, "items",
			                        "need code, department, kinds"),
			                    NULL);
		it[i].dept = dept_of(depts, &nd, dept);
		it[i].rate = (unsigned)v;
		it[i].floor = json_is_true(json_object_get(e, "floor"));
		json_array_foreach(kinds, j, k)
		{
			int kind = enum_lookup(&facility_kind_names,
			                       json_string_value(k));

			if (kind < 0)
				return bad(err, "items.kinds",
				           "names an unknown facility kind"),
				       NULL;
			it[i].kinds |= UINT32_C(1) << kind;
		}
	}
	tg = arena_alloc(a, (json_array_size(targets) + 1) * sizeof(*tg));
	json_array_foreach(targets, i, e)
	{
		long long id = 0, w = 0;

		if (get_int(e, "id", "targets.id", 1, INT64_MAX, &id, err) ||
		    get_int(e, "weight", "targets.weight", 1, 1000, &w, err))
			return NULL;
		tg[i].id = id;
		tg[i].weight = (unsigned)w;
		tg[i].kind =
		    enum_lookup(&facility_kind_names,
		                json_string_value(json_object_get(e, "kind")));
		if (tg[i].kind < 0)
			return bad(err, "targets.kind",
			           "names an unknown facility kind"),
			       NULL;
		tg[i].needs_floor =
		    json_is_true(json_object_get(e, "needs_floor"));
		if (i && tg[i].id <= tg[i - 1].id)
			return bad(err, "targets", "must be in ascending id"),
			       NULL;
	}
	ip = arena_alloc(a, (json_array_size(people) + 1) * sizeof(*ip));
	json_array_foreach(people, i, e)
	{
		json_t *t, *ties = json_object_get(e, "ties");
		const char *dept =
		    json_string_value(json_object_get(e, "department"));
		long long *tv;
		size_t j;

		if (get_int(e, "id", "inspectors.id", 1, INT64_MAX, &v, err))
			return NULL;
		if (!dept || (ties && !json_is_array(ties)))
			return bad(err, "inspectors",
			           "need a department and a ties array"),
			       NULL;
		ip[i].id = v;
		ip[i].dept = dept_of(depts, &nd, dept);
		tv = arena_alloc(a, (json_array_size(ties) + 1) * sizeof(*tv));
		json_array_foreach(ties, j, t) tv[j] = json_integer_value(t);
		ip[i].ties = tv;
		ip[i].nties = json_array_size(ties);
		if (i && ip[i].id <= ip[i - 1].id)
			return bad(err, "inspectors",
			           "must be in ascending id"),
			       NULL;
	}
	in.items = it;
	in.nitems = json_array_size(items);
	in.targets = tg;
	in.ntargets = json_array_size(targets);
	in.inspectors = ip;
	in.ninspectors = json_array_size(people);
	if (inspect_draw(a, &in, &o, err)) {
		if (!strcmp(err->field, "inspectors")) {
			json_t *f = json_array_get(targets, o.failed_target);

			lx_fail(
			    err, LX_EINVALID, "inspectors",
			    "facility '%s' (%lld) has fewer than %u "
			    "inspectors on the roster not tied to it",
			    json_string_value(json_object_get(f, "name"))
			        ? json_string_value(json_object_get(f, "name"))
			        : "",
			    tg[o.failed_target].id, in.per_check);
		}
		return NULL;
	}
	out = json_array();
	for (i = 0; i < o.nchecks; i++) {
		struct inspect_drawn *d = &o.checks[i];
		json_t *codes = json_array(), *ids = json_array();
		json_t *f = json_array_get(targets, d->target);
		long long sorted[16];
		char day[11], nday[11];
		unsigned n = in.per_check < 16 ? in.per_check : 16;

		for (size_t k = 0; k < in.nitems; k++)
			if (d->items >> k & 1)
				json_array_append(
				    codes,
				    json_object_get(json_array_get(items, k),
				                    "code"));
		for (unsigned k = 0; k < n; k++) {
			long long x = ip[d->inspectors[k]].id;
			unsigned m = k;

			while (m && sorted[m - 1] > x) {
				sorted[m] = sorted[m - 1];
				m--;
			}
			sorted[m] = x;
		}
		for (unsigned k = 0; k < n; k++)
			json_array_append_new(ids, json_integer(sorted[k]));
		fmt_day(d->day, day);
		fmt_day(inspect_notice_day(d->day, (unsigned)notice, holidays,
		                           in.nholidays),
		        nday);
		json_array_append_new(
		    out,
		    json_pack("{sI sO so ss ss so}", "facility_id",
		              (json_int_t)tg[d->target].id, "facility_name",
		              json_object_get(f, "name")
		                  ? json_object_get(f, "name")
		                  : json_null(),
		              "items", codes, "scheduled_on", day, "notice_on",
		              nday, "inspectors", ids));
	}
	return out;
}

int inspect_draws_equal(json_t *x, json_t *y)
{
	size_t i;
	json_t *e;

	if (!json_is_array(x) || !json_is_array(y) ||
	    json_array_size(x) != json_array_size(y))
		return 0;
	json_array_foreach(x, i, e)
	{
		json_t *f = json_array_get(y, i);
		static const char *const keys[] = { "facility_id", "items",
			                            "scheduled_on", "notice_on",
			                            "inspectors" };

		for (size_t k = 0; k < sizeof(keys) / sizeof(*keys); k++)
			if (!json_equal(json_object_get(e, keys[k]),
			                json_object_get(f, keys[k])))
				return 0;
	}
	return 1;
}

json_t *inspect_verify_publication(struct arena *a, json_t *pub,
                                   struct lx_error *err)
{
	json_t *inputs = json_object_get(pub, "inputs");
	const char *seed = json_string_value(json_object_get(pub, "seed"));
	const char *digest = json_string_value(json_object_get(pub, "digest"));
	json_t *checks = json_object_get(pub, "checks"), *again;
	char hex[65];
	int dm, cm;

	if (!json_is_object(inputs) || !seed || !digest ||
	    !json_is_array(checks))
		return lx_fail(err, LX_EINVALID, "inputs",
		               "a publication has seed, inputs, digest and "
		               "checks"),
		       NULL;
	inspect_inputs_digest(inspect_inputs_text(a, inputs), seed, hex);
	dm = !strcmp(hex, digest);
	again = inspect_draw_run(a, inputs, seed, err);
	if (!again)
		return NULL;
	cm = inspect_draws_equal(again, checks);
	return json_pack("{sb sb sb ss sI so}", "matches", dm && cm,
	                 "digest_matches", dm, "checks_match", cm, "digest",
	                 hex, "count", (json_int_t)json_array_size(again),
	                 "redrawn", again);
}
