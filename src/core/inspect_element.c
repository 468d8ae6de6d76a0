#include "core/inspect_element.h"

#include <string.h>

static const char *const names[IE__MAX] = {
	[IE_FOOD_GRADED] = "food_graded",
	[IE_FOOD_GOOD] = "food_graded_b_or_better",
	[IE_STAFF] = "staff",
	[IE_STAFF_CERTIFIABLE] = "staff_certifiable",
	[IE_STAFF_CERTIFIED] = "staff_certified",
	[IE_STAFF_TRAINED] = "staff_trained",
};

int inspect_element_parse(const char *name, struct inspect_element_ref *out)
{
	const char *dot = name ? strchr(name, '.') : NULL;
	size_t len = dot ? (size_t)(dot - name) : (name ? strlen(name) : 0);

	for (int i = 0; name && i < IE__MAX; i++) {
		if (strlen(names[i]) != len || strncmp(name, names[i], len))
			continue;
		out->e = (enum inspect_element)i;
		out->sector = STAFF_ANY;
		if (!dot)
			return 1;
		if (!strcmp(dot + 1, "elderly"))
			out->sector = STAFF_ELDERLY;
		else if (!strcmp(dot + 1, "childcare"))
			out->sector = STAFF_CHILDCARE;
		else
			return 0;
		return 1;
	}
	return 0;
}
