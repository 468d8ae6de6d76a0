/*
 * Indicator values for the nodes of a region subtree and one period: the
 * data every expression reads is loaded once for the whole subtree (one
 * query per source, grouped by region), rolled up the tree in memory, and
 * then any node's indicators are evaluated from it. One region's page and
 * the dashboard of every node go through this same code, so they cannot
 * disagree.
 */
#ifndef LX_APP_INDICATOR_EVAL_H
#define LX_APP_INDICATOR_EVAL_H

#include "app/ctx.h"
#include "app/policy.h"
#include "core/indicator.h"
#include "core/period.h"
#include "core/region.h"
#include "store/indicator_store.h"

struct ind_tree;

/* Loads the subtree of root for period p (arena-owned). NULL with
 * ctx->err on failure. */
struct ind_tree *ind_tree_load(struct app_ctx *ctx, const char *root,
                               struct period p);

/* The subtree's regions ordered by code, and the root's index. */
size_t ind_tree_count(const struct ind_tree *t);
const struct region *ind_tree_node(const struct ind_tree *t, size_t i);
size_t ind_tree_root(const struct ind_tree *t);
const char *ind_tree_as_of(const struct ind_tree *t); /* YYYY-MM-DD */

/* The policy view of every node (arena array indexed like the nodes):
 * root_view for the root, a node's parent's view unless a policy file of
 * its own (or a parent outside the subtree) makes it differ. */
int ind_tree_views(struct ind_tree *t, const struct policy_view *root_view,
                   const struct policy_view ***out);

/* Whether a lazily loaded source (person counts) failed; ctx->err says
 * why. Check after evaluating. */
int ind_tree_failed(const struct ind_tree *t);

/* Whose target a node sees (docs/policy.md "Whose target"): the plan's
 * own (the node is the plan's jurisdiction), inherited (a ratio of a plan
 * above), decomposed onto the node (regional_targets), or none (a total of
 * a plan above: the value is descriptive). */
enum ind_target_kind { TGT_OWN, TGT_INHERITED, TGT_REGIONAL, TGT_NONE };

enum ind_target_kind ind_target_for(const struct indicator_def *d,
                                    const char *code,
                                    const struct regional_target **regional);

/* The indicator's name as a region other than the plan's reads it: a
 * leading 全市 / 全县 / 全区 (the plan's whole area) dropped there. */
const char *ind_name_at(const struct indicator_def *d, const char *code);

/* Exact figures (core/exact.h). */
struct ind_result {
	int has_value;
	struct exact value, num, den;
	int has_den;
	const char *text;           /* reported text for a text target */
	const struct reported *rep; /* the report behind the value, if any */
	enum indicator_status status;
	const char *origin; /* "computed" or "reported" */
	/* The period of the oldest report of an earlier period the value
	 * rests on (a stated fact still in force, docs/policy.md), and its
	 * last day; NULL when everything is of the period itself. */
	const char *stated;
	char stated_end[11];
	/* A population figure the value rests on that sums only some of the
	 * node's children: covered of children, named by the children's
	 * level (core/rollup_note.h); children 0 when none is partial. */
	long partial_covered, partial_children;
	int partial_level;
	enum ind_target_kind target_kind;
	const struct regional_target *regional; /* for TGT_REGIONAL */
	/* where the straight line from base to target stands at the period,
	 * exactly (core/indicator.h indicator_expected) */
	int has_expected;
	struct exact expected;
};

/* The partial roll-up note of a result ("7个县（区）中3个" when zh, else
 * "3 of 7 counties"), or NULL when no figure it rests on is partial. */
char *ind_partial_note(struct arena *a, const struct ind_result *r, int zh);

/* "截至2023年5月" for the period "2023-05" ("截至2023年", "截至2023年第2季度"):
 * the date a stated value is as of, in the arena. */
char *ind_stated_label(struct arena *a, const char *period);

/* One indicator at node i (docs/policy.md: reported values at the node
 * first, registry totals of its subtree, population, people, reported
 * sums). */
struct ind_result ind_evaluate(struct ind_tree *t, size_t i,
                               const struct policy_view *view,
                               const struct indicator_def *d);

/* One data element at node i: 1 and *out, or 0 for no value. */
int ind_lookup(struct ind_tree *t, size_t i, const struct policy_view *view,
               const char *name, struct exact *out);

/* How values are shown (docs/policy.md "Precision and rounding"): rounded
 * half up (四舍五入) to the indicator's stated precision, the most decimal
 * places of its base and target ("98.40" has 2); a value that is not a
 * whole number shows at least 2 places, so 0.125 shows as 0.13. */
enum { IND_MIN_PLACES = 2, IND_FIGURE_PLACES = 6 };
#define IND_ROUNDING "half_up"

int ind_places(const struct indicator_def *d, struct exact v);

/* v rounded half up to ind_places(d, v), e.g. "56.70", "14". */
char *ind_format(const struct indicator_def *d, struct exact v,
                 char out[EXACT_TEXT_MAX]);

/* A figure behind a value (numerator, denominator, factor) as decimal
 * text: in full when it has at most IND_FIGURE_PLACES decimals, else
 * rounded half up to that many; no trailing zeros. */
char *ind_format_figure(struct exact v, char out[EXACT_TEXT_MAX]);

/* The end of period p as an exact year number, years being year-ends:
 * 2025 is 2025, 2025Q2 is 2024 + 6/12, 2025-03 is 2024 + 3/12. Used for
 * the straight line from the base year to the target year. */
struct exact period_year_exact(struct period p);

#endif
