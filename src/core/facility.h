/*
 * A facility in the registry (登记备案): elderly-care institutions, community
 * facilities, childcare institutions, family childcare points, kindergarten
 * nursery classes. Pure data and the rules it must satisfy; storage is in
 * store/facility_store.c.
 */
#ifndef LX_CORE_FACILITY_H
#define LX_CORE_FACILITY_H

#include "core/arena.h"
#include "core/error.h"

#include <stddef.h>

enum facility_kind {
	FK_ELDERLY_INSTITUTION,   /* 养老机构 */
	FK_COMMUNITY_COMPLEX,     /* 社区养老服务综合体 */
	FK_DAY_CARE_CENTER,       /* 日间照料中心 */
	FK_REGIONAL_CENTER,       /* 区域性养老服务中心 */
	FK_MUTUAL_AID_POINT,      /* 互助养老点 */
	FK_MEAL_POINT,            /* 助餐点 */
	FK_HOME_BED_PROVIDER,     /* 家庭养老床位 */
	FK_CHILDCARE_INSTITUTION, /* 托育机构 */
	FK_FAMILY_CHILDCARE,      /* 家庭托育点 */
	FK_KINDERGARTEN_NURSERY,  /* 幼儿园托班 */
	FK__MAX
};

enum ownership { OWN_PUBLIC, OWN_PRIVATE, OWN_STATE_OWNED, OWN__MAX };
enum operation { OP_PUBLIC_RUN, OP_PUBLIC_PRIVATE, OP_PRIVATE_RUN, OP__MAX };
enum profit { PROFIT_NONPROFIT, PROFIT_FORPROFIT, PROFIT__MAX };
enum filing_status {
	FILING_UNFILED,
	FILING_PENDING,
	FILING_FILED,
	FILING_REJECTED,
	FILING_REVOKED,
	FILING__MAX
};

/* Childcare class types of 托育机构设置标准（试行）. */
enum class_type {
	CLASS_INFANT,        /* 乳儿班 6–12 months, ≤ 10 */
	CLASS_TODDLER_SMALL, /* 托小班 12–24 months, ≤ 15 */
	CLASS_TODDLER_LARGE, /* 托大班 24–36 months, ≤ 20 */
	CLASS_MIXED,         /* 混合编班 18 months+, ≤ 18 */
	CLASS__MAX
};

/* A name table: machine names and Chinese labels, indexed by the enum. */
struct enum_names {
	const char *const *names;
	const char *const *labels_zh;
	int count;
};

extern const struct enum_names facility_kind_names;
extern const struct enum_names ownership_names;
extern const struct enum_names operation_names;
extern const struct enum_names profit_names;
extern const struct enum_names filing_status_names;
extern const struct enum_names class_type_names;

/* Index of name in t, or -1. */
int enum_lookup(const struct enum_names *t, const char *name);

/* Largest class size the national standard allows for a class type. */
int class_type_max_children(enum class_type t);

/* Whether a kind counts beds (elderly) or slots (childcare). */
int facility_kind_is_elderly(enum facility_kind k);
int facility_kind_is_childcare(enum facility_kind k);

struct facility_class {
	int type; /* enum class_type */
	long long capacity;
	long long enrolled;
};

/* The capacity figures in force from one date on. */
struct capacity {
	char date[11]; /* YYYY-MM-DD, "" when not given */
	long long beds, nursing_beds, occupied_beds;
	long long slots, affordable_slots, enrolled;
	long long affordable_beds; /* 普惠 beds, of beds */
	/* residents by care level (自理, 半失能, 失能), for staffing */
	long long residents_selfcare, residents_partly, residents_disabled;
	size_t nclasses;
	struct facility_class *classes; /* arena-owned */
};

/* Strings are arena-owned or NULL; dates are "" when absent. Enum fields
 * are -1 when not given. */
struct facility {
	long long id; /* 0 until stored */
	char *name;
	int kind;
	char region[13];
	char *region_name; /* read only, from the region table */
	char *credit_code;
	char *address;
	int has_coords; /* bit 1: lat given, bit 2: lon given */
	double lat, lon;
	int ownership, operation, profit;
	int medical_integration, internal_clinic;
	int filing_status;
	char filing_date[11];
	char *credit_commitment;
	char opened_on[11], closed_on[11];
	char *closed_reason;
	long long caregivers;
	long long social_workers;
	struct capacity cap;
};

/* A facility with every optional field empty and enums unset. */
void facility_init(struct facility *f);

/* Checks every rule a stored facility must satisfy; on the first failure
 * fills err (LX_EINVALID, field named) and returns -1. Region existence and
 * credit-code uniqueness need the database and are checked by app/. */
int facility_validate(const struct facility *f, struct lx_error *err);

/* Same capacity figures (dates aside)? Used to decide whether an update
 * adds a history entry. */
int capacity_equal(const struct capacity *a, const struct capacity *b);

/* Classes as text "type:capacity:enrolled|..." (CSV and storage form).
 * Parse fills c->classes in the arena; -1 with err naming field on bad
 * text. Format returns an arena string ("" for no classes). */
int classes_parse(struct arena *a, const char *s, struct capacity *c,
                  struct lx_error *err, const char *field);
char *classes_format(struct arena *a, const struct capacity *c);

#endif
