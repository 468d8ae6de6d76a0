/* What a partial roll-up says beside its figure: a parent whose figure
 * sums only some of its children reads "3 of 7 counties" /
 * "7个县（区）中3个", so nobody takes a part for the whole. Pure: no I/O. */
#ifndef LX_CORE_ROLLUP_NOTE_H
#define LX_CORE_ROLLUP_NOTE_H

#include <stddef.h>

/* 1 when a roll-up of covered children out of children is partial
 * (0 < covered < children); a direct figure (children 0) is not. */
int rollup_is_partial(long covered, long children);

/*
 * Writes the note into buf (size n, always terminated when n > 0) and
 * returns buf. child_level is the children's enum region_level, which
 * names them ("counties", 县（区）; "townships", 乡镇（街道）; ...); an
 * unknown level says "areas" / 个下级区划. zh nonzero: "7个县（区）中3个";
 * else "3 of 7 counties" ("1 of 1 county" reads singular).
 */
char *rollup_note(long covered, long children, int child_level, int zh,
                  char *buf, size_t n);

#endif
