#include "core/disclose_text.h"

#include <string.h>

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

static void mask(char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		p[i] = '*';
}

char *disclose_scrub(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s ? s : "");
	size_t i = 0, n = strlen(out);

	while (i < n) {
		size_t j = i, len;

		if (!digit(out[i])) {
			i++;
			continue;
		}
		while (j < n && digit(out[j]))
			j++;
		len = j - i;
		/* an ID number may end in X */
		if (len == 17 && j < n && (out[j] == 'X' || out[j] == 'x')) {
			j++;
			len++;
		}
		if (len == 11 && out[i] == '1' && out[i + 1] >= '3')
			mask(out, i + 3, i + 7);
		else if (len == 18)
			mask(out, i + 6, i + 14);
		else if (len == 15)
			mask(out, i + 6, i + 11);
		i = j;
	}
	return out;
}
