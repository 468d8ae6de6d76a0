/* A decision without reasons (subsidy_batch_decide) and the reasons asked
 * afterwards (subsidy_batch_explain) against the full evaluation
 * (subsidy_batch_evaluate), over random subjects, schemes and periods:
 * every field but the reasons equal, the reasons NULL when deciding, and
 * the reasons explained byte for byte those of the full evaluation. The
 * schemes cover every amount kind, condition and refusal the engine has,
 * so that a refusal the bare path takes differently shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/assessment.h"
#include "core/subsidy.h"

#define BAZHONG  "511900000000"
#define BAZHOU   "511902000000" /* 巴州区, in 巴中 */
#define ENYANG   "511903000000" /* 恩阳区, in 巴中 */
#define ELSEWHRE "511724000000" /* 大竹县, outside 巴中 */

/* a small deterministic generator, so that a failure can be replayed */
static uint64_t seed = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

/* ---- schemes: one per amount kind, with every condition ---- */

static const struct subsidy_param params[] = {
	{ "dibao_standard", "当地低保标准", "local dibao standard", 68050 },
	{ "min_wage", NULL, NULL, 190000 },
};

static const struct subsidy_band bands[] = {
	{ 80, 89, { .fen = 6000 } },
	{ 90, 99, { .param = "dibao_standard", .num = 1, .den = 3 } },
	{ 100, -1, { .fen = 60000 } },
};

static const char *const tekun[] = { "tekun_centralized", "tekun_dispersed",
	                             "dibao" };
static const char *const urban[] = { "urban" };
static const char *const rural[] = { "rural" };
static const int covered[] = { ASSESS_CARE_PARTLY, ASSESS_CARE_DISABLED };

static const struct subsidy_level_amount levels[] = {
	{ ASSESS_CARE_PARTLY, { .param = "min_wage", .num = 1, .den = 5 } },
	{ ASSESS_CARE_DISABLED, { .fen = 40000 } },
};

static const struct subsidy_version gaoling_v[] = {
	{ .to = "2020-12-31",
	  .age_rule = SUBSIDY_AGE_NEXT_PERIOD,
	  .region = BAZHONG,
	  .none_of = rural,
	  .n_none_of = 1,
	  .amount = { .kind = SUBSIDY_AMOUNT_AGE_BANDS,
	              .bands = bands,
	              .n_bands = 3 } },
	{ .from = "2021-01-01",
	  .to = "2021-08-31",
	  .age_rule = SUBSIDY_AGE_PERIOD_END,
	  .max_age = 104,
	  .region = BAZHONG,
	  .amount = { .kind = SUBSIDY_AMOUNT_AGE_BANDS,
	              .bands = bands,
	              .n_bands = 3 } },
};

static const struct subsidy_scheme gaoling = {
	.id = "test.gaoling",
	.name_zh = "高龄津贴",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.ref_day = SUBSIDY_REF_PERIOD_START,
	.death = SUBSIDY_DEATH_STOP_PERIOD,
	.versions = gaoling_v,
	.n_versions = 2,
};

static const struct subsidy_version tekun_v[] = { {
    .age_rule = SUBSIDY_AGE_PERIOD_START,
    .min_age = 60,
    .any_of = tekun,
    .n_any_of = 3,
    .all_of = urban,
    .n_all_of = 1,
    .region = BAZHONG,
    .amount = { .kind = SUBSIDY_AMOUNT_FIXED,
	        .fixed = { .param = "dibao_standard", .num = 13, .den = 10 } },
} };

static const struct subsidy_scheme tekun_basic = {
	.id = "test.tekun_basic",
	.name_zh = "特困人员基本生活费",
	.name_en = "basic living",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.ref_day = SUBSIDY_REF_PERIOD_END,
	.death = SUBSIDY_DEATH_PAY_PERIOD,
	.versions = tekun_v,
	.n_versions = 1,
};

static const struct subsidy_version care_v[] = { {
    .care_levels = covered,
    .n_care_levels = 2,
    .any_of = tekun,
    .n_any_of = 2,
    .region = ENYANG,
    .amount = { .kind = SUBSIDY_AMOUNT_CARE_LEVELS,
	        .levels = levels,
	        .n_levels = 2 },
} };

static const struct subsidy_scheme care = {
	.id = "test.care",
	.name_zh = "照料护理补贴",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.versions = care_v,
	.n_versions = 1,
};

static const struct subsidy_unit_rate units[] = {
	{ "disabled_residents",
	  "失能入住",
	  "disabled residents",
	  "人",
	  { .fen = 20000 } },
	{ "avg_occupied_beds",
	  "年平均实际入住床位",
	  NULL,
	  "张",
	  { .param = "min_wage", .num = 2, .den = 3 } },
};

static const char *const private_[] = { "private" };

static const struct subsidy_version beds_v[] = { {
    .all_of = private_,
    .n_all_of = 1,
    .region = BAZHONG,
    .amount = { .kind = SUBSIDY_AMOUNT_PER_UNIT, .units = units, .n_units = 2 },
} };

static const struct subsidy_scheme beds = {
	.id = "test.beds",
	.name_zh = "床位补贴",
	.beneficiary = SUBSIDY_INSTITUTION,
	.frequency = SUBSIDY_MONTHLY,
	.ref_day = SUBSIDY_REF_PERIOD_END,
	.versions = beds_v,
	.n_versions = 1,
};

static const struct subsidy_scheme *const schemes[] = { &gaoling, &tekun_basic,
	                                                &care, &beds };

/* ---- random subjects ---- */

struct made {
	struct subsidy_subject s;
	char birth[11], death[11], dates[8][11];
	struct subsidy_span residence[2], categories[4], suspensions[1];
	struct subsidy_assessment assessments[2];
	struct subsidy_unit_count units[2];
};

static const char *some_day(char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", 2020 + rnd(2), 1 + rnd(12),
	         1 + rnd(28));
	return out;
}

static const char *maybe_day(char out[11])
{
	return rnd(3) ? NULL : some_day(out);
}

static void make(struct made *m)
{
	static const char *const regions[] = { BAZHOU, ENYANG, ELSEWHRE };
	static const char *const codes[] = { "tekun_centralized",
		                             "tekun_dispersed",
		                             "dibao",
		                             "urban",
		                             "rural",
		                             "private" };
	size_t d = 0;

	memset(m, 0, sizeof(*m));
	m->s.kind = rnd(5) ? SUBSIDY_PERSON : SUBSIDY_INSTITUTION;
	if (m->s.kind == SUBSIDY_PERSON) {
		/* ages around the bands' edges and the bounds */
		snprintf(m->birth, sizeof(m->birth), "%04u-%02u-%02u",
		         1912 + rnd(70), 1 + rnd(12), 1 + rnd(28));
		m->s.birth = m->birth;
		if (!rnd(6))
			m->s.death = some_day(m->death);
	}
	m->s.n_residence = rnd(3);
	for (size_t i = 0; i < m->s.n_residence; i++) {
		m->residence[i].code = regions[rnd(3)];
		/* two spans: before and from a move */
		if (m->s.n_residence == 2) {
			m->residence[i].from = i ? "2021-03-15" : NULL;
			m->residence[i].to = i ? NULL : "2021-03-14";
		}
	}
	m->s.residence = m->residence;
	m->s.n_categories = rnd(5);
	for (size_t i = 0; i < m->s.n_categories; i++) {
		m->categories[i].code = codes[rnd(6)];
		m->categories[i].from = maybe_day(m->dates[d++ % 8]);
		m->categories[i].to = NULL;
	}
	m->s.categories = m->categories;
	if (!rnd(5)) {
		const char *a = some_day(m->dates[6]);
		const char *b = some_day(m->dates[7]);

		m->suspensions[0].from = strcmp(a, b) < 0 ? a : b;
		m->suspensions[0].to = rnd(2) ? NULL : strcmp(a, b) < 0 ? b : a;
		m->s.suspensions = m->suspensions;
		m->s.n_suspensions = 1;
	}
	if (m->s.kind == SUBSIDY_PERSON) {
		m->s.n_assessments = rnd(3);
		for (size_t i = 0; i < m->s.n_assessments; i++) {
			m->assessments[i].level = (int)rnd(ASSESS_CARE__MAX);
			m->assessments[i].date =
			    i ? "2021-02-20" : "2019-06-01";
		}
		m->s.assessments = m->assessments;
	} else {
		m->s.n_units = rnd(3);
		m->units[0] =
		    (struct subsidy_unit_count){ "disabled_residents", rnd(4) };
		m->units[1] =
		    (struct subsidy_unit_count){ "avg_occupied_beds", rnd(40) };
		m->s.units = m->units;
	}
}

static void same_text(const char *want, const char *got, const char *what)
{
	if (!want || !got || strcmp(want, got))
		fail_msg("%s differs: '%s' / '%s'", what,
		         want ? want : "(null)", got ? got : "(null)");
}

static void test_decide_equals_evaluate(void **state)
{
	struct arena *a = arena_new();
	size_t outcomes[SUBSIDY_OUTCOME__MAX] = { 0 };

	(void)state;
	for (int i = 0; i < 20000; i++) {
		const struct subsidy_scheme *s = schemes[rnd(4)];
		struct period p = { PERIOD_MONTH, 2020 + (int)rnd(2),
			            1 + (int)rnd(12) };
		struct subsidy_batch b;
		struct subsidy_result full, bare, told;
		struct lx_error e1, e2, e3;
		struct made m;
		int r1, r2, r3;

		make(&m);
		lx_error_clear(&e1);
		assert_int_equal(subsidy_batch_init(&b, s, p, params, 2, &e1),
		                 0);
		r1 = subsidy_batch_evaluate(&b, a, &m.s, &full, &e1);
		r2 = subsidy_batch_decide(&b, a, &m.s, &bare, &e2);
		assert_int_equal(r1, r2);
		if (r1) {
			assert_string_equal(e1.field, e2.field);
			continue;
		}
		r3 = subsidy_batch_explain(&b, a, &m.s, &told, &e3);
		assert_int_equal(r3, 0);
		outcomes[full.outcome]++;
		if (full.eligible != bare.eligible || full.fen != bare.fen ||
		    full.outcome != bare.outcome ||
		    full.version != bare.version || full.age != bare.age ||
		    full.excluded_by != bare.excluded_by ||
		    full.scheme != bare.scheme)
			fail_msg(
			    "case %d '%s': evaluate %d %lld %s v%d age %d, "
			    "decide %d %lld %s v%d age %d (%s)",
			    i, s->id, full.eligible, (long long)full.fen,
			    subsidy_outcome_names.names[full.outcome],
			    full.version, full.age, bare.eligible,
			    (long long)bare.fen,
			    subsidy_outcome_names.names[bare.outcome],
			    bare.version, bare.age, full.reason_zh);
		assert_null(bare.reason_zh);
		assert_null(bare.reason_en);
		assert_true(full.reason_zh[0] && full.reason_en[0]);
		same_text(full.reason_zh, told.reason_zh, "reason_zh");
		same_text(full.reason_en, told.reason_en, "reason_en");
		assert_int_equal(told.fen, full.fen);
		assert_int_equal(told.outcome, full.outcome);
		/* keep the arena small over many cases */
		if (i % 1000 == 999) {
			arena_free(a);
			a = arena_new();
		}
	}
	/* the random cases reach every outcome one scheme can give */
	for (int o = 0; o < SUBSIDY_OUTCOME__MAX; o++)
		if (o != SUBSIDY_EXCLUSIVE && !outcomes[o])
			fail_msg("no case reached outcome %s",
			         subsidy_outcome_names.names[o]);
	arena_free(a);
}

/* The texts an arena gives without zeroing are still whole strings:
 * copies, formatted strings and buffers that grow. */
static void test_arena_texts(void **state)
{
	struct arena *a = arena_new();
	struct abuf b;
	char *s;

	(void)state;
	abuf_init(&b, a);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	for (int i = 0; i < 100; i++)
		abuf_printf(&b, "%d,", i);
	assert_int_equal(strlen(b.data), b.len);
	assert_memory_equal(b.data + b.len - 3, "99,", 4);
	s = arena_strndup(a, "高龄津贴abc", 12);
	assert_string_equal(s, "高龄津贴");
	s = arena_printf(a, "%s%05d", "x", 42);
	assert_string_equal(s, "x00042");
	/* longer than the stack buffer arena_printf tries first */
	s = arena_printf(a, "%0300d|%s", 7, "end");
	assert_int_equal(strlen(s), 304);
	assert_string_equal(s + 299, "7|end");
	/* a piece that does not fit the room left in the buffer */
	abuf_printf(&b, "%0600d", 5);
	assert_int_equal(strlen(b.data), b.len);
	assert_memory_equal(b.data + b.len - 5, "00005", 6);
	assert_memory_equal(b.data + b.len - 603, "99,0", 4);
	s = arena_memdup(a, "ab", 3);
	assert_string_equal(s, "ab");
	/* arena_alloc is still zeroed */
	s = arena_alloc(a, 64);
	for (int i = 0; i < 64; i++)
		assert_int_equal(s[i], 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decide_equals_evaluate),
		cmocka_unit_test(test_arena_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
