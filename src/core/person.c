#include "core/person.h"

#include "core/date.h"
#include "core/id_number.h"

#include <stdio.h>
#include <string.h>

static const char *const cat_n[] = {
	"tekun_centralized",
	"tekun_dispersed",
	"dibao",
	"low_income",
	"disabled",
	"partly_disabled",
	"dementia",
	"advanced_age",
	"empty_nest",
	"left_behind",
	"living_alone",
	"severe_disability",
	"family_planning_special",
	"urban",
	"rural",
};
static const char *const cat_zh[] = {
	"特困人员集中供养",
	"特困人员分散供养",
	"低保",
	"低收入",
	"失能",
	"半失能",
	"失智",
	"高龄",
	"空巢",
	"留守",
	"独居",
	"重度残疾",
	"计划生育特殊家庭",
	"城市",
	"农村",
};
static const char *const res_n[] = { "home", "institution", "home_bed" };
static const char *const res_zh[] = { "居家", "入住机构", "家庭养老床位" };

const struct enum_names person_category_names = { cat_n, cat_zh, PC__MAX };
const struct enum_names residence_names = { res_n, res_zh, 3 };

int person_age_on(const char *birth, const char *day)
{
	struct lx_date b, d;

	if (date_parse(birth, &b) || date_parse(day, &d))
		return -1;
	return date_age_on(b, d);
}

int person_check_identity(const char *id_number, const char *kind,
                          const char *given_birth, const char *given_sex,
                          const char *today, char birth[11], char sex[2],
                          char masked[19], struct lx_error *err)
{
	struct id_info info;
	int age;

	if (id_number_parse(id_number, &info, err, "id_number"))
		return -1;
	snprintf(birth, 11, "%04u-%02u-%02u", (unsigned)info.year % 10000u,
	         (unsigned)info.month % 100u, (unsigned)info.day % 100u);
	sex[0] = info.male ? 'M' : 'F';
	sex[1] = '\0';
	if (strcmp(birth, today) > 0)
		return lx_fail(err, LX_EINVALID, "id_number",
		               "the ID number's birth date %s is in the future",
		               birth);
	if (given_birth && *given_birth && strcmp(given_birth, birth))
		return lx_fail(err, LX_EINVALID, "birth_date",
		               "'birth_date' %.10s does not match the ID "
		               "number's %s",
		               given_birth, birth);
	if (given_sex && *given_sex && strcmp(given_sex, "M") &&
	    strcmp(given_sex, "F"))
		return lx_fail(err, LX_EINVALID, "sex",
		               "'sex' must be M or F (it is read from the ID "
		               "number; leave it out)");
	if (given_sex && *given_sex && strcmp(given_sex, sex))
		return lx_fail(err, LX_EINVALID, "sex",
		               "'sex' %s does not match the ID number's %s",
		               given_sex, sex);
	age = person_age_on(birth, today);
	if (!strcmp(kind, "elderly") && age < ELDERLY_MIN_AGE)
		return lx_fail(
		    err, LX_EINVALID, "kind",
		    "an elderly resident is %d or older; this person "
		    "is %d",
		    ELDERLY_MIN_AGE, age);
	if (!strcmp(kind, "infant") && age >= INFANT_MAX_AGE)
		return lx_fail(err, LX_EINVALID, "kind",
		               "an infant is under %d; this child is %d",
		               INFANT_MAX_AGE, age);
	if (strcmp(kind, "elderly") && strcmp(kind, "infant"))
		return lx_fail(err, LX_EINVALID, "kind",
		               "'kind' must be elderly or infant");
	id_number_mask(id_number, masked, 19);
	return 0;
}

int person_element_parse(const char *name, struct person_element *out)
{
	static const struct {
		const char *name;
		int age;
	} ages[] = { { "aged_60", 60 },
		     { "aged_65", 65 },
		     { "aged_80", 80 },
		     { "aged_90", 90 },
		     { "aged_100", 100 } };
	const char *p = name;
	size_t n;

	if (strncmp(name, "persons", 7) || (name[7] && name[7] != '.'))
		return 0;
	out->kind = -1;
	out->category = -1;
	out->min_age = 0;
	p += 7;
	while (*p == '.') {
		char word[40];
		int done = 0;

		p++;
		n = strcspn(p, ".");
		if (!n || n >= sizeof(word))
			return -1;
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		if (!strcmp(word, "elderly") || !strcmp(word, "infant")) {
			if (out->kind >= 0)
				return -1;
			out->kind = strcmp(word, "elderly") ? 1 : 0;
			continue;
		}
		for (size_t i = 0; i < sizeof(ages) / sizeof(ages[0]); i++)
			if (!strcmp(word, ages[i].name)) {
				if (out->min_age)
					return -1;
				out->min_age = ages[i].age;
				done = 1;
			}
		if (done)
			continue;
		if (out->category >= 0 ||
		    (out->category =
		         enum_lookup(&person_category_names, word)) < 0)
			return -1;
	}
	return 1;
}
