/* Population figures that cannot all be true: a region's sub-regions
 * adding up to more than the region itself, or an age group larger than
 * the group it is part of (60+ above the residents). Reported as flags,
 * never corrected: which figure is wrong is for the official to find. */
#ifndef LX_APP_POPULATION_NESTING_H
#define LX_APP_POPULATION_NESTING_H

#include "core/region.h"
#include "store/population_store.h"

#include <jansson.h>
#include <stddef.h>

/* Appends to flags one object per contradiction among the direct
 * figures figs of the regions nodes (a subtree; every figure's region
 * among them): {kind, region, region_name, year, metric, value, against,
 * against_value, message_zh}. kind is "children_exceed" (the figures of a
 * region's nearest descendants with one sum above its own) or "group_exceeds"
 * (80+ above 65+, 65+ above 60+, 60+ or 0–3 above residents in one region and
 * year). */
void population_nesting_flags(const struct region *nodes, size_t nn,
                              const struct pop_figure *figs, size_t nf,
                              json_t *flags);

#endif
