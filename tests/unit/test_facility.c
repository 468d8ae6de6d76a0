/*
 * Facility rules (core/facility.c). Class maxima from 托育机构设置标准（试行）
 * as transcribed in standards.md: 乳儿班 10, 托小班 15, 托大班 20, 混合编班 18;
 * a family childcare point takes at most 5 children. The credit codes were
 * made with an independent python transcription of GB 32100-2015 (alphabet
 * 0-9 A-H J-N P-R T-U W-Y, weights 1 3 9 27 ... 28, check (31 - sum % 31) %
 * 31): 91511902MA62ABCD1 -> check '0', 52511902MJ1234567 -> check 'D'.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <math.h>

#include "core/facility.h"

#define GOOD_CODE  "91511902MA62ABCD10"
#define GOOD_CODE2 "52511902MJ1234567D"

static struct arena *arena;

static int setup(void **state)
{
	arena = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(arena);
	arena = NULL;
	return 0;
}

/* A valid elderly-care institution. */
static struct facility elderly(void)
{
	struct facility f;

	facility_init(&f);
	f.name = "巴州区社会福利院";
	f.kind = FK_ELDERLY_INSTITUTION;
	memcpy(f.region, "511902000000", 13);
	f.cap.beds = 100;
	f.cap.nursing_beds = 40;
	f.cap.occupied_beds = 60;
	f.caregivers = 12;
	return f;
}

static struct facility_class classes4[4];

/* A valid childcare institution with one class of each type, each at the
 * national maximum: 10 + 15 + 20 + 18 = 63 places in classes. */
static struct facility childcare(void)
{
	struct facility f;

	facility_init(&f);
	f.name = "巴州区托育中心";
	f.kind = FK_CHILDCARE_INSTITUTION;
	memcpy(f.region, "511902001000", 13);
	f.cap.slots = 63;
	f.cap.affordable_slots = 20;
	f.cap.enrolled = 50;
	classes4[0] = (struct facility_class){ CLASS_INFANT, 10, 8 };
	classes4[1] = (struct facility_class){ CLASS_TODDLER_SMALL, 15, 15 };
	classes4[2] = (struct facility_class){ CLASS_TODDLER_LARGE, 20, 12 };
	classes4[3] = (struct facility_class){ CLASS_MIXED, 18, 15 };
	f.cap.nclasses = 4;
	f.cap.classes = classes4;
	return f;
}

static void ok(const struct facility *f)
{
	struct lx_error err;

	lx_error_clear(&err);
	if (facility_validate(f, &err) != 0)
		fail_msg("unexpected failure on '%s': %s", err.field,
		         err.message);
}

static void bad(const struct facility *f, const char *field)
{
	struct lx_error err;

	lx_error_clear(&err);
	assert_int_equal(facility_validate(f, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, field);
	assert_true(err.message[0] != '\0');
}

static void test_valid(void **state)
{
	struct facility f = elderly();

	ok(&f);
	f = childcare();
	ok(&f);
	/* NULL error pointer is allowed */
	f.name = NULL;
	assert_int_equal(facility_validate(&f, NULL), -1);
}

static void test_required(void **state)
{
	struct facility f = elderly();

	f.name = NULL;
	bad(&f, "name");
	f.name = "";
	bad(&f, "name");

	f = elderly();
	f.kind = -1;
	bad(&f, "kind");
	f.kind = FK__MAX;
	bad(&f, "kind");

	f = elderly();
	f.region[0] = '\0';
	bad(&f, "region");
	memcpy(f.region, "51190200000x", 13);
	bad(&f, "region");
	memcpy(f.region, "001902000000", 13);
	bad(&f, "region");
	memcpy(f.region, "5119020000", 11);
	bad(&f, "region");
}

/* 普惠 beds are beds: at most all of them, never negative */
static void test_affordable_beds(void **state)
{
	struct facility f = elderly();

	(void)state;
	f.cap.affordable_beds = 101;
	bad(&f, "affordable_beds");
	f.cap.affordable_beds = 100;
	ok(&f);
	f.cap.affordable_beds = -1;
	bad(&f, "affordable_beds");
}

static void test_negative_counts(void **state)
{
	static const char *const fields[] = {
		"beds",       "nursing_beds",     "occupied_beds",
		"slots",      "affordable_slots", "enrolled",
		"caregivers",
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		struct facility f = elderly();
		long long *p[] = { &f.cap.beds,
			           &f.cap.nursing_beds,
			           &f.cap.occupied_beds,
			           &f.cap.slots,
			           &f.cap.affordable_slots,
			           &f.cap.enrolled,
			           &f.caregivers };

		*p[i] = -1;
		bad(&f, fields[i]);
	}
}

static void test_beds(void **state)
{
	struct facility f = elderly();

	f.cap.nursing_beds = 101;
	bad(&f, "nursing_beds");
	f.cap.nursing_beds = 100; /* equal is fine */
	ok(&f);

	f = elderly();
	f.cap.occupied_beds = 101;
	bad(&f, "occupied_beds");
	f.cap.occupied_beds = 100;
	ok(&f);

	/* zero beds, zero of everything: fine */
	f = elderly();
	f.cap.beds = f.cap.nursing_beds = f.cap.occupied_beds = 0;
	ok(&f);
}

static void test_slots(void **state)
{
	struct facility f = childcare();

	f.cap.affordable_slots = 64;
	bad(&f, "affordable_slots");
	f.cap.affordable_slots = 63;
	ok(&f);

	f = childcare();
	f.cap.enrolled = 64;
	bad(&f, "enrolled");
	f.cap.enrolled = 63;
	ok(&f);
}

static void test_class_maximum(void **state)
{
	static const struct {
		int type;
		int max;
		const char *label;
	} cases[] = {
		{ CLASS_INFANT, 10, "乳儿班" },
		{ CLASS_TODDLER_SMALL, 15, "托小班" },
		{ CLASS_TODDLER_LARGE, 20, "托大班" },
		{ CLASS_MIXED, 18, "混合编班" },
	};

	for (size_t i = 0; i < 4; i++) {
		struct facility f = childcare();
		struct facility_class k = { cases[i].type, cases[i].max, 0 };
		struct lx_error err;

		assert_int_equal(class_type_max_children(cases[i].type),
		                 cases[i].max);
		f.cap.slots = 100;
		f.cap.classes = &k;
		f.cap.nclasses = 1;
		ok(&f);
		k.capacity = cases[i].max + 1;
		bad(&f, "classes");
		lx_error_clear(&err);
		facility_validate(&f, &err);
		assert_non_null(strstr(err.message, cases[i].label));
	}
	assert_int_equal(class_type_max_children(CLASS__MAX), 0);
	assert_int_equal(class_type_max_children((enum class_type) - 1), 0);
}

static void test_class_other(void **state)
{
	struct facility f = childcare();
	struct facility_class k[2];

	/* enrolled above the class capacity */
	classes4[2].enrolled = 21;
	classes4[2].capacity = 20;
	bad(&f, "classes");

	/* class capacities adding up above slots: 63 in classes */
	f = childcare();
	f.cap.slots = 62;
	f.cap.enrolled = 50;
	bad(&f, "classes");
	f.cap.slots = 63;
	ok(&f);

	/* unknown type, negative counts */
	f = childcare();
	k[0] = (struct facility_class){ CLASS_INFANT, 5, 5 };
	k[1] = (struct facility_class){ CLASS__MAX, 5, 5 };
	f.cap.classes = k;
	f.cap.nclasses = 2;
	bad(&f, "classes");
	k[1] = (struct facility_class){ -1, 5, 5 };
	bad(&f, "classes");
	k[1] = (struct facility_class){ CLASS_MIXED, -1, 0 };
	bad(&f, "classes");
	k[1] = (struct facility_class){ CLASS_MIXED, 5, -1 };
	bad(&f, "classes");
	k[1] = (struct facility_class){ CLASS_MIXED, 5, 5 };
	ok(&f);

	/* no classes: slots alone are fine */
	f.cap.nclasses = 0;
	f.cap.classes = NULL;
	ok(&f);
}

static void test_family_point(void **state)
{
	struct facility f;

	facility_init(&f);
	f.name = "家庭托育点";
	f.kind = FK_FAMILY_CHILDCARE;
	memcpy(f.region, "511902001000", 13);
	f.cap.slots = 5;
	f.cap.enrolled = 5;
	ok(&f);
	f.cap.slots = 6;
	bad(&f, "slots");

	/* the limit is for family points only */
	f.kind = FK_CHILDCARE_INSTITUTION;
	ok(&f);
	f.kind = FK_KINDERGARTEN_NURSERY;
	ok(&f);
}

static void test_coordinates(void **state)
{
	struct facility f = elderly();

	f.has_coords = 3;
	f.lat = 31.8672; /* 巴中 */
	f.lon = 106.7479;
	ok(&f);

	f.lat = 60.0; /* north of the box, longitude fine */
	bad(&f, "lat");
	f.lat = -31.8672;
	bad(&f, "lat");
	f.lat = NAN;
	bad(&f, "lat");

	f.lat = 31.8672;
	f.lon = 140.0; /* east of the box, latitude fine */
	bad(&f, "lon");
	f.lon = 70.0;
	bad(&f, "lon");
	f.lon = NAN;
	bad(&f, "lon");

	/* swapped: the latitude is already wrong */
	f.lat = 106.7479;
	f.lon = 31.8672;
	bad(&f, "lat");

	/* both wrong: blame the latitude */
	f.lat = 0.0;
	f.lon = 0.0;
	bad(&f, "lat");

	/* not given: not checked */
	f.has_coords = 0;
	ok(&f);

	/* the corners of the box are inside */
	f.has_coords = 3;
	f.lat = 3.5;
	f.lon = 73.4;
	ok(&f);
	f.lat = 53.6;
	f.lon = 135.1;
	ok(&f);
}

static void test_credit_code(void **state)
{
	struct facility f = elderly();

	f.credit_code = GOOD_CODE;
	ok(&f);
	f.credit_code = GOOD_CODE2;
	ok(&f);
	f.credit_code = ""; /* empty is "not given" */
	ok(&f);

	f.credit_code = "91511902MA62ABCD11"; /* wrong check character */
	bad(&f, "credit_code");
	f.credit_code = "91511902ma62abcd10"; /* lowercase */
	bad(&f, "credit_code");
	f.credit_code = "91511902MA62ABCD1"; /* 17 characters */
	bad(&f, "credit_code");
	f.credit_code = "91511902MA62ABCD100";
	bad(&f, "credit_code");
	f.credit_code = "91511902MA62IBCD10"; /* I is not in the alphabet */
	bad(&f, "credit_code");
}

static void test_enums(void **state)
{
	struct facility f = elderly();

	f.ownership = OWN_PRIVATE;
	f.operation = OP_PUBLIC_PRIVATE;
	f.profit = PROFIT_NONPROFIT;
	ok(&f);
	f.ownership = OWN__MAX;
	bad(&f, "ownership");
	f.ownership = -2;
	bad(&f, "ownership");
	f.ownership = -1; /* not given */
	ok(&f);
	f.operation = OP__MAX;
	bad(&f, "operation");
	f.operation = -1;
	f.profit = PROFIT__MAX;
	bad(&f, "profit");
	f.profit = -1;
	ok(&f);

	f.filing_status = -1;
	bad(&f, "filing_status");
	f.filing_status = FILING__MAX;
	bad(&f, "filing_status");
}

static void test_filing(void **state)
{
	struct facility f = elderly();

	f.filing_status = FILING_FILED;
	bad(&f, "filing_date");
	memcpy(f.filing_date, "2024-03-15", 11);
	ok(&f);

	/* the date is needed only once filed */
	f = elderly();
	for (int s = 0; s < FILING__MAX; s++) {
		f.filing_status = s;
		if (s == FILING_FILED)
			bad(&f, "filing_date");
		else
			ok(&f);
	}
}

static void test_dates(void **state)
{
	struct facility f = elderly();

	memcpy(f.opened_on, "2020-05-01", 11);
	memcpy(f.closed_on, "2020-04-30", 11);
	bad(&f, "closed_on");
	memcpy(f.closed_on, "2020-05-01", 11); /* same day */
	ok(&f);
	memcpy(f.closed_on, "2024-12-31", 11);
	ok(&f);
	/* closed without an opening date: nothing to compare */
	f.opened_on[0] = '\0';
	ok(&f);

	f = elderly();
	memcpy(f.filing_date, "2024-02-30", 11);
	bad(&f, "filing_date");
	f = elderly();
	memcpy(f.opened_on, "2024/01/01", 11);
	bad(&f, "opened_on");
	f = elderly();
	memcpy(f.closed_on, "20240101", 9);
	bad(&f, "closed_on");
	f = elderly();
	memcpy(f.cap.date, "2024-13-01", 11);
	bad(&f, "capacity_date");
	memcpy(f.cap.date, "2023-02-29", 11);
	bad(&f, "capacity_date");
	memcpy(f.cap.date, "2024-02-29", 11);
	ok(&f);
	f = elderly();
	memcpy(f.opened_on, "1899-12-31", 11);
	bad(&f, "opened_on");
}

static void test_classes_round_trip(void **state)
{
	static const char *const texts[] = {
		"infant:10:8",
		"infant:10:8|toddler_small:15:15|toddler_large:20:0|mixed:18:3",
		"mixed:0:0|mixed:7:7",
	};
	struct capacity c;
	struct lx_error err;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		memset(&c, 0, sizeof(c));
		lx_error_clear(&err);
		assert_int_equal(
		    classes_parse(arena, texts[i], &c, &err, "classes"), 0);
		assert_string_equal(classes_format(arena, &c), texts[i]);
	}

	memset(&c, 0, sizeof(c));
	assert_int_equal(
	    classes_parse(arena,
	                  "infant:10:8|toddler_small:15:15|toddler_large:20:0|"
	                  "mixed:18:3",
	                  &c, &err, "classes"),
	    0);
	assert_int_equal(c.nclasses, 4);
	assert_int_equal(c.classes[0].type, CLASS_INFANT);
	assert_int_equal(c.classes[0].capacity, 10);
	assert_int_equal(c.classes[0].enrolled, 8);
	assert_int_equal(c.classes[1].type, CLASS_TODDLER_SMALL);
	assert_int_equal(c.classes[2].type, CLASS_TODDLER_LARGE);
	assert_int_equal(c.classes[2].enrolled, 0);
	assert_int_equal(c.classes[3].type, CLASS_MIXED);
	assert_int_equal(c.classes[3].capacity, 18);
	assert_int_equal(c.classes[3].enrolled, 3);

	/* Chinese type names are read, English ones written */
	assert_int_equal(classes_parse(arena, "乳儿班:10:5|混合编班:18:18", &c,
	                               &err, "classes"),
	                 0);
	assert_int_equal(c.nclasses, 2);
	assert_int_equal(c.classes[0].type, CLASS_INFANT);
	assert_int_equal(c.classes[1].type, CLASS_MIXED);
	assert_string_equal(classes_format(arena, &c),
	                    "infant:10:5|mixed:18:18");

	/* empty and NULL: no classes */
	c.nclasses = 9;
	assert_int_equal(classes_parse(arena, "", &c, &err, "classes"), 0);
	assert_int_equal(c.nclasses, 0);
	assert_null(c.classes);
	assert_string_equal(classes_format(arena, &c), "");
	c.nclasses = 9;
	assert_int_equal(classes_parse(arena, NULL, &c, &err, "classes"), 0);
	assert_int_equal(c.nclasses, 0);

	/* large numbers survive (the validator judges them, not the parser) */
	assert_int_equal(
	    classes_parse(arena, "mixed:123456789012:0", &c, &err, "classes"),
	    0);
	assert_true(c.classes[0].capacity == 123456789012LL);
	assert_string_equal(classes_format(arena, &c), "mixed:123456789012:0");
}

static void test_classes_errors(void **state)
{
	static const char *const texts[] = {
		"infant",
		"infant:10",
		"infant:10:",
		"infant::5",
		":10:5",
		"baby:10:5",
		"Infant:10:5",
		"infant:x:1",
		"infant:1:-1",
		"infant:-1:0",
		"infant:+1:0",
		"infant: 1:0",
		"infant:1:0 ",
		"infant:1:1:1",
		"infant:1.5:1",
		"infant:99999999999999999999:1",
		"infant:1:1||mixed:1:1",
		"|infant:1:1",
		"a_type_name_much_longer_than_32_bytes:1:1",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct capacity c;
		struct lx_error err;

		memset(&c, 0, sizeof(c));
		lx_error_clear(&err);
		if (classes_parse(arena, texts[i], &c, &err, "cls") != -1)
			fail_msg("'%s' was accepted", texts[i]);
		assert_int_equal(err.code, LX_EINVALID);
		assert_string_equal(err.field, "cls");
		/* nothing half-filled */
		assert_int_equal(c.nclasses, 0);
	}

	/* the message numbers the class at fault */
	{
		struct capacity c;
		struct lx_error err;

		memset(&c, 0, sizeof(c));
		lx_error_clear(&err);
		assert_int_equal(classes_parse(arena,
		                               "infant:1:1|mixed:2:2|baby:3:3",
		                               &c, &err, "classes"),
		                 -1);
		assert_non_null(strstr(err.message, "class 3"));
		assert_non_null(strstr(err.message, "baby"));
	}
}

static void test_capacity_equal(void **state)
{
	struct facility_class ka[2] = { { CLASS_INFANT, 10, 5 },
		                        { CLASS_MIXED, 18, 9 } };
	struct facility_class kb[2] = { { CLASS_INFANT, 10, 5 },
		                        { CLASS_MIXED, 18, 9 } };
	struct capacity a = { .date = "2024-01-01",
		              .beds = 1,
		              .nursing_beds = 2,
		              .occupied_beds = 3,
		              .slots = 40,
		              .affordable_slots = 5,
		              .enrolled = 6,
		              .nclasses = 2,
		              .classes = ka };
	struct capacity b = a;

	b.classes = kb;
	memcpy(b.date, "2025-06-30", 11); /* dates aside */
	assert_true(capacity_equal(&a, &b));
	assert_true(capacity_equal(&b, &a));

	for (int i = 0; i < 6; i++) {
		struct capacity c = b;
		long long *p[] = {
			&c.beds,  &c.nursing_beds,     &c.occupied_beds,
			&c.slots, &c.affordable_slots, &c.enrolled
		};

		(*p[i])++;
		assert_false(capacity_equal(&a, &c));
	}
	b.nclasses = 1;
	assert_false(capacity_equal(&a, &b));
	b.nclasses = 2;
	kb[1].type = CLASS_TODDLER_LARGE;
	assert_false(capacity_equal(&a, &b));
	kb[1].type = CLASS_MIXED;
	kb[1].capacity = 17;
	assert_false(capacity_equal(&a, &b));
	kb[1].capacity = 18;
	kb[1].enrolled = 8;
	assert_false(capacity_equal(&a, &b));
	kb[1].enrolled = 9;
	assert_true(capacity_equal(&a, &b));

	/* no classes on either side */
	a.nclasses = b.nclasses = 0;
	a.classes = b.classes = NULL;
	assert_true(capacity_equal(&a, &b));
}

static void test_enum_lookup(void **state)
{
	assert_int_equal(
	    enum_lookup(&facility_kind_names, "elderly_institution"),
	    FK_ELDERLY_INSTITUTION);
	assert_int_equal(enum_lookup(&facility_kind_names, "养老机构"),
	                 FK_ELDERLY_INSTITUTION);
	assert_int_equal(
	    enum_lookup(&facility_kind_names, "family_childcare_point"),
	    FK_FAMILY_CHILDCARE);
	assert_int_equal(enum_lookup(&facility_kind_names, "家庭托育点"),
	                 FK_FAMILY_CHILDCARE);
	assert_int_equal(enum_lookup(&facility_kind_names, "幼儿园托班"),
	                 FK_KINDERGARTEN_NURSERY);
	assert_int_equal(
	    enum_lookup(&facility_kind_names, "社区养老服务综合体"),
	    FK_COMMUNITY_COMPLEX);
	assert_int_equal(
	    enum_lookup(&facility_kind_names, "Elderly_Institution"), -1);
	assert_int_equal(enum_lookup(&facility_kind_names, "elderly"), -1);
	assert_int_equal(enum_lookup(&facility_kind_names, ""), -1);
	assert_int_equal(enum_lookup(&facility_kind_names, NULL), -1);
	assert_int_equal(facility_kind_names.count, FK__MAX);

	assert_int_equal(enum_lookup(&ownership_names, "state_owned"),
	                 OWN_STATE_OWNED);
	assert_int_equal(enum_lookup(&ownership_names, "国企"),
	                 OWN_STATE_OWNED);
	assert_int_equal(enum_lookup(&ownership_names, "民办"), OWN_PRIVATE);
	assert_int_equal(enum_lookup(&operation_names, "公建民营"),
	                 OP_PUBLIC_PRIVATE);
	/* 民办 is a label in both tables, meaning different things */
	assert_int_equal(enum_lookup(&operation_names, "民办"), OP_PRIVATE_RUN);
	assert_int_equal(enum_lookup(&profit_names, "营利"), PROFIT_FORPROFIT);
	assert_int_equal(enum_lookup(&profit_names, "nonprofit"),
	                 PROFIT_NONPROFIT);
	assert_int_equal(enum_lookup(&filing_status_names, "已备案"),
	                 FILING_FILED);
	assert_int_equal(enum_lookup(&filing_status_names, "revoked"),
	                 FILING_REVOKED);
	assert_int_equal(enum_lookup(&class_type_names, "混合编班"),
	                 CLASS_MIXED);
	assert_int_equal(enum_lookup(&class_type_names, "toddler_large"),
	                 CLASS_TODDLER_LARGE);
	assert_int_equal(enum_lookup(&class_type_names, "托班"), -1);

	/* every name and label finds its own index */
	{
		const struct enum_names *tables[] = {
			&facility_kind_names, &ownership_names,
			&operation_names,     &profit_names,
			&filing_status_names, &class_type_names,
		};

		for (size_t t = 0; t < 6; t++)
			for (int i = 0; i < tables[t]->count; i++) {
				assert_int_equal(
				    enum_lookup(tables[t], tables[t]->names[i]),
				    i);
				assert_int_equal(
				    enum_lookup(tables[t],
				                tables[t]->labels_zh[i]),
				    i);
			}
	}
}

static void test_kind_groups(void **state)
{
	for (int k = 0; k < FK__MAX; k++) {
		int elderly_kind = k <= FK_HOME_BED_PROVIDER;

		assert_int_equal(facility_kind_is_elderly(k), elderly_kind);
		assert_int_equal(facility_kind_is_childcare(k), !elderly_kind);
	}
	assert_false(facility_kind_is_elderly(FK__MAX));
	assert_false(facility_kind_is_childcare(FK__MAX));
}

static void test_init(void **state)
{
	struct facility f;

	memset(&f, 0x5a, sizeof(f));
	facility_init(&f);
	assert_int_equal(f.id, 0);
	assert_null(f.name);
	assert_int_equal(f.kind, -1);
	assert_int_equal(f.ownership, -1);
	assert_int_equal(f.operation, -1);
	assert_int_equal(f.profit, -1);
	assert_int_equal(f.filing_status, FILING_UNFILED);
	assert_int_equal(f.has_coords, 0);
	assert_string_equal(f.opened_on, "");
	assert_string_equal(f.cap.date, "");
	assert_int_equal(f.cap.nclasses, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_negative_counts),
		cmocka_unit_test(test_beds),
		cmocka_unit_test(test_slots),
		cmocka_unit_test(test_affordable_beds),
		cmocka_unit_test(test_class_maximum),
		cmocka_unit_test(test_class_other),
		cmocka_unit_test(test_family_point),
		cmocka_unit_test(test_coordinates),
		cmocka_unit_test(test_credit_code),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_filing),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_classes_round_trip),
		cmocka_unit_test(test_classes_errors),
		cmocka_unit_test(test_capacity_equal),
		cmocka_unit_test(test_enum_lookup),
		cmocka_unit_test(test_kind_groups),
		cmocka_unit_test(test_init),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
