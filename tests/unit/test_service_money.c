/* Government-purchased service entitlements and vouchers: the pure rules
 * (core/service_entitlement.c, core/service_voucher.c), the policy
 * sections as the five files state them, and the service_pay.h contract
 * against a real database (a SQLite file, or PostgreSQL when
 * LAOXIAO_TEST_PG is set): a property test of random draws and releases
 * against a model, and threads, each with its own connection, drawing one
 * entitlement and redeeming one voucher at the same moment. Expected
 * amounts come from the seeds (大竹 001 第12行: 300 yuan a person a year)
 * and from arithmetic done here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctx.h"
#include "app/policy.h"
#include "app/service_eligibility.h"
#include "app/service_entitlement_grants.h"
#include "app/service_entitlement_policy.h"
#include "app/service_pay.h"
#include "app/service_policy.h"
#include "app/service_voucher_batches.h"
#include "app/service_voucher_policy.h"
#include "core/person.h"
#include "core/region.h"
#include "core/region_code.h"
#include "core/service_entitlement.h"
#include "core/service_voucher.h"
#include "store/db_internal.h"
#include "store/person_store.h"
#include "store/region_store.h"
#include "store/service_entitlement_store.h"
#include "store/service_voucher_store.h"
#include "support.h"

/* after the store headers: cmocka defines a macro "fail" */
#include <cmocka.h>
#include <pthread.h>

#define TODAY  "2026-03-02"
#define NOW    "2026-03-02T02:00:00Z"
#define CAT(c) (1u << (c))

static char tmpdir[256];
static struct policy_set *policies;

static int group_setup(void **state)
{
	struct lx_error err;

	(void)state;
	lx_error_clear(&err);
	policies = policy_set_load(LX_SOURCE_ROOT "/policies", &err);
	if (!policies) {
		fprintf(stderr, "policies: %s\n", err.message);
		return -1;
	}
	return scratch_make(tmpdir, sizeof(tmpdir), "lx-svc-money");
}

static int group_teardown(void **state)
{
	(void)state;
	policy_set_unref(policies);
	return scratch_remove(tmpdir);
}

/* ---- the pure rules ---------------------------------------------- */

static void test_held_mask(void **state)
{
	struct service_held h[] = {
		{ "low_income", "2025-01-01", NULL },
		{ "disabled", "2026-03-03", "" }, /* from tomorrow */
		{ "living_alone", "2024-01-01", "2026-03-02" }, /* ends today */
		{ "dibao", "2020-01-01", "2026-03-01" },        /* ended */
		{ "no_such", "2020-01-01", NULL },
	};
	unsigned m = service_held_mask(h, 5, TODAY, 70);

	(void)state;
	assert_int_equal(m, CAT(PC_LOW_INCOME) | CAT(PC_LIVING_ALONE));
	/* 高龄 by age, at 80 and not 79 */
	assert_true(service_held_mask(h, 0, TODAY, 80) & CAT(PC_ADVANCED_AGE));
	assert_false(service_held_mask(h, 0, TODAY, 79) & CAT(PC_ADVANCED_AGE));
	assert_true(service_held_mask(h, 5, "2026-03-03", 70) &
	            CAT(PC_DISABLED));
}

static void test_use_rate(void **state)
{
	char out[EXACT_TEXT_MAX];

	(void)state;
	assert_string_equal(service_use_rate(1, 3, out), "33.33");
	assert_string_equal(service_use_rate(2, 3, out), "66.67");
	assert_string_equal(service_use_rate(1, 8, out), "12.50");
	/* 1/800 = 0.125 %: a tie, rounded half up */
	assert_string_equal(service_use_rate(1, 800, out), "0.13");
	assert_string_equal(service_use_rate(0, 30000, out), "0.00");
	assert_string_equal(service_use_rate(30000, 30000, out), "100.00");
	assert_string_equal(service_use_rate(0, 0, out), "");
	/* 7 of 9 persons' 300 yuan: 18900 / 27000 = 70 % */
	assert_string_equal(service_use_rate(18900, 27000, out), "70.00");
}

static void test_draw_rule(void **state)
{
	(void)state;
	assert_int_equal(service_draw(30000, 0, 30000), 30000);
	assert_int_equal(service_draw(30000, 29999, 2), -1);
	assert_int_equal(service_draw(30000, 100, 0), -1);
	assert_int_equal(service_draw(30000, 100, -5), -1);
	assert_int_equal(service_balance(30000, 12345), 17655);
	assert_int_equal(service_year_of("2026-12-31"), 2026);
	assert_int_equal(service_year_of("2027-01-01"), 2027);
	assert_int_equal(service_year_of("2026-13-01"), -1);
	/* a model of many random draws: the rule never lets used pass
	 * granted nor go below 0 */
	srand(7);
	for (int round = 0; round < 2000; round++) {
		long long granted = rand() % 50000, used = 0;

		for (int i = 0; i < 50; i++) {
			long long fen = rand() % 20000 - 1000;
			long long next = service_draw(granted, used, fen);

			if (fen > 0 && used + fen <= granted)
				assert_int_equal(next, used + fen);
			else
				assert_int_equal(next, -1);
			if (next >= 0)
				used = next;
			assert_true(used >= 0 && used <= granted);
		}
	}
}

static void test_voucher_rules(void **state)
{
	struct service_voucher_facts v = { 7,    "2026-03-02", "2026-05-30",
		                           5000, 2000,         "meal,bath",
		                           0 };
	long long pays;
	char out[11];

	(void)state;
	assert_int_equal(service_voucher_expiry("2026-03-02", 90, out), 0);
	/* March 30 days left counting the 2nd, April 30, May 30 */
	assert_string_equal(out, "2026-05-30");
	assert_int_equal(service_voucher_expiry("2028-02-01", 29, out), 0);
	assert_string_equal(out, "2028-02-29");
	assert_int_equal(service_voucher_expiry("2026-01-01", 1, out), 0);
	assert_string_equal(out, "2026-01-01");
	assert_int_equal(service_voucher_expiry("2026-01-01", 0, out), -1);

	assert_int_equal(
	    service_voucher_check(&v, 7, "meal", "2026-03-02", 3000, &pays),
	    SV_OK);
	assert_int_equal(pays, 3000); /* the order, under the face value */
	assert_int_equal(
	    service_voucher_check(&v, 7, "bath", "2026-05-30", 8000, &pays),
	    SV_OK);
	assert_int_equal(pays, 5000); /* the face value */
	assert_int_equal(
	    service_voucher_check(&v, 8, "meal", TODAY, 3000, &pays),
	    SV_NOT_PERSON);
	assert_int_equal(
	    service_voucher_check(&v, 7, "meal", "2026-05-31", 3000, &pays),
	    SV_EXPIRED);
	assert_int_equal(
	    service_voucher_check(&v, 7, "meal", "2026-03-01", 3000, &pays),
	    SV_NOT_YET);
	assert_int_equal(
	    service_voucher_check(&v, 7, "clean", TODAY, 3000, &pays), SV_ITEM);
	assert_int_equal(
	    service_voucher_check(&v, 7, "mea", TODAY, 3000, &pays), SV_ITEM);
	assert_int_equal(
	    service_voucher_check(&v, 7, "meal", TODAY, 1999, &pays),
	    SV_MIN_ORDER);
	v.redeemed_order = 3;
	assert_int_equal(
	    service_voucher_check(&v, 7, "meal", TODAY, 3000, &pays),
	    SV_REDEEMED);
	assert_int_equal(pays, 0);
	v.redeemed_order = 0;
	v.items = "";
	v.min_order_fen = 0;
	assert_int_equal(service_voucher_check(&v, 7, "clean", TODAY, 1, &pays),
	                 SV_OK);
	assert_int_equal(pays, 1);
	assert_int_equal(service_voucher_check(&v, 7, "clean", TODAY, 0, &pays),
	                 SV_MIN_ORDER);
}

static void test_voucher_codes(void **state)
{
	enum { N = 4000 };
	char(*codes)[SERVICE_VOUCHER_CODE_LEN + 1] = calloc(N, sizeof(*codes));
	unsigned char rnd[SERVICE_VOUCHER_CODE_LEN];
	int seen[32] = { 0 };

	(void)state;
	memset(rnd, 0xff, sizeof(rnd));
	service_voucher_code(rnd, codes[0]);
	assert_string_equal(codes[0], "ZZZZZZZZZZZZ");
	for (int i = 0; i < N; i++) {
		for (int k = 0; k < SERVICE_VOUCHER_CODE_LEN; k++)
			rnd[k] = (unsigned char)rand();
		service_voucher_code(rnd, codes[i]);
		assert_true(service_voucher_code_valid(codes[i]));
		assert_null(strpbrk(codes[i], "ILOU"));
		for (int k = 0; k < SERVICE_VOUCHER_CODE_LEN; k++)
			seen[rnd[k] & 31]++;
		for (int j = 0; j < i; j++)
			assert_string_not_equal(codes[i], codes[j]);
	}
	/* every character of the alphabet turns up */
	for (int c = 0; c < 32; c++)
		assert_true(seen[c] > 0);
	assert_false(service_voucher_code_valid("ABCDEFGHJKM"));
	assert_false(service_voucher_code_valid("ABCDEFGHJKMI"));
	free(codes);
}

/* ---- the policy sections ----------------------------------------- */

static const struct policy *file_of(const char *code)
{
	const struct policy *p = policy_set_find(policies, code);

	assert_non_null(p);
	return p;
}

static void test_policy_sections(void **state)
{
	const struct entitlement_policy *e;
	const struct entitlement_scheme *s;
	const char *files[] = { "511900000000", "511724000000", "511700000000",
		                "500154000000", "360200000000" };

	(void)state;
	for (size_t i = 0; i < 5; i++) {
		e = file_of(files[i])->entitlements;
		assert_non_null(e);
		assert_int_equal(e->nschemes, 1);
		s = &e->schemes[0];
		/* 001 第12行: 每人每年不低于300元, the only amount stated */
		assert_int_equal(s->yearly_fen, 30000);
		/* 助餐、助浴、助洁、助急、助医 */
		assert_true(entitlement_scheme_pays(s, "meal"));
		assert_true(entitlement_scheme_pays(s, "medical"));
		assert_false(entitlement_scheme_pays(s, "rehab"));
		assert_true(s->who.min_age == 60);
		/* only 达州 (003 第322–324行) has vouchers */
		assert_int_equal(file_of(files[i])->vouchers->nkinds,
		                 !strcmp(files[i], "511700000000"));
	}
	/* 巴中 000 第255行: 散居特困; 低收入 and 失能; 计生特殊困难 */
	s = &file_of("511900000000")->entitlements->schemes[0];
	assert_true(service_qualifies(&s->who, CAT(PC_TEKUN_DISPERSED), 60));
	assert_true(service_qualifies(
	    &s->who, CAT(PC_LOW_INCOME) | CAT(PC_DISABLED), 70));
	assert_true(service_qualifies(
	    &s->who, CAT(PC_LOW_INCOME) | CAT(PC_ADVANCED_AGE), 85));
	assert_true(service_qualifies(&s->who, CAT(PC_FAMILY_PLANNING), 66));
	assert_false(service_qualifies(&s->who, CAT(PC_LOW_INCOME), 70));
	assert_false(service_qualifies(&s->who, CAT(PC_DISABLED), 70));
	assert_false(service_qualifies(&s->who, CAT(PC_TEKUN_CENTRALIZED), 70));
	assert_false(service_qualifies(&s->who, CAT(PC_TEKUN_DISPERSED), 59));
	/* 大竹 001 第12行: 经济困难居家老年人 */
	s = &file_of("511724000000")->entitlements->schemes[0];
	assert_true(service_qualifies(&s->who, CAT(PC_DIBAO), 61));
	assert_false(service_qualifies(&s->who, CAT(PC_DISABLED), 61));
	{
		const struct voucher_kind *k =
		    &file_of("511700000000")->vouchers->kinds[0];

		assert_int_equal(k->face_fen, 5000);
		assert_int_equal(k->valid_days, 90);
		assert_int_equal(k->nitems, 0);
	}
}

static void expect_bad(const char *entitlements, const char *vouchers,
                       const char *field_part)
{
	struct arena *a = arena_new();
	struct lx_error err;
	json_error_t je;
	json_t *services = json_loads(
	    "{\"items\": [{\"code\": \"meal\", \"name\": \"助餐\", "
	    "\"category\":"
	    " \"生活照料\", \"unit\": \"meal\", \"for\": \"elderly\","
	    " \"source\": \"s\"}]}",
	    0, &je);
	json_t *o = json_loads(entitlements ? entitlements : vouchers, 0, &je);
	const struct service_policy *sp;
	const struct entitlement_policy *ep;
	const struct voucher_policy *vp;
	int rc;

	assert_non_null(o);
	lx_error_clear(&err);
	assert_int_equal(service_policy_read(a, "t.json", services, &sp, &err),
	                 0);
	if (entitlements)
		rc = entitlement_policy_read(a, "t.json", o, &ep, &err) ||
		     entitlement_policy_check_items(a, "t.json", ep, sp, &err);
	else
		rc = voucher_policy_read(a, "t.json", o, &vp, &err) ||
		     voucher_policy_check_items(a, "t.json", vp, sp, &err);
	assert_int_not_equal(rc, 0);
	assert_int_equal(err.code, LX_EINVALID);
	if (!strstr(err.field, field_part) && !strstr(err.message, field_part))
		fail_msg("expected %s in %s / %s", field_part, err.field,
		         err.message);
	json_decref(o);
	json_decref(services);
	arena_free(a);
}

#define SCHEME(extra)                                                          \
	"{\"source\": \"s\", \"schemes\": [{\"id\": \"x\", \"name\": \"n\","   \
	" \"who\": {\"any\": [[\"dibao\"]], \"min_age\": 60}, \"source\":"     \
	" \"s\"" extra "}]}"

static void test_policy_refusals(void **state)
{
	(void)state;
	expect_bad(
	    SCHEME(", \"yearly_amount\": \"300\", \"items\": [\"bath\"]"), NULL,
	    "schemes[0].items[0]");
	expect_bad(SCHEME(", \"yearly_amount\": \"0\", \"items\": [\"meal\"]"),
	           NULL, "yearly_amount");
	expect_bad(SCHEME(", \"yearly_amount\": \"3.001\", \"items\":"
	                  " [\"meal\"]"),
	           NULL, "yearly_amount");
	expect_bad(SCHEME(", \"yearly_amount\": \"300\""), NULL, "items");
	expect_bad(SCHEME(", \"yearly_amount\": \"300\", \"items\": [\"meal\"],"
	                  " \"amount\": 1"),
	           NULL, "amount");
	expect_bad(
	    NULL,
	    "{\"kinds\": [{\"id\": \"v\", \"name\": \"n\", \"face_value\":"
	    " \"50\", \"who\": {\"any\": []}, \"items\": [],"
	    " \"valid_days\": 0, \"source\": \"s\"}]}",
	    "valid_days");
	expect_bad(
	    NULL,
	    "{\"kinds\": [{\"id\": \"v\", \"name\": \"n\", \"face_value\":"
	    " \"50\", \"who\": {\"any\": []}, \"items\": [\"rehab\"],"
	    " \"valid_days\": 30, \"source\": \"s\"}]}",
	    "kinds[0].items[0]");
}

/* ---- against a database ------------------------------------------ */

static char target[512];

static void must(struct db *db, const char *sql)
{
	struct lx_error err;

	lx_error_clear(&err);
	if (db_exec(db, sql, &err))
		fail_msg("%s: %s", sql, err.message);
}

static void put_region(struct db *db, const char *code, const char *parent)
{
	struct region r;
	struct lx_error err;

	memset(&r, 0, sizeof(r));
	snprintf(r.code, sizeof(r.code), "%s", code);
	r.name = (char *)code;
	r.level = (int)region_code_level(code);
	r.kind = REGION_ADMIN;
	snprintf(r.parent, sizeof(r.parent), "%s", parent);
	lx_error_clear(&err);
	if (region_store_insert(db, &r, &err))
		fail_msg("region %s: %s", code, err.message);
}

static long long put_person(struct db *db, const char *region,
                            const char *birth, const char *cat1,
                            const char *cat2)
{
	static unsigned serial;
	struct person p;
	struct person_category c[2];
	unsigned char sealed[4] = { 1, 2, 3, 4 };
	struct lx_error err;

	memset(&p, 0, sizeof(p));
	memset(c, 0, sizeof(c));
	serial++;
	snprintf(p.kind, sizeof(p.kind), "elderly");
	memcpy(p.id_hash, &serial, sizeof(serial));
	memcpy(p.id_masked_hash, &serial, sizeof(serial));
	p.id_sealed = sealed;
	p.id_sealed_len = sizeof(sealed);
	p.name = (char *)"测试老人";
	snprintf(p.sex, sizeof(p.sex), "F");
	snprintf(p.birth_date, sizeof(p.birth_date), "%s", birth);
	snprintf(p.region, sizeof(p.region), "%s", region);
	snprintf(p.residence, sizeof(p.residence), "home");
	c[0].category = (char *)cat1;
	snprintf(c[0].start, sizeof(c[0].start), "2020-01-01");
	c[1].category = (char *)cat2;
	snprintf(c[1].start, sizeof(c[1].start), "2020-01-01");
	p.categories = c;
	p.ncategories = cat2 ? 2 : cat1 ? 1 : 0;
	lx_error_clear(&err);
	if (person_store_save(db, &p, NOW, &err))
		fail_msg("person: %s", err.message);
	return p.id;
}

#define BAZHONG_VILLAGE "511902001001"
#define DAZHOU_VILLAGE  "511702001001"

static struct db *fixture(const char *name)
{
	struct db *db;

	if (db_target(target, sizeof(target), tmpdir, name))
		fail_msg("no database for %s", name);
	db = db_open_ok(target);
	put_region(db, "510000000000", "");
	put_region(db, "511900000000", "510000000000");
	put_region(db, "511902000000", "511900000000");
	put_region(db, "511902001000", "511902000000");
	put_region(db, BAZHONG_VILLAGE, "511902001000");
	put_region(db, "511700000000", "510000000000");
	put_region(db, "511702000000", "511700000000");
	put_region(db, "511702001000", "511702000000");
	put_region(db, DAZHOU_VILLAGE, "511702001000");
	must(db, "INSERT INTO facility (id, name, kind, region, created_at,"
	         " updated_at) VALUES (1, '助老站', 'community_center',"
	         " '511902001001', '" NOW "', '" NOW "')");
	must(db, "INSERT INTO service_offer (id, facility_id, item,"
	         " price_fen, area, valid_from, created_at) VALUES (1, 1,"
	         " 'meal', 1000, '511900000000', '2026-01-01', '" NOW "')");
	return db;
}

static void ctx_on(struct app_ctx *ctx, struct db *db)
{
	app_ctx_init(ctx, db, NULL);
	ctx->policies = policies;
	snprintf(ctx->today, sizeof(ctx->today), TODAY);
	snprintf(ctx->now, sizeof(ctx->now), NOW);
}

/* An order of the person (its id chosen here, so that the same SQL
 * works on both backends). */
static void put_order(struct db *db, long long id, long long person,
                      const char *item, long long fen)
{
	char sql[600];

	snprintf(sql, sizeof(sql),
	         "INSERT INTO service_order (id, person_id, region, offer_id,"
	         " facility_id, item, quantity, unit_fen, total_fen,"
	         " placed_as, status, year, created_at, updated_at) VALUES"
	         " (%lld, %lld, '" BAZHONG_VILLAGE "', 1, 1, '%s', 1, %lld,"
	         " %lld, 'official', 'placed', 2026, '" NOW "', '" NOW "')",
	         id, person, item, fen, fen);
	must(db, sql);
}

/* What the order module writes once a draw succeeded. */
static void put_payment(struct db *db, long long order, long long ent,
                        long long fen)
{
	char sql[300];

	snprintf(sql, sizeof(sql),
	         "INSERT INTO service_payment (order_id, source, amount_fen,"
	         " entitlement_id) VALUES (%lld, 'entitlement', %lld, %lld)",
	         order, fen, ent);
	must(db, sql);
}

static long long scalar(struct db *db, const char *sql)
{
	struct lx_error err;
	struct stmt *st;
	long long v = -1;

	lx_error_clear(&err);
	st = db_prepare(db, sql, &err);
	if (!st)
		fail_msg("%s: %s", sql, err.message);
	if (db_step(st) == DB_ROW)
		v = db_col_int64(st, 0);
	db_finish(db, st);
	return v;
}

static long long grant_one(struct app_ctx *ctx, long long person)
{
	json_t *body = json_pack("{sI}", "person_id", (json_int_t)person);
	json_t *out = app_entitlement_grant(ctx, body);
	long long id;

	if (!out)
		fail_msg("grant %lld: %s %s", person, ctx->err.field,
		         ctx->err.message);
	id = json_integer_value(json_object_get(
	    json_array_get(json_object_get(out, "granted"), 0), "id"));
	json_decref(body);
	json_decref(out);
	return id;
}

static void test_grant_and_run(void **state)
{
	struct db *db = fixture("grant.db");
	struct app_ctx ctx;
	long long poor_disabled, poor, dispersed, young, dead;
	json_t *body, *out;

	(void)state;
	poor_disabled = put_person(db, BAZHONG_VILLAGE, "1950-05-01",
	                           "low_income", "disabled");
	poor =
	    put_person(db, BAZHONG_VILLAGE, "1950-05-01", "low_income", NULL);
	dispersed = put_person(db, BAZHONG_VILLAGE, "1966-03-02",
	                       "tekun_dispersed", NULL); /* 60 today */
	young = put_person(db, BAZHONG_VILLAGE, "1966-03-03", "tekun_dispersed",
	                   NULL); /* 60 tomorrow */
	dead = put_person(db, BAZHONG_VILLAGE, "1940-01-01", "tekun_dispersed",
	                  NULL);
	must(db, "UPDATE person SET deceased_on = '2026-01-05' WHERE id = "
	         "(SELECT max(id) FROM person)");
	ctx_on(&ctx, db);
	assert_true(grant_one(&ctx, poor_disabled) > 0);
	/* twice: refused, nothing added */
	body = json_pack("{sI}", "person_id", (json_int_t)poor_disabled);
	assert_null(app_entitlement_grant(&ctx, body));
	assert_int_equal(ctx.err.code, LX_ECONFLICT);
	json_decref(body);
	body = json_pack("{sI}", "person_id", (json_int_t)poor);
	assert_null(app_entitlement_grant(&ctx, body));
	assert_int_equal(ctx.err.code, LX_EINVALID);
	assert_string_equal(ctx.err.field, "person_id");
	json_decref(body);
	body = json_pack("{sI si}", "person_id", (json_int_t)dispersed, "year",
	                 2025);
	assert_null(app_entitlement_grant(&ctx, body));
	assert_string_equal(ctx.err.field, "year");
	json_decref(body);

	/* the run: the dispersed 特困 aged 60 today, not the 59-year-old,
	 * not the dead, not the one granted already */
	body = json_pack("{ss}", "region", "511900000000");
	out = app_entitlement_run(&ctx, body);
	assert_non_null(out);
	assert_int_equal(json_integer_value(json_object_get(out, "granted")),
	                 1);
	assert_int_equal(json_integer_value(json_object_get(out, "already")),
	                 1);
	assert_int_equal(
	    json_integer_value(json_object_get(out, "granted_fen")), 30000);
	json_decref(out);
	/* again: nobody twice */
	out = app_entitlement_run(&ctx, body);
	assert_int_equal(json_integer_value(json_object_get(out, "granted")),
	                 0);
	assert_int_equal(json_integer_value(json_object_get(out, "already")),
	                 2);
	json_decref(out);
	json_decref(body);
	assert_int_equal(scalar(db, "SELECT count(*) FROM entitlement"), 2);
	{
		char sql[200];

		snprintf(sql, sizeof(sql),
		         "SELECT count(*) FROM entitlement WHERE person_id IN"
		         " (%lld, %lld, %lld)",
		         poor, young, dead);
		assert_int_equal(scalar(db, sql), 0);
	}
	app_ctx_done(&ctx);
	db_close(db);
}

static long long used_of(struct db *db, long long id)
{
	char sql[120];

	snprintf(sql, sizeof(sql),
	         "SELECT used_fen FROM entitlement WHERE id = %lld", id);
	return scalar(db, sql);
}

/* Random grants, draws and releases, each through the app: three persons
 * granted this year and one of them next year too (a new year is a new
 * entitlement, drawn by orders dated in it), against a model kept here:
 * each entitlement's used amount is the sum of its unreleased draws,
 * within 0 and the amount granted, after every step; a release made twice
 * gives back once. */
static void test_draw_release_model(void **state)
{
	struct db *db = fixture("model.db");
	struct app_ctx ctx;
	enum { OPS = 400, NENT = 4, BASE = 100 };
	long long person[NENT], ent[NENT], model[NENT] = { 0 };
	const char *day[NENT] = { TODAY, TODAY, TODAY, "2027-01-05" };
	long long order = BASE, got;
	long long drawn[OPS + 1];
	int open[OPS + 1], of[OPS + 1];
	const char *cats[3] = { "tekun_dispersed", "family_planning_special",
		                "tekun_dispersed" };

	(void)state;
	memset(drawn, 0, sizeof(drawn));
	memset(open, 0, sizeof(open));
	memset(of, 0, sizeof(of));
	ctx_on(&ctx, db);
	for (int k = 0; k < 3; k++) {
		person[k] = put_person(db, BAZHONG_VILLAGE, "1940-05-01",
		                       cats[k], NULL);
		ent[k] = grant_one(&ctx, person[k]);
	}
	person[3] = person[0];
	{
		json_t *body = json_pack("{sI si}", "person_id",
		                         (json_int_t)person[0], "year", 2027);
		json_t *out = app_entitlement_grant(&ctx, body);

		assert_non_null(out);
		ent[3] = json_integer_value(json_object_get(
		    json_array_get(json_object_get(out, "granted"), 0), "id"));
		json_decref(out);
		json_decref(body);
	}
	srand(15);
	for (int op = 0; op < OPS; op++) {
		lx_error_clear(&ctx.err);
		if (rand() % 3 || order == BASE) {
			int k = rand() % NENT;
			long long fen = 1 + rand() % 9000;
			int rc;

			order++;
			put_order(db, order, person[k], "meal", fen);
			rc = app_entitlement_draw(&ctx, person[k], "meal",
			                          day[k], fen, order, &got);
			if (model[k] + fen <= 30000) {
				assert_int_equal(rc, 0);
				/* the entitlement of the order's year */
				assert_int_equal(got, ent[k]);
				put_payment(db, order, ent[k], fen);
				model[k] += fen;
				drawn[order - BASE] = fen;
				open[order - BASE] = 1;
				of[order - BASE] = k;
			} else {
				char left[32];

				assert_int_equal(rc, -1);
				assert_int_equal(ctx.err.code, LX_ECONFLICT);
				assert_string_equal(ctx.err.field,
				                    "payment.entitlement");
				/* the message says what is left */
				service_yuan(30000 - model[k], left);
				assert_non_null(strstr(ctx.err.message, left));
			}
		} else {
			long long o = BASE + 1 + rand() % (order - BASE);

			assert_int_equal(app_entitlement_release(&ctx, o), 0);
			if (rand() % 4 == 0) /* again: nothing more */
				assert_int_equal(
				    app_entitlement_release(&ctx, o), 0);
			if (open[o - BASE]) {
				model[of[o - BASE]] -= drawn[o - BASE];
				open[o - BASE] = 0;
			}
		}
		for (int k = 0; k < NENT; k++) {
			char sql[200];

			assert_int_equal(used_of(db, ent[k]), model[k]);
			assert_true(model[k] >= 0 && model[k] <= 30000);
			snprintf(sql, sizeof(sql),
			         "SELECT coalesce(sum(amount_fen), 0) FROM"
			         " service_payment WHERE released = 0 AND"
			         " entitlement_id = %lld",
			         ent[k]);
			assert_int_equal(scalar(db, sql), model[k]);
		}
	}
	/* an item the scheme does not pay for, a year without one */
	order++;
	put_order(db, order, person[1], "rehab", 100);
	assert_int_equal(app_entitlement_draw(&ctx, person[1], "rehab", TODAY,
	                                      100, order, &got),
	                 -1);
	assert_int_equal(ctx.err.code, LX_EINVALID);
	assert_int_equal(app_entitlement_draw(&ctx, person[1], "meal",
	                                      "2027-01-02", 100, order, &got),
	                 -1);
	assert_int_equal(ctx.err.code, LX_EINVALID);
	assert_int_equal(app_entitlement_draw(&ctx, person[1], "meal", TODAY, 0,
	                                      order, &got),
	                 -1);
	app_ctx_done(&ctx);
	db_close(db);
}

/* ---- concurrency: several connections at the same moment ---------- */

enum { THREADS = 6, PER_THREAD = 8, ROUNDS = 4 };

struct racer {
	int idx, round;
	long long person, voucher, first_order;
	pthread_barrier_t *go;
	int ok, conflict, other; /* entitlement draws */
	int v_ok, v_conflict, v_other;
	long long v_fen;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	struct lx_error err;
	struct db *db;
	struct app_ctx ctx;

	lx_error_clear(&err);
	db = db_open(target, &err);
	if (!db) {
		r->other = -1000;
		pthread_barrier_wait(r->go);
		return NULL;
	}
	ctx_on(&ctx, db);
	pthread_barrier_wait(r->go);
	for (int i = 0; i < PER_THREAD; i++) {
		long long got;

		lx_error_clear(&ctx.err);
		/* 1500 fen a draw: 20 of the 48 fit in 300 yuan */
		if (!app_entitlement_draw(&ctx, r->person, "meal", TODAY, 1500,
		                          r->first_order + i, &got))
			r->ok++;
		else if (ctx.err.code == LX_ECONFLICT)
			r->conflict++;
		else
			r->other++;
	}
	{
		long long fen;

		lx_error_clear(&ctx.err);
		if (!app_voucher_redeem(&ctx, r->voucher, r->person, "meal",
		                        TODAY, 8000, r->first_order, &fen)) {
			r->v_ok++;
			r->v_fen = fen;
		} else if (ctx.err.code == LX_ECONFLICT) {
			r->v_conflict++;
		} else {
			r->v_other++;
		}
	}
	app_ctx_done(&ctx);
	db_close(db);
	return NULL;
}

static void test_concurrent(void **state)
{
	struct db *db = fixture("race.db");
	struct app_ctx ctx;
	long long order = 1000;

	(void)state;
	ctx_on(&ctx, db);
	for (int round = 0; round < ROUNDS; round++) {
		pthread_t t[THREADS];
		struct racer r[THREADS];
		pthread_barrier_t go;
		long long person, ent, batch, voucher;
		int ok = 0, conflict = 0, v_ok = 0, v_conflict = 0;
		json_t *body, *out;
		char sql[200];

		person = put_person(db, DAZHOU_VILLAGE, "1940-05-01",
		                    "low_income", "living_alone");
		ent = grant_one(&ctx, person);
		/* a batch of 达州's kind for this person alone: a village of
		 * its own each round would do too; the newest person's
		 * voucher is read back */
		body = json_pack("{ss ss}", "region", DAZHOU_VILLAGE, "kind",
		                 "care_voucher");
		out = app_voucher_issue(&ctx, body);
		if (!out)
			fail_msg("issue: %s", ctx.err.message);
		batch = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		json_decref(body);
		snprintf(sql, sizeof(sql),
		         "SELECT id FROM voucher WHERE batch_id = %lld AND"
		         " person_id = %lld",
		         batch, person);
		voucher = scalar(db, sql);
		assert_true(voucher > 0);
		for (int i = 0; i < THREADS * PER_THREAD; i++)
			put_order(db, order + i, person, "meal", 8000);
		pthread_barrier_init(&go, NULL, THREADS);
		for (int i = 0; i < THREADS; i++) {
			memset(&r[i], 0, sizeof(r[i]));
			r[i].idx = i;
			r[i].round = round;
			r[i].person = person;
			r[i].voucher = voucher;
			r[i].first_order = order + i * PER_THREAD;
			r[i].go = &go;
			pthread_create(&t[i], NULL, race, &r[i]);
		}
		for (int i = 0; i < THREADS; i++) {
			pthread_join(t[i], NULL);
			assert_int_equal(r[i].other, 0);
			assert_int_equal(r[i].v_other, 0);
			ok += r[i].ok;
			conflict += r[i].conflict;
			v_ok += r[i].v_ok;
			v_conflict += r[i].v_conflict;
			if (r[i].v_ok)
				/* min(face 50 yuan, order 80 yuan) */
				assert_int_equal(r[i].v_fen, 5000);
		}
		pthread_barrier_destroy(&go);
		order += THREADS * PER_THREAD;
		/* 30000 / 1500 = 20 draws fit, the other 28 were refused */
		assert_int_equal(ok, 20);
		assert_int_equal(conflict, THREADS * PER_THREAD - 20);
		assert_int_equal(used_of(db, ent), 30000);
		/* the voucher paid once */
		assert_int_equal(v_ok, 1);
		assert_int_equal(v_conflict, THREADS - 1);
		snprintf(sql, sizeof(sql),
		         "SELECT redeemed_fen FROM voucher WHERE id = %lld",
		         voucher);
		assert_int_equal(scalar(db, sql), 5000);
	}
	app_ctx_done(&ctx);
	db_close(db);
}

/* The same race at the store, each statement on its own (no transaction,
 * so no write lock taken first): the conditional UPDATEs alone keep the
 * balance and the voucher right, as they must when a caller forgets. */
struct store_racer {
	long long ent, voucher, first_order;
	pthread_barrier_t *go;
	int draws, redeems, errors;
};

static void *race_store(void *arg)
{
	struct store_racer *r = arg;
	struct lx_error err;
	struct db *db;
	int done;

	lx_error_clear(&err);
	db = db_open(target, &err);
	pthread_barrier_wait(r->go);
	if (!db) {
		r->errors++;
		return NULL;
	}
	for (int i = 0; i < PER_THREAD; i++) {
		if (entitlement_store_draw(db, r->ent, 1500, &done, &err))
			r->errors++;
		else
			r->draws += done;
		if (voucher_store_redeem(db, r->voucher, r->first_order + i,
		                         5000, NOW, &done, &err))
			r->errors++;
		else
			r->redeems += done;
	}
	db_close(db);
	return NULL;
}

static void test_concurrent_store(void **state)
{
	struct db *db = fixture("race_store.db");
	struct app_ctx ctx;
	long long order = 5000;

	(void)state;
	ctx_on(&ctx, db);
	for (int round = 0; round < ROUNDS; round++) {
		pthread_t t[THREADS];
		struct store_racer r[THREADS];
		pthread_barrier_t go;
		long long person, ent, voucher;
		int draws = 0, redeems = 0;
		json_t *body, *out;
		char sql[200];

		person =
		    put_person(db, DAZHOU_VILLAGE, "1941-05-01", "dibao", NULL);
		ent = grant_one(&ctx, person);
		body = json_pack("{ss ss}", "region", DAZHOU_VILLAGE, "kind",
		                 "care_voucher");
		out = app_voucher_issue(&ctx, body);
		assert_non_null(out);
		snprintf(
		    sql, sizeof(sql),
		    "SELECT id FROM voucher WHERE batch_id = %lld AND"
		    " person_id = %lld",
		    (long long)json_integer_value(json_object_get(out, "id")),
		    person);
		json_decref(out);
		json_decref(body);
		voucher = scalar(db, sql);
		for (int i = 0; i < THREADS * PER_THREAD; i++)
			put_order(db, order + i, person, "meal", 1500);
		pthread_barrier_init(&go, NULL, THREADS);
		for (int i = 0; i < THREADS; i++) {
			memset(&r[i], 0, sizeof(r[i]));
			r[i].ent = ent;
			r[i].voucher = voucher;
			r[i].first_order = order + i * PER_THREAD;
			r[i].go = &go;
			pthread_create(&t[i], NULL, race_store, &r[i]);
		}
		for (int i = 0; i < THREADS; i++) {
			pthread_join(t[i], NULL);
			assert_int_equal(r[i].errors, 0);
			draws += r[i].draws;
			redeems += r[i].redeems;
		}
		pthread_barrier_destroy(&go);
		order += THREADS * PER_THREAD;
		assert_int_equal(draws, 20);
		assert_int_equal(used_of(db, ent), 30000);
		assert_int_equal(redeems, 1);
	}
	app_ctx_done(&ctx);
	db_close(db);
}

static void test_voucher_release(void **state)
{
	struct db *db = fixture("release.db");
	struct app_ctx ctx;
	long long person, voucher, fen;
	json_t *body, *out;

	(void)state;
	person = put_person(db, DAZHOU_VILLAGE, "1950-05-01", "dibao", NULL);
	put_order(db, 1, person, "meal", 3000);
	put_order(db, 2, person, "meal", 3000);
	ctx_on(&ctx, db);
	body = json_pack("{ss ss}", "region", "511700000000", "kind",
	                 "care_voucher");
	out = app_voucher_issue(&ctx, body);
	assert_non_null(out);
	/* 2026-03-02 + 90 days, the issue day counted */
	assert_string_equal(
	    json_string_value(json_object_get(out, "expires_on")),
	    "2026-05-30");
	assert_int_equal(json_integer_value(json_object_get(out, "issued")), 1);
	json_decref(out);
	json_decref(body);
	voucher = scalar(db, "SELECT id FROM voucher");
	assert_int_equal(app_voucher_redeem(&ctx, voucher, person, "meal",
	                                    TODAY, 3000, 1, &fen),
	                 0);
	assert_int_equal(fen, 3000);
	assert_int_equal(app_voucher_redeem(&ctx, voucher, person, "meal",
	                                    TODAY, 3000, 2, &fen),
	                 -1);
	assert_int_equal(ctx.err.code, LX_ECONFLICT);
	assert_int_equal(app_voucher_redeem(&ctx, voucher, person + 1, "meal",
	                                    TODAY, 3000, 2, &fen),
	                 -1);
	assert_int_equal(ctx.err.code, LX_EFORBIDDEN);
	/* released while unexpired: usable again, by another order */
	assert_int_equal(app_voucher_release(&ctx, 1), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM voucher WHERE"
	                            " redeemed_order IS NULL"),
	                 1);
	assert_int_equal(app_voucher_redeem(&ctx, voucher, person, "meal",
	                                    TODAY, 3000, 2, &fen),
	                 0);
	/* expired by the day of the release: taken off the cancelled order
	 * (it paid for nothing, so it counts as expired, not as used), and
	 * it cannot pay again */
	snprintf(ctx.today, sizeof(ctx.today), "2026-05-31");
	assert_int_equal(app_voucher_release(&ctx, 2), 0);
	assert_int_equal(scalar(db,
	                        "SELECT count(*) FROM voucher WHERE"
	                        " redeemed_order IS NULL AND redeemed_fen = 0"),
	                 1);
	assert_int_equal(app_voucher_redeem(&ctx, voucher, person, "meal",
	                                    "2026-05-31", 3000, 1, &fen),
	                 -1);
	assert_int_equal(ctx.err.code, LX_EINVALID);
	app_ctx_done(&ctx);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_held_mask),
		cmocka_unit_test(test_use_rate),
		cmocka_unit_test(test_draw_rule),
		cmocka_unit_test(test_voucher_rules),
		cmocka_unit_test(test_voucher_codes),
		cmocka_unit_test(test_policy_sections),
		cmocka_unit_test(test_policy_refusals),
		cmocka_unit_test(test_grant_and_run),
		cmocka_unit_test(test_draw_release_model),
		cmocka_unit_test(test_concurrent),
		cmocka_unit_test(test_concurrent_store),
		cmocka_unit_test(test_voucher_release),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
