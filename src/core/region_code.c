#include "core/region_code.h"

#include <string.h>

enum { CODE_LEN = 12 };

/* number of significant digits at each level */
static const int level_digits[REGION_LEVEL__MAX] = {
	[REGION_PROVINCE] = 2, [REGION_CITY] = 4,     [REGION_COUNTY] = 6,
	[REGION_TOWNSHIP] = 9, [REGION_VILLAGE] = 12,
};

static const char *const level_names[REGION_LEVEL__MAX] = {
	[REGION_PROVINCE] = "province", [REGION_CITY] = "city",
	[REGION_COUNTY] = "county",     [REGION_TOWNSHIP] = "township",
	[REGION_VILLAGE] = "village",
};

int region_code_valid(const char *s)
{
	int province;

	if (!s || strlen(s) != CODE_LEN)
		return 0;
	for (int i = 0; i < CODE_LEN; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	province = (s[0] - '0') * 10 + (s[1] - '0');
	return province >= 11 && province <= 82;
}

/* 1 if code[from..CODE_LEN) are all '0' */
static int zeros_from(const char *code, int from)
{
	for (int i = from; i < CODE_LEN; i++)
		if (code[i] != '0')
			return 0;
	return 1;
}

enum region_level region_code_level(const char *code)
{
	if (!region_code_valid(code))
		return REGION_LEVEL__MAX;
	for (int l = REGION_PROVINCE; l < REGION_VILLAGE; l++)
		if (zeros_from(code, level_digits[l]))
			return (enum region_level)l;
	return REGION_VILLAGE;
}

const char *region_level_name(enum region_level level)
{
	if ((unsigned)level >= REGION_LEVEL__MAX)
		return NULL;
	return level_names[level];
}

int region_level_parse(const char *name, enum region_level *out)
{
	if (!name)
		return -1;
	for (int l = 0; l < REGION_LEVEL__MAX; l++) {
		if (strcmp(name, level_names[l]) == 0) {
			*out = (enum region_level)l;
			return 0;
		}
	}
	return -1;
}

int region_code_is_within(const char *code, const char *ancestor)
{
	enum region_level level = region_code_level(ancestor);

	if (level == REGION_LEVEL__MAX || !region_code_valid(code))
		return 0;
	return strncmp(code, ancestor, (size_t)level_digits[level]) == 0;
}
