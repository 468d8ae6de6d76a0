#include "core/grade_element.h"

#include <string.h>

static const struct {
	const char *name, *scheme, *kind;
	int min_level;
} defs[GE__MAX] = {
	[GE_GRADED_ELDERLY] = { "graded_elderly_institutions", "national_grade",
	                        "elderly_institution", 1 },
	[GE_STAR_CHILDCARE] = { "star_rated_childcare", "childcare_star",
	                        "childcare_institution", 1 },
};

int grade_element_parse(const char *name)
{
	for (int i = 0; name && i < GE__MAX; i++)
		if (!strcmp(name, defs[i].name))
			return i;
	return -1;
}

void grade_element_def(enum grade_element e, const char **scheme,
                       const char **kind, int *min_level)
{
	*scheme = defs[e].scheme;
	*kind = defs[e].kind;
	*min_level = defs[e].min_level;
}
