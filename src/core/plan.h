/*
 * Planning and gap arithmetic (DESIGN.md module 6): how many childcare
 * slots, beds, caregivers and social workers a population needs under a
 * jurisdiction's standards, how that compares with what there is, what a
 * residential development must provide, when an institution needs an
 * internal clinic, and an institution's size class.
 *
 * Pure arithmetic: no I/O, no globals, no allocation. Every standard is a
 * parameter (the policy file holds the values, docs/planning-seeds.md says
 * where each comes from); nothing here knows a seed's number.
 *
 * Results are never rounded and never binary floating point: every
 * figure is an exact rational (core/exact.h). A ratio keeps its numerator
 * and denominator next to the value (value = num / den), so a caller can
 * show the working. Callers round only to display, with plan_round(), and
 * state the rule with plan_rounding_describe(); round half up (四舍五入)
 * is the default, a policy may name another rule for a standard.
 *
 * Every function that can fail returns 0, or -1 with err (LX_EINVALID)
 * naming the field at fault; on failure *out is zeroed. err may be NULL.
 * Field names are the policy keys of docs/policy.md where the value is a
 * standard ("slots_per_1000"), else the input's name ("population").
 * Counts (long long: households, residents, staff, slots) must lie in
 * 0..10^12; a product that would not fit 64 bits is refused, naming the
 * input.
 */
#ifndef LX_CORE_PLAN_H
#define LX_CORE_PLAN_H

#include "core/error.h"
#include "core/exact.h"

#include <stddef.h>

/* ---- values and rounding ---- */

/* value = num / den; den is 1 for a quantity that is not a ratio. */
struct plan_ratio {
	struct exact value;
	struct exact num, den;
};

/* A standard a jurisdiction may leave unset: set 0 means absent, and a rule
 * that needs it is "not applicable". */
struct plan_param {
	int set;
	struct exact value;
};

#define PLAN_UNSET ((struct plan_param){ 0, { 0, 1 } })

/* The standard written as decimal text ("4.5"); PLAN_UNSET when s is NULL
 * or not a decimal (the policy loader has checked it before). */
struct plan_param plan_param_of(const char *s);

/*
 * v rounded by rule to decimals places into *out (decimals -12..12; -2
 * rounds to hundreds, 5414.85 -> 5400). Half up (四舍五入) takes a tie away
 * from zero: 31.5 -> 32, 12208.05 -> 12208.1 at one decimal. -1 on
 * overflow or decimals out of range, *out zero.
 */
int plan_round(struct exact v, enum exact_rounding rule, int decimals,
               struct exact *out);

/* Writes the rule in words into buf (size n, always terminated when n > 0)
 * and returns buf: "round half up to 1 decimal", "round half up to a
 * whole number", "round half up to the nearest 100", "round up to a whole
 * number", "round down ...", "round half to even ..."; in Chinese when zh
 * is nonzero ("四舍五入，保留1位小数", "四舍五入，取整", "四舍五入，精确到
 * 100", "向上取整", "向下取整", "四舍六入五成双，取整"). */
char *plan_rounding_describe(enum exact_rounding rule, int decimals, int zh,
                             char *buf, size_t n);

/* ---- demand ---- */

/* Childcare slots needed = population * slots_per_1000 / 1000.
 * Errors: population < 0 ("population"); slots_per_1000 <= 0
 * ("slots_per_1000"); overflow ("population"). */
int plan_slots_needed(struct exact population, struct exact slots_per_1000,
                      struct plan_ratio *out, struct lx_error *err);

enum plan_bed_method {
	PLAN_BEDS_PER_1000_AGED_60, /* aged_60 * beds_per_1000 / 1000 */
	PLAN_BEDS_PROVINCIAL_SHARE, /* target * aged_60 / province_aged_60 */
	PLAN_BEDS__MAX
};

/* "per_1000_aged_60", "provincial_share"; "" for an unknown method. */
const char *plan_bed_method_name(int method);
/* The enum for a name, or -1. */
int plan_bed_method_parse(const char *s);

struct plan_beds_input {
	int method;            /* enum plan_bed_method */
	struct exact aged_60;  /* the region's residents aged 60+: both */
	struct exact per_1000; /* beds per 1000 aged 60+: per_1000_aged_60 */
	struct exact target;   /* the province's bed target: provincial_share */
	struct exact province_aged_60; /* the province's aged 60+ */
};

/*
 * Elderly-care beds needed by in->method; fields the method does not use
 * are ignored. provincial_share gives num = target * aged_60, den =
 * province_aged_60 (the region's share of the province's target in
 * proportion to its aged 60+).
 * Errors: unknown method ("method"); aged_60 < 0 ("aged_60"); per_1000
 * <= 0 ("beds_per_1000_aged_60"); target < 0 ("provincial_beds_target");
 * province_aged_60 <= 0 ("province_aged_60"); aged_60 above
 * province_aged_60, a region larger than its province ("aged_60").
 */
int plan_beds_needed(const struct plan_beds_input *in, struct plan_ratio *out,
                     struct lx_error *err);

/* Nursing-type beds needed = beds * nursing_share_percent / 100.
 * Errors: beds < 0 ("beds"); the share outside 0..100
 * ("nursing_share_percent"). */
int plan_nursing_beds_needed(struct exact beds,
                             struct exact nursing_share_percent,
                             struct plan_ratio *out, struct lx_error *err);

/* ---- gap ---- */

enum plan_gap_kind {
	PLAN_SHORTFALL, /* need > supply */
	PLAN_SURPLUS,   /* supply >= need; equal is a surplus of 0 */
};

/* Need against supply. Exactly one of shortfall and surplus can be
 * nonzero, and neither is ever negative. */
struct plan_gap {
	enum plan_gap_kind kind;
	struct exact need, supply;
	struct exact shortfall; /* need - supply when PLAN_SHORTFALL, else 0 */
	struct exact surplus;   /* supply - need when PLAN_SURPLUS, else 0 */
};

/* Compares need with supply.
 * Errors: need < 0 ("need"); supply < 0 ("supply"). */
int plan_gap_compute(struct exact need, struct exact supply,
                     struct plan_gap *out, struct lx_error *err);

/* ---- basis: what a stated figure implies ---- */

/* The population a stated need implies under a per-1000 standard:
 * stated_need * 1000 / per_1000, to compare with the census figure the
 * document says it used (景德镇's 7367 slots at 4.5 imply 1,637,111.1).
 * The same gives the aged 60+ a stated bed need implies at so many beds
 * per 1000 aged 60+.
 * Errors: stated_need < 0 ("stated_need"); per_1000 <= 0 ("per_1000"). */
int plan_basis_population(struct exact stated_need, struct exact per_1000,
                          struct plan_ratio *out, struct lx_error *err);

/* The aged 60+ a stated bed need implies under in->method (in->aged_60 is
 * ignored): stated * 1000 / per_1000, or stated * province_aged_60 /
 * target. Errors as plan_beds_needed, and "stated_need"; a zero target
 * ("provincial_beds_target"). */
int plan_beds_basis(const struct plan_beds_input *in, struct exact stated,
                    struct plan_ratio *out, struct lx_error *err);

/* A stated figure against the one computed from the same inputs. The
 * stated figure's precision is half a unit of its last written place (7367
 * is 7366.5..7367.5; 1.1万 is 10500..11500): a computed figure outside that
 * range differs. */
struct plan_audit {
	struct exact stated, computed;
	struct exact difference; /* computed - stated, signed */
	struct exact tolerance;  /* half a unit of the last stated place */
	int differs;             /* |difference| > tolerance */
};

/* Compares; places is how many decimal places the stated figure was
 * written with (0 for 7367; -3 for a figure stated in thousands; 1 with
 * a unit of 万 is -3 as well: 1.1万 = 11000 to the nearest 1000). places
 * from -12 to 12. Errors: places out of range ("places"). */
int plan_audit_compare(struct exact stated, int places, struct exact computed,
                       struct plan_audit *out, struct lx_error *err);

/* ---- projection ---- */

struct plan_point {
	int year;
	struct exact value;
};

enum plan_proj_method {
	PLAN_PROJ_LINEAR, /* least-squares line over the known years: default */
	PLAN_PROJ_LATEST, /* the latest known year's value, carried flat */
	PLAN_PROJ__MAX
};

/* How the value was found; callers show it next to the value. */
enum plan_proj_basis {
	PLAN_PROJ_KNOWN,  /* target year is a known year: its value, as given */
	PLAN_PROJ_LINE,   /* least-squares line (2 or more known years) */
	PLAN_PROJ_SINGLE, /* one known year: its value, carried unchanged */
	PLAN_PROJ_FLAT,   /* PLAN_PROJ_LATEST: the latest year's value */
};

struct plan_projection {
	struct exact value;
	int is_projection; /* 1 when the target year is not a known year:
	                      callers must call the value a projection */
	enum plan_proj_basis basis;
	/* PLAN_PROJ_LINE only: value = mean_value + slope * (year - mean_year),
	 * the least-squares line, exactly; 0 otherwise. */
	struct exact slope, mean_year, mean_value;
	size_t n; /* known years used */
};

/*
 * The value for target_year from the n known (year, value) points, in any
 * order. With method PLAN_PROJ_LINEAR: the least-squares line through the
 * points (the straight line through them when there are two, exact when
 * they are collinear); with a single point, that point's value, flagged as
 * basis PLAN_PROJ_SINGLE. With PLAN_PROJ_LATEST: the value of the latest
 * known year. Either way a target year that is a known year gives that
 * year's value as given, is_projection 0. A line is extrapolated as it is:
 * far from the known years it may go below zero; nothing is clamped.
 * Errors: n 0 or pts NULL ("points"); a year given twice ("points[i]");
 * unknown method ("method"); a sum too large for 64 bits ("points").
 */
int plan_project(const struct plan_point *pts, size_t n, int target_year,
                 int method, struct plan_projection *out, struct lx_error *err);

/* ---- residential development check ---- */

enum plan_district {
	PLAN_DISTRICT_NEW, /* 新建城区, 新建居住（小）区 */
	PLAN_DISTRICT_OLD, /* 老城区, 已建成居住区 */
	PLAN_DISTRICT__MAX
};

struct plan_development {
	long long households;
	long long residents;
	int district; /* enum plan_district */
	/* What the development provides; an amount not given (set 0) is
	 * "not given" (未填写), never read as 0. */
	struct plan_param floor_m2;            /* elderly-care floor area */
	struct plan_param largest_facility_m2; /* largest single site */
	struct plan_param slots;               /* childcare slots */
	struct plan_param land_m2; /* land for elderly-care facilities */
};

/* The standards, each possibly unset (docs/policy.md keys in comments). */
struct plan_dev_policy {
	struct plan_param floor_m2_per_100_households; /* same key */
	struct plan_param single_facility_min_m2;      /* same key */
	struct plan_param slots_per_1000_new;          /* same key */
	struct plan_param slots_per_1000_old;          /* same key */
	struct plan_param land_m2_per_resident;        /* same key */
	/* 1: the floor-area and single-facility rules also bind old districts.
	 * The seeds set them for new developments only (巴中, 大竹, 景德镇:
	 * old districts catch up "分期分批" with no figure), so 0 makes them
	 * not applicable to an old district. */
	int floor_rules_bind_old;
};

enum plan_dev_rule {
	PLAN_RULE_FLOOR_AREA,      /* households * per_100 / 100 m² */
	PLAN_RULE_SINGLE_FACILITY, /* largest site >= the minimum m² */
	PLAN_RULE_CHILDCARE_SLOTS, /* residents * per_1000 of the district */
	PLAN_RULE_LAND,            /* residents * m² per resident */
	PLAN_RULE__MAX
};

enum plan_verdict {
	PLAN_NOT_APPLICABLE, /* standard unset, or not for this district */
	PLAN_PASS,           /* provided >= required */
	PLAN_FAIL,           /* provided < required */
	PLAN_NOT_GIVEN,      /* the standard applies, the amount was blank */
	PLAN_VERDICT__MAX
};

/* "floor_area", "single_facility", "childcare_slots", "land". */
const char *plan_dev_rule_name(int rule);
/* "not_applicable", "pass", "fail", "not_given"; and 不适用, 达标,
 * 不达标, 未填写. */
const char *plan_verdict_name(int verdict);
const char *plan_verdict_label_zh(int verdict);

struct plan_rule_result {
	enum plan_verdict verdict;
	struct plan_ratio required; /* unrounded; zero when not applicable */
	struct plan_param provided; /* set 0 when not given */
	struct exact param; /* the standard applied; 0 when not applicable */
};

struct plan_dev_result {
	/* indexed by enum plan_dev_rule */
	struct plan_rule_result rule[PLAN_RULE__MAX];
	int failed;     /* rules that fail */
	int applicable; /* rules that apply */
	int not_given;  /* rules that apply whose amount was left blank */
};

/*
 * Checks a development against the standards. Required amounts are not
 * rounded: a development passes a rule when what it provides is at least
 * the exact requirement (6050 residents at 10 per 1000 need 60.5 slots, so
 * 60 fails). A rule whose amount is not given is PLAN_NOT_GIVEN: it
 * neither passes nor fails. The single-facility rule is read as "the largest
 * site reaches the minimum" (单处用房建筑面积不低于…). Errors: households or
 * residents < 0 ("households", "residents"); unknown district ("district"); a
 * provided amount < 0 ("floor_m2", "largest_facility_m2", "slots", "land_m2");
 * largest_facility_m2 above floor_m2, both given ("largest_facility_m2"); a set
 * standard <= 0 (its key); a requirement too large for 64 bits ("residents").
 */
int plan_dev_check(const struct plan_development *dev,
                   const struct plan_dev_policy *pol,
                   struct plan_dev_result *out, struct lx_error *err);

/* ---- staffing ---- */

enum plan_care_level {
	PLAN_CARE_SELF,     /* 全自理 self-care */
	PLAN_CARE_PARTLY,   /* 半失能 partly disabled */
	PLAN_CARE_DISABLED, /* 全失能 fully disabled */
	PLAN_CARE__MAX
};

struct plan_caregivers {
	struct exact exact[PLAN_CARE__MAX]; /* residents / ratio, unrounded */
	long long needed[PLAN_CARE__MAX]; /* exact rounded by rule, per level */
	long long total;                  /* sum of needed */
	struct plan_gap gap;              /* total against on staff */
};

/*
 * Caregivers needed: per care level residents / ratio (residents per
 * caregiver, 大竹 10, 6, 3), rounded to whole persons per level by rule
 * (the policy names it: 大竹's persons are rounded up, EXACT_UP), then
 * summed; so 25, 14, 7 residents at 10, 6, 3 need 3 + 3 + 3 = 9, not
 * ceil(2.5 + 2.33 + 2.33) = 8. Staffing per level is the rule's reading: a
 * caregiver of the fully disabled is not shared with the self-care. The
 * total is compared with on_staff in gap.
 * Errors: residents[i] < 0 ("residents_selfcare", "residents_partly",
 * "residents_disabled"); ratio[i] <= 0
 * ("caregiver_ratio_selfcare", "_partly", "_disabled" in full);
 * on_staff < 0 ("caregivers_on_staff").
 */
int plan_caregivers_needed(const long long residents[PLAN_CARE__MAX],
                           const struct exact ratio[PLAN_CARE__MAX],
                           enum exact_rounding rule, long long on_staff,
                           struct plan_caregivers *out, struct lx_error *err);

struct plan_social_workers {
	int has_by_beds, has_by_aged; /* 0 when the standard is unset */
	struct plan_ratio by_beds;    /* beds * per_100_beds / 100 */
	struct plan_ratio by_aged;    /* aged_60 * per_1000_aged_60 / 1000 */
};

/* Social workers needed by the two standards, each on its own base
 * (institution beds; the region's aged 60+): they are separate targets,
 * not to be added. Round them to show them by the policy's rule.
 * Errors: beds or aged_60 < 0 ("beds", "aged_60"); a set standard <= 0
 * ("social_workers_per_100_beds", "social_workers_per_1000_aged_60"). */
int plan_social_workers_needed(struct exact beds,
                               struct plan_param per_100_beds,
                               struct exact aged_60,
                               struct plan_param per_1000_aged_60,
                               struct plan_social_workers *out,
                               struct lx_error *err);

/* Ownership: a rule's filter, or an institution's. */
enum plan_ownership {
	PLAN_OWN_ANY,     /* rules only: every institution */
	PLAN_OWN_PUBLIC,  /* 公办 */
	PLAN_OWN_PRIVATE, /* 民办 */
	PLAN_OWN_OTHER,   /* e.g. 国企 where the policy does not class it:
	                     matched only by PLAN_OWN_ANY */
	PLAN_OWN__MAX
};

/* One condition that requires an internal clinic or nursing station (内设
 * 医务室或护理站, 内设医疗机构). A threshold < 0 is no condition; the
 * thresholds set must all be reached (>=: "100张以上" includes 100). */
struct plan_clinic_rule {
	int ownership;           /* enum plan_ownership */
	long long min_beds;      /* beds (or childcare slots) >= this */
	long long min_residents; /* residents (入住) >= this */
	int exempt_integrated;   /* 1: not for an institution already set up
	                            with a medical one (大竹 "除与医疗机构整合
	                            设置的") */
};

struct plan_institution {
	int ownership; /* enum plan_ownership, not PLAN_OWN_ANY */
	long long beds;
	long long residents;
	int integrated; /* set up together with a medical institution */
};

struct plan_clinic_result {
	int required;   /* 1 when some rule applies */
	long rule;      /* index of the first rule that applies, else -1 */
	size_t matched; /* how many rules apply */
};

/*
 * Whether the institution must have an internal clinic: any one of the n
 * rules suffices (大竹: any with 100+ beds; 景德镇: public with 50+
 * residents, private with 150+ beds). n may be 0 (nothing is required).
 * Errors: rules NULL with n > 0 ("clinic_rules"); a rule with an unknown
 * ownership or no threshold ("clinic_rules[i]"); institution ownership
 * unknown or PLAN_OWN_ANY ("ownership"); beds or residents < 0 ("beds",
 * "residents").
 */
int plan_clinic_required(const struct plan_clinic_rule *rules, size_t n,
                         const struct plan_institution *inst,
                         struct plan_clinic_result *out, struct lx_error *err);

/* ---- childcare institution size classes ---- */

/* A class of institutions by slots, both bounds inclusive; max < 0 is no
 * upper bound. 巴中: 超大型 151..-1 ("超过150个"), 大型 100..150
 * ("100-150个"), 中型 51..99 ("51-99个"), 50 or fewer 0..50 ("50个以下"). */
struct plan_size_band {
	const char *name; /* borrowed; for the caller, not used here */
	long long min_slots;
	long long max_slots;
};

/* Checks the bands: min >= 0, max < 0 or >= min, no two overlapping. Gaps
 * between bands are allowed (a count in one is unclassified).
 * Errors: bands NULL with n > 0 ("bands"); a bad or overlapping band
 * ("bands[i]", the later of two that overlap). */
int plan_size_bands_check(const struct plan_size_band *bands, size_t n,
                          struct lx_error *err);

/* The index of the band that holds slots, or -1 (none, or slots < 0).
 * Bands are assumed checked. */
long plan_size_class(const struct plan_size_band *bands, size_t n,
                     long long slots);

/*
 * Counts institutions per band: counts[b] for band b and counts[nbands]
 * for those in no band, so counts has nbands + 1 elements (zeroed first).
 * Errors: as plan_size_bands_check; slots NULL with nslots > 0 ("slots");
 * a negative count ("slots[i]"). On error counts is all zero.
 */
int plan_size_count(const struct plan_size_band *bands, size_t nbands,
                    const long long *slots, size_t nslots, size_t *counts,
                    struct lx_error *err);

#endif
