#include "core/subsidy.h"

#include "core/assessment.h"
#include "core/date.h"
#include "core/nearest.h"
#include "core/person.h"
#include "core/region_code.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Field paths and reason texts go into fixed buffers sized for the longest
 * the checks build; if one ever were longer it would be cut short in a
 * message, nothing worse. GCC cannot prove the sizes, so the calls go
 * through vsnprintf here rather than warn at each. */
static void bprintf(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

/* ---- names ---- */

#define TABLE(n, zh)                                                           \
	{                                                                      \
		n, zh, (int)(sizeof(n) / sizeof(n[0]))                         \
	}

static const char *const ben_n[] = { "person", "institution", "provider" };
static const char *const ben_zh[] = { "个人", "机构", "培训机构" };
static const char *const freq_n[] = { "monthly", "yearly", "once" };
static const char *const freq_zh[] = { "每月", "每年", "一次性" };
static const char *const ref_n[] = { "period_start", "period_end" };
static const char *const ref_zh[] = { "期初", "期末" };
static const char *const age_n[] = { "period_start", "period_end",
	                             "next_period" };
static const char *const age_zh[] = { "按期初计龄",
	                              "按期末计龄（当期满龄即享受）",
	                              "满龄次期起享受" };
static const char *const death_n[] = { "pay_period_of_death",
	                               "stop_period_of_death" };
static const char *const death_zh[] = { "死亡当期照发", "死亡当期停发" };
static const char *const kind_n[] = { "fixed", "age_bands", "care_levels",
	                              "per_unit" };
static const char *const kind_zh[] = { "定额", "按年龄档", "按能力等级",
	                               "按数量" };
static const char *const out_n[] = {
	"paid",         "not_applicable", "out_of_force", "dead",
	"not_resident", "suspended",      "category",     "excluded_category",
	"age",          "care_level",     "no_units",     "exclusive",
};
static const char *const out_zh[] = {
	"发放",     "不适用",       "不在有效期", "已死亡",
	"非本地区", "暂停发放",     "不符合类别", "属排除类别",
	"年龄不符", "能力等级不符", "无计量数",   "互斥未发",
};

_Static_assert(sizeof(ben_n) / sizeof(ben_n[0]) == SUBSIDY_BENEFICIARY__MAX,
               "beneficiary names");
_Static_assert(sizeof(freq_n) / sizeof(freq_n[0]) == SUBSIDY_FREQUENCY__MAX,
               "frequency names");
_Static_assert(sizeof(ref_n) / sizeof(ref_n[0]) == SUBSIDY_REF_DAY__MAX,
               "ref day names");
_Static_assert(sizeof(age_n) / sizeof(age_n[0]) == SUBSIDY_AGE_RULE__MAX,
               "age rule names");
_Static_assert(sizeof(death_n) / sizeof(death_n[0]) == SUBSIDY_DEATH_RULE__MAX,
               "death rule names");
_Static_assert(sizeof(kind_n) / sizeof(kind_n[0]) == SUBSIDY_AMOUNT_KIND__MAX,
               "amount kind names");
_Static_assert(sizeof(out_n) / sizeof(out_n[0]) == SUBSIDY_OUTCOME__MAX,
               "outcome names");
_Static_assert(sizeof(out_zh) / sizeof(out_zh[0]) == SUBSIDY_OUTCOME__MAX,
               "outcome labels");

const struct enum_names subsidy_beneficiary_names = TABLE(ben_n, ben_zh);
const struct enum_names subsidy_frequency_names = TABLE(freq_n, freq_zh);
const struct enum_names subsidy_ref_day_names = TABLE(ref_n, ref_zh);
const struct enum_names subsidy_age_rule_names = TABLE(age_n, age_zh);
const struct enum_names subsidy_death_rule_names = TABLE(death_n, death_zh);
const struct enum_names subsidy_amount_kind_names = TABLE(kind_n, kind_zh);
const struct enum_names subsidy_outcome_names = TABLE(out_n, out_zh);

static const char *const freq_en[] = { "a month", "a year", "once" };

/* ---- categories ---- */

static const char *const extra_n[] = { "urban", "rural" };
static const char *const extra_zh[] = { "城市", "农村" };
static const struct enum_names extra_names = TABLE(extra_n, extra_zh);

/* The vocabularies a scheme may draw its category codes from. */
static const struct enum_names *const vocab[] = {
	&person_category_names, &extra_names,     &facility_kind_names,
	&ownership_names,       &operation_names, &profit_names,
};

static const char *category_label(const char *code)
{
	for (size_t v = 0; v < sizeof(vocab) / sizeof(vocab[0]); v++)
		for (int i = 0; i < vocab[v]->count; i++)
			if (!strcmp(vocab[v]->names[i], code))
				return vocab[v]->labels_zh[i];
	return NULL;
}

/* "; did you mean a, b, c?" with the three category codes nearest code
 * (core/nearest.h), so the error teaches the spelling. */
static void category_hint(const char *code, char *out, size_t size)
{
	const char *all[128], *near[3];
	size_t n = 0;
	int k;

	for (size_t v = 0; v < sizeof(vocab) / sizeof(vocab[0]); v++)
		for (int i = 0; i < vocab[v]->count && n < 128; i++)
			all[n++] = vocab[v]->names[i];
	k = nearest_names(code, all, n, near, 3);
	if (k == 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, size, "; did you mean %s%s%s%s%s?", near[0],
	         k > 1 ? ", " : "", k > 1 ? near[1] : "", k > 2 ? ", " : "",
	         k > 2 ? near[2] : "");
}

int subsidy_category_known(const char *code)
{
	return code && category_label(code) != NULL;
}

const char *subsidy_category_zh(const char *code)
{
	const char *l = code ? category_label(code) : NULL;

	return l ? l : code;
}

char *subsidy_yuan(int64_t fen, char out[32])
{
	/* via unsigned, so that INT64_MIN has a magnitude */
	uint64_t m = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;

	if (m % 100)
		snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "",
		         (unsigned long long)(m / 100),
		         (unsigned long long)(m % 100));
	else
		snprintf(out, 32, "%s%llu", fen < 0 ? "-" : "",
		         (unsigned long long)(m / 100));
	return out;
}

/* ---- small checks ---- */

static int empty(const char *s)
{
	return !s || !*s;
}

/* A machine name: [a-z0-9_.-]{1,63}, starting with a letter or digit. */
static int is_name(const char *s)
{
	size_t n;

	if (empty(s))
		return 0;
	for (n = 0; s[n]; n++) {
		unsigned char c = (unsigned char)s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      (n > 0 && (c == '_' || c == '.' || c == '-'))))
			return 0;
	}
	return n < 64;
}

/* date_parse_field, with the field named in the message too. */
static int parse_date(const char *s, struct lx_date *d, struct lx_error *err,
                      const char *field)
{
	char m[sizeof(err->message) + 128];

	/* without err, no message to build (a quote of the text, the field) */
	if (!err)
		return s && *s ? date_parse(s, d) : -1;
	if (date_parse_field(s, d, err, field) == 0)
		return 0;
	if (err) {
		bprintf(m, sizeof(m), "'%s': %s", field, err->message);
		memcpy(err->message, m, sizeof(err->message) - 1);
		err->message[sizeof(err->message) - 1] = '\0';
	}
	return -1;
}

enum { DAY_OPEN_FROM = 0, DAY_OPEN_TO = 1 };

/* Days of a date, or the open end for NULL or "". */
static int parse_day(const char *s, int open, long *out, struct lx_error *err,
                     const char *field)
{
	struct lx_date d;

	if (empty(s)) {
		*out = open == DAY_OPEN_FROM ? LONG_MIN : LONG_MAX;
		return 0;
	}
	if (parse_date(s, &d, err, field) != 0)
		return -1;
	*out = date_to_days(d);
	return 0;
}

/* The field names are built only for an error: the evaluation parses
 * spans for every subject, and formatting names there showed in the
 * profile of a run over a city. */
static int parse_span(const char *from, const char *to, long *f, long *t,
                      struct lx_error *err, const char *prefix)
{
	char field[96];

	if (parse_day(from, DAY_OPEN_FROM, f, NULL, "") == 0 &&
	    parse_day(to, DAY_OPEN_TO, t, NULL, "") == 0 && *f <= *t)
		return 0;
	bprintf(field, sizeof(field), "%s.from", prefix);
	if (parse_day(from, DAY_OPEN_FROM, f, err, field) != 0)
		return -1;
	bprintf(field, sizeof(field), "%s.to", prefix);
	if (parse_day(to, DAY_OPEN_TO, t, err, field) != 0)
		return -1;
	if (*f > *t)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' is before '%s.from'", field, prefix);
	return 0;
}

static void day_text(long days, char out[11])
{
	date_format(date_from_days(days), out);
}

/* ---- scheme check ---- */

static int check_money(const struct subsidy_money *m, const char *field,
                       struct lx_error *err)
{
	if (empty(m->param)) {
		if (m->fen < 0 || m->fen > SUBSIDY_FEN_MAX)
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' must be 0..%lld fen, not %lld",
			               field, (long long)SUBSIDY_FEN_MAX,
			               (long long)m->fen);
		return 0;
	}
	if (!is_name(m->param))
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' names a parameter that is not a name",
		               field);
	if (m->fen != 0)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' has both fen and a parameter", field);
	if (m->den < 1 || m->den > SUBSIDY_RATIO_MAX || m->num < 0 ||
	    m->num > SUBSIDY_RATIO_MAX)
		return lx_fail(
		    err, LX_EINVALID, field,
		    "'%s' needs 0 <= num and 1 <= den, both <= %lld, "
		    "not %lld/%lld",
		    field, (long long)SUBSIDY_RATIO_MAX, (long long)m->num,
		    (long long)m->den);
	return 0;
}

static int check_codes(const char *const *codes, size_t n, const char *prefix,
                       struct lx_error *err)
{
	char field[96];

	if (n && !codes)
		return lx_fail(err, LX_EINVALID, prefix, "'%s' is missing",
		               prefix);
	for (size_t i = 0; i < n; i++) {
		bprintf(field, sizeof(field), "%s[%zu]", prefix, i);
		if (!subsidy_category_known(codes[i])) {
			char near[160];

			category_hint(codes[i], near, sizeof(near));
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' is not a known category code: "
			               "'%.40s'%s",
			               field, codes[i] ? codes[i] : "(null)",
			               near);
		}
		/* a hand-kept 高龄 mark goes stale with every birthday */
		if (!strcmp(codes[i], "advanced_age"))
			return lx_fail(
			    err, LX_EINVALID, field,
			    "'%s': 高龄 is judged from the age on the "
			    "reference day, never a kept category: "
			    "use min_age or age bands",
			    field);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(codes[i], codes[j]))
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats '%s'", field,
				               codes[i]);
	}
	return 0;
}

static int check_age(int age, const char *field, struct lx_error *err)
{
	if (age < 0 || age > SUBSIDY_AGE_MAX)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' must be 0..%d, not %d", field,
		               SUBSIDY_AGE_MAX, age);
	return 0;
}

/* Tables a kind does not use must be empty, so that a misplaced table is
 * noticed rather than ignored. */
static int check_unused(const struct subsidy_amount *am, const char *prefix,
                        struct lx_error *err)
{
	char field[96];
	const char *bad = NULL;

	if (am->kind != SUBSIDY_AMOUNT_AGE_BANDS && am->n_bands)
		bad = "bands";
	else if (am->kind != SUBSIDY_AMOUNT_CARE_LEVELS && am->n_levels)
		bad = "levels";
	else if (am->kind != SUBSIDY_AMOUNT_PER_UNIT && am->n_units)
		bad = "units";
	else if (am->kind != SUBSIDY_AMOUNT_FIXED &&
	         (am->fixed.fen || !empty(am->fixed.param)))
		bad = "fixed";
	if (!bad)
		return 0;
	bprintf(field, sizeof(field), "%s.%s", prefix, bad);
	return lx_fail(err, LX_EINVALID, field,
	               "'%s' is not used by an amount of kind '%s'", field,
	               kind_n[am->kind]);
}

static int check_bands(const struct subsidy_amount *am, const char *prefix,
                       struct lx_error *err)
{
	char field[96];

	for (size_t i = 0; i < am->n_bands; i++) {
		const struct subsidy_band *b = &am->bands[i];

		bprintf(field, sizeof(field), "%s.bands[%zu].from_age", prefix,
		        i);
		if (check_age(b->from_age, field, err) != 0)
			return -1;
		bprintf(field, sizeof(field), "%s.bands[%zu].to_age", prefix,
		        i);
		if (b->to_age != -1 &&
		    (b->to_age < b->from_age || b->to_age > SUBSIDY_AGE_MAX))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' must be -1 (and over) or %d..%d, "
			               "not %d",
			               field, b->from_age, SUBSIDY_AGE_MAX,
			               b->to_age);
		bprintf(field, sizeof(field), "%s.bands[%zu].amount", prefix,
		        i);
		if (check_money(&b->amount, field, err) != 0)
			return -1;
		for (size_t j = 0; j < i; j++) {
			const struct subsidy_band *c = &am->bands[j];
			int bt = b->to_age < 0 ? INT_MAX : b->to_age;
			int ct = c->to_age < 0 ? INT_MAX : c->to_age;

			if (b->from_age <= ct && c->from_age <= bt) {
				bprintf(field, sizeof(field), "%s.bands[%zu]",
				        prefix, i);
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' overlaps band %zu", field,
				               j);
			}
		}
	}
	return 0;
}

static int check_levels(const struct subsidy_amount *am, const char *prefix,
                        struct lx_error *err)
{
	char field[96];

	for (size_t i = 0; i < am->n_levels; i++) {
		const struct subsidy_level_amount *l = &am->levels[i];

		bprintf(field, sizeof(field), "%s.levels[%zu].level", prefix,
		        i);
		if (l->level < 0 || l->level >= ASSESS_CARE__MAX)
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' is not a care level: %d", field,
			               l->level);
		for (size_t j = 0; j < i; j++)
			if (am->levels[j].level == l->level)
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats level '%s'", field,
				               assess_care_code(l->level));
		bprintf(field, sizeof(field), "%s.levels[%zu].amount", prefix,
		        i);
		if (check_money(&l->amount, field, err) != 0)
			return -1;
	}
	return 0;
}

static int check_units(const struct subsidy_amount *am, const char *prefix,
                       struct lx_error *err)
{
	char field[96];

	for (size_t i = 0; i < am->n_units; i++) {
		const struct subsidy_unit_rate *u = &am->units[i];

		bprintf(field, sizeof(field), "%s.units[%zu].unit", prefix, i);
		if (!is_name(u->unit))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' must be a name of a-z, 0-9, _ . -",
			               field);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(am->units[j].unit, u->unit))
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats unit '%s'", field,
				               u->unit);
		bprintf(field, sizeof(field), "%s.units[%zu].label_zh", prefix,
		        i);
		if (empty(u->label_zh))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' is required", field);
		bprintf(field, sizeof(field), "%s.units[%zu].amount", prefix,
		        i);
		if (check_money(&u->amount, field, err) != 0)
			return -1;
	}
	return 0;
}

static int check_amount(const struct subsidy_amount *am, const char *prefix,
                        int person, struct lx_error *err)
{
	char field[96];
	size_t need = 1;
	const char *table = "amount";
	const void *ptr = NULL;

	bprintf(field, sizeof(field), "%s.kind", prefix);
	if ((unsigned)am->kind >= SUBSIDY_AMOUNT_KIND__MAX)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' is not an amount kind: %d", field,
		               (int)am->kind);
	if (!person && (am->kind == SUBSIDY_AMOUNT_AGE_BANDS ||
	                am->kind == SUBSIDY_AMOUNT_CARE_LEVELS))
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' '%s' is for schemes paid to persons",
		               field, kind_n[am->kind]);
	if (check_unused(am, prefix, err) != 0)
		return -1;
	switch (am->kind) {
	case SUBSIDY_AMOUNT_FIXED:
		bprintf(field, sizeof(field), "%s.fixed", prefix);
		return check_money(&am->fixed, field, err);
	case SUBSIDY_AMOUNT_AGE_BANDS:
		table = "bands", need = am->n_bands, ptr = am->bands;
		break;
	case SUBSIDY_AMOUNT_CARE_LEVELS:
		table = "levels", need = am->n_levels, ptr = am->levels;
		break;
	case SUBSIDY_AMOUNT_PER_UNIT:
		table = "units", need = am->n_units, ptr = am->units;
		break;
	case SUBSIDY_AMOUNT_KIND__MAX:
		break;
	}
	bprintf(field, sizeof(field), "%s.%s", prefix, table);
	if (need == 0 || !ptr)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' needs at least one entry", field);
	if (am->kind == SUBSIDY_AMOUNT_AGE_BANDS)
		return check_bands(am, prefix, err);
	if (am->kind == SUBSIDY_AMOUNT_CARE_LEVELS)
		return check_levels(am, prefix, err);
	return check_units(am, prefix, err);
}

static int check_version(const struct subsidy_version *v, size_t i, int person,
                         struct lx_error *err)
{
	char pre[32], field[96];
	long f, t;

	bprintf(pre, sizeof(pre), "versions[%zu]", i);
	if (parse_span(v->from, v->to, &f, &t, err, pre) != 0)
		return -1;
	bprintf(field, sizeof(field), "%s.age_rule", pre);
	if ((unsigned)v->age_rule >= SUBSIDY_AGE_RULE__MAX)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' is not an age rule: %d", field,
		               (int)v->age_rule);
	bprintf(field, sizeof(field), "%s.min_age", pre);
	if (check_age(v->min_age, field, err) != 0)
		return -1;
	if (!person && v->min_age)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' is for schemes paid to persons", field);
	bprintf(field, sizeof(field), "%s.max_age", pre);
	if (check_age(v->max_age, field, err) != 0)
		return -1;
	if (!person && v->max_age)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' is for schemes paid to persons", field);
	if (v->max_age && v->max_age < v->min_age)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' %d is below min_age %d", field, v->max_age,
		               v->min_age);
	bprintf(field, sizeof(field), "%s.any_of", pre);
	if (check_codes(v->any_of, v->n_any_of, field, err) != 0)
		return -1;
	bprintf(field, sizeof(field), "%s.all_of", pre);
	if (check_codes(v->all_of, v->n_all_of, field, err) != 0)
		return -1;
	bprintf(field, sizeof(field), "%s.none_of", pre);
	if (check_codes(v->none_of, v->n_none_of, field, err) != 0)
		return -1;
	bprintf(field, sizeof(field), "%s.care_levels", pre);
	if (v->n_care_levels && (!person || !v->care_levels))
		return lx_fail(err, LX_EINVALID, field,
		               !person ? "'%s' is for schemes paid to persons"
		                       : "'%s' is missing",
		               field);
	for (size_t k = 0; k < v->n_care_levels; k++) {
		bprintf(field, sizeof(field), "%s.care_levels[%zu]", pre, k);
		if (v->care_levels[k] < 0 ||
		    v->care_levels[k] >= ASSESS_CARE__MAX)
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' is not a care level: %d", field,
			               v->care_levels[k]);
		for (size_t j = 0; j < k; j++)
			if (v->care_levels[j] == v->care_levels[k])
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats a level", field);
	}
	bprintf(field, sizeof(field), "%s.region", pre);
	if (!empty(v->region) && !region_code_valid(v->region))
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' is not a 12-digit region code: '%.20s'",
		               field, v->region);
	bprintf(field, sizeof(field), "%s.amount", pre);
	return check_amount(&v->amount, field, person, err);
}

int subsidy_scheme_check(const struct subsidy_scheme *s, struct lx_error *err)
{
	int person;

	if (!s)
		return lx_fail(err, LX_EINVALID, "scheme",
		               "'scheme' is missing");
	if (!is_name(s->id))
		return lx_fail(err, LX_EINVALID, "id",
		               "'id' must be 1..63 of a-z, 0-9, _ . -");
	if (empty(s->name_zh))
		return lx_fail(err, LX_EINVALID, "name_zh",
		               "'name_zh' is required");
	if ((unsigned)s->beneficiary >= SUBSIDY_BENEFICIARY__MAX)
		return lx_fail(err, LX_EINVALID, "beneficiary",
		               "'beneficiary' is not a beneficiary kind: %d",
		               (int)s->beneficiary);
	if ((unsigned)s->frequency >= SUBSIDY_FREQUENCY__MAX)
		return lx_fail(err, LX_EINVALID, "frequency",
		               "'frequency' is not a frequency: %d",
		               (int)s->frequency);
	if ((unsigned)s->ref_day >= SUBSIDY_REF_DAY__MAX)
		return lx_fail(err, LX_EINVALID, "ref_day",
		               "'ref_day' is not a reference day: %d",
		               (int)s->ref_day);
	if ((unsigned)s->death >= SUBSIDY_DEATH_RULE__MAX)
		return lx_fail(err, LX_EINVALID, "death",
		               "'death' is not a death rule: %d",
		               (int)s->death);
	if (!empty(s->group) && !is_name(s->group))
		return lx_fail(err, LX_EINVALID, "group",
		               "'group' must be 1..63 of a-z, 0-9, _ . -");
	if (s->n_versions == 0 || !s->versions)
		return lx_fail(err, LX_EINVALID, "versions",
		               "'versions' needs at least one version");
	person = s->beneficiary == SUBSIDY_PERSON;
	for (size_t i = 0; i < s->n_versions; i++) {
		long fi, ti;

		if (check_version(&s->versions[i], i, person, err) != 0)
			return -1;
		/* both parse: check_version just did */
		parse_span(s->versions[i].from, s->versions[i].to, &fi, &ti,
		           NULL, "");
		for (size_t j = 0; j < i; j++) {
			long fj, tj;
			char field[96];

			parse_span(s->versions[j].from, s->versions[j].to, &fj,
			           &tj, NULL, "");
			if (fi <= tj && fj <= ti) {
				bprintf(field, sizeof(field),
				        "versions[%zu].from", i);
				return lx_fail(err, LX_EINVALID, field,
				               "'%s': version %zu overlaps "
				               "version %zu",
				               field, i, j);
			}
		}
	}
	return 0;
}

/* ---- subject check ---- */

/* What the code of a span must be. */
enum span_code { SPAN_REGION, SPAN_CATEGORY, SPAN_NO_CODE };

static int check_spans(const struct subsidy_span *v, size_t n, const char *name,
                       enum span_code code, struct lx_error *err)
{
	char pre[64], field[96];
	long f, t;

	if (n && !v)
		return lx_fail(err, LX_EINVALID, name, "'%s' is missing", name);
	for (size_t i = 0; i < n; i++) {
		int bad_code =
		    (code == SPAN_REGION && !region_code_valid(v[i].code)) ||
		    (code == SPAN_CATEGORY && empty(v[i].code));

		/* names for an error only (see parse_span) */
		if (parse_span(v[i].from, v[i].to, &f, &t, NULL, "") == 0 &&
		    !bad_code)
			continue;
		bprintf(pre, sizeof(pre), "%s[%zu]", name, i);
		if (parse_span(v[i].from, v[i].to, &f, &t, err, pre) != 0)
			return -1;
		bprintf(field, sizeof(field), "%s.code", pre);
		if (code == SPAN_REGION && !region_code_valid(v[i].code))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' is not a 12-digit region code",
			               field);
		if (code == SPAN_CATEGORY && empty(v[i].code))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' is required", field);
	}
	return 0;
}

int subsidy_subject_check(const struct subsidy_subject *subj,
                          struct lx_error *err)
{
	struct lx_date b, d;
	char field[96];

	if (!subj)
		return lx_fail(err, LX_EINVALID, "subject",
		               "'subject' is missing");
	if ((unsigned)subj->kind >= SUBSIDY_BENEFICIARY__MAX)
		return lx_fail(err, LX_EINVALID, "subject.kind",
		               "'subject.kind' is not a beneficiary kind: %d",
		               (int)subj->kind);
	if (subj->kind == SUBSIDY_PERSON) {
		if (parse_date(subj->birth, &b, err, "subject.birth"))
			return -1;
		if (!empty(subj->death)) {
			if (parse_date(subj->death, &d, err, "subject.death"))
				return -1;
			if (date_cmp(d, b) < 0)
				return lx_fail(err, LX_EINVALID,
				               "subject.death",
				               "'subject.death' is before "
				               "'subject.birth'");
		}
	} else {
		if (!empty(subj->birth) || !empty(subj->death))
			return lx_fail(err, LX_EINVALID,
			               !empty(subj->birth) ? "subject.birth"
			                                   : "subject.death",
			               "an organisation has no birth or death");
		if (subj->n_assessments)
			return lx_fail(err, LX_EINVALID, "subject.assessments",
			               "an organisation has no assessments");
	}
	if (check_spans(subj->residence, subj->n_residence, "subject.residence",
	                SPAN_REGION, err) ||
	    check_spans(subj->categories, subj->n_categories,
	                "subject.categories", SPAN_CATEGORY, err) ||
	    check_spans(subj->suspensions, subj->n_suspensions,
	                "subject.suspensions", SPAN_NO_CODE, err))
		return -1;
	if (subj->n_assessments && !subj->assessments)
		return lx_fail(err, LX_EINVALID, "subject.assessments",
		               "'subject.assessments' is missing");
	for (size_t i = 0; i < subj->n_assessments; i++) {
		const struct subsidy_assessment *as = &subj->assessments[i];

		if (as->level < 0 || as->level >= ASSESS_CARE__MAX) {
			bprintf(field, sizeof(field),
			        "subject.assessments[%zu].level", i);
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' is not a care level: %d", field,
			               as->level);
		}
		if (parse_date(as->date, &d, NULL, "")) {
			bprintf(field, sizeof(field),
			        "subject.assessments[%zu].date", i);
			return parse_date(as->date, &d, err, field);
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(subj->assessments[j].date, as->date)) {
				bprintf(field, sizeof(field),
				        "subject.assessments[%zu].date", i);
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats the date %s",
				               field, as->date);
			}
	}
	if (subj->n_units && !subj->units)
		return lx_fail(err, LX_EINVALID, "subject.units",
		               "'subject.units' is missing");
	for (size_t i = 0; i < subj->n_units; i++) {
		const struct subsidy_unit_count *u = &subj->units[i];

		bprintf(field, sizeof(field), "subject.units[%zu]", i);
		if (!is_name(u->unit))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' needs a unit name of a-z, 0-9, "
			               "_ . -",
			               field);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(subj->units[j].unit, u->unit))
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats unit '%s'", field,
				               u->unit);
		if (u->count < 0 || u->count > SUBSIDY_COUNT_MAX)
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' count must be 0..%lld, not %lld",
			               field, (long long)SUBSIDY_COUNT_MAX,
			               (long long)u->count);
	}
	return 0;
}

static int check_params(const struct subsidy_param *p, size_t n,
                        struct lx_error *err)
{
	char field[96];

	if (n && !p)
		return lx_fail(err, LX_EINVALID, "parameters",
		               "'parameters' is missing");
	for (size_t i = 0; i < n; i++) {
		bprintf(field, sizeof(field), "parameters[%zu]", i);
		if (!is_name(p[i].name))
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' needs a name of a-z, 0-9, _ . -",
			               field);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p[j].name, p[i].name))
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats '%s'", field,
				               p[i].name);
		if (p[i].fen < 0 || p[i].fen > SUBSIDY_FEN_MAX)
			return lx_fail(
			    err, LX_EINVALID, field,
			    "'%s' '%s' must be 0..%lld fen, not %lld", field,
			    p[i].name, (long long)SUBSIDY_FEN_MAX,
			    (long long)p[i].fen);
	}
	return 0;
}

/* First and last day of a period that fits the frequency. */
static int period_days(struct period p, enum subsidy_frequency f, long *p0,
                       long *p1, struct lx_error *err)
{
	int month_ok = f != SUBSIDY_YEARLY, year_ok = f != SUBSIDY_MONTHLY;
	struct lx_date a, b;

	if (p.year < DATE_YEAR_MIN || p.year > DATE_YEAR_MAX)
		return lx_fail(err, LX_EINVALID, "period",
		               "'period' year %d is out of range", p.year);
	if (p.kind == PERIOD_MONTH && month_ok && p.index >= 1 &&
	    p.index <= 12) {
		a = (struct lx_date){ p.year, p.index, 1 };
		b = (struct lx_date){ p.year, p.index,
			              date_days_in_month(p.year, p.index) };
	} else if (p.kind == PERIOD_YEAR && year_ok) {
		a = (struct lx_date){ p.year, 1, 1 };
		b = (struct lx_date){ p.year, 12, 31 };
	} else {
		return lx_fail(err, LX_EINVALID, "period",
		               "'period' must be %s for a %s scheme",
		               f == SUBSIDY_MONTHLY  ? "a month"
		               : f == SUBSIDY_YEARLY ? "a year"
		                                     : "a month or a year",
		               freq_n[f]);
	}
	*p0 = date_to_days(a);
	*p1 = date_to_days(b);
	return 0;
}

/* ---- evaluation ---- */

struct eval {
	struct arena *a;
	const struct subsidy_scheme *s;
	const struct subsidy_version *v;
	const struct subsidy_subject *subj;
	const struct subsidy_param *params;
	size_t n_params;
	long p0, p1;
	long ref;    /* the scheme's reference day */
	long status; /* the day status is judged: ref, or the day of death */
	/* 1: decide only, leave the reasons NULL (the texts cost more than
	 * the decision, and a run over a city reads few of them) */
	int bare;
	struct abuf zh, en;
	struct subsidy_result *r;
};

static const char *name_en(const struct subsidy_scheme *s)
{
	return empty(s->name_en) ? s->id : s->name_en;
}

/* A result that is not paid, with its reason (none when bare: zh and en
 * are then not written and not read). */
static void refuse(struct eval *e, enum subsidy_outcome o, const char *zh,
                   const char *en)
{
	e->r->eligible = 0;
	e->r->fen = 0;
	e->r->outcome = o;
	if (e->bare)
		return;
	e->r->reason_zh = arena_strdup(e->a, zh);
	e->r->reason_en = arena_strdup(e->a, en);
}

static int holds(const struct subsidy_subject *subj, const char *code, long day)
{
	for (size_t i = 0; i < subj->n_categories; i++) {
		const struct subsidy_span *c = &subj->categories[i];
		long f, t;

		parse_span(c->from, c->to, &f, &t, NULL, "");
		if (f <= day && day <= t && !strcmp(c->code, code))
			return 1;
	}
	return 0;
}

static const struct subsidy_param *find_param(const struct eval *e,
                                              const char *name)
{
	for (size_t i = 0; i < e->n_params; i++)
		if (!strcmp(e->params[i].name, name))
			return &e->params[i];
	return NULL;
}

/* value × num / den, rounded half up; value, num >= 0, den >= 1, all
 * within the checked maxima, so value × num < 2^63. */
static int64_t mul_div_half_up(int64_t value, int64_t num, int64_t den)
{
	int64_t p = value * num, q = p / den, rem = p % den;

	return rem * 2 >= den ? q + 1 : q;
}

/* Resolves an amount to fen, and when it comes from a parameter writes
 * its derivation into zh and en ("当地低保标准680.50元×13/10＝884.65元
 * （四舍五入到分）"). Fails when the parameter is not supplied. */
static int money_fen(struct eval *e, const struct subsidy_money *m,
                     int64_t *fen, struct abuf *zh, struct abuf *en,
                     struct lx_error *err)
{
	const struct subsidy_param *p;
	char y0[32], y1[32];

	if (empty(m->param)) {
		*fen = m->fen;
		return 0;
	}
	p = find_param(e, m->param);
	if (!p)
		return lx_fail(err, LX_EINVALID, "parameters",
		               "parameter '%s' of scheme '%s' is not supplied",
		               m->param, e->s->id);
	*fen = mul_div_half_up(p->fen, m->num, m->den);
	if (zh)
		abuf_printf(zh, "%s%s元×%lld/%lld＝%s元（四舍五入到分）",
		            empty(p->label_zh) ? p->name : p->label_zh,
		            subsidy_yuan(p->fen, y0), (long long)m->num,
		            (long long)m->den, subsidy_yuan(*fen, y1));
	if (en)
		abuf_printf(en,
		            "%s %s yuan × %lld/%lld = %s yuan (rounded "
		            "half up to the fen)",
		            empty(p->label_en) ? p->name : p->label_en, y0,
		            (long long)m->num, (long long)m->den, y1);
	return 0;
}

/* Every amount of the version, so that a parameter missing is an error
 * whoever the subject is. */
static int resolve_all(struct eval *e, struct lx_error *err)
{
	const struct subsidy_amount *am = &e->v->amount;
	int64_t fen;

	switch (am->kind) {
	case SUBSIDY_AMOUNT_FIXED:
		return money_fen(e, &am->fixed, &fen, NULL, NULL, err);
	case SUBSIDY_AMOUNT_AGE_BANDS:
		for (size_t i = 0; i < am->n_bands; i++)
			if (money_fen(e, &am->bands[i].amount, &fen, NULL, NULL,
			              err))
				return -1;
		return 0;
	case SUBSIDY_AMOUNT_CARE_LEVELS:
		for (size_t i = 0; i < am->n_levels; i++)
			if (money_fen(e, &am->levels[i].amount, &fen, NULL,
			              NULL, err))
				return -1;
		return 0;
	case SUBSIDY_AMOUNT_PER_UNIT:
		for (size_t i = 0; i < am->n_units; i++)
			if (money_fen(e, &am->units[i].amount, &fen, NULL, NULL,
			              err))
				return -1;
		return 0;
	case SUBSIDY_AMOUNT_KIND__MAX:
		break;
	}
	return 0;
}

static void sep(struct eval *e)
{
	if (e->bare)
		return;
	if (e->zh.len)
		abuf_puts(&e->zh, "，");
	if (e->en.len)
		abuf_puts(&e->en, "; ");
}

/* Picks the version in force on the reference day; 0, or -1 if none. */
static int pick_version(struct eval *e)
{
	for (size_t i = 0; i < e->s->n_versions; i++) {
		const struct subsidy_version *v = &e->s->versions[i];
		long f, t;

		parse_span(v->from, v->to, &f, &t, NULL, "");
		if (f <= e->ref && e->ref <= t) {
			e->v = v;
			e->r->version = (int)i;
			return 0;
		}
	}
	return -1;
}

/* Death, by the scheme's rule. 0 when the period is paid. */
static int check_death(struct eval *e)
{
	struct lx_date dd;
	long death;
	char ds[11], zh[160], en[160];
	int stop = e->s->death == SUBSIDY_DEATH_STOP_PERIOD;

	if (empty(e->subj->death))
		return 0;
	date_parse(e->subj->death, &dd);
	death = date_to_days(dd);
	date_format(dd, ds);
	if (death < e->p0 || (stop && death <= e->p1)) {
		if (e->bare) {
			refuse(e, SUBSIDY_DEAD, NULL, NULL);
			return -1;
		}
		bprintf(zh, sizeof(zh), "%s死亡，%s", ds,
		        death < e->p0 ? "本期不再发放" : "死亡当期停发");
		bprintf(en, sizeof(en), "died on %s: %s", ds,
		        death < e->p0 ? "nothing after the period of death"
		                      : "not paid for the period of death");
		refuse(e, SUBSIDY_DEAD, zh, en);
		return -1;
	}
	if (death <= e->status)
		e->status = death;
	return 0;
}

static int check_residence(struct eval *e)
{
	const char *region = e->v->region;
	char ds[11], zh[200], en[200];
	int org = e->subj->kind != SUBSIDY_PERSON;

	if (empty(region))
		return 0;
	for (size_t i = 0; i < e->subj->n_residence; i++) {
		const struct subsidy_span *r = &e->subj->residence[i];
		long f, t;

		parse_span(r->from, r->to, &f, &t, NULL, "");
		if (f <= e->status && e->status <= t &&
		    region_code_is_within(r->code, region))
			return 0;
	}
	if (e->bare) {
		refuse(e, SUBSIDY_NOT_RESIDENT, NULL, NULL);
		return -1;
	}
	day_text(e->status, ds);
	bprintf(zh, sizeof(zh), "%s%s不在区划%s内", ds,
	        org ? "所在地" : "居住地", region);
	bprintf(en, sizeof(en), "on %s %s outside region %s", ds,
	        org ? "located" : "living", region);
	refuse(e, SUBSIDY_NOT_RESIDENT, zh, en);
	return -1;
}

static int check_suspension(struct eval *e)
{
	char ds[11], zh[200], en[200];

	for (size_t i = 0; i < e->subj->n_suspensions; i++) {
		const struct subsidy_span *sp = &e->subj->suspensions[i];
		long f, t;

		parse_span(sp->from, sp->to, &f, &t, NULL, "");
		if (f <= e->status && e->status <= t && e->bare) {
			refuse(e, SUBSIDY_SUSPENDED, NULL, NULL);
			return -1;
		}
		if (f <= e->status && e->status <= t) {
			day_text(e->status, ds);
			bprintf(zh, sizeof(zh), "%s处于暂停发放期（%s至%s）",
			        ds, empty(sp->from) ? "不限" : sp->from,
			        empty(sp->to) ? "不限" : sp->to);
			bprintf(en, sizeof(en),
			        "on %s payment is suspended (%s to %s)", ds,
			        empty(sp->from) ? "open" : sp->from,
			        empty(sp->to) ? "open" : sp->to);
			refuse(e, SUBSIDY_SUSPENDED, zh, en);
			return -1;
		}
	}
	return 0;
}

/* check_categories without the texts: the same tests in the same order. */
static int check_categories_bare(struct eval *e)
{
	const struct subsidy_version *v = e->v;
	int any = 0;

	for (size_t i = 0; i < v->n_any_of && !any; i++)
		any = holds(e->subj, v->any_of[i], e->status);
	if (v->n_any_of && !any) {
		refuse(e, SUBSIDY_CATEGORY, NULL, NULL);
		return -1;
	}
	for (size_t i = 0; i < v->n_all_of; i++)
		if (!holds(e->subj, v->all_of[i], e->status)) {
			refuse(e, SUBSIDY_CATEGORY, NULL, NULL);
			return -1;
		}
	for (size_t i = 0; i < v->n_none_of; i++)
		if (holds(e->subj, v->none_of[i], e->status)) {
			refuse(e, SUBSIDY_EXCLUDED_CATEGORY, NULL, NULL);
			return -1;
		}
	return 0;
}

static int check_categories(struct eval *e)
{
	const struct subsidy_version *v = e->v;
	struct abuf zh, en, held_zh, held_en;
	char ds[11];
	size_t held = 0;

	if (e->bare)
		return check_categories_bare(e);
	day_text(e->status, ds);
	abuf_init(&held_zh, e->a);
	abuf_init(&held_en, e->a);
	for (size_t i = 0; i < v->n_any_of; i++)
		if (holds(e->subj, v->any_of[i], e->status)) {
			abuf_puts(&held_zh, held++ ? "、" : "");
			abuf_puts(&held_zh, subsidy_category_zh(v->any_of[i]));
			abuf_printf(&held_en, "%s%s", held > 1 ? ", " : "",
			            v->any_of[i]);
		}
	if (v->n_any_of && !held) {
		abuf_init(&zh, e->a);
		abuf_init(&en, e->a);
		abuf_printf(&zh, "%s不属于", ds);
		abuf_printf(&en, "on %s holds none of ", ds);
		for (size_t i = 0; i < v->n_any_of; i++) {
			abuf_puts(&zh, i ? "、" : "");
			abuf_puts(&zh, subsidy_category_zh(v->any_of[i]));
			abuf_printf(&en, "%s%s", i ? ", " : "", v->any_of[i]);
		}
		refuse(e, SUBSIDY_CATEGORY, zh.data, en.data);
		return -1;
	}
	for (size_t i = 0; i < v->n_all_of; i++) {
		const char *c = v->all_of[i];

		if (!holds(e->subj, c, e->status)) {
			abuf_init(&zh, e->a);
			abuf_init(&en, e->a);
			abuf_printf(&zh, "%s不属于%s", ds,
			            subsidy_category_zh(c));
			abuf_printf(&en, "on %s does not hold %s", ds, c);
			refuse(e, SUBSIDY_CATEGORY, zh.data, en.data);
			return -1;
		}
		abuf_puts(&held_zh, held++ ? "、" : "");
		abuf_puts(&held_zh, subsidy_category_zh(c));
		abuf_printf(&held_en, "%s%s", held > 1 ? ", " : "", c);
	}
	for (size_t i = 0; i < v->n_none_of; i++) {
		const char *c = v->none_of[i];

		if (holds(e->subj, c, e->status)) {
			abuf_init(&zh, e->a);
			abuf_init(&en, e->a);
			abuf_printf(&zh, "%s属于%s，不得享受", ds,
			            subsidy_category_zh(c));
			abuf_printf(&en, "on %s holds %s, which bars it", ds,
			            c);
			refuse(e, SUBSIDY_EXCLUDED_CATEGORY, zh.data, en.data);
			return -1;
		}
	}
	if (held) {
		sep(e);
		abuf_puts(&e->zh, held_zh.data);
		abuf_printf(&e->en, "holds %s", held_en.data);
	}
	return 0;
}

/* The day age is taken on: by the version's rule, never after death. */
static long age_day(const struct eval *e)
{
	long d = e->v->age_rule == SUBSIDY_AGE_PERIOD_START ? e->p0
	         : e->v->age_rule == SUBSIDY_AGE_PERIOD_END ? e->p1
	                                                    : e->p0 - 1;
	struct lx_date dd;

	if (!empty(e->subj->death) && date_parse(e->subj->death, &dd) == 0 &&
	    date_to_days(dd) < d)
		d = date_to_days(dd);
	return d;
}

static void band_text(const struct subsidy_band *b, char zh[48], char en[48])
{
	if (b->to_age < 0) {
		bprintf(zh, 48, "%d周岁及以上", b->from_age);
		bprintf(en, 48, "%d and over", b->from_age);
	} else {
		bprintf(zh, 48, "%d–%d周岁", b->from_age, b->to_age);
		bprintf(en, 48, "%d–%d", b->from_age, b->to_age);
	}
}

/* Checks age bounds and finds the band; *band is NULL when the amount is
 * not by age. */
static int check_age_rules(struct eval *e, const struct subsidy_band **band)
{
	const struct subsidy_version *v = e->v;
	const struct subsidy_amount *am = &v->amount;
	struct lx_date birth;
	char ds[11], zh[200], en[200];
	long d;
	int age, min, low = 0;

	*band = NULL;
	if (e->subj->kind != SUBSIDY_PERSON ||
	    (!v->min_age && !v->max_age &&
	     am->kind != SUBSIDY_AMOUNT_AGE_BANDS))
		return 0;
	d = age_day(e);
	if (!e->bare)
		day_text(d, ds);
	date_parse(e->subj->birth, &birth);
	age = date_age_on(birth, date_from_days(d));
	e->r->age = age;
	if (age < 0 && e->bare) {
		refuse(e, SUBSIDY_AGE, NULL, NULL);
		return -1;
	}
	if (age < 0) {
		bprintf(zh, sizeof(zh), "%s尚未出生", ds);
		bprintf(en, sizeof(en), "not yet born on %s", ds);
		refuse(e, SUBSIDY_AGE, zh, en);
		return -1;
	}
	/* below the lowest band reads as below a minimum age */
	min = v->min_age;
	for (size_t i = 0;
	     am->kind == SUBSIDY_AMOUNT_AGE_BANDS && i < am->n_bands; i++)
		if (!i || am->bands[i].from_age < low)
			low = am->bands[i].from_age;
	if (am->kind == SUBSIDY_AMOUNT_AGE_BANDS && low > min)
		min = low;
	if (min && age < min && e->bare) {
		refuse(e, SUBSIDY_AGE, NULL, NULL);
		return -1;
	}
	if (min && age < min) {
		bprintf(zh, sizeof(zh), "%s未满%d周岁（%d周岁）", ds, min, age);
		bprintf(en, sizeof(en), "aged %d on %s, under %d", age, ds,
		        min);
		refuse(e, SUBSIDY_AGE, zh, en);
		return -1;
	}
	if (v->max_age && age > v->max_age && e->bare) {
		refuse(e, SUBSIDY_AGE, NULL, NULL);
		return -1;
	}
	if (v->max_age && age > v->max_age) {
		bprintf(zh, sizeof(zh), "%s已超过%d周岁（%d周岁）", ds,
		        v->max_age, age);
		bprintf(en, sizeof(en), "aged %d on %s, over %d", age, ds,
		        v->max_age);
		refuse(e, SUBSIDY_AGE, zh, en);
		return -1;
	}
	for (size_t i = 0;
	     am->kind == SUBSIDY_AMOUNT_AGE_BANDS && i < am->n_bands && !*band;
	     i++) {
		const struct subsidy_band *b = &am->bands[i];

		if (age >= b->from_age && (b->to_age < 0 || age <= b->to_age))
			*band = b;
	}
	if (am->kind == SUBSIDY_AMOUNT_AGE_BANDS && !*band && e->bare) {
		refuse(e, SUBSIDY_AGE, NULL, NULL);
		return -1;
	}
	if (am->kind == SUBSIDY_AMOUNT_AGE_BANDS && !*band) {
		bprintf(zh, sizeof(zh), "%s年满%d周岁，不在任何年龄档内", ds,
		        age);
		bprintf(en, sizeof(en), "aged %d on %s, in no age band", age,
		        ds);
		refuse(e, SUBSIDY_AGE, zh, en);
		return -1;
	}
	if (e->bare)
		return 0;
	sep(e);
	abuf_printf(&e->zh, "年满%d周岁（按%s计）", age, ds);
	abuf_printf(&e->en, "aged %d on %s", age, ds);
	if (*band) {
		char bz[48], be[48];

		band_text(*band, bz, be);
		abuf_printf(&e->zh, "，按%s档", bz);
		abuf_printf(&e->en, ", band %s", be);
	}
	return 0;
}

/* The care level in force on the status day, and the entry of the level
 * table for it; *entry is NULL when the amount is not by level. */
static int check_level(struct eval *e,
                       const struct subsidy_level_amount **entry)
{
	const struct subsidy_version *v = e->v;
	const struct subsidy_amount *am = &v->amount;
	const struct subsidy_assessment *as = NULL;
	char ds[11], zh[200], en[200];
	int ok;

	*entry = NULL;
	if (e->subj->kind != SUBSIDY_PERSON ||
	    (!v->n_care_levels && am->kind != SUBSIDY_AMOUNT_CARE_LEVELS))
		return 0;
	day_text(e->status, ds);
	for (size_t i = 0; i < e->subj->n_assessments; i++) {
		const struct subsidy_assessment *x = &e->subj->assessments[i];

		/* YYYY-MM-DD compares as text */
		if (strcmp(x->date, ds) <= 0 &&
		    (!as || strcmp(x->date, as->date) > 0))
			as = x;
	}
	if (!as && e->bare) {
		refuse(e, SUBSIDY_CARE_LEVEL, NULL, NULL);
		return -1;
	}
	if (!as) {
		bprintf(zh, sizeof(zh), "%s前无能力评估结果", ds);
		bprintf(en, sizeof(en), "no ability assessment by %s", ds);
		refuse(e, SUBSIDY_CARE_LEVEL, zh, en);
		return -1;
	}
	ok = !v->n_care_levels;
	for (size_t i = 0; i < v->n_care_levels; i++)
		ok |= v->care_levels[i] == as->level;
	for (size_t i = 0; am->kind == SUBSIDY_AMOUNT_CARE_LEVELS &&
	                   i < am->n_levels && !*entry;
	     i++)
		if (am->levels[i].level == as->level)
			*entry = &am->levels[i];
	if ((!ok || (am->kind == SUBSIDY_AMOUNT_CARE_LEVELS && !*entry)) &&
	    e->bare) {
		refuse(e, SUBSIDY_CARE_LEVEL, NULL, NULL);
		return -1;
	}
	if (!ok || (am->kind == SUBSIDY_AMOUNT_CARE_LEVELS && !*entry)) {
		bprintf(zh, sizeof(zh),
		        "%s能力等级为%s（%s评估），不在享受范围内", ds,
		        assess_care_zh(as->level), as->date);
		bprintf(en, sizeof(en),
		        "care level on %s is %s (assessed %s), not covered", ds,
		        assess_care_en(as->level), as->date);
		refuse(e, SUBSIDY_CARE_LEVEL, zh, en);
		return -1;
	}
	if (e->bare)
		return 0;
	sep(e);
	abuf_printf(&e->zh, "%s（%s评估）", assess_care_zh(as->level),
	            as->date);
	abuf_printf(&e->en, "%s (assessed %s)", assess_care_en(as->level),
	            as->date);
	return 0;
}

static int64_t unit_count(const struct subsidy_subject *subj, const char *unit)
{
	for (size_t i = 0; i < subj->n_units; i++)
		if (!strcmp(subj->units[i].unit, unit))
			return subj->units[i].count;
	return 0;
}

/* Σ count × rate; the reason lists the units counted. */
static int per_unit(struct eval *e, int64_t *total, struct lx_error *err)
{
	const struct subsidy_amount *am = &e->v->amount;
	struct abuf zh, en;
	size_t terms = 0;
	char y[32];

	if (!e->bare) {
		abuf_init(&zh, e->a);
		abuf_init(&en, e->a);
	}
	*total = 0;
	for (size_t i = 0; i < am->n_units; i++) {
		const struct subsidy_unit_rate *u = &am->units[i];
		int64_t n = unit_count(e->subj, u->unit), rate, part;
		struct abuf dz, de;

		if (!n)
			continue;
		if (!e->bare) {
			abuf_init(&dz, e->a);
			abuf_init(&de, e->a);
		}
		if (money_fen(e, &u->amount, &rate, e->bare ? NULL : &dz,
		              e->bare ? NULL : &de, err))
			return -1;
		if (__builtin_mul_overflow(n, rate, &part) ||
		    __builtin_add_overflow(*total, part, total))
			return lx_fail(err, LX_EINVALID, "subject.units",
			               "the amount of scheme '%s' overflows",
			               e->s->id);
		if (e->bare) {
			terms++;
			continue;
		}
		abuf_printf(&zh, "%s%s%lld%s×", terms ? "＋" : "", u->label_zh,
		            (long long)n,
		            empty(u->measure_zh) ? "" : u->measure_zh);
		abuf_printf(&en, "%s%lld %s × ", terms ? " + " : "",
		            (long long)n,
		            empty(u->label_en) ? u->unit : u->label_en);
		if (dz.len) {
			abuf_printf(&zh, "（%s）", dz.data);
			abuf_printf(&en, "(%s)", de.data);
		} else {
			abuf_printf(&zh, "%s元", subsidy_yuan(rate, y));
			abuf_printf(&en, "%s yuan", y);
		}
		terms++;
	}
	if (!terms) {
		refuse(e, SUBSIDY_NO_UNITS, "本期无计入补贴的数量",
		       "no units counted for the period");
		return 1;
	}
	if (e->bare)
		return 0;
	sep(e);
	abuf_puts(&e->zh, zh.data);
	abuf_puts(&e->en, en.data);
	return 0;
}

/* Evaluates a checked scheme for a checked subject. Returns 0 (result
 * filled, paid or not) or -1 with err. */
static int eval_one(struct arena *a, const struct subsidy_scheme *s,
                    const struct subsidy_subject *subj, long p0, long p1,
                    const struct subsidy_param *params, size_t n_params,
                    int bare, struct subsidy_result *out, struct lx_error *err)
{
	struct eval e = { 0 };
	const struct subsidy_band *band = NULL;
	const struct subsidy_level_amount *lvl = NULL;
	const struct subsidy_money *m = NULL;
	struct abuf dz, de;
	int64_t fen = 0;
	char y[32], ds[11], zh[256], en[256];
	int rc;

	memset(out, 0, sizeof(*out));
	out->scheme = s;
	out->version = -1;
	out->age = -1;
	out->excluded_by = -1;
	e.a = a;
	e.s = s;
	e.subj = subj;
	e.params = params;
	e.n_params = n_params;
	e.p0 = p0;
	e.p1 = p1;
	e.ref = s->ref_day == SUBSIDY_REF_PERIOD_START ? p0 : p1;
	e.status = e.ref;
	e.r = out;
	e.bare = bare;
	if (!bare) {
		abuf_init(&e.zh, a);
		abuf_init(&e.en, a);
	}

	if (subj->kind != s->beneficiary && bare) {
		refuse(&e, SUBSIDY_NOT_APPLICABLE, NULL, NULL);
		return 0;
	}
	if (subj->kind != s->beneficiary) {
		bprintf(zh, sizeof(zh), "「%s」发放对象为%s，不适用于%s",
		        s->name_zh, ben_zh[s->beneficiary], ben_zh[subj->kind]);
		bprintf(en, sizeof(en), "'%s' is paid to a %s, not a %s",
		        name_en(s), ben_n[s->beneficiary], ben_n[subj->kind]);
		refuse(&e, SUBSIDY_NOT_APPLICABLE, zh, en);
		return 0;
	}
	if (pick_version(&e) != 0 && bare) {
		refuse(&e, SUBSIDY_OUT_OF_FORCE, NULL, NULL);
		return 0;
	}
	if (e.v == NULL) {
		day_text(e.ref, ds);
		bprintf(zh, sizeof(zh), "「%s」在%s不在有效期内", s->name_zh,
		        ds);
		bprintf(en, sizeof(en), "'%s' is not in force on %s",
		        name_en(s), ds);
		refuse(&e, SUBSIDY_OUT_OF_FORCE, zh, en);
		return 0;
	}
	if (resolve_all(&e, err))
		goto fail;
	if (check_death(&e) || check_residence(&e) || check_suspension(&e) ||
	    check_categories(&e) || check_age_rules(&e, &band) ||
	    check_level(&e, &lvl))
		return 0;

	if (!bare) {
		abuf_init(&dz, a);
		abuf_init(&de, a);
	}
	switch (e.v->amount.kind) {
	case SUBSIDY_AMOUNT_FIXED:
		m = &e.v->amount.fixed;
		break;
	case SUBSIDY_AMOUNT_AGE_BANDS:
		m = &band->amount;
		break;
	case SUBSIDY_AMOUNT_CARE_LEVELS:
		m = &lvl->amount;
		break;
	case SUBSIDY_AMOUNT_PER_UNIT:
		rc = per_unit(&e, &fen, err);
		if (rc < 0)
			goto fail;
		if (rc > 0)
			return 0;
		break;
	case SUBSIDY_AMOUNT_KIND__MAX:
		break;
	}
	if (m) {
		if (money_fen(&e, m, &fen, bare ? NULL : &dz, bare ? NULL : &de,
		              err))
			goto fail;
		if (!bare && dz.len) {
			sep(&e);
			abuf_printf(&e.zh, "按%s", dz.data);
			abuf_puts(&e.en, de.data);
		}
	}
	out->eligible = 1;
	out->fen = fen;
	out->outcome = SUBSIDY_PAID;
	if (bare)
		return 0;
	sep(&e);
	abuf_printf(&e.zh, "%s%s元", freq_zh[s->frequency],
	            subsidy_yuan(fen, y));
	abuf_printf(&e.en, "%s yuan %s", y, freq_en[s->frequency]);
	out->reason_zh = e.zh.data;
	out->reason_en = e.en.data;
	return 0;
fail:
	memset(out, 0, sizeof(*out));
	return -1;
}

int subsidy_batch_init(struct subsidy_batch *b, const struct subsidy_scheme *s,
                       struct period p, const struct subsidy_param *params,
                       size_t n_params, struct lx_error *err)
{
	memset(b, 0, sizeof(*b));
	if (subsidy_scheme_check(s, err) ||
	    check_params(params, n_params, err) ||
	    period_days(p, s->frequency, &b->p0, &b->p1, err))
		return -1;
	b->scheme = s;
	b->params = params;
	b->n_params = n_params;
	return 0;
}

/* One subject against the batch's scheme: checked first unless the caller
 * has checked it (explain follows a decide), reasons left out when quiet. */
static int batch_eval(const struct subsidy_batch *b, struct arena *a,
                      const struct subsidy_subject *subj, int check, int quiet,
                      struct subsidy_result *out, struct lx_error *err)
{
	assert(a && out && b->scheme);
	if (check) {
		memset(out, 0, sizeof(*out));
		if (subsidy_subject_check(subj, err))
			return -1;
	}
	return eval_one(a, b->scheme, subj, b->p0, b->p1, b->params,
	                b->n_params, quiet, out, err);
}

int subsidy_batch_evaluate(const struct subsidy_batch *b, struct arena *a,
                           const struct subsidy_subject *subj,
                           struct subsidy_result *out, struct lx_error *err)
{
	return batch_eval(b, a, subj, 1, 0, out, err);
}

int subsidy_batch_explain(const struct subsidy_batch *b, struct arena *a,
                          const struct subsidy_subject *subj,
                          struct subsidy_result *out, struct lx_error *err)
{
	return batch_eval(b, a, subj, 0, 0, out, err);
}

int subsidy_batch_decide(const struct subsidy_batch *b, struct arena *a,
                         const struct subsidy_subject *subj,
                         struct subsidy_result *out, struct lx_error *err)
{
	return batch_eval(b, a, subj, 1, 1, out, err);
}

int subsidy_evaluate(struct arena *a, const struct subsidy_scheme *s,
                     const struct subsidy_subject *subj, struct period p,
                     const struct subsidy_param *params, size_t n_params,
                     struct subsidy_result *out, struct lx_error *err)
{
	struct subsidy_batch b;

	assert(a && out);
	memset(out, 0, sizeof(*out));
	if (subsidy_batch_init(&b, s, p, params, n_params, err))
		return -1;
	return subsidy_batch_evaluate(&b, a, subj, out, err);
}

/* Puts "schemes[i]." before the field of an error. */
static int prefix_error(struct lx_error *err, size_t i)
{
	char f[sizeof(err->field) + 32];

	if (!err)
		return -1;
	bprintf(f, sizeof(f), "schemes[%zu]%s%s", i, err->field[0] ? "." : "",
	        err->field);
	memcpy(err->field, f, sizeof(err->field) - 1);
	err->field[sizeof(err->field) - 1] = '\0';
	return -1;
}

/* Whether result i beats result j in their group. */
static int beats(const struct subsidy_result *r, size_t i, size_t j)
{
	if (r[i].fen != r[j].fen)
		return r[i].fen > r[j].fen;
	if (r[i].scheme->priority != r[j].scheme->priority)
		return r[i].scheme->priority < r[j].scheme->priority;
	return i < j;
}

static int same_group(const struct subsidy_scheme *x,
                      const struct subsidy_scheme *y)
{
	return !empty(x->group) && !empty(y->group) &&
	       !strcmp(x->group, y->group);
}

static void exclude(struct arena *a, struct subsidy_result *r, size_t i,
                    size_t w)
{
	char yl[32], yw[32];
	const struct subsidy_scheme *s = r[i].scheme, *ws = r[w].scheme;

	subsidy_yuan(r[i].fen, yl);
	subsidy_yuan(r[w].fen, yw);
	r[i].reason_zh = arena_printf(
	    a,
	    "与「%s」同属互斥组%s，不重复享受，按就高原则发放「%s」%s元，"
	    "本项%s元不发放",
	    ws->name_zh, s->group, ws->name_zh, yw, yl);
	r[i].reason_en = arena_printf(
	    a,
	    "excluded by '%s' in group %s (the higher is paid: %s yuan "
	    "against %s yuan)",
	    name_en(ws), s->group, yw, yl);
	r[i].eligible = 0;
	r[i].fen = 0;
	r[i].outcome = SUBSIDY_EXCLUSIVE;
	r[i].excluded_by = (int)w;
}

int subsidy_evaluate_set(struct arena *a, const struct subsidy_scheme *s,
                         size_t n, const struct subsidy_subject *subj,
                         struct period p, const struct subsidy_param *params,
                         size_t n_params, struct subsidy_result **out,
                         int64_t *total_fen, struct lx_error *err)
{
	struct subsidy_result *r;
	int64_t total = 0;
	long p0 = 0, p1 = 0;
	char field[96];

	assert(a && out);
	*out = NULL;
	if (total_fen)
		*total_fen = 0;
	if (n && !s)
		return lx_fail(err, LX_EINVALID, "schemes",
		               "'schemes' is missing");
	for (size_t i = 0; i < n; i++) {
		if (subsidy_scheme_check(&s[i], err))
			return prefix_error(err, i);
		bprintf(field, sizeof(field), "schemes[%zu].id", i);
		for (size_t j = 0; j < i; j++) {
			if (!strcmp(s[i].id, s[j].id))
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' repeats '%s'", field,
				               s[i].id);
			if (same_group(&s[i], &s[j]) &&
			    (s[i].beneficiary != s[j].beneficiary ||
			     s[i].frequency != s[j].frequency)) {
				bprintf(field, sizeof(field),
				        "schemes[%zu].group", i);
				return lx_fail(err, LX_EINVALID, field,
				               "'%s' mixes beneficiaries or "
				               "frequencies in group '%s'",
				               field, s[i].group);
			}
		}
	}
	if (subsidy_subject_check(subj, err) ||
	    check_params(params, n_params, err))
		return -1;
	r = arena_alloc(a, (n ? n : 1) * sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		if (period_days(p, s[i].frequency, &p0, &p1, err))
			return -1;
		if (eval_one(a, &s[i], subj, p0, p1, params, n_params, 0, &r[i],
		             err))
			return -1;
	}
	for (size_t i = 0; i < n; i++) {
		size_t w = i;

		if (!r[i].eligible || empty(s[i].group))
			continue;
		for (size_t j = 0; j < n; j++)
			if (j != i && r[j].eligible &&
			    same_group(&s[i], &s[j]) && beats(r, j, w))
				w = j;
		if (w != i)
			exclude(a, r, i, w);
	}
	for (size_t i = 0; i < n; i++)
		total += r[i].fen;
	*out = r;
	if (total_fen)
		*total_fen = total;
	return 0;
}
