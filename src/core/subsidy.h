/*
 * Allowances and subsidies (DESIGN.md module 7): the pure evaluation of a
 * scheme for one beneficiary and one period. Every amount, band, level,
 * rate and date comes from the jurisdiction's policy file through these
 * structs; no amount is written in this code. No I/O, no SQL, no globals.
 *
 * Money is integer fen (int64_t). A multiple of a parameter ("1.3 × the
 * local 低保 standard", "80% of the monthly minimum wage") is kept as an
 * integer numerator and denominator and rounded half up to the fen once,
 * per amount, before any multiplication by a count; the reason says so.
 *
 * The model, and the choices it makes:
 *
 * - A scheme (津贴/补贴 item) has an id, names, who is paid (a person, an
 *   institution, a training provider), how often (monthly, yearly, once),
 *   and one or more versions. A version is the scheme's rules in force
 *   between two dates: eligibility and amount. When a policy raises an
 *   amount or changes a rule on a date, a new version starts that day.
 *
 * - The reference day. Each scheme names one day of the period (its first
 *   or its last) on which everything but age and death is judged: which
 *   version is in force, where the beneficiary lives, which categories it
 *   holds, its care level, whether it is suspended. One day, so that a
 *   move, an assessment or a category change inside the period has exactly
 *   one answer: the state on that day.
 *
 * - Age has its own rule, because policies word it differently:
 *     period_start  age on the first day of the period;
 *     period_end    age on the last day: reaching the age at any time in
 *                   the period counts (当月起 / "the birthday month counts");
 *     next_period   age on the last day of the previous period: paid from
 *                   the period after the birthday (次月起).
 *   For a person born 1945-03-15 and the scheme "80 or over", March 2025
 *   is paid under period_end only, April 2025 under all three; for one
 *   born 1945-03-01, March 2025 is paid under period_start and period_end,
 *   not under next_period. Age is never taken after the day of death.
 *
 * - Death has its own rule:
 *     pay_period_of_death   the period in which the person dies is still
 *                           paid (death on or after its first day; 死亡次月
 *                           起停发), later periods are not;
 *     stop_period_of_death  only periods the person lives through to the
 *                           end are paid (death after the last day; 死亡当月
 *                           停发).
 *   When the death falls on or before the reference day and the period is
 *   still paid, the status is judged on the day of death instead.
 *
 * - Residence: paid only if, on the reference day, the beneficiary lives
 *   (or, for an organisation, is registered) within the scheme's region;
 *   "" means any region. A move out before the reference day ends it.
 *
 * - Categories are codes from the registries' vocabularies: the person
 *   categories of core/person.h (tekun_centralized, dibao, …), "urban" and
 *   "rural" (the 户籍 distinction of 城市/农村特困 standards), and the
 *   facility vocabularies of core/facility.h (kinds, ownership such as
 *   "private", operation, profit status such as "nonprofit"). A scheme may
 *   require any one of a list, all of a list, and none of a list; an
 *   unknown code in a scheme is refused as a typo. Categories the subject
 *   holds are spans of dates.
 *
 * - Exclusive groups: schemes that name the same group may not both be
 *   paid to one beneficiary for one period (不重复享受). The one with the
 *   higher amount is paid (就高); on equal amounts the lower priority
 *   number, then the earlier scheme in the list. The others are reported
 *   as excluded, with the winner named. Schemes in one group must share
 *   beneficiary kind and frequency, so amounts compare like with like.
 *
 * - Frequency: a monthly scheme is evaluated for a month "YYYY-MM", a
 *   yearly one for a year "YYYY", a one-off for the month or year in which
 *   the event (slots certified, trainees certified) is counted. The engine
 *   does not remember payments: paying a one-off only once, and a period
 *   only once, is the ledger's job.
 *
 * Field names in errors follow the structs below and are the keys a policy
 * loader should use: "versions[0].amount.bands[1]", "subject.birth",
 * "parameters[2]", "period".
 */
#ifndef LX_CORE_SUBSIDY_H
#define LX_CORE_SUBSIDY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/facility.h"
#include "core/period.h"

#include <stddef.h>
#include <stdint.h>

/* Largest amount, parameter value, or per-unit rate accepted: 10^12 fen,
 * ten billion yuan. Larger figures are typing errors. */
#define SUBSIDY_FEN_MAX INT64_C(1000000000000)
/* Largest numerator and denominator of a rate, and largest unit count. */
#define SUBSIDY_RATIO_MAX INT64_C(1000000)
#define SUBSIDY_COUNT_MAX INT64_C(1000000000)
/* Ages in bands and bounds: 0..SUBSIDY_AGE_MAX. */
enum { SUBSIDY_AGE_MAX = 150 };

enum subsidy_beneficiary {
	SUBSIDY_PERSON,      /* "person" 个人 */
	SUBSIDY_INSTITUTION, /* "institution" 机构 (养老机构, 托育机构) */
	SUBSIDY_PROVIDER, /* "provider" 培训机构 and other providers */
	SUBSIDY_BENEFICIARY__MAX
};

enum subsidy_frequency {
	SUBSIDY_MONTHLY, /* "monthly" 每月 */
	SUBSIDY_YEARLY,  /* "yearly" 每年 */
	SUBSIDY_ONCE,    /* "once" 一次性 */
	SUBSIDY_FREQUENCY__MAX
};

enum subsidy_ref_day {
	SUBSIDY_REF_PERIOD_START, /* "period_start" */
	SUBSIDY_REF_PERIOD_END,   /* "period_end" */
	SUBSIDY_REF_DAY__MAX
};

enum subsidy_age_rule {
	SUBSIDY_AGE_PERIOD_START, /* "period_start" */
	SUBSIDY_AGE_PERIOD_END,   /* "period_end": the birthday period counts */
	SUBSIDY_AGE_NEXT_PERIOD,  /* "next_period": from the period after */
	SUBSIDY_AGE_RULE__MAX
};

enum subsidy_death_rule {
	SUBSIDY_DEATH_PAY_PERIOD,  /* "pay_period_of_death" */
	SUBSIDY_DEATH_STOP_PERIOD, /* "stop_period_of_death" */
	SUBSIDY_DEATH_RULE__MAX
};

enum subsidy_amount_kind {
	SUBSIDY_AMOUNT_FIXED,       /* "fixed": one amount */
	SUBSIDY_AMOUNT_AGE_BANDS,   /* "age_bands": an amount per age band */
	SUBSIDY_AMOUNT_CARE_LEVELS, /* "care_levels": an amount per level */
	SUBSIDY_AMOUNT_PER_UNIT,    /* "per_unit": Σ count × rate per unit */
	SUBSIDY_AMOUNT_KIND__MAX
};

/* Why a result is what it is; the first condition that fails wins, in the
 * order listed. */
enum subsidy_outcome {
	SUBSIDY_PAID,              /* "paid" */
	SUBSIDY_NOT_APPLICABLE,    /* "not_applicable": wrong kind of subject */
	SUBSIDY_OUT_OF_FORCE,      /* "out_of_force": no version that day */
	SUBSIDY_DEAD,              /* "dead" */
	SUBSIDY_NOT_RESIDENT,      /* "not_resident" */
	SUBSIDY_SUSPENDED,         /* "suspended" */
	SUBSIDY_CATEGORY,          /* "category": a required one missing */
	SUBSIDY_EXCLUDED_CATEGORY, /* "excluded_category": holds a barred one */
	SUBSIDY_AGE,               /* "age": out of bounds or of every band */
	SUBSIDY_CARE_LEVEL,        /* "care_level": none, or not a listed one */
	SUBSIDY_NO_UNITS,          /* "no_units": every count is zero */
	SUBSIDY_EXCLUSIVE,         /* "exclusive": another in the group won */
	SUBSIDY_OUTCOME__MAX
};

/* Machine names of the enums above, in enum order, for policy loaders and
 * JSON output; Chinese labels alongside. */
extern const struct enum_names subsidy_beneficiary_names;
extern const struct enum_names subsidy_frequency_names;
extern const struct enum_names subsidy_ref_day_names;
extern const struct enum_names subsidy_age_rule_names;
extern const struct enum_names subsidy_death_rule_names;
extern const struct enum_names subsidy_amount_kind_names;
extern const struct enum_names subsidy_outcome_names;

struct subsidy_verify_rule;

/* An amount: either fen, or num/den × the caller's parameter named param
 * (then fen must be 0), rounded half up to the fen. */
struct subsidy_money {
	int64_t fen;       /* 0..SUBSIDY_FEN_MAX */
	const char *param; /* NULL or "" for a fixed amount */
	int64_t num, den;  /* 0 <= num, 1 <= den, both <= SUBSIDY_RATIO_MAX */
};

/* Ages from_age to to_age inclusive, to_age -1 for "and over". Bands may
 * leave gaps (an age in none is not paid) but must not overlap. */
struct subsidy_band {
	int from_age, to_age;
	struct subsidy_money amount;
};

/* The amount for one care level (enum assess_care: self, partly,
 * disabled); each level at most once. A level not listed is not paid. */
struct subsidy_level_amount {
	int level;
	struct subsidy_money amount;
};

/* A rate per unit the caller counts for the period: "disabled_residents"
 * (失能入住, 人), "avg_occupied_beds" (年平均实际入住床位, 张),
 * "trainees_level5" (初级（五级）, 人). Unit names are unique. */
struct subsidy_unit_rate {
	const char *unit;       /* machine name, matched to the subject's */
	const char *label_zh;   /* "失能入住" */
	const char *label_en;   /* "disabled residents"; NULL: unit name */
	const char *measure_zh; /* "人", "张", "个"; NULL or "" for none */
	struct subsidy_money amount;
};

struct subsidy_amount {
	enum subsidy_amount_kind kind;
	struct subsidy_money fixed; /* SUBSIDY_AMOUNT_FIXED */
	const struct subsidy_band *bands;
	size_t n_bands; /* >= 1 for SUBSIDY_AMOUNT_AGE_BANDS */
	const struct subsidy_level_amount *levels;
	size_t n_levels; /* >= 1 for SUBSIDY_AMOUNT_CARE_LEVELS */
	const struct subsidy_unit_rate *units;
	size_t n_units; /* >= 1 for SUBSIDY_AMOUNT_PER_UNIT */
};

/* The rules of one version. Age bounds, age bands and care levels are for
 * schemes paid to persons only. */
struct subsidy_version {
	const char *from, *to; /* YYYY-MM-DD inclusive; NULL or "" open */
	enum subsidy_age_rule age_rule;
	/* Inclusive bounds; 0 for no bound, so that a zeroed struct asks
	 * nothing (an upper bound of age 0 is an age band 0–0). */
	int min_age, max_age;
	const char *const *any_of; /* hold at least one of these */
	size_t n_any_of;
	const char *const *all_of; /* hold every one of these */
	size_t n_all_of;
	const char *const *none_of; /* hold none of these */
	size_t n_none_of;
	const int *care_levels; /* enum assess_care, any of; none: any */
	size_t n_care_levels;
	const char *region; /* 12-digit code; NULL or "" for anywhere */
	struct subsidy_amount amount;
};

struct subsidy_scheme {
	const char *id;      /* "dazhu.gaoling"; printable ASCII, no space */
	const char *name_zh; /* "高龄津贴" */
	const char *name_en; /* NULL: the id */
	enum subsidy_beneficiary beneficiary;
	enum subsidy_frequency frequency;
	enum subsidy_ref_day ref_day;
	enum subsidy_death_rule death;
	const char *group; /* exclusive group; NULL or "" for none */
	int priority;      /* lower wins a tie in the group */
	/* paid to a person only after an approved application (网上申办);
	 * the engine does not look at it, the runs do */
	int requires_application;
	/* a hold lifted (恢复发放) pays the held periods (补发) when 1; the
	 * runs look at it, not the engine */
	int hold_back_pay;
	/* an assessment past the policy's reassessment interval stops the
	 * payment when 1; when 0 it is paid and listed as an exception */
	int withhold_stale_assessment;
	/* 经办 → 审核 → 审批: 3 when a run is written only after it was
	 * prepared, checked and approved by three accounts, 0 when one
	 * official commits it; the runs look at it, not the engine */
	int approval_steps;
	/* a run over the year's budget is refused when 1, warned when 0 */
	int over_budget_refuse;
	/* an application is approved level by level (enum region_level,
	 * lower levels first: village → township → county); none: one
	 * official decides it */
	int application_levels[5];
	size_t n_application_levels;
	const struct subsidy_version *versions; /* >= 1, none overlapping */
	size_t n_versions;
	/* 生存认证 (core/subsidy_verify.h); NULL: none asked. The runs look
	 * at it, not the engine */
	const struct subsidy_verify_rule *verification;
	/* the kind of support an institution scheme gives ("operating" 运营,
	 * "construction" 建设), which a credit listing or a membership may
	 * refuse (app/credit_bite.c); NULL when not said */
	const char *support;
};

/* ---- the subject: a person, an institution or a provider ---- */

/* A code held, a region lived in, or a suspension, between two dates
 * inclusive; NULL or "" for an open end. code is unused for suspensions. */
struct subsidy_span {
	const char *code; /* category code, or 12-digit region code */
	const char *from, *to;
};

/* A care level (enum assess_care) in force from the assessment date until
 * the next one. */
struct subsidy_assessment {
	int level;
	const char *date; /* YYYY-MM-DD, required, unique */
};

/* What the caller counted for the period (units of per-unit schemes). A
 * unit a scheme names and the subject does not list counts as 0. */
struct subsidy_unit_count {
	const char *unit;
	int64_t count; /* 0..SUBSIDY_COUNT_MAX */
};

struct subsidy_subject {
	enum subsidy_beneficiary kind;
	const char *birth; /* persons: YYYY-MM-DD, required; others: NULL */
	const char *death; /* persons: YYYY-MM-DD or NULL/"" alive */
	const struct subsidy_span *residence; /* region codes over time */
	size_t n_residence;
	const struct subsidy_span *categories;
	size_t n_categories;
	const struct subsidy_assessment *assessments; /* persons only */
	size_t n_assessments;
	const struct subsidy_span *suspensions; /* payment stopped */
	size_t n_suspensions;
	const struct subsidy_unit_count *units;
	size_t n_units;
};

/* A parameter a policy names and the user sets: "dibao_standard" (当地低保
 * 标准, fen a month), "min_wage" (当地月最低工资标准). */
struct subsidy_param {
	const char *name;
	const char *label_zh; /* NULL: the name */
	const char *label_en; /* NULL: the name */
	int64_t fen;          /* 0..SUBSIDY_FEN_MAX */
};

struct subsidy_result {
	const struct subsidy_scheme *scheme; /* borrowed from the caller */
	int version;  /* index of the version applied; -1 when none */
	int eligible; /* 1 when paid */
	int64_t fen;  /* the amount for the period; 0 when not paid */
	enum subsidy_outcome outcome;
	int age;         /* the age used, -1 when none was */
	int excluded_by; /* evaluate_set: index of the winner, else -1 */
	/* One sentence each, arena-owned, never NULL: the conditions met and
	 * the arithmetic ("年满90周岁（按2025-03-31计），按90–99周岁档，每月
	 * 120元"), or the first condition not met. */
	const char *reason_zh, *reason_en;
};

/* Checks a scheme on its own: ids and names present; enums in range;
 * versions present, dates valid, from <= to, no two overlapping; ages in
 * 0..SUBSIDY_AGE_MAX with min <= max; category codes known; care levels
 * valid and not repeated; region a valid code; the amount of its kind with
 * the tables it needs, non-negative and within the maxima; bands not
 * overlapping, levels and units not repeated; person-only rules (ages,
 * bands, care levels) only on person schemes.
 * Returns 0, or -1 with err LX_EINVALID naming the field, e.g.
 * "versions[1].amount.bands[2]", and the reason in the message. */
int subsidy_scheme_check(const struct subsidy_scheme *s, struct lx_error *err);

/* Checks a subject: kind in range; a person's birth date valid and death
 * not before it, an organisation's both empty; span dates valid with
 * from <= to; region codes valid; category codes non-empty; assessment
 * levels valid and dates valid and unique; unit names non-empty and
 * unique, counts in 0..SUBSIDY_COUNT_MAX. Fields are "subject.<name>",
 * e.g. "subject.residence[0].from". Returns 0 or -1 (LX_EINVALID). */
int subsidy_subject_check(const struct subsidy_subject *subj,
                          struct lx_error *err);

/* Evaluates scheme s for subject subj over period p: a month or a year
 * that fits the scheme's frequency (a quarter never does). params are the
 * values of the parameters amounts may name (params may be NULL when
 * n_params is 0).
 * Returns 0 and fills *out (reasons arena-owned) whether or not the
 * subject is eligible; eligibility is out->eligible, with out->outcome
 * saying why not. Returns -1 with err (LX_EINVALID) and *out zeroed when
 * the scheme or subject fails its check, the period is not valid for the
 * frequency ("period"), the parameters are malformed or repeated
 * ("parameters[i]"), the version in force names a parameter not supplied
 * ("parameters"), or an amount overflows. */
int subsidy_evaluate(struct arena *a, const struct subsidy_scheme *s,
                     const struct subsidy_subject *subj, struct period p,
                     const struct subsidy_param *params, size_t n_params,
                     struct subsidy_result *out, struct lx_error *err);

/* The same for many subjects under one scheme, period and parameters (a
 * run over a city): those are checked once by subsidy_batch_init (errors
 * as above; b borrows them), then each subject by subsidy_batch_evaluate,
 * which gives the same result subsidy_evaluate would. */
struct subsidy_batch {
	const struct subsidy_scheme *scheme;
	const struct subsidy_param *params;
	size_t n_params;
	long p0, p1; /* the period's first and last day */
};

int subsidy_batch_init(struct subsidy_batch *b, const struct subsidy_scheme *s,
                       struct period p, const struct subsidy_param *params,
                       size_t n_params, struct lx_error *err);
int subsidy_batch_evaluate(const struct subsidy_batch *b, struct arena *a,
                           const struct subsidy_subject *subj,
                           struct subsidy_result *out, struct lx_error *err);
/* The same decision without the reasons: every field as
 * subsidy_batch_evaluate gives it but reason_zh and reason_en, which are
 * NULL. Formatting the two sentences costs more than deciding, and a run
 * over a city reads them only for the few lines it writes; it asks
 * subsidy_batch_evaluate again for those. */
int subsidy_batch_decide(const struct subsidy_batch *b, struct arena *a,
                         const struct subsidy_subject *subj,
                         struct subsidy_result *out, struct lx_error *err);
/* subsidy_batch_evaluate for a subject subsidy_batch_decide has already
 * accepted, without checking it again: the reasons of a line a run
 * writes. */
int subsidy_batch_explain(const struct subsidy_batch *b, struct arena *a,
                          const struct subsidy_subject *subj,
                          struct subsidy_result *out, struct lx_error *err);

/* Evaluates the n schemes for one subject and period, then applies the
 * exclusive groups (see the top of this file): in each group at most one
 * result stays eligible, the others get outcome SUBSIDY_EXCLUSIVE, fen 0,
 * excluded_by the winner's index and a reason naming it.
 * Returns 0 with *out an arena-owned array of n results in scheme order
 * and *total_fen (may be NULL) their sum; or -1 with err as for
 * subsidy_evaluate, scheme fields prefixed "schemes[i].", and also when
 * two schemes share an id ("schemes[i].id") or a group holds schemes of
 * different beneficiary or frequency ("schemes[i].group"). *out is NULL
 * on error. */
int subsidy_evaluate_set(struct arena *a, const struct subsidy_scheme *s,
                         size_t n, const struct subsidy_subject *subj,
                         struct period p, const struct subsidy_param *params,
                         size_t n_params, struct subsidy_result **out,
                         int64_t *total_fen, struct lx_error *err);

/* Whether code is a category code schemes may name: 1 or 0. */
int subsidy_category_known(const char *code);

/* Chinese label of a category code ("特困人员集中供养", "城市", "民办");
 * the code itself when unknown. Static storage or the argument. */
const char *subsidy_category_zh(const char *code);

/* Writes fen as yuan: "120" for 12000, "884.65" for 88465, "-0.05" for
 * -5. out has room for 32. Returns out. */
char *subsidy_yuan(int64_t fen, char out[32]);

#endif
