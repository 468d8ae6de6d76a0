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

/* 1 if word occurs in name, ASCII letters compared without case ("tekun"
 * in "tekun_dispersed"); an empty or NULL word occurs in every name. */
int nearest_contains(const char *name, const char *word);

/* Fills out[0..] with at most k of the n names (borrowed pointers into
 * names; NULL entries and repeats of a name already chosen skipped),
 * nearest first: the names that contain word, then the others, each by
 * nearest_distance to word; equal ranks keep the order of names (a short
 * misspelling is far from a long name it abbreviates, hence containment
 * first). Returns how many were written: min(k, distinct non-NULL names),
 * 0 when k <= 0 or n == 0. out must hold k. */
int nearest_names(const char *word, const char *const *names, size_t n,
                  const char **out, int k);

#endif
