#include "core/accepted.h"

#include "core/nearest.h"

const char *accepted_names(struct arena *a, const char *word,
                           const char *const *names, size_t n)
{
	const char *best[ACCEPTED_NEAREST];
	struct abuf b;
	size_t count = 0;
	int k;

	for (size_t i = 0; i < n; i++)
		count += names[i] != NULL;
	if (!count)
		return "";
	abuf_init(&b, a);
	if (count <= ACCEPTED_ALL_MAX) {
		abuf_puts(&b, "accepted: ");
		count = 0;
		for (size_t i = 0; i < n; i++)
			if (names[i]) {
				abuf_puts(&b, count++ ? ", " : "");
				abuf_puts(&b, names[i]);
			}
		return b.data;
	}
	k = nearest_names(word, names, n, best, ACCEPTED_NEAREST);
	abuf_puts(&b, "nearest: ");
	for (int i = 0; i < k; i++) {
		abuf_puts(&b, i ? ", " : "");
		abuf_puts(&b, best[i]);
	}
	return b.data;
}

const char *accepted_enum(struct arena *a, const char *word,
                          const struct enum_names *t)
{
	return accepted_names(a, word, t->names, (size_t)t->count);
}
