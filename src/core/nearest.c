/* Levenshtein distance by the two-row method, and a partial insertion sort
 * that keeps the k best: lists here are tens of names, so nothing cleverer
 * is worth its code. */
#include "core/nearest.h"

#include <string.h>

#define NEAREST_MAX 64

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

int nearest_distance(const char *a, const char *b)
{
	int prev[NEAREST_MAX + 1], cur[NEAREST_MAX + 1];
	size_t la, lb, i, j;

	if (!a)
		a = "";
	if (!b)
		b = "";
	la = strlen(a);
	lb = strlen(b);
	if (la > NEAREST_MAX)
		la = NEAREST_MAX;
	if (lb > NEAREST_MAX)
		lb = NEAREST_MAX;
	for (j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (i = 1; i <= la; i++) {
		cur[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int cost = lower((unsigned char)a[i - 1]) ==
			                   lower((unsigned char)b[j - 1])
			               ? 0
			               : 1;
			int best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			cur[j] = best;
		}
		memcpy(prev, cur, sizeof(int) * (lb + 1));
	}
	return prev[lb];
}

int nearest_names(const char *word, const char *const *names, size_t n,
                  const char **out, int k)
{
	int dist[NEAREST_MAX];
	int have = 0;
	size_t i;

	if (k <= 0 || !names || !out)
		return 0;
	if (k > NEAREST_MAX)
		k = NEAREST_MAX;
	for (i = 0; i < n; i++) {
		int d, pos;
		if (!names[i])
			continue;
		d = nearest_distance(word, names[i]);
		/* strictly nearer moves ahead; equal stays behind, so the
		 * order of names decides ties */
		pos = have;
		while (pos > 0 && dist[pos - 1] > d)
			pos--;
		if (pos >= k)
			continue;
		if (have < k)
			have++;
		memmove(&dist[pos + 1], &dist[pos],
		        sizeof(int) * (size_t)(have - 1 - pos));
		memmove(&out[pos + 1], &out[pos],
		        sizeof(const char *) * (size_t)(have - 1 - pos));
		dist[pos] = d;
		out[pos] = names[i];
	}
	return have;
}
