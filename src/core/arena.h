/*
 * Arena allocation: one arena per request or command, freed at the end in
 * one call. Allocation failure aborts the process (there is no sensible
 * recovery from running out of memory in a request).
 */
#ifndef LX_CORE_ARENA_H
#define LX_CORE_ARENA_H

#include <stddef.h>

struct arena;

/* Returns a new empty arena; caller frees with arena_free(). */
struct arena *arena_new(void);

/* Frees the arena and everything allocated from it; NULL is a no-op. */
void arena_free(struct arena *a);

/* Zeroed memory of n bytes, aligned for any type; arena-owned. */
void *arena_alloc(struct arena *a, size_t n);

/* Copies of strings; arena-owned. arena_strndup copies at most n bytes and
 * always terminates. NULL in gives NULL out. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void *arena_memdup(struct arena *a, const void *p, size_t n);

/* Makes room for one more element in an arena array of *len elements of
 * size elsize with capacity *cap, returning the (maybe moved) array; the
 * caller then writes element *len and increments it. */
void *arena_grow(struct arena *a, void *v, size_t len, size_t *cap,
                 size_t elsize);

/* printf into a new arena-owned string. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), nonnull(2)));

/* A growable byte buffer whose storage lives in the arena. */
struct abuf {
	struct arena *arena;
	char *data; /* always NUL-terminated */
	size_t len;
	size_t cap;
};

void abuf_init(struct abuf *b, struct arena *a);
/* Makes room for n more bytes at once, when the size is known roughly in
 * advance: growing a large text by doubling copies it again and again. */
void abuf_reserve(struct abuf *b, size_t n);
void abuf_append(struct abuf *b, const void *p, size_t n);
void abuf_puts(struct abuf *b, const char *s);
void abuf_printf(struct abuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), nonnull(2)));

#endif
