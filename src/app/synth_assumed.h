/* What a preset lacks that synth needs to build its city: figures and
 * township names, each cited or labelled as an assumption with the reason
 * (docs/synth.md "Filling what a preset lacks"). */
#ifndef LX_APP_SYNTH_ASSUMED_H
#define LX_APP_SYNTH_ASSUMED_H

#include <stddef.h>

struct synth_assumed_figure {
	const char *region; /* 12-digit code */
	int year;
	int metric;        /* enum pop_metric */
	long long value;   /* persons, unscaled */
	const char *basis; /* "cited: …" or "assumed: …, because …" */
};

/* The figure synth uses for region's metric when the preset states none,
 * or NULL. */
const struct synth_assumed_figure *synth_assumed_figure(const char *region,
                                                        int metric);

struct synth_named_township {
	const char *county; /* 12-digit code */
	const char *name;
	int street; /* 街道 (urban) rather than 镇 */
	const char *basis;
};

/* The real township names a seed gives for county, in the order synth
 * uses them; *n set to how many (0: every name is a placeholder). */
const struct synth_named_township *synth_named_townships(const char *county,
                                                         size_t *n);

#endif
