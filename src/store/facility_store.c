#include "store/facility_store.h"

#include "store/db_internal.h"
#include "store/subtree.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define FAC_COLS                                                               \
	"f.id, f.name, f.kind, f.region, f.credit_code, f.address, f.lat,"     \
	" f.lon, f.ownership, f.operation, f.profit, f.medical_integration,"   \
	" f.internal_clinic, f.filing_status, f.filing_date,"                  \
	" f.credit_commitment, f.opened_on, f.closed_on, f.closed_reason,"     \
	" f.caregivers, c.effective_date, c.beds, c.nursing_beds,"             \
	" c.occupied_beds, c.slots, c.affordable_slots, c.enrolled, "          \
	"c.classes,"                                                           \
	" (SELECT name FROM region WHERE code = f.region), f.social_workers,"  \
	" c.residents_selfcare, c.residents_partly, c.residents_disabled,"     \
	" c.affordable_beds"

/* The capacity row in force on ?as_of for each facility: the latest entry
 * on or before that date (all entries when as_of is NULL). */
#define CAP_JOIN                                                               \
	" LEFT JOIN capacity c ON c.facility_id = f.id AND c.effective_date =" \
	" (SELECT max(effective_date) FROM capacity WHERE facility_id = f.id"  \
	"  AND (:as_of IS NULL OR effective_date <= :as_of))"

static void copy_date(char dst[11], struct stmt *st, int i)
{
	const char *s = db_col_str(st, i);

	snprintf(dst, 11, "%s", s ? s : "");
}

static int col_enum(struct stmt *st, int i, const struct enum_names *t)
{
	return enum_lookup(t, db_col_str(st, i));
}

static void read_capacity(struct arena *a, struct stmt *st, int i,
                          struct capacity *c)
{
	memset(c, 0, sizeof(*c));
	copy_date(c->date, st, i);
	c->beds = db_col_int64(st, i + 1);
	c->nursing_beds = db_col_int64(st, i + 2);
	c->occupied_beds = db_col_int64(st, i + 3);
	c->slots = db_col_int64(st, i + 4);
	c->affordable_slots = db_col_int64(st, i + 5);
	c->enrolled = db_col_int64(st, i + 6);
	/* stored text was written by classes_format, so it parses */
	classes_parse(a, db_col_str(st, i + 7), c, NULL, "classes");
}

static void read_row(struct arena *a, struct stmt *st, struct facility *f)
{
	facility_init(f);
	f->id = db_col_int64(st, 0);
	f->name = db_col_text(a, st, 1);
	f->kind = col_enum(st, 2, &facility_kind_names);
	snprintf(f->region, sizeof(f->region), "%s", db_col_str(st, 3));
	f->credit_code = db_col_text(a, st, 4);
	f->address = db_col_text(a, st, 5);
	f->has_coords = !db_col_null(st, 6) ? 3 : 0;
	f->lat = db_col_double(st, 6);
	f->lon = db_col_double(st, 7);
	f->ownership = col_enum(st, 8, &ownership_names);
	f->operation = col_enum(st, 9, &operation_names);
	f->profit = col_enum(st, 10, &profit_names);
	f->medical_integration = db_col_int(st, 11);
	f->internal_clinic = db_col_int(st, 12);
	f->filing_status = col_enum(st, 13, &filing_status_names);
	copy_date(f->filing_date, st, 14);
	f->credit_commitment = db_col_text(a, st, 15);
	copy_date(f->opened_on, st, 16);
	copy_date(f->closed_on, st, 17);
	f->closed_reason = db_col_text(a, st, 18);
	f->caregivers = db_col_int64(st, 19);
	read_capacity(a, st, 20, &f->cap);
	f->region_name = db_col_text(a, st, 28);
	f->social_workers = db_col_int64(st, 29);
	f->cap.residents_selfcare = db_col_int64(st, 30);
	f->cap.residents_partly = db_col_int64(st, 31);
	f->cap.residents_disabled = db_col_int64(st, 32);
	f->cap.affordable_beds = db_col_int64(st, 33);
}

static const char *enum_or_null(const struct enum_names *t, int v)
{
	return v >= 0 && v < t->count ? t->names[v] : NULL;
}

/* Binds the attribute columns ?2..?20 shared by insert and update. */
static void bind_attrs(struct stmt *st, const struct facility *f)
{
	db_bind_text(st, 2, f->name);
	db_bind_text(st, 3, facility_kind_names.names[f->kind]);
	db_bind_text(st, 4, f->region);
	db_bind_opt_text(st, 5, f->credit_code);
	db_bind_text(st, 6, f->address ? f->address : "");
	if (f->has_coords) {
		db_bind_double(st, 7, f->lat);
		db_bind_double(st, 8, f->lon);
	} else {
		db_bind_null(st, 7);
		db_bind_null(st, 8);
	}
	db_bind_text(st, 9, enum_or_null(&ownership_names, f->ownership));
	db_bind_text(st, 10, enum_or_null(&operation_names, f->operation));
	db_bind_text(st, 11, enum_or_null(&profit_names, f->profit));
	db_bind_int64(st, 12, f->medical_integration ? 1 : 0);
	db_bind_int64(st, 13, f->internal_clinic ? 1 : 0);
	db_bind_text(st, 14, filing_status_names.names[f->filing_status]);
	db_bind_opt_text(st, 15, f->filing_date);
	db_bind_text(st, 16, f->credit_commitment ? f->credit_commitment : "");
	db_bind_opt_text(st, 17, f->opened_on);
	db_bind_opt_text(st, 18, f->closed_on);
	db_bind_text(st, 19, f->closed_reason ? f->closed_reason : "");
	db_bind_int64(st, 20, f->caregivers);
	db_bind_int64(st, 22, f->social_workers);
}

static int conflict_is_credit_code(struct db *db, struct lx_error *err,
                                   const struct facility *f)
{
	if (err && err->code == LX_ECONFLICT)
		lx_fail(err, LX_ECONFLICT, "credit_code",
		        "credit code '%s' is already registered to another "
		        "facility",
		        f->credit_code ? f->credit_code : "");
	else if (err && db_fk_violation(db))
		lx_fail(err, LX_EINVALID, "region", "no region '%s'",
		        f->region);
	return -1;
}

static int put_capacity(struct db *db, long long id, const struct capacity *c,
                        const char *now, long long by, struct lx_error *err)
{
	struct arena *a = arena_new();
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO capacity (facility_id, effective_date, beds,"
	    " nursing_beds, occupied_beds, slots, affordable_slots, enrolled,"
	    " classes, recorded_at, recorded_by, residents_selfcare,"
	    " residents_partly, residents_disabled, affordable_beds)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15)"
	    " ON CONFLICT (facility_id, effective_date) DO UPDATE SET"
	    " beds = excluded.beds, nursing_beds = excluded.nursing_beds,"
	    " occupied_beds = excluded.occupied_beds, slots = excluded.slots,"
	    " affordable_slots = excluded.affordable_slots,"
	    " enrolled = excluded.enrolled, classes = excluded.classes,"
	    " recorded_at = excluded.recorded_at,"
	    " recorded_by = excluded.recorded_by,"
	    " residents_selfcare = excluded.residents_selfcare,"
	    " residents_partly = excluded.residents_partly,"
	    " residents_disabled = excluded.residents_disabled,"
	    " affordable_beds = excluded.affordable_beds",
	    err);
	int ret = 0;

	if (!st) {
		arena_free(a);
		return -1;
	}
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, c->date);
	db_bind_int64(st, 3, c->beds);
	db_bind_int64(st, 4, c->nursing_beds);
	db_bind_int64(st, 5, c->occupied_beds);
	db_bind_int64(st, 6, c->slots);
	db_bind_int64(st, 7, c->affordable_slots);
	db_bind_int64(st, 8, c->enrolled);
	db_bind_text(st, 9, classes_format(a, c));
	db_bind_text(st, 10, now);
	if (by > 0)
		db_bind_int64(st, 11, by);
	else
		db_bind_null(st, 11);
	db_bind_int64(st, 12, c->residents_selfcare);
	db_bind_int64(st, 13, c->residents_partly);
	db_bind_int64(st, 14, c->residents_disabled);
	db_bind_int64(st, 15, c->affordable_beds);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "capacity");
	db_finish(db, st);
	arena_free(a);
	return ret;
}

int facility_store_insert(struct db *db, struct facility *f, const char *now,
                          long long by, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO facility (name, kind, region, credit_code, address,"
	    " lat, lon, ownership, operation, profit, medical_integration,"
	    " internal_clinic, filing_status, filing_date,"
	    " credit_commitment, opened_on, closed_on, closed_reason,"
	    " caregivers, created_at, updated_at, social_workers) VALUES (?2,"
	    " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
	    " ?17, ?18, ?19, ?20, ?1, ?1, ?22)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, now);
	bind_attrs(st, f);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "facility");
		return conflict_is_credit_code(db, err, f);
	}
	f->id = db_last_id(db);
	return put_capacity(db, f->id, &f->cap, now, by, err);
}

int facility_store_update(struct db *db, const struct facility *f,
                          int with_capacity, const char *now, long long by,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE facility SET name = ?2, kind = ?3, region = ?4,"
	    " credit_code = ?5, address = ?6, lat = ?7, lon = ?8,"
	    " ownership = ?9, operation = ?10, profit = ?11,"
	    " medical_integration = ?12, internal_clinic = ?13,"
	    " filing_status = ?14, filing_date = ?15,"
	    " credit_commitment = ?16, opened_on = ?17, closed_on = ?18,"
	    " closed_reason = ?19, caregivers = ?20, updated_at = ?21,"
	    " social_workers = ?22 WHERE id = ?1",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, f->id);
	bind_attrs(st, f);
	db_bind_text(st, 21, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "facility");
		return conflict_is_credit_code(db, err, f);
	}
	if (db_changes(db) == 0)
		return lx_fail(err, LX_ENOTFOUND, "id", "no facility %lld",
		               f->id);
	return with_capacity ? put_capacity(db, f->id, &f->cap, now, by, err)
	                     : 0;
}

int facility_store_get(struct db *db, struct arena *a, long long id,
                       const char *as_of, struct facility *out,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " FAC_COLS " FROM facility f" CAP_JOIN " WHERE f.id = :id",
	    err);
	int rc, ret = -1;

	if (!st)
		return -1;
	db_bind_opt_text(st, db_param(st, ":as_of"), as_of);
	db_bind_int64(st, db_param(st, ":id"), id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		read_row(a, st, out);
		ret = 0;
	} else if (rc == DB_DONE) {
		lx_fail(err, LX_ENOTFOUND, "id", "no facility %lld", id);
	} else {
		db_fail(db, err, "facility lookup");
	}
	db_finish(db, st);
	return ret;
}

static const struct {
	const char *key;
	const char *order;
} sorts[] = {
	{ "name", "f.name, f.id" },
	{ "-name", "f.name DESC, f.id" },
	{ "beds", "c.beds, f.id" },
	{ "-beds", "c.beds DESC, f.id" },
	{ "slots", "c.slots, f.id" },
	{ "-slots", "c.slots DESC, f.id" },
	{ "opened_on", "f.opened_on, f.id" },
	{ "-opened_on", "f.opened_on DESC, f.id" },
	{ "id", "f.id" },
	{ "-id", "f.id DESC" },
};

/* The WHERE clause shared by list and count; every value is a parameter. */
#define LIST_WHERE                                                             \
	" WHERE f.region BETWEEN :lo AND :hi"                                  \
	" AND (:kind < 0 OR f.kind = :kind_name)"                              \
	" AND (:own < 0 OR f.ownership = :own_name)"                           \
	" AND (:filing < 0 OR f.filing_status = :filing_name)"                 \
	" AND (:q IS NULL OR instr(f.name, :q) > 0 OR instr(f.address, :q) > " \
	"0)"                                                                   \
	" AND (:open_only = 0 OR ((f.opened_on IS NULL OR f.opened_on <= "     \
	":day)"                                                                \
	"      AND (f.closed_on IS NULL OR f.closed_on > :day)))"              \
	" AND (:closed_only = 0 OR (f.closed_on IS NOT NULL"                   \
	"      AND f.closed_on <= :day))"                                      \
	" AND (:only_ids = 0 OR f.id IN (SELECT CAST(value AS INTEGER) FROM "  \
	"json_each(:ids)))"

static void bind_query(struct stmt *st, struct arena *a,
                       const struct facility_query *q)
{
	char lo[13], hi[13];
	const char *day = q->as_of && *q->as_of ? q->as_of : q->today;
	struct abuf ids;

#define P(name) db_param(st, name)
	subtree_range(q->region, lo, hi);
	db_bind_text(st, P(":lo"), lo);
	db_bind_text(st, P(":hi"), hi);
	db_bind_int64(st, P(":kind"), q->kind);
	db_bind_text(st, P(":kind_name"),
	             enum_or_null(&facility_kind_names, q->kind));
	db_bind_int64(st, P(":own"), q->ownership);
	db_bind_text(st, P(":own_name"),
	             enum_or_null(&ownership_names, q->ownership));
	db_bind_int64(st, P(":filing"), q->filing);
	db_bind_text(st, P(":filing_name"),
	             enum_or_null(&filing_status_names, q->filing));
	db_bind_opt_text(st, P(":q"), q->q);
	db_bind_int64(
	    st, P(":open_only"),
	    q->status == FSTATUS_OPEN ||
	        (q->as_of && *q->as_of && q->status != FSTATUS_CLOSED));
	db_bind_int64(st, P(":closed_only"), q->status == FSTATUS_CLOSED);
	db_bind_text(st, P(":day"), day);
	db_bind_int64(st, P(":only_ids"), q->only_ids);
	abuf_init(&ids, a);
	abuf_puts(&ids, "[");
	for (size_t i = 0; i < q->nids; i++)
		abuf_printf(&ids, "%s%lld", i ? "," : "", q->ids[i]);
	abuf_puts(&ids, "]");
	db_bind_text(st, P(":ids"), ids.data);
	if (P(":as_of"))
		db_bind_opt_text(st, P(":as_of"), q->as_of);
#undef P
}

int facility_store_list(struct db *db, struct arena *a,
                        const struct facility_query *q, struct facility **out,
                        size_t *n, long long *total, struct lx_error *err)
{
	const char *order = NULL;
	struct stmt *st;
	struct facility *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	char *sql;

	for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (!strcmp(sorts[i].key, q->sort ? q->sort : "id"))
			order = sorts[i].order;
	if (!order)
		return lx_fail(err, LX_EINVALID, "sort",
		               "unknown sort key '%s'", q->sort);

	st = db_prepare(db, "SELECT count(*) FROM facility f" LIST_WHERE, err);
	if (!st)
		return -1;
	bind_query(st, a, q);
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "facility count");

	sql = arena_printf(a,
	                   "SELECT " FAC_COLS
	                   " FROM facility f" CAP_JOIN LIST_WHERE
	                   " ORDER BY %s LIMIT :limit OFFSET "
	                   ":offset",
	                   order);
	st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	bind_query(st, a, q);
	db_bind_int64(st, db_param(st, ":limit"),
	              q->per_page > 0 ? q->per_page : LLONG_MAX);
	db_bind_int64(st, db_param(st, ":offset"),
	              q->per_page > 0 ? (q->page - 1) * q->per_page : 0);
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		read_row(a, st, &v[len++]);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "facility list");
	*out = v;
	*n = len;
	return 0;
}

int facility_store_history(struct db *db, struct arena *a, long long id,
                           struct capacity **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT effective_date, beds, nursing_beds, occupied_beds, slots,"
	    " affordable_slots, enrolled, classes, residents_selfcare,"
	    " residents_partly, residents_disabled, affordable_beds FROM "
	    "capacity"
	    " WHERE facility_id = ? ORDER BY effective_date",
	    err);
	struct capacity *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		read_capacity(a, st, 0, &v[len]);
		v[len].residents_selfcare = db_col_int64(st, 8);
		v[len].residents_partly = db_col_int64(st, 9);
		v[len].residents_disabled = db_col_int64(st, 10);
		v[len].affordable_beds = db_col_int64(st, 11);
		len++;
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "capacity history");
	*out = v;
	*n = len;
	return 0;
}

int facility_store_summary(struct db *db, const char *region, const char *as_of,
                           struct capacity_totals *by_kind,
                           struct lx_error *err)
{
	char lo[13], hi[13];
	struct stmt *st = db_prepare(
	    db,
	    "SELECT f.kind, count(*), sum(c.beds), sum(c.nursing_beds),"
	    " sum(c.occupied_beds), sum(c.slots), sum(c.affordable_slots),"
	    " sum(c.enrolled), sum(c.affordable_beds) FROM facility f" CAP_JOIN
	    " WHERE f.region BETWEEN :lo AND :hi"
	    " AND (f.opened_on IS NULL OR f.opened_on <= :as_of)"
	    " AND (f.closed_on IS NULL OR f.closed_on > :as_of)"
	    " GROUP BY f.kind",
	    err);
	int rc;

	if (!st)
		return -1;
	memset(by_kind, 0, FK__MAX * sizeof(*by_kind));
	subtree_range(region, lo, hi);
	db_bind_text(st, db_param(st, ":lo"), lo);
	db_bind_text(st, db_param(st, ":hi"), hi);
	db_bind_text(st, db_param(st, ":as_of"), as_of);
	while ((rc = db_step(st)) == DB_ROW) {
		int k = col_enum(st, 0, &facility_kind_names);
		struct capacity_totals *t;

		if (k < 0)
			continue;
		t = &by_kind[k];
		t->count = db_col_int64(st, 1);
		t->beds = db_col_int64(st, 2);
		t->nursing_beds = db_col_int64(st, 3);
		t->occupied_beds = db_col_int64(st, 4);
		t->slots = db_col_int64(st, 5);
		t->affordable_slots = db_col_int64(st, 6);
		t->enrolled = db_col_int64(st, 7);
		t->affordable_beds = db_col_int64(st, 8);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "facility summary");
	return 0;
}

int facility_store_credit_code_taken(struct db *db, const char *code,
                                     long long exclude)
{
	struct stmt *st = db_prepare(
	    db, "SELECT 1 FROM facility WHERE credit_code = ? AND id <> ?",
	    NULL);
	int taken;

	if (!st)
		return 0;
	db_bind_text(st, 1, code);
	db_bind_int64(st, 2, exclude);
	taken = db_step(st) == DB_ROW;
	db_finish(db, st);
	return taken;
}
