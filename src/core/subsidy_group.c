#include "core/subsidy_group.h"

#include "core/subsidy.h"

/* What another scheme's payment counts for: never more than it is due
 * now (a payment since found too high does not shrink X's share), never
 * less than zero. */
static int64_t counted(const struct subsidy_group_member *m)
{
	int64_t p = m->paid < m->own ? m->paid : m->own;

	return p > 0 ? p : 0;
}

int64_t subsidy_group_due(int64_t own_x,
                          const struct subsidy_group_member *others, size_t n,
                          int64_t *credited)
{
	int64_t high = own_x, p = 0, room;

	for (size_t i = 0; i < n; i++) {
		if (others[i].own > high)
			high = others[i].own;
		p += counted(&others[i]);
	}
	if (credited)
		*credited = p;
	room = high > p ? high - p : 0;
	return own_x < room ? own_x : room;
}

const char *subsidy_group_note(struct arena *a,
                               const struct subsidy_group_member *others,
                               size_t n)
{
	struct abuf names;
	int64_t p = 0;
	int k = 0;
	char y[32];

	abuf_init(&names, a);
	for (size_t i = 0; i < n; i++) {
		if (!counted(&others[i]))
			continue;
		abuf_printf(&names, "%s%s", k++ ? "、" : "", others[i].name_zh);
		p += counted(&others[i]);
	}
	if (!k)
		return NULL;
	return arena_printf(a, "与%s就高，已发%s元", names.data,
	                    subsidy_yuan(p, y));
}
