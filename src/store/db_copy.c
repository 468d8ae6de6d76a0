/*
 * db copy: every table of one database into another, through the
 * statement interface, so that either side may be SQLite or PostgreSQL.
 * What differs between them (how to read the catalogue, what to do after
 * ids were written) is asked of the backend (db_internal.h).
 */
#include "store/db_copy.h"

#include "core/arena.h"
#include "store/db_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* What a column holds, from its declared type: 'i' integer, 'd' double,
 * 't' text, 'b' bytes. */
struct cat_col {
	const char *name;
	char kind;
	int pk; /* position in the primary key, 0 when not in it */
};

struct cat_table {
	const char *name;
	struct cat_col *cols;
	size_t ncols, capcols;
	const char **parents;
	size_t nparents, capparents;
	int placed; /* already in the copy order */
};

struct catalogue {
	struct cat_table *tables;
	size_t n, cap;
};

/* Whether the declared type t contains word w, ignoring case. */
static int type_has(const char *t, const char *w)
{
	size_t n = strlen(w);

	for (; *t; t++)
		if (!strncasecmp(t, w, n))
			return 1;
	return 0;
}

/* SQLite's affinity rules, which read PostgreSQL's type names right too
 * ("bigint", "double precision", "bytea", "text"). */
static char kind_of(const char *type)
{
	if (type_has(type, "int"))
		return 'i';
	if (type_has(type, "blob") || type_has(type, "bytea"))
		return 'b';
	if (type_has(type, "real") || type_has(type, "doub") ||
	    type_has(type, "floa"))
		return 'd';
	return 't';
}

static struct cat_table *table_named(struct catalogue *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->tables[i].name, name))
			return &c->tables[i];
	return NULL;
}

static struct cat_col *col_named(struct cat_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].name, name))
			return &t->cols[i];
	return NULL;
}

static struct cat_table *table_add(struct arena *a, struct catalogue *c,
                                   const char *name)
{
	struct cat_table *t = table_named(c, name);
	size_t at = c->n;

	if (t)
		return t;
	/* kept sorted by name, so the order does not depend on the
	 * backend's */
	while (at > 0 && strcmp(c->tables[at - 1].name, name) > 0)
		at--;
	c->tables = arena_grow(a, c->tables, c->n, &c->cap, sizeof(*t));
	memmove(&c->tables[at + 1], &c->tables[at],
	        (c->n - at) * sizeof(*c->tables));
	c->n++;
	t = &c->tables[at];
	memset(t, 0, sizeof(*t));
	t->name = arena_strdup(a, name);
	return t;
}

/* Reads db's catalogue: its tables, their columns and what they refer
 * to. */
static int catalogue_load(struct db *db, struct arena *a, struct catalogue *c,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(db, db->be->catalogue_sql, err);
	int rc;

	memset(c, 0, sizeof(*c));
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *type = db_col_str(st, 2);
		struct cat_table *t = table_add(a, c, db_col_str(st, 0));
		struct cat_col *col;

		t->cols =
		    arena_grow(a, t->cols, t->ncols, &t->capcols, sizeof(*col));
		col = &t->cols[t->ncols++];
		col->name = db_col_text(a, st, 1);
		col->kind = kind_of(type ? type : "");
		col->pk = db_col_int(st, 3);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "catalogue");
	if (!(st = db_prepare(db, db->be->parents_sql, err)))
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		struct cat_table *t = table_named(c, db_col_str(st, 0));
		const char *parent = db_col_str(st, 1);

		/* a table referring to itself is ordered by its rows */
		if (!t || !strcmp(t->name, parent))
			continue;
		t->parents = arena_grow(a, t->parents, t->nparents,
		                        &t->capparents, sizeof(*t->parents));
		t->parents[t->nparents++] = arena_strdup(a, parent);
	}
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "catalogue");
}

/* The target must hold every table and column of the source, each
 * column of the same kind. */
static int catalogues_match(struct catalogue *src, struct catalogue *dst,
                            struct lx_error *err)
{
	if (src->n != dst->n)
		return lx_fail(err, LX_EINTERNAL, "",
		               "the source has %zu tables and the target %zu: "
		               "both must be at this laoxiao's schema",
		               src->n, dst->n);
	for (size_t i = 0; i < src->n; i++) {
		struct cat_table *s = &src->tables[i];
		struct cat_table *d = table_named(dst, s->name);

		if (!d || d->ncols != s->ncols)
			return lx_fail(err, LX_EINTERNAL, "",
			               "the table '%s' differs between the "
			               "source and the target",
			               s->name);
		for (size_t k = 0; k < s->ncols; k++) {
			struct cat_col *dc = col_named(d, s->cols[k].name);

			if (!dc || dc->kind != s->cols[k].kind ||
			    dc->pk != s->cols[k].pk)
				return lx_fail(
				    err, LX_EINTERNAL, "",
				    "the column '%s.%s' differs between the "
				    "source and the target",
				    s->name, s->cols[k].name);
		}
	}
	return 0;
}

/* The tables in an order where each comes after those it refers to;
 * among those free to go, by name. */
static int copy_order(struct arena *a, struct catalogue *c,
                      struct cat_table ***out, struct lx_error *err)
{
	struct cat_table **order = arena_alloc(a, (c->n + 1) * sizeof(*order));
	size_t n = 0;

	while (n < c->n) {
		struct cat_table *next = NULL;

		for (size_t i = 0; i < c->n && !next; i++) {
			struct cat_table *t = &c->tables[i];
			int ready = !t->placed;

			for (size_t p = 0; ready && p < t->nparents; p++) {
				struct cat_table *pt =
				    table_named(c, t->parents[p]);

				ready = !pt || pt->placed;
			}
			if (ready)
				next = t;
		}
		if (!next)
			return lx_fail(err, LX_EINTERNAL, "",
			               "the tables' foreign keys go round in a "
			               "circle: no order to copy them in");
		next->placed = 1;
		order[n++] = next;
	}
	*out = order;
	return 0;
}

/* A quoted identifier, as both databases read it. */
static void put_ident(struct abuf *b, const char *name)
{
	abuf_puts(b, "\"");
	for (const char *p = name; *p; p++)
		abuf_append(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	abuf_puts(b, "\"");
}

/* SELECT of every column of t in the primary key's order (the rowid
 * when the table has no primary key, every column when it has neither). */
static const char *select_sql(struct arena *a, struct cat_table *t)
{
	struct abuf b;
	int keys = 0;

	abuf_init(&b, a);
	abuf_puts(&b, "SELECT ");
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			abuf_puts(&b, ", ");
		put_ident(&b, t->cols[i].name);
	}
	abuf_puts(&b, " FROM ");
	put_ident(&b, t->name);
	abuf_puts(&b, " ORDER BY ");
	for (int pos = 1;; pos++) {
		size_t i = 0;

		while (i < t->ncols && t->cols[i].pk != pos)
			i++;
		if (i == t->ncols)
			break;
		abuf_puts(&b, keys++ ? ", " : "");
		put_ident(&b, t->cols[i].name);
	}
	if (!keys && col_named(t, "rowid")) {
		put_ident(&b, "rowid");
		keys = 1;
	}
	for (size_t i = 0; !keys && i < t->ncols; i++) {
		if (i)
			abuf_puts(&b, ", ");
		put_ident(&b, t->cols[i].name);
	}
	return b.data;
}

/* Feeds the current row of st into the hash, each value canonically:
 * a tag, then integers in decimal, doubles as %.17g, text with its
 * length, bytes in hex; NULL is the tag alone. */
static void hash_row(crypto_generichash_state *h, struct stmt *st,
                     struct cat_table *t)
{
	char num[48];

	for (size_t i = 0; i < t->ncols; i++) {
		int c = (int)i;

		if (db_col_null(st, c)) {
			crypto_generichash_update(h, (const void *)"n;", 2);
			continue;
		}
		switch (t->cols[i].kind) {
		case 'i':
			snprintf(num, sizeof(num), "i%lld;",
			         db_col_int64(st, c));
			crypto_generichash_update(h, (void *)num, strlen(num));
			break;
		case 'd':
			snprintf(num, sizeof(num), "d%.17g;",
			         db_col_double(st, c));
			crypto_generichash_update(h, (void *)num, strlen(num));
			break;
		case 'b': {
			const unsigned char *p = db_col_blob(st, c);
			int n = db_col_bytes(st, c);
			char hex[2 * 64 + 1];

			crypto_generichash_update(h, (const void *)"b", 1);
			for (int k = 0; k < n; k += 64) {
				int m = n - k < 64 ? n - k : 64;

				sodium_bin2hex(hex, sizeof(hex), p + k,
				               (size_t)m);
				crypto_generichash_update(h, (void *)hex,
				                          (size_t)m * 2);
			}
			crypto_generichash_update(h, (const void *)";", 1);
			break;
		}
		default: {
			const char *s = db_col_str(st, c);
			size_t n = s ? strlen(s) : 0;

			snprintf(num, sizeof(num), "t%zu:", n);
			crypto_generichash_update(h, (void *)num, strlen(num));
			crypto_generichash_update(h, (const void *)s, n);
			crypto_generichash_update(h, (const void *)";", 1);
		}
		}
	}
	crypto_generichash_update(h, (const void *)"\n", 1);
}

static void hash_done(crypto_generichash_state *h, char *hex)
{
	unsigned char sum[32];

	crypto_generichash_final(h, sum, sizeof(sum));
	sodium_bin2hex(hex, DB_COPY_SUM_HEX, sum, sizeof(sum));
}

/* Rows go in several to a statement: a round trip to a server per row
 * would make a city's copy last hours. Each value is bound with a flag
 * saying whether it is there ("CASE WHEN ? = 1 THEN ? END"), never as a
 * NULL: each parameter keeps one type whatever the rows hold, so a table
 * has one statement (and one for its last rows), prepared once. */
enum { BATCH_ROWS = 64, BATCH_PARAMS = 8192 };

/* One value read from the source, kept until its batch is written. */
struct cell {
	int null;
	long long i;
	double d;
	/* text (NUL-terminated) or bytes, in the batch's arena */
	const void *p;
	size_t n;
};

static void read_cell(struct arena *a, struct stmt *src, int c, char kind,
                      struct cell *v)
{
	memset(v, 0, sizeof(*v));
	if ((v->null = db_col_null(src, c)))
		return;
	if (kind == 'i') {
		v->i = db_col_int64(src, c);
	} else if (kind == 'd') {
		v->d = db_col_double(src, c);
	} else if (kind == 'b') {
		v->n = (size_t)db_col_bytes(src, c);
		/* empty bytes are not NULL: a pointer all the same */
		v->p = v->n ? arena_memdup(a, db_col_blob(src, c), v->n) : "";
	} else {
		v->p = arena_strdup(a, db_col_str(src, c));
	}
}

/* Writes the rows of cells (ncols each) in one INSERT. */
static int write_batch(struct db *to, struct arena *a, struct cat_table *t,
                       const struct cell *cells, size_t rows,
                       struct lx_error *err)
{
	struct abuf b;
	struct stmt *st;
	int p = 0, rc;

	abuf_init(&b, a);
	abuf_puts(&b, "INSERT INTO ");
	put_ident(&b, t->name);
	abuf_puts(&b, " (");
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			abuf_puts(&b, ", ");
		put_ident(&b, t->cols[i].name);
	}
	abuf_puts(&b, ") VALUES ");
	for (size_t r = 0; r < rows; r++)
		for (size_t i = 0; i < t->ncols; i++) {
			abuf_puts(&b, i ? ", " : r ? "), (" : "(");
			abuf_puts(&b, "CASE WHEN ? = 1 THEN ? END");
		}
	abuf_puts(&b, ")");
	if (!(st = db_prepare(to, b.data, err)))
		return -1;
	for (size_t k = 0; k < rows * t->ncols; k++) {
		const struct cell *v = &cells[k];

		db_bind_int64(st, ++p, !v->null);
		p++;
		switch (t->cols[k % t->ncols].kind) {
		case 'i':
			db_bind_int64(st, p, v->i);
			break;
		case 'd':
			db_bind_double(st, p, v->d);
			break;
		case 'b':
			db_bind_blob(st, p, v->null ? "" : v->p, v->n);
			break;
		default:
			db_bind_text(st, p, v->null ? "" : v->p);
		}
	}
	rc = db_step(st);
	if (rc != DB_DONE) {
		char what[160];

		snprintf(what, sizeof(what), "copying '%s'", t->name);
		db_fail(to, err, what);
	}
	db_finish(to, st);
	return rc == DB_DONE ? 0 : -1;
}

struct seen_arg {
	crypto_generichash_state *h;
	struct cat_table *t;
};

static void seen_row(void *arg, struct stmt *src)
{
	struct seen_arg *s = arg;

	hash_row(s->h, src, s->t);
}

/* copy_table through the target backend's bulk path (copy_in). */
static int copy_table_bulk(struct db *from, struct db *to, struct arena *a,
                           struct cat_table *t, struct db_copy_table *r,
                           struct lx_error *err)
{
	struct stmt *src = db_prepare(from, select_sql(a, t), err);
	const char **cols = arena_alloc(a, (t->ncols + 1) * sizeof(*cols));
	char *kinds = arena_alloc(a, t->ncols + 1);
	crypto_generichash_state h;
	struct seen_arg s = { &h, t };
	long long n;

	if (!src)
		return -1;
	for (size_t i = 0; i < t->ncols; i++) {
		cols[i] = t->cols[i].name;
		kinds[i] = t->cols[i].kind;
	}
	crypto_generichash_init(&h, NULL, 0, 32);
	n = to->be->copy_in(to, t->name, cols, kinds, (int)t->ncols, src,
	                    seen_row, &s, err);
	db_finish(from, src);
	if (n < 0)
		return -1;
	r->source_rows = n;
	hash_done(&h, r->source_sum);
	return 0;
}

/* Copies the rows of t by statements of several rows each, hashing them
 * as they are read. */
static int copy_table_rows(struct db *from, struct db *to, struct arena *a,
                           struct cat_table *t, struct db_copy_table *r,
                           struct lx_error *err)
{
	struct stmt *src = db_prepare(from, select_sql(a, t), err);
	size_t per = t->ncols ? BATCH_PARAMS / (2 * t->ncols) : 1;
	struct arena *ba = NULL;
	struct cell *cells;
	crypto_generichash_state h;
	size_t rows = 0;
	int rc, ret = -1;

	if (!src)
		return -1;
	if (per < 1)
		per = 1;
	if (per > BATCH_ROWS)
		per = BATCH_ROWS;
	cells = arena_alloc(a, per * t->ncols * sizeof(*cells) + 1);
	crypto_generichash_init(&h, NULL, 0, 32);
	while ((rc = db_step(src)) == DB_ROW) {
		if (!ba)
			ba = arena_new();
		hash_row(&h, src, t);
		for (size_t i = 0; i < t->ncols; i++)
			read_cell(ba, src, (int)i, t->cols[i].kind,
			          &cells[rows * t->ncols + i]);
		r->source_rows++;
		if (++rows == per) {
			if (write_batch(to, ba, t, cells, rows, err))
				goto done;
			rows = 0;
			arena_free(ba);
			ba = NULL;
		}
	}
	if (rc != DB_DONE) {
		db_fail(from, err, "reading the source");
		goto done;
	}
	if (rows && write_batch(to, ba, t, cells, rows, err))
		goto done;
	hash_done(&h, r->source_sum);
	ret = 0;
done:
	arena_free(ba);
	db_finish(from, src);
	return ret;
}

/* Copies the rows of t, hashing them as they are read: in one stream
 * when the target's backend has a bulk path (PostgreSQL's COPY). */
static int copy_table(struct db *from, struct db *to, struct arena *a,
                      struct cat_table *t, struct db_copy_table *r,
                      struct lx_error *err)
{
	if (to->be->copy_in)
		return copy_table_bulk(from, to, a, t, r, err);
	return copy_table_rows(from, to, a, t, r, err);
}

/* Counts and hashes the rows of t in db; the same reading as copy_table's
 * of the source. */
static int sum_table(struct db *db, struct arena *a, struct cat_table *t,
                     long long *rows, char *hex, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, select_sql(a, t), err);
	crypto_generichash_state h;
	int rc;

	if (!st)
		return -1;
	*rows = 0;
	crypto_generichash_init(&h, NULL, 0, 32);
	while ((rc = db_step(st)) == DB_ROW) {
		hash_row(&h, st, t);
		(*rows)++;
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "reading the target");
	hash_done(&h, hex);
	return 0;
}

/* Fails with LX_ECONFLICT (field "to") when any table of the catalogue
 * has a row; 0 when none has. One statement for all the tables: a
 * connection keeps its statements, and there are many tables. */
static int must_be_empty(struct db *db, struct arena *a, struct catalogue *c,
                         struct lx_error *err)
{
	struct abuf b;
	struct stmt *st;
	const char *full = NULL;
	int rc;

	if (!c->n)
		return 0;
	abuf_init(&b, a);
	for (size_t i = 0; i < c->n; i++) {
		abuf_puts(&b, i ? " UNION ALL SELECT '" : "SELECT '");
		for (const char *p = c->tables[i].name; *p; p++)
			abuf_append(&b, *p == '\'' ? "''" : p,
			            *p == '\'' ? 2 : 1);
		abuf_puts(&b, "' WHERE EXISTS (SELECT 1 FROM ");
		put_ident(&b, c->tables[i].name);
		abuf_puts(&b, ")");
	}
	if (!(st = db_prepare(db, b.data, err)))
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		full = arena_strdup(a, db_col_str(st, 0));
	db_finish(db, st);
	if (rc == DB_ROW)
		return lx_fail(
		    err, LX_ECONFLICT, "to",
		    "the target database is not empty (table '%s' "
		    "has rows): --to must name a new SQLite file or "
		    "an empty PostgreSQL database; nothing was changed",
		    full);
	return rc == DB_DONE ? 0 : db_fail(db, err, "the target's tables");
}

/* The copy and its check, inside the open transaction on to. */
static int copy_all(struct db *from, struct db *to, struct arena *a,
                    struct catalogue *src, struct db_copy_report *rep,
                    struct lx_error *err)
{
	struct cat_table **order = NULL;

	if (copy_order(a, src, &order, err))
		return -1;
	rep->tables = arena_alloc(a, (src->n + 1) * sizeof(*rep->tables));
	memset(rep->tables, 0, (src->n + 1) * sizeof(*rep->tables));
	rep->count = src->n;
	for (size_t i = 0; i < src->n; i++) {
		rep->tables[i].name = order[i]->name;
		if (copy_table(from, to, a, order[i], &rep->tables[i], err))
			return -1;
		rep->rows += rep->tables[i].source_rows;
	}
	if (to->be->loaded && to->be->loaded(to, err))
		return -1;
	rep->verified = 1;
	for (size_t i = 0; i < src->n; i++) {
		struct db_copy_table *r = &rep->tables[i];

		if (sum_table(to, a, order[i], &r->target_rows, r->target_sum,
		              err))
			return -1;
		r->ok = r->source_rows == r->target_rows &&
		        !strcmp(r->source_sum, r->target_sum);
		rep->verified &= r->ok;
	}
	rep->compared = 1;
	if (!rep->verified)
		return lx_fail(err, LX_EINTERNAL, "",
		               "the copy differs from the source (rows or "
		               "checksums): nothing was written");
	return 0;
}

int db_copy(struct db *from, struct db *to, struct arena *a,
            struct db_copy_report *rep, struct lx_error *err)
{
	struct lx_error ignored = { 0 };
	struct catalogue src, dst;
	int ret = -1;

	memset(rep, 0, sizeof(*rep));
	/* refused before the load settings touch the target */
	if (catalogue_load(from, a, &src, err) ||
	    catalogue_load(to, a, &dst, err) ||
	    catalogues_match(&src, &dst, err) ||
	    must_be_empty(to, a, &dst, err))
		return -1;
	if (db_bulk_load(to, err) || db_begin_read(from, err) ||
	    db_begin(to, err))
		goto done;
	/* asked again inside the write transaction: nobody filled it
	 * meanwhile */
	if (must_be_empty(to, a, &dst, err) ||
	    copy_all(from, to, a, &src, rep, err) || db_commit(to, err))
		goto done;
	ret = 0;
done:
	db_rollback(to);
	db_end_read(from);
	/* the usual settings and indexes back, whatever happened */
	if (db_bulk_done(to, ret ? &ignored : err))
		ret = -1;
	return ret;
}
