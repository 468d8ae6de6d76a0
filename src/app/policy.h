/*
 * Policy files (docs/policy.md): loaded and checked as a set, inherited
 * down the region tree. A set is immutable once loaded and shared by
 * reference count, so a reload can replace it while requests still use
 * the old one.
 */
#ifndef LX_APP_POLICY_H
#define LX_APP_POLICY_H

#include "core/arena.h"
#include "core/error.h"
#include "core/exact.h"
#include "core/indicator.h"
#include "core/subsidy.h"

#include <jansson.h>
#include <stddef.h>

struct expr;
struct visit_policy;    /* app/visit_policy.h */
struct referral_policy; /* app/referral_policy.h */
/* home and community services (docs/policy.md "Services") */
struct service_policy;     /* app/service_policy.h */
struct entitlement_policy; /* app/service_entitlement_policy.h */
struct voucher_policy;     /* app/service_voucher_policy.h */
struct timebank_policy;    /* app/service_timebank_policy.h */
struct family_bed_policy;  /* app/service_bed_policy.h */
struct guidance_policy;    /* app/service_guidance_policy.h */
struct childcare_policy;   /* app/place_childcare_policy.h */
struct wait_policy;        /* app/place_wait_policy.h */
struct inspection_policy;  /* app/inspect_plan_policy.h */
struct checklist_policy;   /* app/inspect_checklist_policy.h */
struct hazard_policy;      /* app/inspect_hazard_policy.h */
struct food_policy;        /* app/inspect_food_policy.h */
struct staff_policy;       /* app/inspect_staff_policy.h */
struct grade_policy;       /* app/grade_policy.h */
struct credit_policy;      /* app/credit_policy.h */
struct complaint_policy;   /* app/complaint_policy.h */
struct closure_policy;     /* app/closure_policy.h */
struct task_policy;        /* app/task_policy.h */
struct project_policy;     /* app/project_policy.h */
struct meal_policy;        /* app/service_meal_policy.h */

struct group_def {
	const char *id, *name, *name_en, *source;
	const char *source_label; /* source as people read it (see below) */
};

enum aggregation { AGG_SUM, AGG_NONE };

struct reported_def {
	const char *name, *label, *unit, *department;
	enum aggregation aggregation;
};

/* A target stated for one region under the plan (分解指标): the plan's
 * total decomposed, e.g. a county's share of the city's beds. */
struct regional_target {
	const char *region, *value, *source;
	struct exact target;
};

/* Where an indicator's target applies (docs/policy.md "Whose target"):
 * to each region under the plan (ratios, per-1,000 figures, shares,
 * standards: inherited), or to the plan's jurisdiction as a whole (a total
 * such as 全市养老床位: a region under it has no target unless
 * decomposed). */
enum target_scope { SCOPE_EACH_REGION, SCOPE_JURISDICTION };

struct indicator_def {
	const char *id, *group, *name, *unit, *attribute, *department;
	const char *source, *note;
	int seq;
	int base_year;
	const char *base_value; /* exact text, NULL for "—" */
	const char *base_text;  /* a text base such as 未建 */
	int target_year;
	enum target_op op;
	const char *target_value; /* exact text */
	const char *target_text;  /* for TOP_TEXT */
	const char *numerator_text, *denominator_text;
	struct expr *numerator, *denominator; /* NULL: reported */
	struct exact factor;       /* 1 unless the file says; never 0 */
	struct exact base, target; /* base_value and target_value, exact */
	int places; /* stated precision: the most decimals of base and
	               target ("98.40" has 2) */
	enum target_scope scope;
	size_t nregional;
	struct regional_target *regional; /* may be empty */
	const char *jurisdiction; /* the code of the plan that states it */
	/* source as an official reads it: a leading seed file name (the
	 * file's "seed") replaced by the document's title in 《》 */
	const char *source_label;
	const char *file; /* the policy file that defines it */
};

struct fact_def {
	const char *element, *region, *period, *source;
	double value;
};

/* Planning standards (docs/policy.md "Planning"): each a decimal with its
 * source; absent keys are NULL. */
enum plan_key {
	PK_SLOTS_PER_1000,
	PK_BEDS_PER_1000_AGED_60,
	PK_PROVINCIAL_BEDS_TARGET,
	PK_PROVINCE_AGED_60,
	PK_NURSING_SHARE_PERCENT,
	PK_FLOOR_M2_PER_100_HOUSEHOLDS,
	PK_SINGLE_FACILITY_MIN_M2,
	PK_SLOTS_PER_1000_NEW,
	PK_SLOTS_PER_1000_OLD,
	PK_LAND_M2_PER_RESIDENT,
	PK_CAREGIVER_RATIO_SELFCARE,
	PK_CAREGIVER_RATIO_PARTLY,
	PK_CAREGIVER_RATIO_DISABLED,
	PK_SOCIAL_WORKERS_PER_100_BEDS,
	PK_SOCIAL_WORKERS_PER_1000_AGED_60,
	PK_COVERAGE_REACH_M,
	PK_BEDS_TARGET, /* an absolute bed target (巴中 2.3万张), with its year
	                 */
	PK__MAX
};

struct plan_value {
	double value;       /* for distances only; figures use exact */
	struct exact exact; /* the value as written, exactly */
	const char *text, *source, *file;
	int rounding; /* enum exact_rounding: half_up unless "rounding" says */
	int year;     /* the target year, for a target; else 0 */
};

/* beds_method: how elderly-care beds needed are computed. */
enum beds_method { BEDS_PER_1000_AGED_60, BEDS_PROVINCIAL_SHARE };

/* An internal clinic or nursing station is required when any rule
 * matches: ownership NULL (any), "public" or "private"; a threshold of 0 is
 * not checked. */
struct clinic_rule {
	const char *ownership, *source;
	long long min_beds, min_residents;
	int exempt_integrated; /* not for one set up with a medical one */
};

/* Childcare institutions classed by slots (巴中 counts them so). */
struct size_band {
	const char *name, *source;
	long long min_slots, max_slots; /* inclusive; max 0 = no upper bound */
};

/* A figure a plan states that laoxiao can also compute (docs/policy.md
 * "Stated figures"): slots_needed, beds_needed, beds_per_1000_aged_60,
 * occupancy_percent, vacancy_percent; for a year, with the places it was
 * written to (its precision) and, for occupancy, an ownership scope. */
struct stated_figure {
	const char *figure, *text, *scope, *source;
	struct exact value;
	int places; /* decimal places written; negative for 万 etc. */
	int year;
};

struct planning {
	const struct plan_value *v[PK__MAX];
	size_t nstated;
	const struct stated_figure *stated; /* replaced whole, not merged */
	const char *stated_by; /* the code of the policy that states them:
	                          a plan's figures are its own region's */
	int has_method;
	enum beds_method method;
	const char *method_source;
	size_t nclinic;
	const struct clinic_rule *clinic; /* replaced whole, not merged */
	size_t nbands;
	const struct size_band *bands; /* replaced whole, not merged */
	/* the registry or reported elements that count as supply */
	const char *supply_beds, *supply_beds_source;
	const char *supply_slots, *supply_slots_source;
};

const char *plan_key_name(enum plan_key k);

/* How assessments are used (docs/policy.md "Assessment"). */
struct assessment_policy {
	int has_stack, stack_changes; /* both change rules add up? */
	const char *stack_source;
	int has_validity, validity_months; /* reassess after */
	const char *validity_source;
	int has_care, care_of[5]; /* enum assess_care per final level */
	const char *care_source;
};

struct policy {
	char code[13];
	const char *name, *file, *seed, *document;
	size_t ngroups, nreported, nindicators, nfacts;
	struct group_def *groups;
	struct reported_def *reported;
	struct indicator_def *indicators;
	struct fact_def *facts;
	struct plan_value *plan[PK__MAX]; /* NULL where not set here */
	int has_method;
	enum beds_method method;
	const char *method_source;
	size_t nclinic; /* with has_clinic: this file sets the rules */
	int has_clinic;
	struct clinic_rule *clinic;
	int has_bands;
	size_t nbands;
	struct size_band *bands;
	int has_stated;
	size_t nstated;
	struct stated_figure *stated;
	const char *supply_beds, *supply_beds_source;
	const char *supply_slots, *supply_slots_source;
	struct assessment_policy assessment;
	/* Subsidies (docs/policy.md "Subsidies"): schemes checked with
	 * subsidy_scheme_check; a parameter listed without an amount has fen
	 * SUBSIDY_PARAM_UNSET (app/subsidy_policy.h). */
	size_t nschemes;
	struct subsidy_scheme *schemes;
	size_t nparams;
	struct subsidy_param *params;
	/* Visits (docs/policy.md "Visits") and referrals of what a visit
	 * finds ("Referrals"); NULL where this file has no such section. */
	const struct visit_policy *visits;
	const struct referral_policy *referrals;
	/* Home and community services (docs/policy.md "Services"); NULL
	 * where this file has no such section. */
	const struct service_policy *services;
	const struct entitlement_policy *entitlements;
	const struct voucher_policy *vouchers;
	const struct timebank_policy *timebank;
	const struct family_bed_policy *family_beds;
	const struct guidance_policy *guidance;
	const struct meal_policy *meals;
	/* Finding a place (docs/policy.md "Finding a place") */
	const struct childcare_policy *childcare;
	const struct wait_policy *waitlist;
	/* Supervision (docs/policy.md "Supervision") */
	const struct inspection_policy *inspections;
	const struct checklist_policy *checklists;
	const struct hazard_policy *hazards;
	const struct food_policy *food_safety;
	const struct staff_policy *staff;
	/* Credit and quality (docs/policy.md "Credit and quality") */
	const struct grade_policy *grading;
	const struct credit_policy *credit;
	const struct complaint_policy *complaints;
	const struct closure_policy *closures;
	/* Tasks and projects (docs/policy.md "Tasks and projects") */
	const struct task_policy *tasks;
	const struct project_policy *projects;
};

struct policy_set;

/* Loads every *.json in dir. On any error returns NULL with err naming
 * the file and key path ("511900000000-bazhong.json: indicators[3].target
 * .op: ..."); nothing is half-loaded. */
struct policy_set *policy_set_load(const char *dir, struct lx_error *err);

/* References: a new set has one; the last unref frees it. */
struct policy_set *policy_set_ref(struct policy_set *s);
void policy_set_unref(struct policy_set *s);

size_t policy_set_count(const struct policy_set *s);
/* The folder the set was loaded from (borrowed, lives with the set), or
 * NULL for no set. */
const char *policy_set_dir(const struct policy_set *s);
const struct policy *policy_set_at(const struct policy_set *s, size_t i);
const struct policy *policy_set_find(const struct policy_set *s,
                                     const char *code);

/* What applies to one region: the policies of its ancestors (root first)
 * merged, a nearer file's group, reported element or indicator replacing
 * one of the same id. Arrays are arena-owned; entries borrowed from the
 * set. */
struct policy_view {
	size_t ngroups, nreported, nindicators;
	const struct group_def **groups;
	const struct reported_def **reported;
	const struct indicator_def **indicators;
	const char *jurisdiction; /* code of the nearest policy, or NULL */
	struct planning planning; /* merged key by key down the path */
	struct assessment_policy assessment; /* likewise */
	/* merged like indicators: a nearer file's scheme replaces one of the
	 * same id, a parameter one of the same name */
	size_t nschemes;
	const struct subsidy_scheme **schemes;
	size_t nparams;
	const struct subsidy_param **params;
	/* the nearest file's section, whole, or NULL */
	const struct visit_policy *visits;
	const char *visits_by; /* the code of the file that states it */
	const struct referral_policy *referrals;
	/* the nearest file's service sections, each whole, or NULL */
	const struct service_policy *services;
	const struct entitlement_policy *entitlements;
	const struct voucher_policy *vouchers;
	const struct timebank_policy *timebank;
	const struct family_bed_policy *family_beds;
	const struct guidance_policy *guidance;
	const struct meal_policy *meals;
	/* Finding a place (docs/policy.md "Finding a place") */
	const struct childcare_policy *childcare;
	const struct wait_policy *waitlist;
	/* Supervision (docs/policy.md "Supervision") */
	const struct inspection_policy *inspections;
	const struct checklist_policy *checklists;
	const struct hazard_policy *hazards;
	const struct food_policy *food_safety;
	const struct staff_policy *staff;
	/* Credit and quality (docs/policy.md "Credit and quality") */
	const struct grade_policy *grading;
	const struct credit_policy *credit;
	const struct complaint_policy *complaints;
	const struct closure_policy *closures;
	/* Tasks and projects (docs/policy.md "Tasks and projects") */
	const struct task_policy *tasks;
	const struct project_policy *projects;
};

/* path: region codes from the root to the region itself. */
void policy_view_build(const struct policy_set *s, struct arena *a,
                       const char *const *path, size_t npath,
                       struct policy_view *out);

const struct reported_def *policy_view_reported(const struct policy_view *v,
                                                const char *name);
const struct indicator_def *policy_view_indicator(const struct policy_view *v,
                                                  const char *id);
const struct subsidy_scheme *policy_view_scheme(const struct policy_view *v,
                                                const char *id);

#endif
