/*
 * The names nearest a misspelt one, so an error can say "did you mean ...".
 * Used wherever a file or an import names something from a closed list
 * (elements, metrics, categories, kinds). Pure; no I/O, no allocation.
 */
#ifndef LX_CORE_NEAREST_H
#define LX_CORE_NEAREST_H

#include <stddef.h>

/* Edit distance (Levenshtein: insert, delete or replace one byte) between
 * the NUL-terminated strings a and b, ASCII letters compared without case.
 * Strings longer than 64 bytes are compared on their first 64 bytes only
 * (names are short; the bound keeps the work on the stack). NULL is "". */
int nearest_distance(const char *a, const char *b);

/* Fills out[0..] with at most k of the n names (borrowed pointers into
 * names, NULL entries skipped), nearest first by nearest_distance to word;
 * equal distances keep the order of names. Returns how many were written:
 * min(k, non-NULL names), 0 when k <= 0 or n == 0. out must hold k. */
int nearest_names(const char *word, const char *const *names, size_t n,
                  const char **out, int k);

#endif
