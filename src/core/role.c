#include "core/role.h"

#include "core/region_code.h"

#include <string.h>

static const char *const names[ROLE__MAX] = {
	"admin",         "city_official", "county_official",
	"dept_official", "operator",      "readonly",
	"family",        "visitor",       "township_official",
	"inspector",
};
static const char *const labels_zh[ROLE__MAX] = {
	"系统管理员",       "市级管理人员", "县级管理人员", "部门管理人员",
	"机构经办人",       "只读用户",     "家属申请人",   "巡访员",
	"乡镇（街道）专干", "检查人员",
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? names[r] : "unknown";
}

const char *role_label_zh(enum role r)
{
	return (unsigned)r < ROLE__MAX ? labels_zh[r] : "未知";
}

int role_parse(const char *s)
{
	for (int i = 0; s && i < ROLE__MAX; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

int principal_is_admin(const struct principal *p)
{
	return p->role == ROLE_ADMIN;
}

const char *principal_db_scope(const struct principal *p)
{
	switch (p->role) {
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
	case ROLE_DEPT_OFFICIAL:
	case ROLE_READONLY:
	case ROLE_TOWNSHIP:
	case ROLE_VISITOR:
	case ROLE_INSPECTOR:
		return p->region;
	default:
		return "";
	}
}

int principal_is_official(const struct principal *p)
{
	return p->role == ROLE_ADMIN || p->role == ROLE_CITY_OFFICIAL ||
	       p->role == ROLE_COUNTY_OFFICIAL;
}

int principal_sees_region(const struct principal *p, const char *code)
{
	if (!code)
		return 0;
	if (!p->region[0])
		return 1;
	return region_code_is_within(code, p->region);
}

int principal_covers_area(const struct principal *p, const char *code)
{
	if (p->role != ROLE_VISITOR)
		return principal_sees_region(p, code);
	for (size_t i = 0; code && i < p->nareas; i++)
		if (region_code_is_within(code, p->areas[i]))
			return 1;
	return 0;
}

static int owns(const struct principal *p, long long id)
{
	for (size_t i = 0; i < p->nfacilities; i++)
		if (p->facilities[i] == id)
			return 1;
	return 0;
}

int principal_sees_facility(const struct principal *p, const char *region,
                            long long id)
{
	/* a family applies for allowances, a visitor visits people; the
	 * facility registry is for neither */
	if (p->role == ROLE_FAMILY || p->role == ROLE_VISITOR)
		return 0;
	if (p->role == ROLE_OPERATOR)
		return owns(p, id);
	return principal_sees_region(p, region);
}

int principal_may_write_facility(const struct principal *p, const char *region,
                                 long long id)
{
	if (p->role == ROLE_READONLY || p->role == ROLE_FAMILY ||
	    p->role == ROLE_TOWNSHIP || p->role == ROLE_INSPECTOR)
		return 0;
	/* an operator's own facility stays in the operator's region: it
	 * cannot be moved out of it */
	if (p->role == ROLE_OPERATOR)
		return owns(p, id) && principal_sees_region(p, region);
	return principal_sees_facility(p, region, id);
}

int principal_may_create_facility(const struct principal *p, const char *region)
{
	if (p->role == ROLE_READONLY || p->role == ROLE_OPERATOR ||
	    p->role == ROLE_FAMILY || p->role == ROLE_VISITOR ||
	    p->role == ROLE_TOWNSHIP || p->role == ROLE_INSPECTOR)
		return 0;
	return principal_sees_region(p, region);
}

int principal_may_write_region(const struct principal *p, const char *region)
{
	switch (p->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
		return principal_sees_region(p, region);
	default:
		return 0;
	}
}
