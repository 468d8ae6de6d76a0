/* A person in the registry: elderly residents (60+) and infants (under
 * 3), keyed by 公民身份号码 (GB 11643), from which birth date and sex are
 * derived. Pure rules; storage is store/person_store.c. */
#ifndef LX_CORE_PERSON_H
#define LX_CORE_PERSON_H

#include "core/error.h"
#include "core/facility.h"

enum person_category_code {
	PC_TEKUN_CENTRALIZED, /* 特困人员集中供养 */
	PC_TEKUN_DISPERSED,   /* 特困人员分散供养 */
	PC_DIBAO,             /* 低保 */
	PC_LOW_INCOME,        /* 低收入 */
	PC_DISABLED,          /* 失能 */
	PC_PARTLY_DISABLED,   /* 半失能 */
	PC_DEMENTIA,          /* 失智 */
	PC_ADVANCED_AGE,      /* 高龄 */
	PC_EMPTY_NEST,        /* 空巢 */
	PC_LEFT_BEHIND,       /* 留守 */
	PC_LIVING_ALONE,      /* 独居 */
	PC_SEVERE_DISABILITY, /* 重度残疾 */
	PC_FAMILY_PLANNING,   /* 计划生育特殊家庭 */
	PC_URBAN,             /* 城市 (e.g. 城市特困 support rates) */
	PC_RURAL,             /* 农村 */
	PC__MAX
};

extern const struct enum_names person_category_names;
extern const struct enum_names residence_names; /* home, institution, … */

/* Ages the registry accepts: elderly from 60, infants under 3. */
enum { ELDERLY_MIN_AGE = 60, INFANT_MAX_AGE = 3 };

/* Checks an identifier against what was entered and the kind of person:
 * the GB 11643 check, birth date not after today, sex and birth date
 * matching when given ("" when not), age fitting the kind. On success
 * fills birth (YYYY-MM-DD), sex ("M"/"F") and masked (first 6 and last 4
 * kept). Errors name "id_number", "birth_date", "sex" or "kind". */
int person_check_identity(const char *id_number, const char *kind,
                          const char *given_birth, const char *given_sex,
                          const char *today, char birth[11], char sex[2],
                          char masked[19], struct lx_error *err);

/* An indicator data element counting people: "persons", narrowed by dots
 * by a kind (elderly, infant), a category in force (dibao, …) and an age
 * floor aged_80 (or aged_60, aged_65, aged_90, aged_100). */
struct person_element {
	int kind;     /* -1 any, 0 elderly, 1 infant */
	int category; /* enum person_category_code or -1 */
	int min_age;  /* 0 for none */
};

/* 1 when name is a persons element, 0 when it is not, -1 when it starts
 * with "persons" but a filter is unknown or repeated. */
int person_element_parse(const char *name, struct person_element *out);

/* Age in whole years on a day (YYYY-MM-DD both); -1 if before birth. */
int person_age_on(const char *birth, const char *day);

#endif
