/* Planning figures as JSON: exact values written as decimal strings,
 * never as JSON reals, each rounded figure beside the rule that rounded
 * it. */
#ifndef LX_APP_PLAN_FIGURES_H
#define LX_APP_PLAN_FIGURES_H

#include "core/exact.h"
#include "core/plan.h"

#include <jansson.h>

/* Places shown for a figure that is not a short decimal (a quotient such
 * as 33650000/3177): rounded half up, with "exact": false beside it. */
enum { PLAN_FIGURE_PLACES = 4 };

/* v as a decimal string: in full when it has at most PLAN_FIGURE_PLACES
 * places ("5414.85"), else rounded half up to that many ("10591.7532").
 * New reference. */
json_t *plan_figure_json(struct exact v);

/* {"value", "exact" (false when value was rounded), "numerator",
 * "denominator"}: the working of a ratio. New reference. */
json_t *plan_ratio_json(const struct plan_ratio *r);

/* v rounded by rule to places (plan_round): a JSON integer when places
 * <= 0, else a decimal string; JSON null on overflow. New reference. */
json_t *plan_rounded_json(struct exact v, int rule, int places);

/* Sets "rule" (English) and "rule_zh" on o, saying how figures beside
 * them were rounded. */
void plan_rule_set(json_t *o, int rule, int places);

/* A stored double read back as the decimal it was entered as: the
 * shortest of 15 to 17 significant digits that gives d again (reported
 * figures are kept as doubles). 0, or -1 for a value that is not finite
 * or too large. */
int plan_exact_from_double(double d, struct exact *out);

#endif
