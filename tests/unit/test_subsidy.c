/* Allowances and subsidies (core/subsidy.c). Every amount below is a figure
 * the seeds state (docs/subsidy-seeds.md gives the line and sentence);
 * expected results are worked out by hand in the comments, not by running
 * the code. Dates of birth are chosen so that the age on the reference day
 * is the one named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/assessment.h"
#include "core/subsidy.h"

/* ---- the seed figures, in fen, in one place ---- */

/* 001 大竹 line 12: 高龄津贴 60 / 120 / 600 元 a month for 80–89, 90–99,
 * 100+ (raised from 20 / 100 / 400 at the end of the 12th plan). */
#define DZ_GAOLING_80      6000
#define DZ_GAOLING_90      12000
#define DZ_GAOLING_100     60000
#define DZ_GAOLING_OLD_80  2000
#define DZ_GAOLING_OLD_90  10000
#define DZ_GAOLING_OLD_100 40000
/* 001 line 12: 100+ get 2000 元 敬老金 and 2000 元 家庭奖励金 a year. */
#define DZ_JINGLAO 200000
#define DZ_FAMILY  200000
/* 001 line 12: 特困 care 50 / 200 / 400 元 a month (全自理 / 部分失能 /
 * 失能); basic support 884 元 (urban) / 624 元 (rural) a month. */
#define DZ_CARE_SELF     5000
#define DZ_CARE_PARTLY   20000
#define DZ_CARE_DISABLED 40000
#define DZ_TEKUN_URBAN   88400
#define DZ_TEKUN_RURAL   62400
/* 004 景德镇 lines 229, 273: at least 200 / 100 元 per disabled / partly
 * disabled resident a month. */
#define JDZ_DISABLED 20000
#define JDZ_PARTLY   10000
/* 004 lines 233, 273: training 1200 / 1500 / 2000 / 4000 / 5000 元 per
 * trainee certified at level 5 / 4 / 3 / 2 / 1; 1000 元 certificate only. */
#define JDZ_L5   120000
#define JDZ_L4   150000
#define JDZ_L3   200000
#define JDZ_L2   400000
#define JDZ_L1   500000
#define JDZ_CERT 100000
/* 004 line 273: 特困 basic living >= 1.3 × 低保 standard; care funds >=
 * 80% / 20% of the monthly minimum wage. Ratios, not amounts. */
/* 000 巴中 line 328: 1000 元 a year per average occupied bed (民办非营利);
 * 5000 元 per affordable childcare slot. */
#define BZ_BED  100000
#define BZ_SLOT 500000

#define DAZHU           "511724000000"
#define DAZHU_HOME      "511724100000" /* a township in 大竹县 */
#define DAZHOU_DISTRICT "511702000000" /* 通川区, outside 大竹 */
#define JINGDEZHEN      "360200000000"
#define BAZHONG         "511900000000"

static struct arena *A;

static int setup(void **state)
{
	A = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(A);
	return 0;
}

static struct period month(int y, int m)
{
	return (struct period){ PERIOD_MONTH, y, m };
}

static struct period year(int y)
{
	return (struct period){ PERIOD_YEAR, y, 0 };
}

/* ---- schemes ---- */

static const struct subsidy_band gaoling_bands[] = {
	{ 80, 89, { .fen = DZ_GAOLING_80 } },
	{ 90, 99, { .fen = DZ_GAOLING_90 } },
	{ 100, -1, { .fen = DZ_GAOLING_100 } },
};

static const struct subsidy_version gaoling_v[] = { {
    .age_rule = SUBSIDY_AGE_PERIOD_START,
    .region = DAZHU,
    .amount = { .kind = SUBSIDY_AMOUNT_AGE_BANDS,
	        .bands = gaoling_bands,
	        .n_bands = 3 },
} };

static const struct subsidy_scheme gaoling = {
	.id = "dazhu.gaoling",
	.name_zh = "高龄津贴",
	.name_en = "advanced-age allowance",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.ref_day = SUBSIDY_REF_PERIOD_START,
	.death = SUBSIDY_DEATH_PAY_PERIOD,
	.versions = gaoling_v,
	.n_versions = 1,
};

static const struct subsidy_version jinglao_v[] = { {
    .age_rule = SUBSIDY_AGE_PERIOD_END,
    .min_age = 100,
    .region = DAZHU,
    .amount = { .kind = SUBSIDY_AMOUNT_FIXED, .fixed = { .fen = DZ_JINGLAO } },
} };

static const struct subsidy_scheme jinglao = {
	.id = "dazhu.jinglaojin",
	.name_zh = "百岁老人敬老金",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_YEARLY,
	.ref_day = SUBSIDY_REF_PERIOD_END,
	.versions = jinglao_v,
	.n_versions = 1,
};

static const struct subsidy_version family_v[] = { {
    .age_rule = SUBSIDY_AGE_PERIOD_END,
    .min_age = 100,
    .region = DAZHU,
    .amount = { .kind = SUBSIDY_AMOUNT_FIXED, .fixed = { .fen = DZ_FAMILY } },
} };

static const struct subsidy_scheme family = {
	.id = "dazhu.jiating_jiangli",
	.name_zh = "百岁老人家庭奖励金",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_YEARLY,
	.ref_day = SUBSIDY_REF_PERIOD_END,
	.versions = family_v,
	.n_versions = 1,
};

static const char *const tekun[] = { "tekun_centralized", "tekun_dispersed" };
static const char *const urban[] = { "urban" };
static const char *const rural[] = { "rural" };

static const struct subsidy_level_amount care_levels[] = {
	{ ASSESS_CARE_SELF, { .fen = DZ_CARE_SELF } },
	{ ASSESS_CARE_PARTLY, { .fen = DZ_CARE_PARTLY } },
	{ ASSESS_CARE_DISABLED, { .fen = DZ_CARE_DISABLED } },
};

static const struct subsidy_version care_v[] = { {
    .any_of = tekun,
    .n_any_of = 2,
    .region = DAZHU,
    .amount = { .kind = SUBSIDY_AMOUNT_CARE_LEVELS,
	        .levels = care_levels,
	        .n_levels = 3 },
} };

static const struct subsidy_scheme care = {
	.id = "dazhu.tekun_care",
	.name_zh = "特困人员照料护理补贴",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.ref_day = SUBSIDY_REF_PERIOD_START,
	.versions = care_v,
	.n_versions = 1,
};

static const struct subsidy_version urban_v[] = { {
    .any_of = tekun,
    .n_any_of = 2,
    .all_of = urban,
    .n_all_of = 1,
    .region = DAZHU,
    .amount = { .kind = SUBSIDY_AMOUNT_FIXED,
	        .fixed = { .fen = DZ_TEKUN_URBAN } },
} };

static const struct subsidy_version rural_v[] = { {
    .any_of = tekun,
    .n_any_of = 2,
    .all_of = rural,
    .n_all_of = 1,
    .region = DAZHU,
    .amount = { .kind = SUBSIDY_AMOUNT_FIXED,
	        .fixed = { .fen = DZ_TEKUN_RURAL } },
} };

static const struct subsidy_scheme tekun_urban = {
	.id = "dazhu.tekun_basic_urban",
	.name_zh = "城市特困人员基本生活费",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.versions = urban_v,
	.n_versions = 1,
};

static const struct subsidy_scheme tekun_rural = {
	.id = "dazhu.tekun_basic_rural",
	.name_zh = "农村特困人员基本生活费",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.versions = rural_v,
	.n_versions = 1,
};

static const char *const private_[] = { "private" };

static const struct subsidy_unit_rate jdz_res_units[] = {
	{ "disabled_residents",
	  "失能入住",
	  "disabled residents",
	  "人",
	  { .fen = JDZ_DISABLED } },
	{ "partly_disabled_residents",
	  "半失能入住",
	  "partly disabled residents",
	  "人",
	  { .fen = JDZ_PARTLY } },
};

static const struct subsidy_version jdz_res_v[] = { {
    .all_of = private_,
    .n_all_of = 1,
    .region = JINGDEZHEN,
    .amount = { .kind = SUBSIDY_AMOUNT_PER_UNIT,
	        .units = jdz_res_units,
	        .n_units = 2 },
} };

static const struct subsidy_scheme jdz_residents = {
	.id = "jingdezhen.disabled_intake",
	.name_zh = "民办养老机构失能半失能老年人入住补贴",
	.beneficiary = SUBSIDY_INSTITUTION,
	.frequency = SUBSIDY_MONTHLY,
	.ref_day = SUBSIDY_REF_PERIOD_END,
	.versions = jdz_res_v,
	.n_versions = 1,
};

static const struct subsidy_unit_rate jdz_train_units[] = {
	{ "trainees_level5",
	  "初级（五级）",
	  "level-5 trainees",
	  "人",
	  { .fen = JDZ_L5 } },
	{ "trainees_level4",
	  "中级（四级）",
	  "level-4 trainees",
	  "人",
	  { .fen = JDZ_L4 } },
	{ "trainees_level3",
	  "高级（三级）",
	  "level-3 trainees",
	  "人",
	  { .fen = JDZ_L3 } },
	{ "trainees_level2",
	  "技师（二级）",
	  "level-2 trainees",
	  "人",
	  { .fen = JDZ_L2 } },
	{ "trainees_level1",
	  "高级技师（一级）",
	  "level-1 trainees",
	  "人",
	  { .fen = JDZ_L1 } },
	{ "trainees_certificate",
	  "仅培训合格证书",
	  "certificate-only trainees",
	  "人",
	  { .fen = JDZ_CERT } },
};

static const struct subsidy_version jdz_train_v[] = { {
    .region = JINGDEZHEN,
    .amount = { .kind = SUBSIDY_AMOUNT_PER_UNIT,
	        .units = jdz_train_units,
	        .n_units = 6 },
} };

static const struct subsidy_scheme jdz_training = {
	.id = "jingdezhen.training",
	.name_zh = "职业培训补贴",
	.beneficiary = SUBSIDY_PROVIDER,
	.frequency = SUBSIDY_ONCE,
	.versions = jdz_train_v,
	.n_versions = 1,
};

static const struct subsidy_version jdz_basic_v[] = { {
    .any_of = tekun,
    .n_any_of = 2,
    .region = JINGDEZHEN,
    .amount = { .kind = SUBSIDY_AMOUNT_FIXED,
	        .fixed = { .param = "dibao_standard", .num = 13, .den = 10 } },
} };

static const struct subsidy_scheme jdz_basic = {
	.id = "jingdezhen.tekun_basic",
	.name_zh = "特困人员基本生活费",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.versions = jdz_basic_v,
	.n_versions = 1,
};

static const struct subsidy_level_amount jdz_care_levels[] = {
	{ ASSESS_CARE_DISABLED,
	  { .param = "min_wage", .num = 80, .den = 100 } },
	{ ASSESS_CARE_PARTLY, { .param = "min_wage", .num = 20, .den = 100 } },
};

static const struct subsidy_version jdz_care_v[] = { {
    .any_of = tekun,
    .n_any_of = 2,
    .region = JINGDEZHEN,
    .amount = { .kind = SUBSIDY_AMOUNT_CARE_LEVELS,
	        .levels = jdz_care_levels,
	        .n_levels = 2 },
} };

static const struct subsidy_scheme jdz_care = {
	.id = "jingdezhen.tekun_care",
	.name_zh = "特困失能半失能人员照料护理经费",
	.beneficiary = SUBSIDY_PERSON,
	.frequency = SUBSIDY_MONTHLY,
	.versions = jdz_care_v,
	.n_versions = 1,
};

static const char *const private_nonprofit[] = { "private", "nonprofit" };

static const struct subsidy_unit_rate bz_bed_units[] = {
	{ "avg_occupied_beds",
	  "年平均实际入住床位",
	  "average occupied beds",
	  "张",
	  { .fen = BZ_BED } },
};

static const struct subsidy_version bz_bed_v[] = { {
    .all_of = private_nonprofit,
    .n_all_of = 2,
    .region = BAZHONG,
    .amount = { .kind = SUBSIDY_AMOUNT_PER_UNIT,
	        .units = bz_bed_units,
	        .n_units = 1 },
} };

static const struct subsidy_scheme bz_beds = {
	.id = "bazhong.bed_operation",
	.name_zh = "民办非营利性养老机构运营补贴",
	.beneficiary = SUBSIDY_INSTITUTION,
	.frequency = SUBSIDY_YEARLY,
	.ref_day = SUBSIDY_REF_PERIOD_END,
	.versions = bz_bed_v,
	.n_versions = 1,
};

static const struct subsidy_unit_rate bz_slot_units[] = {
	{ "affordable_slots",
	  "普惠托位",
	  "affordable slots",
	  "个",
	  { .fen = BZ_SLOT } },
};

static const struct subsidy_version bz_slot_v[] = { {
    .region = BAZHONG,
    .amount = { .kind = SUBSIDY_AMOUNT_PER_UNIT,
	        .units = bz_slot_units,
	        .n_units = 1 },
} };

static const struct subsidy_scheme bz_slots = {
	.id = "bazhong.affordable_slot",
	.name_zh = "普惠托位建设补助",
	.beneficiary = SUBSIDY_INSTITUTION,
	.frequency = SUBSIDY_ONCE,
	.versions = bz_slot_v,
	.n_versions = 1,
};

/* ---- subjects ---- */

static const struct subsidy_span dazhu_home[] = { { DAZHU_HOME, NULL, NULL } };
static const struct subsidy_span jdz_home[] = { { "360202000000", NULL,
	                                          NULL } };
static const struct subsidy_span bz_home[] = { { "511902000000", "", "" } };

static struct subsidy_subject person(const char *birth)
{
	struct subsidy_subject s = {
		.kind = SUBSIDY_PERSON,
		.birth = birth,
		.residence = dazhu_home,
		.n_residence = 1,
	};
	return s;
}

/* ---- helpers ---- */

static struct subsidy_result eval(const struct subsidy_scheme *s,
                                  const struct subsidy_subject *subj,
                                  struct period p,
                                  const struct subsidy_param *params, size_t n)
{
	struct subsidy_result r;
	struct lx_error err;

	lx_error_clear(&err);
	if (subsidy_evaluate(A, s, subj, p, params, n, &r, &err) != 0)
		fail_msg("'%s' refused: %s: %s", s->id, err.field, err.message);
	assert_non_null(r.reason_zh);
	assert_non_null(r.reason_en);
	assert_true(r.reason_zh[0] && r.reason_en[0]);
	assert_ptr_equal(r.scheme, s);
	return r;
}

static struct subsidy_result paid(const struct subsidy_scheme *s,
                                  const struct subsidy_subject *subj,
                                  struct period p, int64_t fen)
{
	struct subsidy_result r = eval(s, subj, p, NULL, 0);

	if (!r.eligible || r.fen != fen || r.outcome != SUBSIDY_PAID)
		fail_msg("'%s' gave eligible %d fen %lld (%s), want %lld",
		         s->id, r.eligible, (long long)r.fen, r.reason_zh,
		         (long long)fen);
	return r;
}

static struct subsidy_result refused(const struct subsidy_scheme *s,
                                     const struct subsidy_subject *subj,
                                     struct period p, enum subsidy_outcome o)
{
	struct subsidy_result r = eval(s, subj, p, NULL, 0);

	if (r.eligible || r.fen != 0 || r.outcome != o)
		fail_msg("'%s' gave eligible %d fen %lld outcome %s (%s), "
		         "want %s",
		         s->id, r.eligible, (long long)r.fen,
		         subsidy_outcome_names.names[r.outcome], r.reason_zh,
		         subsidy_outcome_names.names[o]);
	return r;
}

static void has(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("'%s' does not contain '%s'", text, part);
}

/* A copy of a one-version scheme with other day rules. */
struct variant {
	struct subsidy_scheme s;
	struct subsidy_version v;
};

static const struct subsidy_scheme *vary(struct variant *x,
                                         const struct subsidy_scheme *base,
                                         enum subsidy_ref_day ref,
                                         enum subsidy_age_rule age,
                                         enum subsidy_death_rule death)
{
	x->s = *base;
	x->v = base->versions[0];
	x->v.age_rule = age;
	x->s.ref_day = ref;
	x->s.death = death;
	x->s.versions = &x->v;
	return &x->s;
}

/* The scheme is refused with LX_EINVALID naming field in err.field and
 * in the message. */
static void bad_scheme(const struct subsidy_scheme *s, const char *field)
{
	struct subsidy_subject p = person("1940-01-01");
	struct subsidy_result r;
	struct lx_error err;

	lx_error_clear(&err);
	if (subsidy_scheme_check(s, &err) != -1)
		fail_msg("scheme accepted, want '%s' refused", field);
	assert_int_equal(err.code, LX_EINVALID);
	if (strcmp(err.field, field))
		fail_msg("field '%s' (%s), want '%s'", err.field, err.message,
		         field);
	has(err.message, field);
	/* evaluation refuses it the same way and fills nothing */
	lx_error_clear(&err);
	memset(&r, 0x5a, sizeof(r));
	assert_int_equal(
	    subsidy_evaluate(A, s, &p, month(2025, 3), NULL, 0, &r, &err), -1);
	assert_string_equal(err.field, field);
	assert_null(r.reason_zh);
	assert_int_equal(r.fen, 0);
}

static void bad_eval(const struct subsidy_scheme *s,
                     const struct subsidy_subject *subj, struct period p,
                     const struct subsidy_param *params, size_t n,
                     const char *field)
{
	struct subsidy_result r;
	struct lx_error err;

	lx_error_clear(&err);
	if (subsidy_evaluate(A, s, subj, p, params, n, &r, &err) != -1)
		fail_msg("'%s' evaluated, want '%s' refused", s->id, field);
	assert_int_equal(err.code, LX_EINVALID);
	if (strcmp(err.field, field))
		fail_msg("field '%s' (%s), want '%s'", err.field, err.message,
		         field);
	assert_int_equal(r.eligible, 0);
	assert_null(r.reason_zh);
}

/* ---- 大竹 figures ---- */

static void test_dazhu_gaoling_figures(void **state)
{
	/* age on 2025-03-01: 1940-01-10 → 85, 1933-01-10 → 92, 1924-01-10
	 * → 101 */
	struct subsidy_subject p85 = person("1940-01-10");
	struct subsidy_subject p92 = person("1933-01-10");
	struct subsidy_subject p101 = person("1924-01-10");
	struct subsidy_result r;

	r = paid(&gaoling, &p85, month(2025, 3), 6000); /* 60 元 */
	assert_int_equal(r.age, 85);
	assert_string_equal(r.reason_zh, "年满85周岁（按2025-03-01计），"
	                                 "按80–89周岁档，每月60元");
	assert_string_equal(r.reason_en,
	                    "aged 85 on 2025-03-01, band 80–89; 60 yuan a "
	                    "month");
	r = paid(&gaoling, &p92, month(2025, 3), 12000); /* 120 元 */
	assert_string_equal(r.reason_zh, "年满92周岁（按2025-03-01计），"
	                                 "按90–99周岁档，每月120元");
	r = paid(&gaoling, &p101, month(2025, 3), 60000); /* 600 元 */
	assert_string_equal(r.reason_zh, "年满101周岁（按2025-03-01计），"
	                                 "按100周岁及以上档，每月600元");
	/* under 80: nothing; the reason gives the age */
	struct subsidy_subject p79 = person("1945-06-01");
	r = refused(&gaoling, &p79, month(2025, 3), SUBSIDY_AGE);
	assert_int_equal(r.age, 79);
	assert_string_equal(r.reason_zh, "2025-03-01未满80周岁（79周岁）");
}

static void test_dazhu_centenarian(void **state)
{
	/* 101 on 2025-12-31: 600 元 a month and 2000 + 2000 = 4000 元 a
	 * year */
	struct subsidy_subject p101 = person("1924-01-10");
	const struct subsidy_scheme yearly[] = { jinglao, family };
	struct subsidy_result *rs;
	struct subsidy_result r;
	struct lx_error err;
	int64_t total = -1;

	paid(&gaoling, &p101, month(2025, 12), DZ_GAOLING_100);
	r = paid(&jinglao, &p101, year(2025), 200000);
	assert_string_equal(r.reason_zh,
	                    "年满101周岁（按2025-12-31计），每年2000元");
	paid(&family, &p101, year(2025), 200000);
	lx_error_clear(&err);
	assert_int_equal(subsidy_evaluate_set(A, yearly, 2, &p101, year(2025),
	                                      NULL, 0, &rs, &total, &err),
	                 0);
	assert_int_equal(total, 400000); /* 4000 元 */
	assert_int_equal(rs[0].fen + rs[1].fen, 400000);
	/* turning 100 on 2025-07-01: the rule is age on 2025-12-31 → 100,
	 * paid for 2025; 99 all of 2024 → not paid */
	struct subsidy_subject p100 = person("1925-07-01");
	paid(&jinglao, &p100, year(2025), DZ_JINGLAO);
	refused(&jinglao, &p100, year(2024), SUBSIDY_AGE);
	/* the grants are yearly: a month is refused */
	bad_eval(&jinglao, &p101, month(2025, 3), NULL, 0, "period");
}

static void test_dazhu_tekun_care(void **state)
{
	/* 50 / 200 / 400 元 by the level in force on 2025-03-01 */
	static const struct subsidy_span cat[] = {
		{ "tekun_dispersed", "2020-01-01", NULL },
	};
	static const struct subsidy_assessment self[] = { { ASSESS_CARE_SELF,
		                                            "2024-05-06" } };
	static const struct subsidy_assessment partly[] = {
		{ ASSESS_CARE_PARTLY, "2024-05-06" }
	};
	static const struct subsidy_assessment disabled[] = {
		{ ASSESS_CARE_DISABLED, "2024-05-06" }
	};
	struct subsidy_subject p = person("1950-02-02");
	struct subsidy_result r;

	p.categories = cat;
	p.n_categories = 1;
	p.n_assessments = 1;
	p.assessments = self;
	paid(&care, &p, month(2025, 3), 5000);
	p.assessments = partly;
	paid(&care, &p, month(2025, 3), 20000);
	p.assessments = disabled;
	r = paid(&care, &p, month(2025, 3), 40000);
	assert_string_equal(r.reason_zh, "特困人员分散供养，失能（2024-05-06"
	                                 "评估），每月400元");
	/* no longer 特困 */
	static const struct subsidy_span ended[] = {
		{ "tekun_dispersed", "2020-01-01", "2025-02-28" },
	};
	p.categories = ended;
	r = refused(&care, &p, month(2025, 3), SUBSIDY_CATEGORY);
	assert_string_equal(r.reason_zh, "2025-03-01不属于特困人员集中供养、"
	                                 "特困人员分散供养");
	/* never assessed */
	p.categories = cat;
	p.n_assessments = 0;
	r = refused(&care, &p, month(2025, 3), SUBSIDY_CARE_LEVEL);
	has(r.reason_zh, "无能力评估");
}

static void test_dazhu_tekun_urban_rural(void **state)
{
	/* 884 元 urban, 624 元 rural; each scheme refuses the other */
	static const struct subsidy_span urb[] = {
		{ "tekun_centralized", "2019-03-01", NULL },
		{ "urban", NULL, NULL },
	};
	static const struct subsidy_span rur[] = {
		{ "tekun_dispersed", "2019-03-01", NULL },
		{ "rural", NULL, NULL },
	};
	struct subsidy_subject p = person("1948-08-08");
	struct subsidy_result r;

	p.categories = urb;
	p.n_categories = 2;
	r = paid(&tekun_urban, &p, month(2025, 3), 88400);
	assert_string_equal(r.reason_zh, "特困人员集中供养、城市，每月884元");
	r = refused(&tekun_rural, &p, month(2025, 3), SUBSIDY_CATEGORY);
	assert_string_equal(r.reason_zh, "2025-03-01不属于农村");
	p.categories = rur;
	paid(&tekun_rural, &p, month(2025, 3), 62400);
	refused(&tekun_urban, &p, month(2025, 3), SUBSIDY_CATEGORY);
	/* no 特困 at all */
	p.n_categories = 0;
	refused(&tekun_rural, &p, month(2025, 3), SUBSIDY_CATEGORY);
}

/* ---- age bands at their edges ---- */

static void test_band_boundaries(void **state)
{
	/* age on 2025-03-01 (period_start): born on 03-01 has the birthday
	 * that day, born on 03-02 is one year younger. */
	static const struct {
		const char *birth;
		int age;
		int64_t fen;
	} cases[] = {
		{ "1945-03-02", 79, 0 },     { "1945-03-01", 80, 6000 },
		{ "1935-03-02", 89, 6000 },  { "1935-03-01", 90, 12000 },
		{ "1925-03-02", 99, 12000 }, { "1925-03-01", 100, 60000 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct subsidy_subject p = person(cases[i].birth);
		struct subsidy_result r =
		    eval(&gaoling, &p, month(2025, 3), NULL, 0);

		if (r.age != cases[i].age || r.fen != cases[i].fen ||
		    r.eligible != (cases[i].fen > 0))
			fail_msg("born %s: age %d fen %lld, want %d %lld",
			         cases[i].birth, r.age, (long long)r.fen,
			         cases[i].age, (long long)cases[i].fen);
	}
}

static void test_birthday_in_month(void **state)
{
	struct variant x;
	const struct subsidy_scheme *s;
	/* turns 80 on 2025-03-15 */
	struct subsidy_subject mid = person("1945-03-15");
	/* turns 80 on 2025-03-01 */
	struct subsidy_subject first = person("1945-03-01");
	/* turns 90 on 2025-03-15 */
	struct subsidy_subject ninety = person("1935-03-15");

	/* period_start: age on 03-01 → 79 in March; 04-01 → 80 */
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_START,
	         SUBSIDY_AGE_PERIOD_START, SUBSIDY_DEATH_PAY_PERIOD);
	refused(s, &mid, month(2025, 3), SUBSIDY_AGE);
	paid(s, &mid, month(2025, 4), 6000);
	paid(s, &first, month(2025, 3), 6000);
	paid(s, &ninety, month(2025, 3), 6000); /* still 89 on 03-01 */
	paid(s, &ninety, month(2025, 4), 12000);

	/* period_end: age on 03-31 → 80: the birthday month counts */
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_START, SUBSIDY_AGE_PERIOD_END,
	         SUBSIDY_DEATH_PAY_PERIOD);
	refused(s, &mid, month(2025, 2), SUBSIDY_AGE);
	paid(s, &mid, month(2025, 3), 6000);
	paid(s, &first, month(2025, 3), 6000);
	paid(s, &ninety, month(2025, 3), 12000);
	has(eval(s, &mid, month(2025, 3), NULL, 0).reason_zh,
	    "年满80周岁（按2025-03-31计）");

	/* next_period: age on the last day of February → 79 in March for
	 * both, 80 in April (次月起) */
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_START,
	         SUBSIDY_AGE_NEXT_PERIOD, SUBSIDY_DEATH_PAY_PERIOD);
	refused(s, &mid, month(2025, 3), SUBSIDY_AGE);
	refused(s, &first, month(2025, 3), SUBSIDY_AGE);
	paid(s, &mid, month(2025, 4), 6000);
	paid(s, &first, month(2025, 4), 6000);
	paid(s, &ninety, month(2025, 4), 12000);
	has(eval(s, &first, month(2025, 3), NULL, 0).reason_zh,
	    "2025-02-28未满80周岁（79周岁）");

	/* born on 29 February 1936: in 2026, a common year, 90 only on
	 * 03-01, so February is still the 80–89 band even when the birthday
	 * month counts */
	struct subsidy_subject leap = person("1936-02-29");
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_START, SUBSIDY_AGE_PERIOD_END,
	         SUBSIDY_DEATH_PAY_PERIOD);
	paid(s, &leap, month(2026, 2), 6000);
	paid(s, &leap, month(2026, 3), 12000);
}

static void test_age_bounds_gaps_and_filters(void **state)
{
	/* bands with a gap (80–89, then 100+): 95 is in none */
	static const struct subsidy_band gap[] = {
		{ 80, 89, { .fen = DZ_GAOLING_80 } },
		{ 100, -1, { .fen = DZ_GAOLING_100 } },
	};
	struct subsidy_version v = gaoling_v[0];
	struct subsidy_scheme s = gaoling;
	struct subsidy_subject p95 = person("1930-01-10");
	struct subsidy_subject p85 = person("1940-01-10");
	struct subsidy_result r;

	v.amount.bands = gap;
	v.amount.n_bands = 2;
	s.versions = &v;
	r = refused(&s, &p95, month(2025, 3), SUBSIDY_AGE);
	assert_string_equal(r.reason_zh,
	                    "2025-03-01年满95周岁，不在任何年龄档内");
	paid(&s, &p85, month(2025, 3), 6000);

	/* an upper bound: 80–89 only, fixed 60 元 */
	v = gaoling_v[0];
	v.min_age = 80;
	v.max_age = 89;
	v.amount = (struct subsidy_amount){ .kind = SUBSIDY_AMOUNT_FIXED,
		                            .fixed = { .fen = DZ_GAOLING_80 } };
	paid(&s, &p85, month(2025, 3), 6000);
	r = refused(&s, &p95, month(2025, 3), SUBSIDY_AGE);
	assert_string_equal(r.reason_zh, "2025-03-01已超过89周岁（95周岁）");

	/* a barred category: 特困 support not paid alongside 低保 */
	static const char *const dibao[] = { "dibao" };
	static const struct subsidy_span both[] = {
		{ "tekun_centralized", NULL, NULL },
		{ "urban", NULL, NULL },
		{ "dibao", "2025-01-01", "2025-03-31" },
	};
	struct subsidy_version u = urban_v[0];
	struct subsidy_scheme t = tekun_urban;
	struct subsidy_subject q = person("1950-02-02");
	u.none_of = dibao;
	u.n_none_of = 1;
	t.versions = &u;
	q.categories = both;
	q.n_categories = 3;
	r = refused(&t, &q, month(2025, 3), SUBSIDY_EXCLUDED_CATEGORY);
	assert_string_equal(r.reason_zh, "2025-03-01属于低保，不得享受");
	paid(&t, &q, month(2025, 4), DZ_TEKUN_URBAN);

	/* a care-level filter on a fixed amount: disabled only */
	static const int disabled_only[] = { ASSESS_CARE_DISABLED };
	static const struct subsidy_assessment partly[] = {
		{ ASSESS_CARE_PARTLY, "2024-01-01" },
	};
	u = urban_v[0];
	u.care_levels = disabled_only;
	u.n_care_levels = 1;
	q.n_categories = 2;
	q.assessments = partly;
	q.n_assessments = 1;
	r = refused(&t, &q, month(2025, 3), SUBSIDY_CARE_LEVEL);
	assert_string_equal(r.reason_zh, "2025-03-01能力等级为半失能（2024-01-"
	                                 "01评估），不在享受范围内");
}

static void test_death(void **state)
{
	struct variant x;
	const struct subsidy_scheme *s;
	struct subsidy_subject p = person("1940-01-10"); /* 85 */
	struct subsidy_result r;

	/* pay_period_of_death: died 2025-03-10 → March paid, April not */
	p.death = "2025-03-10";
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_START,
	         SUBSIDY_AGE_PERIOD_START, SUBSIDY_DEATH_PAY_PERIOD);
	paid(s, &p, month(2025, 3), 6000);
	r = refused(s, &p, month(2025, 4), SUBSIDY_DEAD);
	assert_string_equal(r.reason_zh, "2025-03-10死亡，本期不再发放");
	/* death before the reference day (03-31) and the month still paid:
	 * residence judged on the day of death */
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_END, SUBSIDY_AGE_PERIOD_END,
	         SUBSIDY_DEATH_PAY_PERIOD);
	paid(s, &p, month(2025, 3), 6000);
	static const struct subsidy_span until_death[] = {
		{ DAZHU_HOME, NULL, "2025-03-10" },
	};
	p.residence = until_death;
	paid(s, &p, month(2025, 3), 6000);
	p.residence = dazhu_home;

	/* stop_period_of_death: the month of death is not paid, the one
	 * before is; death on the last day is still in the month */
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_START,
	         SUBSIDY_AGE_PERIOD_START, SUBSIDY_DEATH_STOP_PERIOD);
	paid(s, &p, month(2025, 2), 6000);
	r = refused(s, &p, month(2025, 3), SUBSIDY_DEAD);
	assert_string_equal(r.reason_zh, "2025-03-10死亡，死亡当期停发");
	p.death = "2025-03-31";
	refused(s, &p, month(2025, 3), SUBSIDY_DEAD);
	p.death = "2025-04-01";
	paid(s, &p, month(2025, 3), 6000);

	/* age is never taken after death: would turn 80 on 03-20, died on
	 * 03-10 at 79 */
	struct subsidy_subject q = person("1945-03-20");
	q.death = "2025-03-10";
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_START, SUBSIDY_AGE_PERIOD_END,
	         SUBSIDY_DEATH_PAY_PERIOD);
	r = refused(s, &q, month(2025, 3), SUBSIDY_AGE);
	assert_int_equal(r.age, 79);
}

static void test_moved_out(void **state)
{
	/* lived in 大竹 until 2025-03-14, in 通川区 from 03-15 */
	static const struct subsidy_span moved[] = {
		{ DAZHU_HOME, "1990-01-01", "2025-03-14" },
		{ DAZHOU_DISTRICT, "2025-03-15", NULL },
	};
	struct variant x;
	const struct subsidy_scheme *s;
	struct subsidy_subject p = person("1940-01-10");
	struct subsidy_result r;

	p.residence = moved;
	p.n_residence = 2;
	/* reference day 03-01: still resident, March paid; April not */
	paid(&gaoling, &p, month(2025, 3), 6000);
	r = refused(&gaoling, &p, month(2025, 4), SUBSIDY_NOT_RESIDENT);
	assert_string_equal(r.reason_zh,
	                    "2025-04-01居住地不在区划511724000000内");
	/* reference day 03-31: moved out by then, March not paid */
	s = vary(&x, &gaoling, SUBSIDY_REF_PERIOD_END, SUBSIDY_AGE_PERIOD_START,
	         SUBSIDY_DEATH_PAY_PERIOD);
	refused(s, &p, month(2025, 3), SUBSIDY_NOT_RESIDENT);
	paid(s, &p, month(2025, 2), 6000);
	/* no residence at all */
	p.n_residence = 0;
	refused(&gaoling, &p, month(2025, 3), SUBSIDY_NOT_RESIDENT);
}

static void test_suspended(void **state)
{
	static const struct subsidy_span susp[] = {
		{ NULL, "2025-02-01", "2025-04-30" },
	};
	struct subsidy_subject p = person("1940-01-10");
	struct subsidy_result r;

	p.suspensions = susp;
	p.n_suspensions = 1;
	paid(&gaoling, &p, month(2025, 1), 6000);
	r = refused(&gaoling, &p, month(2025, 3), SUBSIDY_SUSPENDED);
	assert_string_equal(
	    r.reason_zh, "2025-03-01处于暂停发放期（2025-02-01至2025-04-30）");
	refused(&gaoling, &p, month(2025, 4), SUBSIDY_SUSPENDED);
	paid(&gaoling, &p, month(2025, 5), 6000);
}

static void test_level_change_mid_month(void **state)
{
	/* partly disabled since 2024-06-01, reassessed disabled 2025-03-15 */
	static const struct subsidy_span cat[] = {
		{ "tekun_centralized", NULL, NULL },
	};
	static const struct subsidy_assessment as[] = {
		{ ASSESS_CARE_DISABLED, "2025-03-15" },
		{ ASSESS_CARE_PARTLY, "2024-06-01" },
	};
	struct variant x;
	const struct subsidy_scheme *s;
	struct subsidy_subject p = person("1950-02-02");
	struct subsidy_result r;

	p.categories = cat;
	p.n_categories = 1;
	p.assessments = as;
	p.n_assessments = 2;
	/* reference day 03-01: partly → 200 元; April: disabled → 400 元 */
	paid(&care, &p, month(2025, 3), 20000);
	paid(&care, &p, month(2025, 4), 40000);
	/* reference day 03-31: disabled already → 400 元 */
	s = vary(&x, &care, SUBSIDY_REF_PERIOD_END, SUBSIDY_AGE_PERIOD_START,
	         SUBSIDY_DEATH_PAY_PERIOD);
	r = paid(s, &p, month(2025, 3), 40000);
	has(r.reason_zh, "失能（2025-03-15评估）");
	/* before any assessment */
	refused(&care, &p, month(2024, 5), SUBSIDY_CARE_LEVEL);
}

static void test_versions(void **state)
{
	/* The same allowance at 20 / 100 / 400 元 (十二五末) and at 60 / 120
	 * / 600 元. The seed does not say on which day it was raised;
	 * 2021-01-01 is this test's choice. */
	static const struct subsidy_band old_bands[] = {
		{ 80, 89, { .fen = DZ_GAOLING_OLD_80 } },
		{ 90, 99, { .fen = DZ_GAOLING_OLD_90 } },
		{ 100, -1, { .fen = DZ_GAOLING_OLD_100 } },
	};
	struct subsidy_version v[2] = { gaoling_v[0], gaoling_v[0] };
	struct subsidy_scheme s = gaoling;
	struct subsidy_subject p85 = person("1935-06-01");
	struct subsidy_subject p101 = person("1919-06-01");
	struct subsidy_result r;

	v[0].to = "2020-12-31";
	v[0].amount.bands = old_bands;
	v[1].from = "2021-01-01";
	s.versions = v;
	s.n_versions = 2;
	r = paid(&s, &p85, month(2020, 12), 2000);
	assert_int_equal(r.version, 0);
	r = paid(&s, &p85, month(2021, 1), 6000);
	assert_int_equal(r.version, 1);
	paid(&s, &p101, month(2020, 12), 40000);
	paid(&s, &p101, month(2021, 1), 60000);
	/* an eligibility change on a date: from 2022 only 90+ */
	static const struct subsidy_band ninety_up[] = {
		{ 90, 99, { .fen = DZ_GAOLING_90 } },
		{ 100, -1, { .fen = DZ_GAOLING_100 } },
	};
	struct subsidy_version w[2] = { gaoling_v[0], gaoling_v[0] };
	w[0].to = "2021-12-31";
	w[1].from = "2022-01-01";
	w[1].amount.bands = ninety_up;
	w[1].amount.n_bands = 2;
	s.versions = w;
	paid(&s, &p85, month(2021, 12), 6000);
	refused(&s, &p85, month(2022, 1), SUBSIDY_AGE);
}

static void test_out_of_force(void **state)
{
	struct subsidy_version v = gaoling_v[0];
	struct subsidy_scheme s = gaoling;
	struct subsidy_subject p = person("1940-01-10");
	struct subsidy_result r;

	v.from = "2026-01-01";
	s.versions = &v;
	r = refused(&s, &p, month(2025, 12), SUBSIDY_OUT_OF_FORCE);
	assert_string_equal(r.reason_zh,
	                    "「高龄津贴」在2025-12-01不在有效期内");
	assert_int_equal(r.version, -1);
	paid(&s, &p, month(2026, 1), 6000);
	v.from = NULL;
	v.to = "2024-06-30";
	paid(&s, &p, month(2024, 6), 6000);
	refused(&s, &p, month(2024, 7), SUBSIDY_OUT_OF_FORCE);
}

static void test_exclusive(void **state)
{
	/* Two allowances that may not both be paid (不重复享受): the higher
	 * is paid. 85 and partly disabled 特困: 高龄 60 元, care 200 元. */
	static const struct subsidy_span cat[] = {
		{ "tekun_dispersed", NULL, NULL },
	};
	static const struct subsidy_assessment as[] = {
		{ ASSESS_CARE_PARTLY, "2024-06-01" },
	};
	struct subsidy_scheme set[3] = { gaoling, care, tekun_urban };
	struct subsidy_subject p = person("1940-01-10");
	struct subsidy_result *r;
	struct lx_error err;
	int64_t total = -1;

	p.categories = cat;
	p.n_categories = 1;
	p.assessments = as;
	p.n_assessments = 1;
	set[0].group = "elderly_allowance";
	set[1].group = "elderly_allowance";
	lx_error_clear(&err);
	assert_int_equal(subsidy_evaluate_set(A, set, 3, &p, month(2025, 3),
	                                      NULL, 0, &r, &total, &err),
	                 0);
	assert_int_equal(r[0].eligible, 0);
	assert_int_equal(r[0].outcome, SUBSIDY_EXCLUSIVE);
	assert_int_equal(r[0].excluded_by, 1);
	assert_int_equal(r[0].fen, 0);
	assert_string_equal(r[0].reason_zh,
	                    "与「特困人员照料护理补贴」同属互斥组"
	                    "elderly_allowance，不重复享受，按就高原则发放"
	                    "「特困人员照料护理补贴」200元，本项60元不发放");
	assert_int_equal(r[1].eligible, 1);
	assert_int_equal(r[1].fen, 20000);
	assert_int_equal(r[1].excluded_by, -1);
	assert_int_equal(r[2].outcome, SUBSIDY_CATEGORY); /* not urban */
	assert_int_equal(total, 20000);

	/* equal amounts: the lower priority number wins, then the order */
	static const struct subsidy_band flat[] = {
		{ 80, -1, { .fen = DZ_CARE_PARTLY } },
	};
	struct subsidy_version v = gaoling_v[0];
	v.amount.bands = flat;
	v.amount.n_bands = 1;
	set[0].versions = &v;
	set[0].priority = 2;
	set[1].priority = 1;
	assert_int_equal(subsidy_evaluate_set(A, set, 2, &p, month(2025, 3),
	                                      NULL, 0, &r, &total, &err),
	                 0);
	assert_int_equal(r[0].outcome, SUBSIDY_EXCLUSIVE);
	assert_int_equal(r[1].outcome, SUBSIDY_PAID);
	set[0].priority = 1;
	assert_int_equal(subsidy_evaluate_set(A, set, 2, &p, month(2025, 3),
	                                      NULL, 0, &r, &total, &err),
	                 0);
	assert_int_equal(r[0].outcome, SUBSIDY_PAID);
	assert_int_equal(r[1].outcome, SUBSIDY_EXCLUSIVE);
	assert_int_equal(r[1].excluded_by, 0);
	assert_int_equal(total, 20000);

	/* one not eligible: the other is paid, nothing excluded */
	p.n_categories = 0;
	assert_int_equal(subsidy_evaluate_set(A, set, 2, &p, month(2025, 3),
	                                      NULL, 0, &r, &total, &err),
	                 0);
	assert_int_equal(r[0].outcome, SUBSIDY_PAID);
	assert_int_equal(r[1].outcome, SUBSIDY_CATEGORY);
	assert_int_equal(total, 20000);

	/* a group mixing a monthly and a yearly scheme is refused */
	struct subsidy_scheme mixed[2] = { gaoling, jinglao };
	mixed[0].group = "g";
	mixed[1].group = "g";
	assert_int_equal(subsidy_evaluate_set(A, mixed, 2, &p, month(2025, 3),
	                                      NULL, 0, &r, &total, &err),
	                 -1);
	assert_string_equal(err.field, "schemes[1].group");
	assert_null(r);
	/* two schemes with one id */
	struct subsidy_scheme twice[2] = { gaoling, gaoling };
	assert_int_equal(subsidy_evaluate_set(A, twice, 2, &p, month(2025, 3),
	                                      NULL, 0, &r, &total, &err),
	                 -1);
	assert_string_equal(err.field, "schemes[1].id");
}

/* ---- 景德镇 figures ---- */

static void test_jdz_institution(void **state)
{
	/* 12 disabled + 7 partly: 12 × 200 + 7 × 100 = 2400 + 700 = 3100 元 */
	static const struct subsidy_span cat[] = { { "private", NULL, NULL } };
	static const struct subsidy_unit_count n[] = {
		{ "disabled_residents", 12 },
		{ "partly_disabled_residents", 7 },
	};
	struct subsidy_subject inst = {
		.kind = SUBSIDY_INSTITUTION,
		.residence = jdz_home,
		.n_residence = 1,
		.categories = cat,
		.n_categories = 1,
		.units = n,
		.n_units = 2,
	};
	struct subsidy_result r;

	r = paid(&jdz_residents, &inst, month(2025, 3), 310000);
	assert_string_equal(r.reason_zh, "民办，失能入住12人×200元＋半失能入住"
	                                 "7人×100元，每月3100元");
	assert_string_equal(r.reason_en,
	                    "holds private; 12 disabled residents × 200 yuan "
	                    "+ 7 partly disabled residents × 100 yuan; 3100 "
	                    "yuan a month");
	/* only partly disabled residents: 7 × 100 = 700 元 */
	inst.units = n + 1;
	inst.n_units = 1;
	r = paid(&jdz_residents, &inst, month(2025, 3), 70000);
	assert_string_equal(r.reason_zh,
	                    "民办，半失能入住7人×100元，每月700元");
	/* none */
	inst.n_units = 0;
	refused(&jdz_residents, &inst, month(2025, 3), SUBSIDY_NO_UNITS);
	/* a public institution is not 民办 */
	static const struct subsidy_span pub[] = { { "public", NULL, NULL } };
	inst.categories = pub;
	inst.units = n;
	inst.n_units = 2;
	refused(&jdz_residents, &inst, month(2025, 3), SUBSIDY_CATEGORY);
	/* a person is not an institution */
	struct subsidy_subject p = person("1940-01-10");
	refused(&jdz_residents, &p, month(2025, 3), SUBSIDY_NOT_APPLICABLE);
	refused(&gaoling, &inst, month(2025, 3), SUBSIDY_NOT_APPLICABLE);
}

static void test_jdz_training(void **state)
{
	/* three level-5 + one level-2: 3 × 1200 + 4000 = 7600 元 */
	static const struct subsidy_unit_count n[] = {
		{ "trainees_level5", 3 },
		{ "trainees_level2", 1 },
	};
	/* one of each, and two certificate-only: 1200 + 1500 + 2000 + 4000
	 * + 5000 + 2 × 1000 = 15700 元 */
	static const struct subsidy_unit_count all[] = {
		{ "trainees_level1", 1 },    { "trainees_level2", 1 },
		{ "trainees_level3", 1 },    { "trainees_level4", 1 },
		{ "trainees_level5", 1 },    { "trainees_certificate", 2 },
		{ "not_in_the_scheme", 99 },
	};
	struct subsidy_subject prov = {
		.kind = SUBSIDY_PROVIDER,
		.residence = jdz_home,
		.n_residence = 1,
		.units = n,
		.n_units = 2,
	};
	struct subsidy_result r;

	r = paid(&jdz_training, &prov, month(2025, 6), 760000);
	assert_string_equal(r.reason_zh, "初级（五级）3人×1200元＋技师（二级）"
	                                 "1人×4000元，一次性7600元");
	prov.units = all;
	prov.n_units = 7;
	paid(&jdz_training, &prov, year(2025), 1570000);
	/* a one-off takes a month or a year, never a quarter */
	bad_eval(&jdz_training, &prov,
	         (struct period){ PERIOD_QUARTER, 2025, 2 }, NULL, 0, "period");
}

static void test_jdz_parameters(void **state)
{
	/* 1.3 × 低保 standard, half up to the fen:
	 *   735.55 元 × 13/10 = 956.215 → 956.22 元 (the half goes up)
	 *   735.54 元 × 13/10 = 956.202 → 956.20 元
	 *   700 元 × 13/10 = 910 元 exactly */
	static const struct subsidy_span cat[] = {
		{ "tekun_dispersed", NULL, NULL },
	};
	static const struct subsidy_span home[] = {
		{ "360281000000", NULL, NULL }, /* 乐平市 */
	};
	struct subsidy_param dibao = { "dibao_standard", "当地城乡低保标准",
		                       "local dibao standard", 73555 };
	struct subsidy_subject p = person("1950-02-02");
	struct subsidy_result r;

	p.residence = home;
	p.categories = cat;
	p.n_categories = 1;
	r = eval(&jdz_basic, &p, month(2025, 3), &dibao, 1);
	assert_int_equal(r.fen, 95622);
	assert_string_equal(r.reason_zh,
	                    "特困人员分散供养，按当地城乡低保标准735.55元×13/10"
	                    "＝956.22元（四舍五入到分），每月956.22元");
	has(r.reason_en, "rounded half up to the fen");
	dibao.fen = 73554;
	assert_int_equal(eval(&jdz_basic, &p, month(2025, 3), &dibao, 1).fen,
	                 95620);
	dibao.fen = 70000;
	assert_int_equal(eval(&jdz_basic, &p, month(2025, 3), &dibao, 1).fen,
	                 91000);

	/* care funds: 80% / 20% of the minimum wage, here 1849.99 元:
	 *   184999 × 80/100 = 147999.2 → 1479.99 元
	 *   184999 × 20/100 = 36999.8 → 370.00 元 */
	static const struct subsidy_assessment dis[] = {
		{ ASSESS_CARE_DISABLED, "2024-01-01" },
	};
	static const struct subsidy_assessment part[] = {
		{ ASSESS_CARE_PARTLY, "2024-01-01" },
	};
	static const struct subsidy_assessment self[] = {
		{ ASSESS_CARE_SELF, "2024-01-01" },
	};
	const struct subsidy_param wage[] = {
		{ "dibao_standard", NULL, NULL, 70000 },
		{ "min_wage", "当地月最低工资标准", NULL, 184999 },
	};
	p.assessments = dis;
	p.n_assessments = 1;
	r = eval(&jdz_care, &p, month(2025, 3), wage, 2);
	assert_int_equal(r.fen, 147999);
	p.assessments = part;
	r = eval(&jdz_care, &p, month(2025, 3), wage, 2);
	assert_int_equal(r.fen, 37000);
	has(r.reason_zh, "当地月最低工资标准1849.99元×20/100＝370元");
	/* self-care is not in the table */
	p.assessments = self;
	r = eval(&jdz_care, &p, month(2025, 3), wage, 2);
	assert_int_equal(r.outcome, SUBSIDY_CARE_LEVEL);
	/* the parameter missing is an error, eligible or not */
	bad_eval(&jdz_care, &p, month(2025, 3), wage, 1, "parameters");
	bad_eval(&jdz_basic, &p, month(2025, 3), NULL, 0, "parameters");
}

/* ---- 巴中 figures ---- */

static void test_bazhong(void **state)
{
	/* 80 average occupied beds × 1000 元 = 80000 元 a year */
	static const struct subsidy_span np[] = {
		{ "private", NULL, NULL },
		{ "nonprofit", NULL, NULL },
	};
	static const struct subsidy_span fp[] = {
		{ "private", NULL, NULL },
		{ "forprofit", NULL, NULL },
	};
	static const struct subsidy_unit_count beds[] = {
		{ "avg_occupied_beds", 80 },
	};
	static const struct subsidy_unit_count slots[] = {
		{ "affordable_slots", 1 },
	};
	static const struct subsidy_unit_count slots30[] = {
		{ "affordable_slots", 30 },
	};
	struct subsidy_subject inst = {
		.kind = SUBSIDY_INSTITUTION,
		.residence = bz_home,
		.n_residence = 1,
		.categories = np,
		.n_categories = 2,
		.units = beds,
		.n_units = 1,
	};
	struct subsidy_result r;

	r = paid(&bz_beds, &inst, year(2024), 8000000);
	assert_string_equal(r.reason_zh, "民办、非营利，年平均实际入住床位80张×"
	                                 "1000元，每年80000元");
	inst.categories = fp;
	refused(&bz_beds, &inst, year(2024), SUBSIDY_CATEGORY);
	/* 5000 元 per affordable slot, once: 1 → 5000, 30 → 150000 元 */
	inst.units = slots;
	paid(&bz_slots, &inst, month(2024, 9), 500000);
	inst.units = slots30;
	paid(&bz_slots, &inst, month(2024, 9), 15000000);
	/* yearly: a month is refused */
	inst.units = beds;
	bad_eval(&bz_beds, &inst, month(2024, 9), NULL, 0, "period");
}

/* ---- bad input ---- */

static void test_bad_schemes(void **state)
{
	struct subsidy_scheme s;
	struct subsidy_version v;
	struct subsidy_version vv[2];
	struct subsidy_band b[3];
	struct subsidy_unit_rate u[2];
	static const char *const unknown[] = { "tekun_dispersed", "tekun" };

	/* negative fixed amount */
	s = tekun_urban;
	v = urban_v[0];
	v.amount.fixed.fen = -1;
	s.versions = &v;
	bad_scheme(&s, "versions[0].amount.fixed");
	/* fen and a parameter together */
	v.amount.fixed = (struct subsidy_money){ 100, "dibao_standard", 1, 1 };
	bad_scheme(&s, "versions[0].amount.fixed");
	/* a ratio with den 0 */
	v.amount.fixed = (struct subsidy_money){ 0, "dibao_standard", 13, 0 };
	bad_scheme(&s, "versions[0].amount.fixed");
	/* unknown category code */
	v = urban_v[0];
	v.any_of = unknown;
	bad_scheme(&s, "versions[0].any_of[1]");
	/* a region that is not a code */
	v = urban_v[0];
	v.region = "5117";
	bad_scheme(&s, "versions[0].region");
	/* a bad date */
	v = urban_v[0];
	v.from = "2025-02-30";
	bad_scheme(&s, "versions[0].from");
	v.from = "2025-06-01";
	v.to = "2025-05-31";
	bad_scheme(&s, "versions[0].to");
	/* overlapping bands: 80–89 and 89–99 */
	s = gaoling;
	v = gaoling_v[0];
	memcpy(b, gaoling_bands, sizeof(b));
	b[1].from_age = 89;
	v.amount.bands = b;
	s.versions = &v;
	bad_scheme(&s, "versions[0].amount.bands[1]");
	/* an open band overlapping everything after it */
	memcpy(b, gaoling_bands, sizeof(b));
	b[0].to_age = -1;
	bad_scheme(&s, "versions[0].amount.bands[1]");
	/* a band ending before it starts, a negative band amount */
	memcpy(b, gaoling_bands, sizeof(b));
	b[2].to_age = 50;
	bad_scheme(&s, "versions[0].amount.bands[2].to_age");
	memcpy(b, gaoling_bands, sizeof(b));
	b[1].amount.fen = -12000;
	bad_scheme(&s, "versions[0].amount.bands[1].amount");
	/* no bands */
	v.amount.n_bands = 0;
	bad_scheme(&s, "versions[0].amount.bands");
	/* min_age above max_age */
	v = jinglao_v[0];
	v.max_age = 99;
	s = jinglao;
	s.versions = &v;
	bad_scheme(&s, "versions[0].max_age");
	/* overlapping versions */
	s = gaoling;
	vv[0] = gaoling_v[0];
	vv[1] = gaoling_v[0];
	vv[0].to = "2021-01-01";
	vv[1].from = "2021-01-01";
	s.versions = vv;
	s.n_versions = 2;
	bad_scheme(&s, "versions[1].from");
	s.n_versions = 0;
	bad_scheme(&s, "versions");
	/* a repeated unit, a negative rate */
	s = jdz_residents;
	v = jdz_res_v[0];
	memcpy(u, jdz_res_units, sizeof(u));
	u[1].unit = u[0].unit;
	v.amount.units = u;
	s.versions = &v;
	bad_scheme(&s, "versions[0].amount.units[1].unit");
	memcpy(u, jdz_res_units, sizeof(u));
	u[0].amount.fen = -20000;
	bad_scheme(&s, "versions[0].amount.units[0].amount");
	/* person-only rules on an institution scheme */
	v = jdz_res_v[0];
	v.min_age = 60;
	bad_scheme(&s, "versions[0].min_age");
	v = jdz_res_v[0];
	v.amount = care_v[0].amount;
	bad_scheme(&s, "versions[0].amount.kind");
	/* a table the kind does not use */
	v = jdz_res_v[0];
	v.amount.bands = gaoling_bands;
	v.amount.n_bands = 3;
	bad_scheme(&s, "versions[0].amount.bands");
	/* enums and names */
	s = gaoling;
	s.frequency = (enum subsidy_frequency)7;
	bad_scheme(&s, "frequency");
	s = gaoling;
	s.id = "高龄";
	bad_scheme(&s, "id");
	s = gaoling;
	s.name_zh = "";
	bad_scheme(&s, "name_zh");
	/* the known category vocabulary */
	assert_true(subsidy_category_known("dibao"));
	assert_true(subsidy_category_known("rural"));
	assert_true(subsidy_category_known("nonprofit"));
	assert_false(subsidy_category_known("tekun"));
	assert_false(subsidy_category_known(NULL));
	assert_string_equal(subsidy_category_zh("low_income"), "低收入");
}

static void test_bad_subjects_and_params(void **state)
{
	struct subsidy_subject p = person("1940-02-30");
	static const struct subsidy_unit_count neg[] = {
		{ "disabled_residents", -1 },
	};
	static const struct subsidy_unit_count huge[] = {
		{ "disabled_residents", SUBSIDY_COUNT_MAX },
	};
	static const struct subsidy_span bad_home[] = { { "5117", NULL,
		                                          NULL } };
	static const struct subsidy_assessment twice[] = {
		{ ASSESS_CARE_SELF, "2024-01-01" },
		{ ASSESS_CARE_PARTLY, "2024-01-01" },
	};
	const struct subsidy_param dup[] = {
		{ "dibao_standard", NULL, NULL, 70000 },
		{ "dibao_standard", NULL, NULL, 71000 },
	};
	const struct subsidy_param negp[] = {
		{ "dibao_standard", NULL, NULL, -1 },
	};
	struct subsidy_unit_rate big[1];
	struct subsidy_version v;
	struct subsidy_scheme s;

	bad_eval(&gaoling, &p, month(2025, 3), NULL, 0, "subject.birth");
	p = person("1940-01-10");
	p.death = "1939-12-31";
	bad_eval(&gaoling, &p, month(2025, 3), NULL, 0, "subject.death");
	p = person("1940-01-10");
	p.residence = bad_home;
	bad_eval(&gaoling, &p, month(2025, 3), NULL, 0,
	         "subject.residence[0].code");
	p = person("1940-01-10");
	p.assessments = twice;
	p.n_assessments = 2;
	bad_eval(&care, &p, month(2025, 3), NULL, 0,
	         "subject.assessments[1].date");
	p = person("1940-01-10");
	bad_eval(&jdz_basic, &p, month(2025, 3), dup, 2, "parameters[1]");
	bad_eval(&jdz_basic, &p, month(2025, 3), negp, 1, "parameters[0]");
	bad_eval(&gaoling, &p, month(2025, 13), NULL, 0, "period");

	struct subsidy_subject inst = {
		.kind = SUBSIDY_INSTITUTION,
		.residence = jdz_home,
		.n_residence = 1,
		.units = neg,
		.n_units = 1,
	};
	bad_eval(&jdz_residents, &inst, month(2025, 3), NULL, 0,
	         "subject.units[0]");
	inst.units = NULL;
	inst.n_units = 0;
	inst.birth = "2000-01-01";
	bad_eval(&jdz_residents, &inst, month(2025, 3), NULL, 0,
	         "subject.birth");
	/* an amount that does not fit int64: 10^9 × 10^12 fen */
	static const struct subsidy_span cat[] = { { "private", NULL, NULL } };
	inst.birth = NULL;
	inst.units = huge;
	inst.n_units = 1;
	inst.categories = cat;
	inst.n_categories = 1;
	memcpy(big, jdz_res_units, sizeof(big));
	big[0].amount.fen = SUBSIDY_FEN_MAX;
	v = jdz_res_v[0];
	v.amount.units = big;
	v.amount.n_units = 1;
	s = jdz_residents;
	s.versions = &v;
	bad_eval(&s, &inst, month(2025, 3), NULL, 0, "subject.units");

	/* a bad scheme in a set is named by its index */
	struct subsidy_scheme set[2] = { gaoling, tekun_urban };
	struct subsidy_version bad = urban_v[0];
	struct subsidy_result *r;
	struct lx_error err;
	bad.amount.fixed.fen = -5;
	set[1].versions = &bad;
	lx_error_clear(&err);
	assert_int_equal(subsidy_evaluate_set(A, set, 2, &p, month(2025, 3),
	                                      NULL, 0, &r, NULL, &err),
	                 -1);
	assert_string_equal(err.field, "schemes[1].versions[0].amount.fixed");
}

static void test_yuan(void **state)
{
	char b[32];

	assert_string_equal(subsidy_yuan(12000, b), "120");
	assert_string_equal(subsidy_yuan(88465, b), "884.65");
	assert_string_equal(subsidy_yuan(5, b), "0.05");
	assert_string_equal(subsidy_yuan(-5, b), "-0.05");
	assert_string_equal(subsidy_yuan(0, b), "0");
	assert_string_equal(subsidy_yuan(INT64_MIN, b),
	                    "-92233720368547758.08");
	/* the name tables match their enums */
	assert_int_equal(subsidy_outcome_names.count, SUBSIDY_OUTCOME__MAX);
	assert_string_equal(subsidy_outcome_names.names[SUBSIDY_EXCLUSIVE],
	                    "exclusive");
	assert_string_equal(
	    subsidy_age_rule_names.names[SUBSIDY_AGE_NEXT_PERIOD],
	    "next_period");
	assert_string_equal(
	    subsidy_death_rule_names.names[SUBSIDY_DEATH_STOP_PERIOD],
	    "stop_period_of_death");
	assert_string_equal(
	    subsidy_amount_kind_names.names[SUBSIDY_AMOUNT_PER_UNIT],
	    "per_unit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dazhu_gaoling_figures),
		cmocka_unit_test(test_dazhu_centenarian),
		cmocka_unit_test(test_dazhu_tekun_care),
		cmocka_unit_test(test_dazhu_tekun_urban_rural),
		cmocka_unit_test(test_band_boundaries),
		cmocka_unit_test(test_birthday_in_month),
		cmocka_unit_test(test_age_bounds_gaps_and_filters),
		cmocka_unit_test(test_death),
		cmocka_unit_test(test_moved_out),
		cmocka_unit_test(test_suspended),
		cmocka_unit_test(test_level_change_mid_month),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_out_of_force),
		cmocka_unit_test(test_exclusive),
		cmocka_unit_test(test_jdz_institution),
		cmocka_unit_test(test_jdz_training),
		cmocka_unit_test(test_jdz_parameters),
		cmocka_unit_test(test_bazhong),
		cmocka_unit_test(test_bad_schemes),
		cmocka_unit_test(test_bad_subjects_and_params),
		cmocka_unit_test(test_yuan),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
