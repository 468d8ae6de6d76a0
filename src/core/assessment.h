/*
 * The elderly ability assessment instrument of GB/T 42195-2022
 * 老年人能力评估规范 (standards.md): 26 items in 4 dimensions, a total of
 * 0–90, an initial level by the total (C.3), changes from the background
 * items (C.4), the final level (C.5) and the care category that allowances
 * and staffing use. Records kept under MZ/T 039-2013 are carried with
 * their level as given, unscored.
 *
 * Pure: no I/O, no globals beyond constant tables. Every string returned
 * is static storage; results carry their text in fixed buffers, so nothing
 * here allocates.
 */
#ifndef LX_CORE_ASSESSMENT_H
#define LX_CORE_ASSESSMENT_H

#include "core/error.h"

#include <stddef.h>

#define ASSESS_INSTRUMENT        "GB/T 42195-2022"
#define ASSESS_LEGACY_INSTRUMENT "MZ/T 039-2013"
#define ASSESS_ITEM_COUNT        26
#define ASSESS_TOTAL_MAX         90
/* Scores are 0..max with max at most 4. */
#define ASSESS_SCORE_STEPS 5

enum assess_dimension {
	ASSESS_DIM_SELF_CARE,  /* B.1 自理能力, max 32 */
	ASSESS_DIM_MOTOR,      /* B.2 基础运动能力, max 15 */
	ASSESS_DIM_MENTAL,     /* B.3 精神状态, max 28 */
	ASSESS_DIM_PERCEPTION, /* B.4 感知觉与社会参与, max 15 */
	ASSESS_DIM__MAX
};

/* Levels from best to worst; "one level worse" is +1. */
enum assess_level {
	ASSESS_LEVEL_INTACT, /* 能力完好, total 90 */
	ASSESS_LEVEL_MILD,   /* 能力轻度受损（轻度失能）, 66–89 */
	ASSESS_LEVEL_MODERATE, /* 能力中度受损（中度失能）, 46–65 */
	ASSESS_LEVEL_SEVERE, /* 能力重度受损（重度失能）, 30–45 */
	ASSESS_LEVEL_LOST,   /* 能力完全丧失（完全失能）, 0–29 */
	ASSESS_LEVEL__MAX
};

/* The care categories of allowances and staffing, in the order (and with
 * the names) of enum plan_care_level in core/plan.h. */
enum assess_care {
	ASSESS_CARE_SELF,     /* "self" 自理 */
	ASSESS_CARE_PARTLY,   /* "partly" 半失能 */
	ASSESS_CARE_DISABLED, /* "disabled" 失能 */
	ASSESS_CARE__MAX
};

struct assess_item {
	const char *code; /* "B.1.1" */
	enum assess_dimension dimension;
	const char *name_zh, *name_en;
	int max; /* 1..4 */
	/* wording[s] describes score s (0..max); NULL where standards.md
	 * gives no wording for that score. */
	const char *wording[ASSESS_SCORE_STEPS];
	/* bit s set: wording[s] is the common 5-step scale's text, standing
	 * in where standards.md gives no wording specific to the item */
	unsigned common_scale;
};

/* The 26 items in the standard's order; index i is "items[i]". NULL when
 * i is out of range. */
const struct assess_item *assess_item(size_t i);

const char *assess_dimension_code(enum assess_dimension d); /* "B.1" */
const char *assess_dimension_name_zh(enum assess_dimension d);
const char *assess_dimension_name_en(enum assess_dimension d);
/* Sum of the maxima of the dimension's items (32, 15, 28, 15); 0 when d
 * is out of range. */
int assess_dimension_max(enum assess_dimension d);

/* "能力完好" … "能力完全丧失（完全失能）"; "intact" … ; "unknown" out of
 * range. */
const char *assess_level_zh(enum assess_level l);
const char *assess_level_en(enum assess_level l);

/* "self" | "partly" | "disabled"; 自理 | 半失能 | 失能; "unknown" out of
 * range. assess_care_parse returns the enum or -1. */
const char *assess_care_code(enum assess_care c);
const char *assess_care_zh(enum assess_care c);
const char *assess_care_en(enum assess_care c);
int assess_care_parse(const char *s);

/* The initial level of a total (C.3), or -1 when total is not 0..90. */
int assess_initial_level(int total);

/* Background items that change the level (C.4). Any non-zero flag is
 * true. */
struct assess_background {
	int coma;      /* 昏迷 */
	int diagnosis; /* dementia (ICD-10 F00–F03), or a mental or
	                  behavioural disorder (F04–F99) diagnosed by a
	                  psychiatrist */
	int risk_events; /* care-risk events (跌倒, 噎食, 自杀, 自伤, 走失 …)
	                    in the last 30 days, >= 0 */
};

/* What the jurisdiction decides. */
struct assess_policy {
	/* UNCERTAIN in the standard: when the diagnosis and the risk events
	 * both apply, 0 raises the level by one in total, 1 by one for
	 * each (two levels). */
	int stack_changes;
	/* care category of each final level */
	enum assess_care care_of[ASSESS_LEVEL__MAX];
};

/* stack_changes 0; 能力完全丧失 and 重度 → disabled, 中度 → partly,
 * 轻度 and 完好 → self. */
struct assess_policy assess_policy_default(void);

enum assess_rule {
	ASSESS_RULE_COMA,        /* C.4 1: directly 能力完全丧失 */
	ASSESS_RULE_DIAGNOSIS,   /* C.4 2: one level worse */
	ASSESS_RULE_RISK_EVENTS, /* C.4 3: one level worse */
	ASSESS_RULE__MAX
};

/* "coma" | "diagnosis" | "risk_events"; "unknown" out of range. */
const char *assess_rule_name(enum assess_rule r);

/* One rule whose condition holds. A rule that holds but moves nothing
 * (coma overrides it, it is counted once with the other, or the level is
 * already 能力完全丧失) is listed with applied 0 and says why. */
struct assess_change {
	enum assess_rule rule;
	int applied;  /* 1 if this rule moved the level */
	int from, to; /* enum assess_level before and after this rule */
	char zh[256]; /* the reason in Chinese */
	char en[384]; /* the reason in English */
};

struct assess_result {
	const char *instrument;       /* ASSESS_INSTRUMENT or the legacy one */
	int scored;                   /* 0 for a legacy level taken as given */
	int items[ASSESS_ITEM_COUNT]; /* the scores; 0s when not scored */
	int dimension[ASSESS_DIM__MAX]; /* -1 when not scored */
	int total;                      /* 0..90; -1 when not scored */
	enum assess_level initial, final;
	struct assess_change changes[ASSESS_RULE__MAX];
	size_t nchanges;
	int stack_changes; /* the policy's switch, as used */
	/* both the diagnosis and the risk events held, no coma, and the
	 * switch changed the final level */
	int stacking_mattered;
	/* how the switch was used; "" unless the diagnosis and the risk
	 * events both held */
	char stacking_note_zh[256], stacking_note_en[384];
	enum assess_care care;
	char legacy_level[64]; /* the legacy level as given; "" if scored */
};

/*
 * Scores an assessment: n must be ASSESS_ITEM_COUNT scores in the order
 * of assess_item(); bg NULL means no background change; pol NULL means
 * assess_policy_default(). Fills out and returns 0.
 * Errors (LX_EINVALID, out unspecified): n wrong ("items"); a score out of
 * its item's range ("items[i]", the message names the item in Chinese and
 * its range); risk_events < 0 ("risk_events"); a care_of entry out of
 * range ("care_of[l]").
 */
int assess_score(const int *scores, size_t n,
                 const struct assess_background *bg,
                 const struct assess_policy *pol, struct assess_result *out,
                 struct lx_error *err);

/*
 * Applies the C.4 changes to an initial level and fills out's initial,
 * final, changes, stack_changes, stacking_mattered and the notes (not
 * the care category). Used by assess_score; exposed so a level can be
 * recomputed under another policy without rescoring.
 * Errors: initial out of range ("initial"); risk_events < 0
 * ("risk_events").
 */
int assess_apply_changes(enum assess_level initial,
                         const struct assess_background *bg,
                         const struct assess_policy *pol,
                         struct assess_result *out, struct lx_error *err);

/*
 * A level recorded under MZ/T 039-2013, taken as given: an index "0".."3"
 * or a name (能力完好, 轻度失能, 中度失能, 重度失能, or the same with
 * GB/T 42195-2022 wording such as 能力轻度受损（轻度失能）; surrounding spaces
 * ignored). The result is marked ASSESS_LEGACY_INSTRUMENT, scored 0, with
 * no item or dimension scores and no changes; initial and final are the
 * level of the same index (MZ/T 039-2013 has no 能力完全丧失), and the care
 * category comes from pol (NULL: the default). The text, trimmed, is kept
 * as given in legacy_level.
 * Errors: NULL, empty, too long or unknown level ("level").
 */
int assess_legacy(const char *level, const struct assess_policy *pol,
                  struct assess_result *out, struct lx_error *err);

#endif
