/*
 * One indicator across the direct children of a region (各县（区）比较):
 * every child's value, target and status, ranked best first. Built on the
 * every-node evaluation (app/indicator_eval.h), so a child's row says
 * exactly what the child's own indicators page says.
 */
#ifndef LX_APP_INDICATOR_COMPARE_H
#define LX_APP_INDICATOR_COMPARE_H

#include "app/ctx.h"
#include "core/exact.h"
#include "core/indicator.h"
#include "core/period.h"

#include <stddef.h>

/* Which way is better: by the target's comparator (>= and > higher, <=
 * and < lower); none for an exact or text target or no target, where
 * rows are ranked by value descending. */
enum compare_better { BETTER_NONE, BETTER_HIGHER, BETTER_LOWER };

/* A target as a region reads it; year 0 when it has none. */
struct compare_target {
	int year;
	enum target_op op;
	const char *value; /* exact text, NULL for a text target */
	const char *text;  /* for a text target */
};

struct compare_row {
	const char *code, *name;
	int has_value;
	struct exact value;  /* rounded half up as shown */
	int places;          /* decimal places shown */
	const char *display; /* the rounded value, the text, or "—" */
	const char *text;    /* a reported text, or NULL */
	enum indicator_status status;
	struct compare_target target;
	int rank; /* 1-based competition rank; 0 without a value */
};

struct indicator_compare {
	const char *region, *region_name, *level; /* level as a code name */
	int region_level;                         /* enum region_level */
	char period[8];
	struct period p;
	const char *as_of;
	const char *id, *name, *unit, *attribute, *department;
	enum compare_better better;
	struct compare_target target; /* at the region itself */
	size_t nrows;
	struct compare_row *rows; /* best first; arena-owned */
	/* summary: rows by status */
	size_t with_data, count[ST__MAX];
};

/* The comparison for a region (already checked visible), a period and an
 * indicator id of the region's policies; LX_EMALFORMED naming
 * "indicator" when there is no such indicator. Everything arena-owned. */
int indicator_compare_build(struct app_ctx *ctx, const char *region,
                            struct period p, const char *id,
                            struct indicator_compare *out);

/* The same for n indicators at once over one loaded tree (the bulletin's
 * 各县（区）完成情况): out has room for n. */
int indicator_compare_many(struct app_ctx *ctx, const char *region,
                           struct period p, const char *const *ids, size_t n,
                           struct indicator_compare *out);

/* Sorts rows best first (a row without a value last, equal values by
 * code) and gives each valued row its competition rank (1, 1, 3), rank 0
 * to the rest. Exposed for tests. */
void indicator_compare_rank(struct compare_row *rows, size_t n,
                            enum compare_better better);

/* "各县（区）" for the children of a city, and so on by level. */
const char *compare_children_label(int region_level);

/* "2026年", "2026年第2季度", "2026年5月" (arena). */
char *compare_period_label(struct arena *a, struct period p);

/* A target as people read it: "≥56.7", "建立", or "—". */
const char *compare_target_label(struct arena *a,
                                 const struct compare_target *t);

/* The rule stated beside the figures. */
extern const char compare_rounding_zh[];

/*
 * GET /api/v1/indicators/compare: params region, period, indicator and
 * format (json, the default, csv or xlsx). JSON as docs/api.md says; CSV
 * (UTF-8 with BOM) and XLSX with Chinese headers. *out arena-owned; *type
 * the MIME type; *filename the Chinese file name for a download (NULL for
 * JSON). A missing or unknown region, period or indicator is
 * LX_EMALFORMED naming the field.
 */
int app_indicator_compare(struct app_ctx *ctx, json_t *params, char **out,
                          size_t *len, const char **type,
                          const char **filename);

#endif
