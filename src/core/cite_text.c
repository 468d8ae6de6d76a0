#include "core/cite_text.h"

#include <string.h>

/* "NNN_" + 16 hexadecimal digits + ".txt" */
#define SEED_LEN 24

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 if a seed file name starts at s (s may be shorter) */
static int seed_at(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (!is_digit(s[i]))
			return 0;
	if (s[3] != '_')
		return 0;
	for (int i = 4; i < 20; i++)
		if (!is_hex(s[i]))
			return 0;
	return !strncmp(s + 20, ".txt", 4);
}

/* the first seed file name in s, or NULL. Every name has ".txt" at
 * offset 20, so only the places before a ".txt" need a look. */
static const char *next_seed(const char *s)
{
	const char *p = s;

	while ((p = strstr(p, ".txt")) != NULL) {
		if (p - s >= 20 && seed_at(p - 20))
			return p - 20;
		p += 4;
	}
	return NULL;
}

int cite_has_seed(const char *s)
{
	return s && next_seed(s) != NULL;
}

const char *cite_text(struct arena *a, const char *s,
                      const struct cite_doc *docs, size_t ndocs)
{
	const char *at, *title;
	struct abuf b;

	if (!s || !(at = next_seed(s)))
		return s;
	abuf_init(&b, a);
	while (at) {
		abuf_append(&b, s, (size_t)(at - s));
		title = NULL;
		for (size_t i = 0; i < ndocs && !title; i++)
			if (docs[i].seed && docs[i].title &&
			    !strncmp(docs[i].seed, at, SEED_LEN) &&
			    docs[i].seed[SEED_LEN] == '\0')
				title = docs[i].title;
		if (title) {
			abuf_puts(&b, "《");
			abuf_puts(&b, title);
			abuf_puts(&b, "》");
		} else {
			abuf_puts(&b, "所引方案");
		}
		s = at + SEED_LEN;
		while (*s == ' ')
			s++;
		at = next_seed(s);
	}
	abuf_puts(&b, s);
	return b.data;
}
