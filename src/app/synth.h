/*
 * A synthetic city at full scale (DESIGN.md section 6): a preset's
 * published aggregates made into townships, villages, facilities and one
 * record per resident aged 60 and over and per child under three, with a
 * year of monthly history. The rates and assumptions it uses, each with
 * its source, are in docs/synth.md.
 */
#ifndef LX_APP_SYNTH_H
#define LX_APP_SYNTH_H

#include "app/ctx.h"

#include <stdint.h>

struct synth_params {
	const char *preset; /* the jurisdiction's 12-digit code */
	double scale;       /* 1 = the published figures; 0 < scale <= 4 */
	uint64_t seed;
	/* no visitors and no visits: for benchmarks of the rest of the city
	 * that compare with figures measured before there were any */
	int no_visits;
};

/*
 * Builds the city into ctx->db, which holds the region presets and no
 * people, facilities or lower regions under the preset yet (a fresh
 * database). Needs ctx->keys (identifiers are sealed) and ctx->policies
 * (the preset's stated facts). One transaction: on failure nothing is
 * written. Returns counts of what was made, or NULL with ctx->err set.
 */
json_t *app_synth(struct app_ctx *ctx, const struct synth_params *p);

#endif
