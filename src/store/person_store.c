#include "store/person_store.h"

#include "store/db_internal.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* The latest assessment's level, date and instrument ride along with each
 * person, so lists show the current level without a query per row. */
#define PERSON_COLS                                                            \
	"p.id, p.kind, p.id_hash, p.id_sealed, p.id_masked_hash, p.name,"      \
	" p.sex, p.birth_date, p.region, p.address, p.phone_sealed,"           \
	" p.phone_masked,"                                                     \
	" p.contact_name, p.contact_phone_sealed, p.contact_phone_masked,"     \
	" p.guardian_name, p.residence, p.facility_id, p.deceased_on,"         \
	" (SELECT name FROM region WHERE code = p.region),"                    \
	" l.final_level, l.assessed_on, l.instrument, p.household"

#define LATEST_JOIN                                                            \
	" LEFT JOIN assessment l ON l.id = (SELECT id FROM assessment"         \
	" WHERE person_id = p.id ORDER BY assessed_on DESC, id DESC LIMIT 1)"

static unsigned char *blob(struct arena *a, struct stmt *st, int i, size_t *len)
{
	*len = (size_t)db_col_bytes(st, i);
	return db_col_null(st, i) ? NULL
	                          : arena_memdup(a, db_col_blob(st, i), *len);
}

static void read_person(struct arena *a, struct stmt *st, void *elem)
{
	struct person *p = elem;

	memset(p, 0, sizeof(*p));
	p->id = db_col_int64(st, 0);
	db_col_copy(p->kind, sizeof(p->kind), st, 1);
	if (db_col_bytes(st, 2) == (int)sizeof(p->id_hash))
		memcpy(p->id_hash, db_col_blob(st, 2), sizeof(p->id_hash));
	p->id_sealed = blob(a, st, 3, &p->id_sealed_len);
	if (db_col_bytes(st, 4) == (int)sizeof(p->id_masked_hash))
		memcpy(p->id_masked_hash, db_col_blob(st, 4),
		       sizeof(p->id_masked_hash));
	p->name = db_col_text(a, st, 5);
	db_col_copy(p->sex, sizeof(p->sex), st, 6);
	db_col_copy(p->birth_date, sizeof(p->birth_date), st, 7);
	db_col_copy(p->region, sizeof(p->region), st, 8);
	p->address = db_col_text(a, st, 9);
	p->phone_sealed = blob(a, st, 10, &p->phone_sealed_len);
	p->phone_masked = db_col_text(a, st, 11);
	p->contact_name = db_col_text(a, st, 12);
	p->contact_phone_sealed = blob(a, st, 13, &p->contact_phone_sealed_len);
	p->contact_phone_masked = db_col_text(a, st, 14);
	p->guardian_name = db_col_text(a, st, 15);
	db_col_copy(p->residence, sizeof(p->residence), st, 16);
	p->facility_id = db_col_int64(st, 17);
	db_col_copy(p->deceased_on, sizeof(p->deceased_on), st, 18);
	p->region_name = db_col_text(a, st, 19);
	p->level = db_col_null(st, 20) ? -1 : db_col_int(st, 20);
	db_col_copy(p->level_on, sizeof(p->level_on), st, 21);
	p->level_instrument = db_col_text(a, st, 22);
	p->household = db_col_text(a, st, 23);
}

static void bind_blob(struct stmt *st, int i, const unsigned char *b, size_t n)
{
	if (b)
		db_bind_blob(st, i, b, (int)n);
	else
		db_bind_null(st, i);
}

/* A person's categories replace those saved before; a person just
 * inserted has none to delete, and a load of a city's people skips a
 * statement per person. */
static int save_categories(struct db *db, const struct person *p, int fresh,
                           struct lx_error *err)
{
	struct stmt *st;

	if (!fresh) {
		st = db_prepare(
		    db, "DELETE FROM person_category WHERE person_id = ?", err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, p->id);
		db_step(st);
		db_finish(db, st);
	}
	for (size_t i = 0; i < p->ncategories; i++) {
		int rc;

		st = db_prepare(db,
		                "INSERT INTO person_category (person_id, "
		                "category, start_date, end_date)"
		                " VALUES (?, ?, ?, ?)",
		                err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, p->id);
		db_bind_text(st, 2, p->categories[i].category);
		db_bind_text(st, 3, p->categories[i].start);
		db_bind_opt_text(st, 4, p->categories[i].end);
		rc = db_step(st);
		db_finish(db, st);
		if (rc != DB_DONE)
			return lx_fail(err, LX_ECONFLICT, "categories",
			               "category '%s' appears twice from %s",
			               p->categories[i].category,
			               p->categories[i].start);
	}
	return 0;
}

int person_store_save(struct db *db, struct person *p, const char *now,
                      struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    p->id
	        ? "UPDATE person SET kind = ?2, id_hash = ?3, id_sealed = ?4,"
	          " id_masked_hash = ?5, name = ?6, sex = ?7, birth_date = ?8,"
	          " region = ?9, address = ?10, phone_sealed = ?11,"
	          " phone_masked = ?12, contact_name = ?13,"
	          " contact_phone_sealed = ?14, contact_phone_masked = ?15,"
	          " guardian_name = ?16, residence = ?17, facility_id = ?18,"
	          " deceased_on = ?19, updated_at = ?20, household = ?21 WHERE "
	          "id = ?1"
	        : "INSERT INTO person (kind, id_hash, id_sealed, "
	          "id_masked_hash,"
	          " name, sex, birth_date, region, address, phone_sealed,"
	          " phone_masked, contact_name, contact_phone_sealed,"
	          " contact_phone_masked, guardian_name, residence,"
	          " facility_id, deceased_on, created_at, updated_at, "
	          "household)"
	          " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
	          " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?21)",
	    err);
	int rc, fresh = !p->id;

	if (!st)
		return -1;
	if (p->id)
		db_bind_int64(st, 1, p->id);
	db_bind_text(st, 2, p->kind);
	db_bind_blob(st, 3, p->id_hash, sizeof(p->id_hash));
	bind_blob(st, 4, p->id_sealed, p->id_sealed_len);
	db_bind_blob(st, 5, p->id_masked_hash, sizeof(p->id_masked_hash));
	db_bind_text(st, 6, p->name);
	db_bind_text(st, 7, p->sex);
	db_bind_text(st, 8, p->birth_date);
	db_bind_text(st, 9, p->region);
	db_bind_text(st, 10, p->address ? p->address : "");
	bind_blob(st, 11, p->phone_sealed, p->phone_sealed_len);
	db_bind_text(st, 12, p->phone_masked ? p->phone_masked : "");
	db_bind_text(st, 13, p->contact_name ? p->contact_name : "");
	bind_blob(st, 14, p->contact_phone_sealed, p->contact_phone_sealed_len);
	db_bind_text(st, 15,
	             p->contact_phone_masked ? p->contact_phone_masked : "");
	db_bind_text(st, 16, p->guardian_name ? p->guardian_name : "");
	db_bind_text(st, 17, p->residence);
	if (p->facility_id > 0)
		db_bind_int64(st, 18, p->facility_id);
	else
		db_bind_null(st, 18);
	db_bind_opt_text(st, 19, p->deceased_on);
	db_bind_text(st, 20, now);
	db_bind_text(st, 21, p->household ? p->household : "");
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "person");
		if (err && err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "id_number",
			        "a person with this ID number is already "
			        "registered");
		else if (err && db_fk_violation(db))
			lx_fail(err, LX_EINVALID, "region",
			        "no region '%s' or facility %lld", p->region,
			        p->facility_id);
		return -1;
	}
	if (fresh)
		p->id = db_last_id(db);
	return save_categories(db, p, fresh, err);
}

static int load_categories(struct db *db, struct arena *a, struct person *p)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT category, start_date, end_date FROM person_category"
	    " WHERE person_id = ? ORDER BY start_date, category",
	    NULL);
	size_t cap = 0;

	if (!st)
		return -1;
	db_bind_int64(st, 1, p->id);
	while (db_step(st) == DB_ROW) {
		struct person_category *c;

		p->categories = arena_grow(a, p->categories, p->ncategories,
		                           &cap, sizeof(*p->categories));
		c = &p->categories[p->ncategories++];
		c->category = db_col_text(a, st, 0);
		db_col_copy(c->start, sizeof(c->start), st, 1);
		db_col_copy(c->end, sizeof(c->end), st, 2);
	}
	db_finish(db, st);
	return 0;
}

int person_store_get(struct db *db, struct arena *a, long long id,
                     struct person *out, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " PERSON_COLS " FROM person p" LATEST_JOIN
	               " WHERE p.id = ?",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_person(a, st, out);
	db_finish(db, st);
	if (rc != DB_ROW)
		return lx_fail(err, rc == DB_DONE ? LX_ENOTFOUND : LX_EINTERNAL,
		               "id", "no person %lld", id);
	return load_categories(db, a, out);
}

long long person_store_find_hash(struct db *db, const unsigned char *hash)
{
	struct stmt *st =
	    db_prepare(db, "SELECT id FROM person WHERE id_hash = ?", NULL);
	long long id = 0;

	if (!st)
		return 0;
	db_bind_blob(st, 1, hash, 32);
	if (db_step(st) == DB_ROW)
		id = db_col_int64(st, 0);
	db_finish(db, st);
	return id;
}

#define PERSON_WHERE                                                           \
	" WHERE p.region BETWEEN :lo AND :hi"                                  \
	" AND (:kind IS NULL OR p.kind = :kind)"                               \
	" AND (:name IS NULL OR instr(p.name, :name) > 0)"                     \
	" AND (:masked IS NULL OR p.id_masked_hash = :masked)"                 \
	" AND (:idh IS NULL OR p.id_hash = :idh)"                              \
	" AND (:cat IS NULL OR EXISTS (SELECT 1 FROM person_category c"        \
	"      WHERE c.person_id = p.id AND c.category = :cat"                 \
	"      AND c.start_date <= :today"                                     \
	"      AND (c.end_date IS NULL OR c.end_date >= :today)))"             \
	" AND (:only = 0 OR p.facility_id IN"                                  \
	"      (SELECT CAST(value AS INTEGER) FROM json_each(:ids)))"

static void bind_person_query(struct stmt *st, struct arena *a,
                              const struct person_query *q)
{
	struct abuf ids;

#define P(name) db_param(st, name)
	db_bind_subtree(st, P(":lo"), P(":hi"), q->region);
	db_bind_opt_text(st, P(":kind"), q->kind);
	db_bind_opt_text(st, P(":name"), q->name);
	if (q->masked_hash)
		db_bind_blob(st, P(":masked"), q->masked_hash, 32);
	else
		db_bind_null(st, P(":masked"));
	if (q->id_hash)
		db_bind_blob(st, P(":idh"), q->id_hash, 32);
	else
		db_bind_null(st, P(":idh"));
	db_bind_opt_text(st, P(":cat"), q->category);
	db_bind_text(st, P(":today"), q->today);
	db_bind_int64(st, P(":only"), q->only_facilities);
	abuf_init(&ids, a);
	abuf_puts(&ids, "[");
	for (size_t i = 0; i < q->nfacilities; i++)
		abuf_printf(&ids, "%s%lld", i ? "," : "", q->facilities[i]);
	abuf_puts(&ids, "]");
	db_bind_text(st, P(":ids"), ids.data);
#undef P
}

int person_store_list(struct db *db, struct arena *a,
                      const struct person_query *q, struct person **out,
                      size_t *n, long long *total, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT count(*) FROM person p" PERSON_WHERE, err);
	int rc;

	if (!st)
		return -1;
	bind_person_query(st, a, q);
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "person count");
	/* the page's ids first, then its rows: the latest assessment is
	 * looked up for the page's people only, not for everyone the filter
	 * matches before the sort and the limit */
	st = db_prepare(db,
	                "SELECT " PERSON_COLS
	                " FROM (SELECT p.id FROM person p" PERSON_WHERE
	                " ORDER BY p.id LIMIT :limit OFFSET :offset)"
	                " sel JOIN person p ON p.id = sel.id" LATEST_JOIN
	                " ORDER BY p.id",
	                err);
	if (!st)
		return -1;
	bind_person_query(st, a, q);
	db_bind_int64(st, db_param(st, ":limit"),
	              q->per_page > 0 ? q->per_page : LLONG_MAX);
	db_bind_int64(st, db_param(st, ":offset"),
	              q->per_page > 0 ? (q->page - 1) * q->per_page : 0);
	if (db_collect(db, a, st, sizeof(**out), read_person, (void **)out, n,
	               "person list", err))
		return -1;
	for (size_t i = 0; i < *n; i++)
		load_categories(db, a, &(*out)[i]);
	return 0;
}

int assessment_store_insert(struct db *db, struct assessment_row *r,
                            long long by, const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO assessment (person_id, instrument, assessed_on,"
	    " assessors, items, total, initial_level, final_level, changes,"
	    " reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, r->person_id);
	db_bind_text(st, 2, r->instrument);
	db_bind_text(st, 3, r->assessed_on);
	db_bind_text(st, 4, r->assessors ? r->assessors : "");
	db_bind_text(st, 5, r->items ? r->items : "");
	if (r->has_total) {
		db_bind_int64(st, 6, r->total);
		db_bind_int64(st, 7, r->initial_level);
	} else {
		db_bind_null(st, 6);
		db_bind_null(st, 7);
	}
	db_bind_int64(st, 8, r->final_level);
	db_bind_text(st, 9, r->changes ? r->changes : "");
	db_bind_text(st, 10, r->reason ? r->reason : "");
	if (by > 0)
		db_bind_int64(st, 11, by);
	else
		db_bind_null(st, 11);
	db_bind_text(st, 12, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "assessment");
	r->id = db_last_id(db);
	return 0;
}

static void read_assessment(struct arena *a, struct stmt *st, void *elem)
{
	struct assessment_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->person_id = db_col_int64(st, 1);
	r->instrument = db_col_text(a, st, 2);
	db_col_copy(r->assessed_on, sizeof(r->assessed_on), st, 3);
	r->assessors = db_col_text(a, st, 4);
	r->items = db_col_text(a, st, 5);
	r->has_total = !db_col_null(st, 6);
	r->total = db_col_int(st, 6);
	r->initial_level = db_col_int(st, 7);
	r->final_level = db_col_int(st, 8);
	r->changes = db_col_text(a, st, 9);
	r->reason = db_col_text(a, st, 10);
}

int assessment_store_list(struct db *db, struct arena *a, long long person,
                          struct assessment_row **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id, person_id, instrument, assessed_on, assessors, items,"
	    " total, initial_level, final_level, changes, reason"
	    " FROM assessment WHERE person_id = ?"
	    " ORDER BY assessed_on DESC, id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, person);
	return db_collect(db, a, st, sizeof(**out), read_assessment,
	                  (void **)out, n, "assessments", err);
}

/* The people counted by a person element (person_store_count); ?1 and
 * ?2 the subtree range, ?3 the kind, ?4 the day, ?5 the age floor, ?6 the
 * category. */
#define PERSON_COUNT_WHERE                                                     \
	" FROM person p WHERE p.region BETWEEN ?1 AND ?2"                      \
	" AND (?3 IS NULL OR p.kind = ?3) AND p.birth_date <= ?4"              \
	" AND (p.deceased_on IS NULL OR p.deceased_on > ?4)"                   \
	" AND (?5 = 0 OR p.birth_date <= date(?4, '-' || ?5 || ' years'))"     \
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM person_category c"          \
	"      WHERE c.person_id = p.id AND c.category = ?6"                   \
	"      AND c.start_date <= ?4"                                         \
	"      AND (c.end_date IS NULL OR c.end_date >= ?4)))"

static void bind_count(struct stmt *st, const char *region, const char *as_of,
                       const char *kind, const char *category, int min_age)
{
	db_bind_subtree(st, 1, 2, region);
	db_bind_opt_text(st, 3, kind);
	db_bind_text(st, 4, as_of);
	db_bind_int64(st, 5, min_age);
	db_bind_opt_text(st, 6, category);
}

long long person_store_count(struct db *db, const char *region,
                             const char *as_of, const char *kind,
                             const char *category, int min_age)
{
	struct stmt *st =
	    db_prepare(db, "SELECT count(*)" PERSON_COUNT_WHERE, NULL);
	long long n = 0;

	if (!st)
		return 0;
	bind_count(st, region, as_of, kind, category, min_age);
	if (db_step(st) == DB_ROW)
		n = db_col_int64(st, 0);
	db_finish(db, st);
	return n;
}

static void read_region_count(struct arena *a, struct stmt *st, void *elem)
{
	struct region_count *r = elem;

	(void)a;
	snprintf(r->region, sizeof(r->region), "%s", db_col_str(st, 0));
	r->n = db_col_int64(st, 1);
}

int person_store_count_by_region(struct db *db, struct arena *a,
                                 const char *root, const char *as_of,
                                 const char *kind, const char *category,
                                 int min_age, struct region_count **out,
                                 size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT p.region, count(*)" PERSON_COUNT_WHERE
	               " GROUP BY p.region ORDER BY p.region",
	               err);

	if (!st)
		return -1;
	bind_count(st, root, as_of, kind, category, min_age);
	return db_collect(db, a, st, sizeof(**out), read_region_count,
	                  (void **)out, n, "person counts", err);
}

enum { SEALED_IDS_PER_QUERY = 256 };

int person_store_sealed_ids(struct db *db, struct arena *a,
                            const long long *ids, size_t n,
                            unsigned char **blob, size_t *len,
                            struct lx_error *err)
{
	for (size_t i = 0; i < n; i++) {
		blob[i] = NULL;
		len[i] = 0;
	}
	for (size_t from = 0; from < n; from += SEALED_IDS_PER_QUERY) {
		size_t k = n - from < SEALED_IDS_PER_QUERY
		               ? n - from
		               : SEALED_IDS_PER_QUERY;
		char *sql = arena_strdup(
		    a, "SELECT id, id_sealed FROM person WHERE id IN (?");
		struct stmt *st;
		int rc;

		for (size_t j = 1; j < k; j++)
			sql = arena_printf(a, "%s, ?", sql);
		if (!(st = db_prepare(db, arena_printf(a, "%s)", sql), err)))
			return -1;
		for (size_t j = 0; j < k; j++)
			db_bind_int64(st, (int)j + 1, ids[from + j]);
		while ((rc = db_step(st)) == DB_ROW) {
			long long id = db_col_int64(st, 0);
			size_t bytes = (size_t)db_col_bytes(st, 1);
			unsigned char *b =
			    arena_memdup(a, db_col_blob(st, 1), bytes);

			/* the same person may stand more than once */
			for (size_t j = from; j < from + k; j++)
				if (ids[j] == id) {
					blob[j] = b;
					len[j] = bytes;
				}
		}
		db_finish(db, st);
		if (rc != DB_DONE)
			return db_fail(db, err, "person");
	}
	return 0;
}
