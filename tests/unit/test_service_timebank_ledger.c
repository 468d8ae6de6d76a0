/*
 * The time bank's ledger through the app functions on a real database
 * (SQLite, or PostgreSQL under tests/pg/cluster.py): many random
 * sequences of verified deposits, rejections, transfers to kin,
 * redemptions and refunds, checked after every step against a model kept
 * here (balances and lots, oldest first) and against plain SQL:
 *   - the ledger is zero-sum: deposited = balances + redeemed − refunded;
 *   - each account's balance is the sum of its entries and of its traces;
 *   - each entry is the sum of its traces;
 *   - for every service, the minutes traced across accounts and
 *     redemptions equal its deposit, and no account holds a negative part;
 *   - no balance below 0 or above the cap, but for minutes refunded;
 *   - a refused step changes nothing.
 * Services are recorded by one official and verified by another (four
 * eyes): the recorder's own verification is refused, and so is a service
 * overlapping another of the volunteer's that is not rejected.
 * The cap is the 巴中 file's section with cap_minutes set to 300 here, so
 * that random deposits reach it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>

#include "app/ctx.h"
#include "app/people.h"
#include "app/pii.h"
#include "app/policy.h"
#include "app/service_pay.h"
#include "app/service_timebank_ledger.h"
#include "app/service_volunteers.h"
#include "core/id_number.h"
#include "store/db.h"
#include "store/service_timebank_store.h"
#include "support.h"

#define VILLAGE "511902001001"
#define CAP     300
#define NVOL    3
#define NPER    5
#define NACC    (NVOL + NPER)
#define MAXSVC  1200
#define NORDERS 600

static char dir[512], target[1024];
static struct db *db;
static struct pii_keys *keys;
static struct policy_set *policies;

static long long vol[NVOL];        /* volunteer ids */
static long long per[NPER];        /* person ids */
static long long vol_person[NVOL]; /* the volunteer's person record */
/* kin[v][p]: 1 when p is recorded kin of v that counts, of age */
static int kin_ok[NVOL][NPER];

/* the model */
static long long acc_id[NACC]; /* 0 until created */
static long long lots[NACC][MAXSVC];
static long long bal[NACC];
static long long svc_id[MAXSVC], nsvc; /* index → service id */
static long long refunded_over[NACC];  /* minutes over the cap refunded */
struct redemption {
	int acc;
	long long order;
	long long take[MAXSVC]; /* by service index */
	int released;
};
static struct redemption *red;
static int nred;
static long long next_order = 1;
/* two officials of 巴州区: one records services, the other verifies */
static struct principal recorder, verifier;
/* the volunteer's latest service index that is not rejected, -1 none */
static long long last_kept[NVOL] = { -1, -1, -1 };
static int noverlap; /* overlapping services refused */

static void ctx_open(struct app_ctx *ctx)
{
	app_ctx_init(ctx, db, NULL);
	ctx->keys = keys;
	ctx->policies = policies;
}

static void ctx_open_as(struct app_ctx *ctx, const struct principal *who)
{
	app_ctx_init(ctx, db, who);
	ctx->keys = keys;
	ctx->policies = policies;
}

static long long make_official(const char *username, struct principal *p)
{
	char sql[300];

	snprintf(sql, sizeof(sql),
	         "INSERT INTO account (username, password_hash, role, region,"
	         " created_at) VALUES ('%s', 'x', 'county_official',"
	         " '511902000000', '2026-01-01T00:00:00Z')",
	         username);
	sql_exec(target, sql);
	snprintf(sql, sizeof(sql),
	         "SELECT id FROM account WHERE username = '%s'", username);
	memset(p, 0, sizeof(*p));
	p->account_id = sql_int(target, sql);
	snprintf(p->username, sizeof(p->username), "%s", username);
	p->role = ROLE_COUNTY_OFFICIAL;
	snprintf(p->region, sizeof(p->region), "511902000000");
	return p->account_id;
}

static json_t *must(struct app_ctx *ctx, json_t *v, const char *what)
{
	if (!v)
		fail_msg("%s: %s (%s)", what, ctx->err.message, ctx->err.field);
	return v;
}

static void id_number(char out[19], const char *birth8, int seq)
{
	snprintf(out, 19, "511902%s%03d", birth8, seq);
	out[17] = id_number_check_char(out);
	out[18] = 0;
}

static long long make_person(const char *name, const char *birth8, int seq,
                             const char *kind)
{
	struct app_ctx ctx;
	char idn[19];
	json_t *b, *r;
	long long id;

	id_number(idn, birth8, seq);
	ctx_open(&ctx);
	b = json_pack("{ss ss ss ss}", "kind", kind, "name", name, "region",
	              VILLAGE, "id_number", idn);
	r = must(&ctx, app_person_create(&ctx, b), "person");
	id = json_integer_value(json_object_get(r, "id"));
	json_decref(b);
	json_decref(r);
	app_ctx_done(&ctx);
	return id;
}

static long long make_volunteer(const char *name, const char *birth8, int seq,
                                long long *person)
{
	struct app_ctx ctx;
	char idn[19];
	json_t *b, *r;
	long long id;

	id_number(idn, birth8, seq);
	ctx_open(&ctx);
	b = json_pack("{ss ss ss ss ss}", "name", name, "region", VILLAGE,
	              "id_number", idn, "registered_on", "2020-01-01", "phone",
	              "13800138000");
	r = must(&ctx, app_volunteer_register(&ctx, b), "volunteer");
	id = json_integer_value(json_object_get(r, "id"));
	*person = json_is_integer(json_object_get(r, "person_id"))
	              ? json_integer_value(json_object_get(r, "person_id"))
	              : 0;
	json_decref(b);
	json_decref(r);
	app_ctx_done(&ctx);
	return id;
}

static void add_kin(int v, int p, const char *relation)
{
	struct app_ctx ctx;
	json_t *b =
	    json_pack("{sI ss}", "person_id", per[p], "relation", relation);

	ctx_open(&ctx);
	json_decref(must(&ctx, app_volunteer_kin_add(&ctx, vol[v], b), "kin"));
	json_decref(b);
	app_ctx_done(&ctx);
}

/* The cap made small: the 巴中 file with cap_minutes 300. */
static void write_policies(void)
{
	char path[1200];
	json_t *doc;
	json_error_t je;

	doc = json_load_file(
	    LX_SOURCE_ROOT "/policies/511900000000-bazhong.json", 0, &je);
	assert_non_null(doc);
	json_object_set_new(json_object_get(doc, "timebank"), "cap_minutes",
	                    json_integer(CAP));
	snprintf(path, sizeof(path), "%s/policies", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/policies/511900000000-bazhong.json",
	         dir);
	assert_int_equal(json_dump_file(doc, path, JSON_INDENT(2)), 0);
	json_decref(doc);
}

static int setup(void **state)
{
	struct lx_error err;
	char path[1200];

	(void)state;
	if (scratch_make(dir, sizeof(dir), "lx-timebank") ||
	    db_target(target, sizeof(target), dir, "tb.db"))
		return -1;
	db = db_open_ok(target);
	sql_exec(target,
	         "INSERT INTO region (code, name, level, parent) VALUES"
	         " ('510000000000', '四川省', 'province', NULL),"
	         " ('511900000000', '巴中市', 'city', '510000000000'),"
	         " ('511902000000', '巴州区', 'county', '511900000000'),"
	         " ('511902001000', '甲镇', 'township', '511902000000'),"
	         " ('511902001001', '甲村', 'village', '511902001000')");
	snprintf(path, sizeof(path), "%s/tb.key", dir);
	lx_error_clear(&err);
	keys = pii_keys_open(path, &err);
	assert_non_null(keys);
	write_policies();
	snprintf(path, sizeof(path), "%s/policies", dir);
	policies = policy_set_load(path, &err);
	if (!policies)
		fail_msg("policies: %s", err.message);
	assert_true(make_official("recorder", &recorder) > 0);
	assert_true(make_official("verifier", &verifier) > 0);
	/* kin: elderly persons of the registry, one infant grandchild */
	per[0] = make_person("配偶甲", "19500101", 11, "elderly");
	per[1] = make_person("父亲甲", "19400202", 13, "elderly");
	per[2] = make_person("母亲乙", "19420303", 22, "elderly");
	per[3] = make_person("邻居丙", "19450404", 15, "elderly");
	per[4] = make_person("孙女丁", "20250101", 24, "infant");
	vol[0] = make_volunteer("志愿者一", "19620505", 17, &vol_person[0]);
	vol[1] = make_volunteer("志愿者二", "19700606", 19, &vol_person[1]);
	/* the third is also in the registry: its own record is the holder */
	make_person("志愿者三", "19550707", 31, "elderly");
	vol[2] = make_volunteer("志愿者三", "19550707", 31, &vol_person[2]);
	assert_int_equal(vol_person[0], 0);
	assert_true(vol_person[2] > 0);
	add_kin(0, 0, "spouse");
	add_kin(0, 1, "parent");
	add_kin(0, 4, "grandchild"); /* under the age: never benefits */
	add_kin(1, 2, "parent");
	kin_ok[0][0] = kin_ok[0][1] = kin_ok[1][2] = 1;
	/* orders to pay: a facility, an offer, and NORDERS placed orders of
	 * a redeemable item, then one of an item hours do not pay for */
	sql_exec(target,
	         "INSERT INTO facility (name, kind, region, created_at,"
	         " updated_at) VALUES ('互助站', 'day_care', '511902001001',"
	         " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
	sql_exec(target,
	         "INSERT INTO service_offer (facility_id, item, price_fen,"
	         " area, valid_from, created_at) VALUES (1, 'comfort', 3000,"
	         " '511902001001', '2026-01-01', '2026-01-01T00:00:00Z')");
	{
		char sql[1024];

		snprintf(sql, sizeof(sql),
		         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i"
		         " + 1 FROM n WHERE i < %d) INSERT INTO service_order"
		         " (person_id, region, offer_id, facility_id, item,"
		         " quantity, unit_fen, total_fen, placed_as, status,"
		         " year, created_at, updated_at) SELECT %lld,"
		         " '511902001001', 1, 1, CASE WHEN i = %d THEN"
		         " 'rehab' ELSE 'comfort' END, 1, 3000, 3000,"
		         " 'official', 'placed', 2026, '2026-01-01T00:00:00Z',"
		         " '2026-01-01T00:00:00Z' FROM n",
		         NORDERS + 1, per[0], NORDERS + 1);
		sql_exec(target, sql);
	}
	assert_int_equal(sql_int(target, "SELECT max(id) FROM service_order"),
	                 NORDERS + 1);
	red = calloc(NORDERS, sizeof(*red));
	return red ? 0 : -1;
}

static int teardown(void **state)
{
	char path[1200];

	(void)state;
	snprintf(path, sizeof(path), "%s/policies/511900000000-bazhong.json",
	         dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/policies", dir);
	rmdir(path);
	free(red);
	policy_set_unref(policies);
	pii_keys_free(keys);
	db_close(db);
	return scratch_remove(dir);
}

/* --- the model ---------------------------------------------------------*/

static long long acc_of_db(int a)
{
	char sql[200];

	if (acc_id[a])
		return acc_id[a];
	if (a < NVOL)
		snprintf(sql, sizeof(sql),
		         "SELECT id FROM timebank_account WHERE volunteer_id"
		         " = %lld",
		         vol[a]);
	else
		snprintf(sql, sizeof(sql),
		         "SELECT id FROM timebank_account WHERE person_id ="
		         " %lld",
		         per[a - NVOL]);
	acc_id[a] = sql_int(target, sql);
	if (acc_id[a] < 0)
		acc_id[a] = 0;
	return acc_id[a];
}

/* Takes m oldest minutes from the model's account a into take; 0 or -1
 * when short (nothing taken). */
static int model_take(int a, long long m, long long *take)
{
	if (bal[a] < m)
		return -1;
	memset(take, 0, sizeof(long long) * MAXSVC);
	for (long long s = 0; s < nsvc && m; s++) {
		long long t = lots[a][s] < m ? lots[a][s] : m;

		lots[a][s] -= t;
		take[s] = t;
		m -= t;
	}
	return 0;
}

static void model_give(int a, const long long *take)
{
	for (long long s = 0; s < nsvc; s++) {
		lots[a][s] += take[s];
		bal[a] += take[s];
	}
}

static long long sum(const long long *take)
{
	long long t = 0;

	for (long long s = 0; s < nsvc; s++)
		t += take[s];
	return t;
}

/* --- the checks --------------------------------------------------------*/

static void check_sql_zero(const char *what, const char *sql)
{
	long long v = sql_int(target, sql);

	if (v != 0)
		fail_msg("%s: %lld", what, v);
}

static void check(int step)
{
	char sql[512];
	long long over = 0;

	check_sql_zero(
	    "zero-sum",
	    "SELECT (SELECT coalesce(sum(minutes), 0) FROM timebank_entry"
	    " WHERE kind = 'deposit') - (SELECT coalesce(sum("
	    "balance_minutes), 0) FROM timebank_account) + (SELECT"
	    " coalesce(sum(minutes), 0) FROM timebank_entry WHERE kind IN"
	    " ('redeem', 'refund'))");
	check_sql_zero("balance = entries",
	               "SELECT count(*) FROM timebank_account a WHERE"
	               " a.balance_minutes <> (SELECT coalesce(sum(e.minutes),"
	               " 0) FROM timebank_entry e WHERE e.account_id = a.id)");
	check_sql_zero("balance = traces",
	               "SELECT count(*) FROM timebank_account a WHERE"
	               " a.balance_minutes <> (SELECT coalesce(sum(t.minutes),"
	               " 0) FROM timebank_trace t JOIN timebank_entry e ON"
	               " e.id = t.entry_id WHERE e.account_id = a.id)");
	check_sql_zero("entry = traces",
	               "SELECT count(*) FROM timebank_entry e WHERE e.minutes"
	               " <> (SELECT coalesce(sum(t.minutes), 0) FROM"
	               " timebank_trace t WHERE t.entry_id = e.id)");
	/* held across accounts + redeemed net of refunds = deposit */
	check_sql_zero(
	    "service traced = deposit",
	    "SELECT count(*) FROM volunteer_service s WHERE coalesce((SELECT"
	    " d.minutes FROM timebank_entry d WHERE d.service_id = s.id), 0)"
	    " <> coalesce((SELECT sum(t.minutes) FROM timebank_trace t WHERE"
	    " t.service_id = s.id), 0) - coalesce((SELECT sum(t.minutes) FROM"
	    " timebank_trace t JOIN timebank_entry e ON e.id = t.entry_id"
	    " WHERE t.service_id = s.id AND e.kind IN ('redeem', 'refund')),"
	    " 0)");
	check_sql_zero("a negative part held",
	               "SELECT count(*) FROM (SELECT e.account_id,"
	               " t.service_id, sum(t.minutes) AS m FROM"
	               " timebank_trace t JOIN timebank_entry e ON e.id ="
	               " t.entry_id GROUP BY e.account_id, t.service_id) x"
	               " WHERE x.m < 0");
	check_sql_zero("deposit of a service not verified",
	               "SELECT count(*) FROM timebank_entry e JOIN"
	               " volunteer_service s ON s.id = e.service_id WHERE"
	               " e.kind <> 'deposit' OR s.verified_at IS NULL OR"
	               " s.rejected_reason <> '' OR e.minutes <> s.minutes");
	check_sql_zero("negative balance",
	               "SELECT count(*) FROM timebank_account WHERE"
	               " balance_minutes < 0");
	for (int a = 0; a < NACC; a++)
		over += refunded_over[a] > 0 && bal[a] > CAP;
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM timebank_account WHERE"
	         " balance_minutes > %d",
	         CAP);
	if (sql_int(target, sql) != over)
		fail_msg("step %d: accounts over the cap: %lld, not %lld", step,
		         sql_int(target, sql), over);
	/* the model, account by account and lot by lot */
	for (int a = 0; a < NACC; a++) {
		long long id = acc_of_db(a);

		if (!id) {
			assert_int_equal(bal[a], 0);
			continue;
		}
		snprintf(sql, sizeof(sql),
		         "SELECT balance_minutes FROM timebank_account WHERE"
		         " id = %lld",
		         id);
		if (sql_int(target, sql) != bal[a])
			fail_msg(
			    "step %d: account %d holds %lld, the model %lld",
			    step, a, sql_int(target, sql), bal[a]);
	}
}

static void check_lots(void)
{
	char sql[512];

	for (int a = 0; a < NACC; a++) {
		if (!acc_of_db(a))
			continue;
		for (long long s = 0; s < nsvc; s++) {
			snprintf(sql, sizeof(sql),
			         "SELECT coalesce(sum(t.minutes), 0) FROM"
			         " timebank_trace t JOIN timebank_entry e ON"
			         " e.id = t.entry_id WHERE e.account_id = %lld"
			         " AND t.service_id = %lld",
			         acc_id[a], svc_id[s]);
			if (sql_int(target, sql) != lots[a][s])
				fail_msg("account %d service %lld: %lld, the "
				         "model %lld",
				         a, svc_id[s], sql_int(target, sql),
				         lots[a][s]);
		}
	}
}

/* --- the steps ---------------------------------------------------------*/

static void start_end(long long i, long long minutes, char start[32],
                      char end[32])
{
	/* ten services a day, each in its own hour, later ones finish
	 * later: the oldest by finishing time is the lowest index */
	int day = (int)(i / 10), hour = 8 + (int)(i % 10);
	int m = day % 28 + 1, mo = day / 28 % 12 + 1, y = 2021 + day / 336;

	snprintf(start, 32, "%04d-%02d-%02dT%02d:00", y, mo, m, hour);
	snprintf(end, 32, "%04d-%02d-%02dT%02d:%02lld", y, mo, m, hour,
	         minutes);
}

static long long count_services(void)
{
	return sql_int(target, "SELECT count(*) FROM volunteer_service");
}

/* A service of volunteer v overlapping its latest one that is not
 * rejected: refused, nothing recorded. */
static void step_overlap(int v, int shift)
{
	struct app_ctx ctx;
	char start[32], end[32], start2[32];
	long long before = count_services();
	json_t *b;

	if (last_kept[v] < 0)
		return;
	/* the kept service starts on the hour and lasts 1 to 59 minutes:
	 * from shift (0..59) minutes before it to its first minute */
	start_end(last_kept[v], 1, start, end);
	memcpy(start2, start, sizeof(start2));
	if (shift) {
		/* the hour before, from minute 60 - shift */
		start2[12] -= 1;
		if (start2[12] < '0') {
			start2[12] = '9';
			start2[11] -= 1;
		}
		start2[14] = (char)('0' + (60 - shift) / 10);
		start2[15] = (char)('0' + (60 - shift) % 10);
	}
	ctx_open_as(&ctx, &recorder);
	b = json_pack("{sI ss ss ss}", "volunteer_id", vol[v], "item",
	              "comfort", "started_at", start2, "finished_at", end);
	assert_null(app_vservice_record(&ctx, b));
	assert_int_equal(ctx.err.code, LX_ECONFLICT);
	assert_string_equal(ctx.err.field, "started_at");
	json_decref(b);
	app_ctx_done(&ctx);
	assert_int_equal(count_services(), before);
	noverlap++;
}

static void step_deposit(int v, long long minutes, int reject)
{
	struct app_ctx ctx, other;
	char start[32], end[32];
	json_t *b, *r, *out;
	long long id, entries;

	if (nsvc >= MAXSVC)
		return;
	start_end(nsvc, minutes, start, end);
	ctx_open_as(&ctx, &recorder);
	b = json_pack("{sI ss ss ss}", "volunteer_id", vol[v], "item",
	              "comfort", "started_at", start, "finished_at", end);
	r = must(&ctx, app_vservice_record(&ctx, b), "record");
	id = json_integer_value(json_object_get(r, "id"));
	assert_int_equal(json_integer_value(json_object_get(r, "minutes")),
	                 minutes);
	json_decref(b);
	json_decref(r);
	svc_id[nsvc++] = id;
	/* four eyes: the recorder may not verify it, and nothing changes */
	entries = sql_int(target, "SELECT count(*) FROM timebank_entry");
	assert_null(app_vservice_verify(&ctx, id, NULL));
	assert_int_equal(ctx.err.code, LX_EFORBIDDEN);
	assert_string_equal(ctx.err.field, "id");
	assert_int_equal(sql_int(target, "SELECT count(*) FROM timebank_entry"),
	                 entries);
	app_ctx_done(&ctx);
	ctx_open_as(&other, &verifier);
	if (reject) {
		b = json_pack("{ss}", "reason", "未到岗");
		json_decref(
		    must(&other, app_vservice_reject(&other, id, b), "reject"));
		json_decref(b);
		/* rejected: never deposited, even when verified later */
		assert_null(app_vservice_verify(&other, id, NULL));
		assert_int_equal(other.err.code, LX_ECONFLICT);
		app_ctx_done(&other);
		return;
	}
	last_kept[v] = nsvc - 1;
	out = app_vservice_verify(&other, id, NULL);
	if (bal[v] + minutes > CAP) {
		assert_null(out);
		assert_int_equal(other.err.code, LX_ECONFLICT);
		assert_string_equal(other.err.field, "minutes");
	} else {
		must(&other, out, "verify");
		json_decref(out);
		lots[v][nsvc - 1] += minutes;
		bal[v] += minutes;
		/* verified twice: deposited once */
		assert_null(app_vservice_verify(&other, id, NULL));
		assert_int_equal(other.err.code, LX_ECONFLICT);
	}
	app_ctx_done(&other);
}

static void step_transfer(int v, int p, long long minutes)
{
	struct app_ctx ctx;
	json_t *b = json_pack("{sI sI sI}", "volunteer_id", vol[v], "person_id",
	                      per[p], "minutes", minutes);
	json_t *out;
	long long take[MAXSVC];
	int a = NVOL + p;

	ctx_open(&ctx);
	out = app_timebank_transfer(&ctx, b);
	json_decref(b);
	if (!kin_ok[v][p]) {
		assert_null(out);
		assert_int_equal(ctx.err.code, LX_EFORBIDDEN);
	} else if (bal[v] < minutes) {
		assert_null(out);
		assert_int_equal(ctx.err.code, LX_ECONFLICT);
	} else if (bal[a] + minutes > CAP) {
		assert_null(out);
		assert_int_equal(ctx.err.code, LX_ECONFLICT);
		assert_string_equal(ctx.err.field, "minutes");
	} else {
		must(&ctx, out, "transfer");
		json_decref(out);
		assert_int_equal(model_take(v, minutes, take), 0);
		bal[v] -= minutes;
		model_give(a, take);
	}
	app_ctx_done(&ctx);
}

/* May person p (index into per, or -1 - v for volunteer v's own
 * record) benefit from account a? */
static int may_benefit(int a, long long person)
{
	if (a >= NVOL)
		return per[a - NVOL] == person;
	if (vol_person[a] && vol_person[a] == person)
		return 1;
	for (int p = 0; p < NPER; p++)
		if (per[p] == person)
			return kin_ok[a][p];
	return 0;
}

static void step_redeem(int a, long long person, long long minutes)
{
	struct app_ctx ctx;
	struct redemption *r;
	int rc;

	if (nred >= NORDERS || !acc_of_db(a))
		return;
	ctx_open(&ctx);
	rc = app_timebank_redeem(&ctx, acc_id[a], person, minutes, next_order);
	if (!may_benefit(a, person)) {
		assert_int_equal(rc, -1);
		assert_int_equal(ctx.err.code, LX_EFORBIDDEN);
		assert_string_equal(ctx.err.field, "payment.timebank");
	} else if (bal[a] < minutes) {
		assert_int_equal(rc, -1);
		assert_int_equal(ctx.err.code, LX_ECONFLICT);
		assert_string_equal(ctx.err.field, "payment.timebank");
	} else {
		if (rc)
			fail_msg("redeem: %s", ctx.err.message);
		r = &red[nred++];
		r->acc = a;
		r->order = next_order++;
		assert_int_equal(model_take(a, minutes, r->take), 0);
		bal[a] -= minutes;
		/* the same order again: refused, nothing taken */
		ctx.err.code = LX_OK;
		assert_int_equal(
		    app_timebank_redeem(&ctx, acc_id[a], person, 1, r->order),
		    -1);
	}
	app_ctx_done(&ctx);
}

static void step_release(int i)
{
	struct app_ctx ctx;
	struct redemption *r = &red[i];

	ctx_open(&ctx);
	if (app_timebank_release(&ctx, r->order))
		fail_msg("release: %s", ctx.err.message);
	if (!r->released) {
		long long before = bal[r->acc];

		model_give(r->acc, r->take);
		if (bal[r->acc] > CAP && before <= CAP + refunded_over[r->acc])
			refunded_over[r->acc] += sum(r->take);
		r->released = 1;
	}
	app_ctx_done(&ctx);
}

static void random_steps(void **state)
{
	/* on PostgreSQL every check opens its own connections, so a step
	 * costs far more there; the SQLite run carries the longer walk, the
	 * PostgreSQL one shows the same SQL keeps the same sums */
	int steps = db_target_is_pg(target) ? 120 : 200;

	(void)state;
	srand(358);
	for (int i = 0; i < steps; i++) {
		int k = rand() % 100;

		if (k < 36) {
			step_deposit(rand() % NVOL, 1 + rand() % 59,
			             rand() % 10 == 0);
		} else if (k < 40) {
			step_overlap(rand() % NVOL, rand() % 60);
		} else if (k < 62) {
			step_transfer(rand() % NVOL, rand() % NPER,
			              1 + rand() % 150);
		} else if (k < 87) {
			int a = rand() % NACC;
			int who = rand() % (NPER + 1);
			long long person =
			    who < NPER
			        ? per[who]
			        : (vol_person[2] ? vol_person[2] : per[0]);

			/* mostly a person who may benefit, sometimes not */
			if (a >= NVOL && rand() % 4)
				person = per[a - NVOL];
			step_redeem(a, person, 1 + rand() % 120);
		} else if (nred) {
			step_release(rand() % nred);
		}
		check(i);
	}
	/* an overlap tried for every volunteer, whatever the draws above
	 * did: a refusal must change nothing however many steps ran */
	for (int v = 0; v < NVOL; v++) {
		step_overlap(v, (17 * v + 5) % 60);
		check(steps + v);
	}
	check_lots();
	/* enough of every kind happened to mean something */
	assert_true(sql_int(target, "SELECT count(*) FROM timebank_entry"
	                            " WHERE kind = 'transfer_in'") >= 3);
	assert_true(sql_int(target, "SELECT count(*) FROM timebank_entry"
	                            " WHERE kind = 'redeem'") >= 5);
	assert_true(sql_int(target, "SELECT count(*) FROM timebank_entry"
	                            " WHERE kind = 'refund'") >= 2);
	assert_true(sql_int(target, "SELECT count(*) FROM volunteer_service"
	                            " s WHERE s.verified_at IS NULL") > 0);
	assert_true(noverlap >= 2);
}

/* An item the policy's hours do not pay for, and an order that is not
 * there. */
static void refusals(void **state)
{
	struct app_ctx ctx;

	(void)state;
	step_deposit(2, 30, 0);
	ctx_open(&ctx);
	assert_int_equal(app_timebank_redeem(&ctx, acc_of_db(2), vol_person[2],
	                                     10, NORDERS + 1),
	                 -1);
	assert_int_equal(ctx.err.code, LX_EINVALID);
	assert_string_equal(ctx.err.field, "payment.timebank");
	assert_int_equal(
	    app_timebank_redeem(&ctx, acc_of_db(2), vol_person[2], 10, 999999),
	    -1);
	assert_string_equal(ctx.err.field, "payment.timebank");
	assert_int_equal(
	    app_timebank_redeem(&ctx, acc_of_db(2), vol_person[2], 0, 1), -1);
	/* nothing redeemed on the order: nothing to give back */
	assert_int_equal(app_timebank_release(&ctx, NORDERS + 1), 0);
	app_ctx_done(&ctx);
	check(-1);
}

static long long count_on(const char *day, int elderly)
{
	struct lx_error err;
	long long n = -1;

	lx_error_clear(&err);
	if (tb_store_volunteer_count(db, "511902000000", day, elderly, &n,
	                             &err))
		fail_msg("count: %s", err.message);
	return n;
}

/* Registered and elderly on a day, by the definition written out: the
 * three volunteers were born 1962-05-05, 1970-06-06 and 1955-07-07 and
 * registered on 2020-01-01; a fourth, born 1964-02-29, registers here. */
static void counts(void **state)
{
	long long person;

	(void)state;
	assert_int_equal(count_on("2019-12-31", 0), 0);
	assert_int_equal(count_on("2020-01-01", 0), 3);
	assert_int_equal(count_on("2020-01-01", 1), 1); /* 1955 only */
	assert_int_equal(count_on("2022-05-04", 1), 1);
	assert_int_equal(count_on("2022-05-05", 1), 2); /* 60 that day */
	assert_int_equal(count_on("2030-06-06", 1), 3);
	make_volunteer("闰日生", "19640229", 41, &person);
	assert_int_equal(count_on("2024-02-28", 1), 2); /* 59 */
	assert_int_equal(count_on("2024-02-29", 1), 3); /* 60 */
	assert_int_equal(count_on("2024-02-29", 0), 4);
	/* the plain SQL of the definition agrees */
	assert_int_equal(sql_int(target, "SELECT count(*) FROM volunteer"
	                                 " WHERE registered_on <= '2022-05-05'"
	                                 " AND (left_on IS NULL OR left_on >"
	                                 " '2022-05-05')"),
	                 count_on("2022-05-05", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_steps),
		cmocka_unit_test(refusals),
		cmocka_unit_test(counts),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
