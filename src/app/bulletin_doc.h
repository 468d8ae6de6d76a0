/*
 * What every form of the bulletin (通报) says, gathered once: the title,
 * the issuing body and date, the counts of the summary paragraph, the
 * indicator rows as text cells, and the comparison of the children for the
 * binding indicators. Rendered by bulletin_html.c and bulletin_xlsx.c, and
 * as CSV by bulletin.c.
 */
#ifndef LX_APP_BULLETIN_DOC_H
#define LX_APP_BULLETIN_DOC_H

#include "app/ctx.h"
#include "app/indicator_compare.h"
#include "core/indicator.h"
#include "core/period.h"

#include <stddef.h>

/* The columns of the indicator table, in Chinese as officials read them. */
enum bulletin_col {
	BC_GROUP,
	BC_SEQ,
	BC_NAME,
	BC_UNIT,
	BC_ATTRIBUTE,
	BC_DEPARTMENT,
	BC_BASE_YEAR,
	BC_BASE,
	BC_TARGET_YEAR,
	BC_TARGET,
	BC_VALUE,
	BC_PREVIOUS,
	BC_CHANGE,
	BC_STATUS,
	BC_SOURCE,
	BC__MAX
};

extern const char *const bulletin_headers[BC__MAX];

struct bulletin {
	json_t *doc; /* app_indicators' document; owned */
	const char *region, *region_name;
	int region_level; /* enum region_level */
	struct period p;
	const char *period_label; /* "2025年" */
	const char *title; /* 巴中市“一老一小”主要指标完成情况通报（2025年） */
	const char *issuer;  /* 巴中市民政局 (bulletin_issuer) */
	const char *issued;  /* the date of issue, 2025年12月31日 */
	const char *summary; /* the summary paragraph */
	size_t total, count[ST__MAX], binding, binding_late;
	/* the children's comparison of each binding indicator (or, without
	 * binding ones, of each with a value); none for a region without
	 * children */
	const char *children_label; /* 各县（区） */
	size_t ncompare;
	struct indicator_compare *compare;
};

/* Builds the bulletin of params region and period (checked as
 * app_indicators checks them). -1 with ctx->err. */
int bulletin_build(struct app_ctx *ctx, json_t *params, struct bulletin *b);

void bulletin_release(struct bulletin *b);

/* The text cells of one indicator of b->doc (arena). */
void bulletin_cells(struct app_ctx *ctx, const struct bulletin *b, json_t *ind,
                    const char *c[BC__MAX]);

/* The issuing body by the region's level (docs/api.md "Bulletins"): a
 * province's 民政厅, a city's or county's 民政局, a township's 人民政府, a
 * sub-district's 办事处, a village's or community's committee. */
const char *bulletin_issuer(struct arena *a, const char *name, int level);

/* Renderers: HTML for reading and printing on A4, XLSX for the office. */
int bulletin_html(struct app_ctx *ctx, const struct bulletin *b,
                  struct abuf *out);
int bulletin_xlsx(struct app_ctx *ctx, const struct bulletin *b, char **out,
                  size_t *len);

#endif
