/*
 * Who may do what. A principal is a logged-in account: a role and a region
 * scope (the subtree it sees). The rules are pure so they can be tested
 * without a server.
 */
#ifndef LX_CORE_ROLE_H
#define LX_CORE_ROLE_H

#include <stddef.h>

enum role {
	ROLE_ADMIN,
	ROLE_CITY_OFFICIAL,
	ROLE_COUNTY_OFFICIAL,
	ROLE_DEPT_OFFICIAL,
	ROLE_OPERATOR,
	ROLE_READONLY,
	ROLE_FAMILY,  /* a family member applying for an allowance: sees public
	                 registry information and their own applications */
	ROLE_VISITOR, /* 巡访员: visits the targets of the villages and
	                 communities the account is bound to (its areas) */
	ROLE_TOWNSHIP, /* 乡镇（街道）专干: a township's visits, worklists and
	                  referrals */
	ROLE_INSPECTOR, /* 检查人员 (执法检查人员): on the roster of inspectors
	                   of a department and region; does the checks drawn for
	                   them and reads the registry of their region */
	ROLE__MAX
};

struct principal {
	long long account_id;
	char username[64];
	enum role role;
	char region[13]; /* scope; "" means the whole country (admin) */
	size_t nfacilities;
	const long long *facilities; /* operator's own facilities; borrowed */
	size_t nareas;
	const char (*areas)[13]; /* a visitor's villages; borrowed */
};

const char *role_name(enum role r);
const char *role_label_zh(enum role r);
int role_parse(const char *s); /* enum role or -1 */

/* Is the region code inside the principal's scope? */
int principal_sees_region(const struct principal *p, const char *code);

/* Is the region (a person's village) one the principal's visit work
 * covers: a visitor's areas, anyone else's scope. */
int principal_covers_area(const struct principal *p, const char *code);

/* May the principal read / write a facility in region with this id? An
 * operator only their own facilities; readonly never writes. */
int principal_sees_facility(const struct principal *p, const char *region,
                            long long id);
int principal_may_write_facility(const struct principal *p, const char *region,
                                 long long id);

/* May create facilities (operators may not; they are assigned one). */
int principal_may_create_facility(const struct principal *p,
                                  const char *region);

/* Regions and population: admin, city and county officials in scope. */
int principal_may_write_region(const struct principal *p, const char *region);

int principal_is_admin(const struct principal *p);

/* The region the database itself holds the principal to (the second
 * wall, store/db.h db_set_scope): an official's or a read-only
 * account's region; "" for an administrator, an operator (whose
 * residents may be registered elsewhere) and a family member (who
 * applies for a relative wherever they live). */
const char *principal_db_scope(const struct principal *p);
/* Administrators and city and county officials: those who run payments,
 * decide applications and register certificates. */
int principal_is_official(const struct principal *p);

#endif
