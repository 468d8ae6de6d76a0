#include "core/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks are chained; large requests get a block of their own so that a big
 * CSV body does not waste a whole default block. */
struct block {
	struct block *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

struct arena {
	struct block *head;
};

enum { BLOCK_SIZE = 64 * 1024 };

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fputs("laoxiao: out of memory\n", stderr);
		abort();
	}
	return p;
}

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof(*a));

	a->head = NULL;
	return a;
}

void arena_free(struct arena *a)
{
	struct block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

/* n bytes not zeroed, for the callers below that write them at once:
 * zeroing a buffer only to overwrite it showed in the profile of a run
 * over a city. */
static void *take(struct arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct block *b = a->head;
	size_t need = (n + align - 1) / align * align;
	char *p;

	if (need == 0)
		need = align;
	if (!b || b->size - b->used < need) {
		size_t size = need > BLOCK_SIZE / 2 ? need : BLOCK_SIZE;

		b = xmalloc(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		if (size == BLOCK_SIZE || !a->head) {
			b->next = a->head;
			a->head = b;
		} else {
			/* keep the partly used head block current */
			b->next = a->head->next;
			a->head->next = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = take(a, n);

	memset(p, 0, n);
	return p;
}

void *arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = take(a, n);

	memcpy(q, p, n);
	return q;
}

void *arena_grow(struct arena *a, void *v, size_t len, size_t *cap,
                 size_t elsize)
{
	void *w;

	if (v && len < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	w = arena_alloc(a, *cap * elsize);
	if (v && len)
		memcpy(w, v, len * elsize);
	return w;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	size_t len;
	char *q;

	if (!s)
		return NULL;
	len = strnlen(s, n);
	q = take(a, len + 1);
	memcpy(q, s, len);
	q[len] = '\0';
	return q;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, SIZE_MAX) : NULL;
}

/* Short texts are formatted once, into a buffer on the stack, and copied;
 * only a long one is formatted a second time. */
char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	char tmp[256];
	int n;
	char *s;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	s = take(a, (size_t)n + 1);
	if ((size_t)n < sizeof(tmp))
		memcpy(s, tmp, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

void abuf_init(struct abuf *b, struct arena *a)
{
	b->arena = a;
	b->cap = 256;
	b->len = 0;
	b->data = take(a, b->cap);
	b->data[0] = '\0';
}

static void abuf_grow(struct abuf *b, size_t extra)
{
	size_t cap = b->cap;
	char *d;

	if (b->len + extra + 1 <= cap)
		return;
	while (b->len + extra + 1 > cap)
		cap *= 2;
	d = take(b->arena, cap);
	memcpy(d, b->data, b->len + 1);
	b->data = d;
	b->cap = cap;
}

void abuf_reserve(struct abuf *b, size_t n)
{
	abuf_grow(b, n);
}

void abuf_append(struct abuf *b, const void *p, size_t n)
{
	abuf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void abuf_puts(struct abuf *b, const char *s)
{
	abuf_append(b, s, strlen(s));
}

/* Formats straight into the room left, and a second time only when the
 * text did not fit. */
void abuf_printf(struct abuf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	size_t room = b->cap - b->len;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if ((size_t)n >= room) {
		/* the cut text is dropped: data[len] is put back first, as
		 * abuf_grow copies len + 1 bytes */
		b->data[b->len] = '\0';
		abuf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
	}
	va_end(ap2);
	b->len += (size_t)n;
}
