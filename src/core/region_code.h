/*
 * 统计用区划代码, the 12-digit statistical division codes of the National
 * Bureau of Statistics: province 2 digits, city 2, county 2, township 3,
 * village 3. A code's level is read from its trailing zeros, so 510000000000
 * is a province (四川省), 511900000000 a city (巴中市), 511902000000 a county.
 * Some cities have no county level and put townships straight under the city
 * (东莞市 441900003000); the trailing-zero rule handles them.
 */
#ifndef LX_CORE_REGION_CODE_H
#define LX_CORE_REGION_CODE_H

enum region_level {
	REGION_PROVINCE,
	REGION_CITY,
	REGION_COUNTY,
	REGION_TOWNSHIP,
	REGION_VILLAGE,
	REGION_LEVEL__MAX
};

/* 1 if s is exactly 12 ASCII digits whose first two, the province, are in
 * 11..82 (北京 11 to 澳门 82), else 0. Whether the code exists is not
 * checked, nor that the inner parts are consistent. */
int region_code_valid(const char *s);

/* Level of a code from its trailing zeros: xx0000000000 province,
 * xxxx00000000 city, xxxxxx000000 county, xxxxxxxxx000 township, anything
 * else village. REGION_LEVEL__MAX if the code is not valid. */
enum region_level region_code_level(const char *code);

/* "province", "city", "county", "township" or "village" (static storage);
 * NULL for any other value. */
const char *region_level_name(enum region_level level);

/* Inverse of region_level_name(), exact and case-sensitive. Returns 0 and
 * sets *out, or -1 if name is NULL or not one of the five names. */
int region_level_parse(const char *name, enum region_level *out);

/* 1 if code is ancestor itself or lies under it: the significant digits of
 * the ancestor (2, 4, 6, 9 or 12 by its level) are a prefix of code. 0 if
 * not, or if either code is not valid. */
int region_code_is_within(const char *code, const char *ancestor);

#endif
