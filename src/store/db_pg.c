/*
 * The server backend: a PostgreSQL database through libpq, for a province
 * or several `laoxiao serve` processes sharing one database.
 *
 * Statements keep SQLite's text: their parameters are renumbered
 * (pg_sql.c) and the few SQLite functions the store uses (instr, date with
 * a modifier, strftime('%s'), group_concat, json_each over text) are
 * defined in the database by the prelude below, so the store's SQL stays
 * written once. A statement is prepared on the server at its first run,
 * once per set of parameter types, and its whole result is read at once.
 *
 * Writers are serialised by one transaction-level advisory lock, as
 * SQLite serialises them, so a month's run in one process and an import
 * in another never interleave. Every write to a table other than logins
 * and the audit log bumps the one row of lx_change (a statement trigger),
 * which is how every process learns that its cached results are stale.
 */
#include "core/arena.h"
#include "store/db_internal.h"

#include "store/db_pg_copy.h"
#include "store/migrations.h"
#include "store/pg_layout.h"
#include "store/pg_sql.h"
#include "store/subtree.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	PG_CACHE = 128,
	/* pg_advisory_xact_lock key of the write lock, and the session
	 * lock held while a process migrates */
	PG_WRITE_LOCK = 7394001,
	PG_MIGRATE_LOCK = 7394000,
	OID_BYTEA = 17,
	OID_INT8 = 20,
	OID_TEXT = 25,
	OID_FLOAT8 = 701,
};

struct pg_param {
	char kind; /* 'i' 'd' 't' 'b' or 'n' (NULL) */
	char *val;
	int len;
};

struct pg_prep {
	char *sig; /* one kind letter per parameter */
	char name[24];
};

struct pg_stmt {
	struct stmt base;
	char *sql; /* the cache key, NULL when not cached */
	size_t len;
	char *text; /* translated */
	struct pg_params names;
	struct pg_param *params;
	struct pg_prep *preps;
	int nprep;
	PGresult *res;
	int row, nrows;
	int busy;
	/* bytea columns of the current row, decoded when asked */
	unsigned char **blobs;
	size_t *bloblens;
	int ncols;
};

struct pg_db {
	struct db base;
	PGconn *c;
	struct pg_stmt *cache[PG_CACHE];
	int ncached;
	int seq; /* names of server-side statements */
	long long changes;
	char state[6]; /* SQLSTATE of the last error */
	char message[300];
	int seen;
	long long seen_version;
	char scope[13]; /* the region db_set_scope last sent */
	int scoped;
	/* server-side statements of statements not kept (more texts than
	 * the cache holds), to deallocate when no transaction is open */
	int *stale;
	int nstale, capstale;
};

#define PG(db) ((struct pg_db *)(db))
#define PS(st) ((struct pg_stmt *)(st))

/* The functions and tables the store relies on, created idempotently at
 * every open, before the migrations. */
static const char prelude[] =
    "SET client_min_messages = warning;"
    "CREATE TABLE IF NOT EXISTS lx_schema (version integer NOT NULL);"
    "INSERT INTO lx_schema SELECT 0 WHERE NOT EXISTS"
    " (SELECT 1 FROM lx_schema);"
    "CREATE TABLE IF NOT EXISTS lx_change (version bigint NOT NULL);"
    "INSERT INTO lx_change SELECT 0 WHERE NOT EXISTS"
    " (SELECT 1 FROM lx_change);"
    "CREATE OR REPLACE FUNCTION lx_changed() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN"
    /* once per transaction: a row updated again and again in one
     * transaction grows a chain of versions that each update walks */
    "  IF current_setting('laoxiao.bumped', true) IS DISTINCT FROM"
    "   txid_current()::text THEN"
    "   UPDATE lx_change SET version = version + 1;"
    "   PERFORM set_config('laoxiao.bumped', txid_current()::text, true);"
    "  END IF;"
    "  RETURN NULL;"
    " END $$;"
    /* every table but the bookkeeping of logins and the audit log */
    "CREATE OR REPLACE FUNCTION lx_watch_tables() RETURNS void"
    " LANGUAGE plpgsql AS $$ DECLARE t text; BEGIN"
    "  FOR t IN SELECT c.relname FROM pg_class c"
    "   JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
    "   AND NOT c.relispartition"
    "   AND c.relname NOT LIKE 'lx\\_%'"
    "   AND c.relname NOT IN ('login_session', 'login_failure', 'audit')"
    "   AND NOT EXISTS (SELECT 1 FROM pg_trigger g"
    "    WHERE g.tgrelid = c.oid AND g.tgname = 'lx_changed')"
    "  LOOP"
    "   EXECUTE format('CREATE TRIGGER lx_changed AFTER INSERT OR UPDATE"
    " OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT"
    " EXECUTE FUNCTION lx_changed()', t);"
    "  END LOOP;"
    " END $$;"
    /* The second wall behind the application's own region checks: an
     * official's connection (db_set_scope) sees only the persons of
     * its subtree. Reads only: a move to another region is a write the
     * application has already allowed. Forced on the owner too, so the
     * application's own role is held by it; a connection that set no
     * scope (the command line, a backup) sees everything. */
    "CREATE OR REPLACE FUNCTION lx_scope(setting text) RETURNS text"
    " LANGUAGE sql STABLE AS"
    " 'SELECT nullif(current_setting(setting, true), '''')';"
    "CREATE OR REPLACE FUNCTION lx_secure_tables() RETURNS void"
    " LANGUAGE plpgsql AS $$ DECLARE t text; BEGIN"
    "  FOR t IN SELECT c.relname FROM pg_class c"
    "   JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE n.nspname = current_schema() AND c.relname IN ('person')"
    "   AND NOT EXISTS (SELECT 1 FROM pg_policy p"
    "    WHERE p.polrelid = c.oid AND p.polname = 'lx_region')"
    "  LOOP"
    "   EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);"
    "   EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);"
    "   EXECUTE format('CREATE POLICY lx_region ON %I USING"
    " (lx_scope(''laoxiao.lo'') IS NULL OR region BETWEEN"
    " lx_scope(''laoxiao.lo'') AND lx_scope(''laoxiao.hi''))"
    " WITH CHECK (true)', t);"
    "  END LOOP;"
    " END $$;"
    /* SQLite's instr: the 1-based position of t in s, 0 when absent */
    "CREATE OR REPLACE FUNCTION instr(s text, t text) RETURNS integer"
    " LANGUAGE sql IMMUTABLE AS 'SELECT strpos(s, t)';"
    /* SQLite's date(d, '±N years|months|days'): a day past the end of
     * the month rolls into the next one (2024-02-29 less a year is
     * 2023-03-01), exactly as SQLite computes it */
    "CREATE OR REPLACE FUNCTION date(d text, modifier text) RETURNS text"
    " LANGUAGE plpgsql IMMUTABLE AS $$"
    " DECLARE n int; unit text; y int; m int; dd int; BEGIN"
    "  IF d IS NULL OR modifier IS NULL THEN RETURN NULL; END IF;"
    "  n := split_part(btrim(modifier), ' ', 1)::int;"
    "  unit := rtrim(split_part(btrim(modifier), ' ', 2), 's');"
    "  y := substr(d, 1, 4)::int; m := substr(d, 6, 2)::int;"
    "  dd := substr(d, 9, 2)::int;"
    "  IF unit = 'day' THEN"
    "   RETURN to_char(make_date(y, m, dd) + n, 'YYYY-MM-DD');"
    "  ELSIF unit = 'year' THEN y := y + n;"
    "  ELSIF unit = 'month' THEN m := m - 1 + n;"
    "   y := y + floor(m / 12.0)::int; m := m - 12 * floor(m / 12.0)::int"
    " + 1;"
    "  ELSE RAISE EXCEPTION 'date modifier % is not supported', modifier;"
    "  END IF;"
    "  RETURN to_char(make_date(y, m, 1) + (dd - 1), 'YYYY-MM-DD');"
    " END $$;"
    /* SQLite's strftime('%s', t): seconds since the epoch, as text */
    "CREATE OR REPLACE FUNCTION strftime(fmt text, t text) RETURNS text"
    " LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN"
    "  IF fmt <> '%s' THEN"
    "   RAISE EXCEPTION 'strftime format % is not supported', fmt;"
    "  END IF;"
    "  RETURN floor(extract(epoch FROM t::timestamptz))::bigint::text;"
    " END $$;"
    /* SQLite's group_concat(v, sep) */
    "CREATE OR REPLACE FUNCTION lx_concat(acc text, v text, sep text)"
    " RETURNS text LANGUAGE sql IMMUTABLE AS"
    " 'SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v"
    " ELSE acc || sep || v END';"
    "CREATE OR REPLACE AGGREGATE group_concat(text, text)"
    " (SFUNC = lx_concat, STYPE = text);"
    /* SQLite's json_each over a JSON array given as text: its values as
     * text (numbers as digits, strings without their quotes) */
    "CREATE OR REPLACE FUNCTION json_each(a text)"
    " RETURNS TABLE (value text) LANGUAGE sql IMMUTABLE AS"
    " 'SELECT json_array_elements_text(a::json)';";

static void note_error(struct db *db, const PGresult *res)
{
	struct pg_db *p = PG(db);
	const char *state =
	    res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg =
	    res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	snprintf(p->state, sizeof(p->state), "%s", state ? state : "");
	if (!msg)
		msg = PQerrorMessage(p->c);
	snprintf(p->message, sizeof(p->message), "%s", msg ? msg : "");
	/* libpq's connection messages end in a newline */
	p->message[strcspn(p->message, "\n")] = '\0';
}

static int pg_fail(struct db *db, struct lx_error *err, const char *what)
{
	struct pg_db *p = PG(db);

	if (!strcmp(p->state, "23505"))
		return lx_fail(err, LX_ECONFLICT, "", "%s: already exists (%s)",
		               what, p->message);
	if (!strcmp(p->state, "23503"))
		return lx_fail(err, LX_EINVALID, "",
		               "%s: refers to something that does not exist",
		               what);
	if (!strcmp(p->state, "23514"))
		return lx_fail(err, LX_EINVALID, "", "%s: %s", what,
		               p->message);
	return lx_fail(err, LX_EINTERNAL, "", "database error in %s: %s", what,
	               p->message);
}

static int pg_fk_violation(struct db *db)
{
	return !strcmp(PG(db)->state, "23503");
}

/* Rows an INSERT, UPDATE or DELETE changed, as SQLite counts them (a
 * SELECT's row count is not a change). */
static void note_changes(struct db *db, PGresult *res)
{
	const char *status = PQcmdStatus(res);
	const char *n = PQcmdTuples(res);

	if (n && *n &&
	    (!strncmp(status, "INSERT", 6) || !strncmp(status, "UPDATE", 6) ||
	     !strncmp(status, "DELETE", 6)))
		PG(db)->changes = strtoll(n, NULL, 10);
}

static const char session_settings[] = "SET TimeZone = 'UTC';"
                                       " SET DateStyle = 'ISO';"
                                       " SET extra_float_digits = 3";

/* A connection the server dropped (a restart, a failover) is opened
 * again before the next statement: its server-side statements and
 * settings are gone with it, so they are forgotten here too. Inside a
 * transaction nothing is retried: that transaction is lost and its
 * caller sees the error. */
static void reconnect_if_lost(struct pg_db *p)
{
	if (PQstatus(p->c) != CONNECTION_BAD)
		return;
	PQreset(p->c);
	if (PQstatus(p->c) != CONNECTION_OK)
		return;
	PQsetClientEncoding(p->c, "UTF8");
	PQclear(PQexec(p->c, session_settings));
	for (int i = 0; i < p->ncached; i++) {
		for (int j = 0; j < p->cache[i]->nprep; j++)
			free(p->cache[i]->preps[j].sig);
		p->cache[i]->nprep = 0;
	}
	p->nstale = 0;
	p->scoped = 0;
	p->seen = 0;
}

static int pg_exec(struct db *db, const char *sql, struct lx_error *err)
{
	PGresult *res;

	reconnect_if_lost(PG(db));
	res = PQexec(PG(db)->c, sql);
	ExecStatusType s = PQresultStatus(res);

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		note_error(db, res);
		PQclear(res);
		lx_fail(err, LX_EINTERNAL, "", "database error: %s",
		        PG(db)->message);
		return -1;
	}
	note_changes(db, res);
	PQclear(res);
	return 0;
}

static void clear_row(struct pg_stmt *st)
{
	for (int i = 0; i < st->ncols; i++) {
		PQfreemem(st->blobs[i]);
		st->blobs[i] = NULL;
	}
}

static void clear_params(struct pg_stmt *st)
{
	for (int i = 0; i < st->names.count; i++) {
		free(st->params[i].val);
		st->params[i].val = NULL;
		st->params[i].kind = 'n';
		st->params[i].len = 0;
	}
}

static void reset(struct pg_stmt *st)
{
	clear_row(st);
	free(st->blobs);
	free(st->bloblens);
	st->blobs = NULL;
	st->bloblens = NULL;
	st->ncols = 0;
	PQclear(st->res);
	st->res = NULL;
	clear_params(st);
}

/* Deallocates the server-side statements of statements not kept, when
 * no transaction is open (in one that failed the server would refuse). */
static void drop_stale(struct pg_db *p)
{
	char sql[40];

	if (!p->nstale || PQtransactionStatus(p->c) != PQTRANS_IDLE)
		return;
	for (int i = 0; i < p->nstale; i++) {
		snprintf(sql, sizeof(sql), "DEALLOCATE lx%d", p->stale[i]);
		PQclear(PQexec(p->c, sql));
	}
	p->nstale = 0;
}

static void free_stmt(struct pg_stmt *st)
{
	struct pg_db *p = PG(st->base.db);

	reset(st);
	for (int i = 0; !st->sql && p && i < st->nprep; i++) {
		if (p->nstale == p->capstale) {
			int cap = p->capstale ? 2 * p->capstale : 16;
			int *g = realloc(p->stale, (size_t)cap * sizeof(*g));

			if (!g)
				break;
			p->stale = g;
			p->capstale = cap;
		}
		p->stale[p->nstale++] = atoi(st->preps[i].name + 2);
	}
	for (int i = 0; i < st->nprep; i++)
		free(st->preps[i].sig);
	free(st->preps);
	free(st->params);
	pg_params_free(&st->names);
	free(st->text);
	free(st->sql);
	free(st);
}

static struct stmt *pg_prepare(struct db *db, const char *sql,
                               struct lx_error *err)
{
	struct pg_db *p = PG(db);
	size_t len = strlen(sql);
	struct pg_stmt *st;

	for (int i = 0; i < p->ncached; i++) {
		struct pg_stmt *c = p->cache[i];

		if (!c->busy && c->len == len && !memcmp(c->sql, sql, len)) {
			c->busy = 1;
			return &c->base;
		}
	}
	st = calloc(1, sizeof(*st));
	if (!st || !(st->text = pg_translate_params(sql, &st->names)))
		goto oom;
	st->params = calloc((size_t)st->names.count + 1, sizeof(*st->params));
	if (!st->params)
		goto oom;
	for (int i = 0; i < st->names.count; i++)
		st->params[i].kind = 'n';
	st->base.db = db;
	st->busy = 1;
	if (p->ncached < PG_CACHE && (st->sql = strdup(sql))) {
		st->len = len;
		p->cache[p->ncached++] = st;
	}
	return &st->base;
oom:
	if (st) {
		free(st->text);
		pg_params_free(&st->names);
		free(st);
	}
	lx_fail(err, LX_EINTERNAL, "", "out of memory");
	return NULL;
}

static void pg_finish(struct db *db, struct stmt *stmt)
{
	struct pg_stmt *st = PS(stmt);

	(void)db;
	if (st->sql) {
		reset(st);
		st->busy = 0;
		return;
	}
	free_stmt(st);
}

static struct pg_param *param_at(struct stmt *stmt, int i)
{
	struct pg_stmt *st = PS(stmt);

	if (i < 1 || i > st->names.count)
		return NULL;
	free(st->params[i - 1].val);
	st->params[i - 1].val = NULL;
	return &st->params[i - 1];
}

static void set_text(struct stmt *stmt, int i, char kind, const char *s)
{
	struct pg_param *pp = param_at(stmt, i);

	if (!pp)
		return;
	pp->kind = kind;
	pp->val = strdup(s);
	pp->len = 0;
}

static void pg_bind_int64(struct stmt *st, int i, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	set_text(st, i, 'i', buf);
}

static void pg_bind_double(struct stmt *st, int i, double v)
{
	char buf[40];

	snprintf(buf, sizeof(buf), "%.17g", v);
	set_text(st, i, 'd', buf);
}

static void pg_bind_text(struct stmt *st, int i, const char *s)
{
	set_text(st, i, 't', s);
}

static void pg_bind_blob(struct stmt *stmt, int i, const void *p, size_t n)
{
	struct pg_param *pp = param_at(stmt, i);

	if (!pp)
		return;
	pp->kind = 'b';
	pp->val = malloc(n ? n : 1);
	if (pp->val)
		memcpy(pp->val, p, n);
	pp->len = (int)n;
}

static void pg_bind_null(struct stmt *stmt, int i)
{
	struct pg_param *pp = param_at(stmt, i);

	if (pp)
		pp->kind = 'n';
}

static int pg_param(struct stmt *stmt, const char *name)
{
	struct pg_stmt *st = PS(stmt);

	for (int i = 0; i < st->names.count; i++)
		if (st->names.names[i] && !strcmp(st->names.names[i], name))
			return i + 1;
	return 0;
}

/* The server-side statement for the kinds of parameters now bound:
 * integers, doubles and bytes are typed; text and NULL are left for the
 * server to infer from the SQL, and typed as text when it cannot. */
static const char *server_statement(struct pg_stmt *st, const char *sig)
{
	struct pg_db *p = PG(st->base.db);
	int n = st->names.count;
	Oid *types = calloc((size_t)n + 1, sizeof(Oid));
	int *guess = calloc((size_t)n + 1, sizeof(int));
	int last = 0;
	const char *name = NULL;
	char fresh[24] = "";
	PGresult *res = NULL;
	int in_tx;

	if (!types || !guess) {
		free(types);
		free(guess);
		return NULL;
	}
	for (int i = 0; i < st->nprep; i++)
		if (!strcmp(st->preps[i].sig, sig)) {
			free(types);
			free(guess);
			return st->preps[i].name;
		}
	/* every statement is named: a simple query (the savepoint's
	 * release) would drop an unnamed one before it ran */
	drop_stale(p);
	snprintf(fresh, sizeof(fresh), "lx%d", ++p->seq);
	/* a failed prepare would abort the transaction around it: the
	 * tries, which may fail, are made inside a savepoint */
	in_tx = PQtransactionStatus(p->c) == PQTRANS_INTRANS;
	if (in_tx)
		PQclear(PQexec(p->c, "SAVEPOINT lx_prepare"));
	for (int i = 0; i < n; i++)
		types[i] = sig[i] == 'i'   ? OID_INT8
		           : sig[i] == 'd' ? OID_FLOAT8
		           : sig[i] == 'b' ? OID_BYTEA
		           /* a number the SQL skips still needs a type */
		           : !st->names.used[i] ? OID_TEXT
		                                : 0;
	/* A parameter bound to text or NULL is first left for the server to
	 * type from the SQL. Where it cannot ("could not determine data type
	 * of parameter $N": a parameter first met in "? IS NULL"), that one
	 * is typed text, and when text does not fit where it is used next,
	 * integer, bytes, double in turn. */
	for (int tries = 0; tries <= 4 * n && !name; tries++) {
		static const Oid guesses[] = { OID_TEXT, OID_INT8, OID_BYTEA,
			                       OID_FLOAT8 };
		const char *dollar;
		int k = 0;

		PQclear(res);
		res = PQprepare(p->c, fresh, st->text, n, types);
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			name = fresh;
			break;
		}
		note_error(st->base.db, res);
		if ((!strcmp(p->state, "42P18") ||
		     !strcmp(p->state, "42P08")) &&
		    (dollar = strstr(p->message, "parameter $")))
			k = atoi(dollar + 11);
		if (k >= 1 && k <= n && !types[k - 1]) {
			types[k - 1] = guesses[0];
			guess[k - 1] = 1;
			last = k;
		} else if ((!strcmp(p->state, "42883") ||
		            !strcmp(p->state, "42804")) &&
		           last && guess[last - 1] < 4) {
			/* no operator for that type, or the wrong type for
			 * a column: the next guess for the last one typed */
			types[last - 1] = guesses[guess[last - 1]++];
		} else {
			break;
		}
		if (in_tx)
			PQclear(
			    PQexec(p->c, "ROLLBACK TO SAVEPOINT lx_prepare"));
	}
	PQclear(res);
	free(types);
	free(guess);
	if (in_tx && PQtransactionStatus(p->c) == PQTRANS_INTRANS)
		PQclear(PQexec(p->c, "RELEASE SAVEPOINT lx_prepare"));
	if (!name)
		return NULL;
	{
		struct pg_prep *g =
		    realloc(st->preps, (size_t)(st->nprep + 1) * sizeof(*g));

		if (!g)
			return NULL;
		st->preps = g;
		g[st->nprep].sig = strdup(sig);
		if (!g[st->nprep].sig)
			return NULL;
		snprintf(g[st->nprep].name, sizeof(g[st->nprep].name), "%s",
		         fresh);
		return g[st->nprep++].name;
	}
}

static int run(struct pg_stmt *st)
{
	struct db *db = st->base.db;
	int n = st->names.count;
	char *sig = malloc((size_t)n + 1);
	const char **values = calloc((size_t)n + 1, sizeof(char *));
	int *lengths = calloc((size_t)n + 1, sizeof(int));
	int *formats = calloc((size_t)n + 1, sizeof(int));
	const char *name;
	ExecStatusType s;
	int ret = -1;

	if (!sig || !values || !lengths || !formats) {
		snprintf(PG(db)->message, sizeof(PG(db)->message),
		         "out of memory");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		struct pg_param *pp = &st->params[i];

		sig[i] = pp->kind;
		values[i] = pp->kind == 'n' ? NULL : pp->val;
		lengths[i] = pp->len;
		formats[i] = pp->kind == 'b';
	}
	sig[n] = '\0';
	if (!(name = server_statement(st, sig)))
		goto out;
	st->res =
	    PQexecPrepared(PG(db)->c, name, n, values, lengths, formats, 0);
	s = PQresultStatus(st->res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		note_error(db, st->res);
		PQclear(st->res);
		st->res = NULL;
		goto out;
	}
	note_changes(db, st->res);
	st->nrows = PQntuples(st->res);
	st->row = -1;
	st->ncols = PQnfields(st->res);
	st->blobs = calloc((size_t)st->ncols + 1, sizeof(*st->blobs));
	st->bloblens = calloc((size_t)st->ncols + 1, sizeof(*st->bloblens));
	if (!st->blobs || !st->bloblens) {
		st->ncols = 0;
		goto out;
	}
	ret = 0;
out:
	free(sig);
	free(values);
	free(lengths);
	free(formats);
	return ret;
}

static int pg_step(struct stmt *stmt)
{
	struct pg_stmt *st = PS(stmt);

	if (!st->res) {
		struct pg_db *p = PG(st->base.db);
		int in_tx = PQtransactionStatus(p->c) != PQTRANS_IDLE;

		reconnect_if_lost(p);
		/* a statement of its own (no transaction around it) that
		 * found the connection dropped is run once more on a new one */
		if (run(st) && (in_tx || PQstatus(p->c) != CONNECTION_BAD ||
		                (reconnect_if_lost(p), run(st))))
			return -1;
	}
	clear_row(st);
	if (st->row < st->nrows)
		st->row++;
	return st->row < st->nrows ? DB_ROW : DB_DONE;
}

static int in_row(struct pg_stmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 &&
	       i < st->ncols;
}

static int pg_col_null(struct stmt *stmt, int i)
{
	struct pg_stmt *st = PS(stmt);

	return !in_row(st, i) || PQgetisnull(st->res, st->row, i);
}

static const char *pg_col_text(struct stmt *stmt, int i)
{
	struct pg_stmt *st = PS(stmt);

	return pg_col_null(stmt, i) ? NULL : PQgetvalue(st->res, st->row, i);
}

static long long pg_col_int64(struct stmt *stmt, int i)
{
	const char *v = pg_col_text(stmt, i);

	if (!v)
		return 0;
	/* a boolean expression reads as SQLite's 1 or 0 */
	if (!strcmp(v, "t"))
		return 1;
	if (!strcmp(v, "f"))
		return 0;
	return strtoll(v, NULL, 10);
}

static double pg_col_double(struct stmt *stmt, int i)
{
	const char *v = pg_col_text(stmt, i);

	return v ? strtod(v, NULL) : 0;
}

/* A bytea column arrives as text in hex ("\x0a1b…"). */
static const void *decode(struct pg_stmt *st, int i)
{
	if (pg_col_null(&st->base, i))
		return NULL;
	if (PQftype(st->res, i) != OID_BYTEA)
		return PQgetvalue(st->res, st->row, i);
	if (!st->blobs[i])
		st->blobs[i] = PQunescapeBytea(
		    (const unsigned char *)PQgetvalue(st->res, st->row, i),
		    &st->bloblens[i]);
	return st->blobs[i];
}

static const void *pg_col_blob(struct stmt *stmt, int i)
{
	return decode(PS(stmt), i);
}

static int pg_col_bytes(struct stmt *stmt, int i)
{
	struct pg_stmt *st = PS(stmt);

	if (!decode(st, i))
		return 0;
	if (PQftype(st->res, i) == OID_BYTEA)
		return (int)st->bloblens[i];
	return PQgetlength(st->res, st->row, i);
}

static long long pg_changes(struct db *db)
{
	return PG(db)->changes;
}

/* The identity the last INSERT on this connection drew. */
static long long pg_last_id(struct db *db)
{
	PGresult *res = PQexec(PG(db)->c, "SELECT lastval()");
	long long id = 0;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	else
		note_error(db, res);
	PQclear(res);
	return id;
}

static int pg_in_transaction(struct db *db)
{
	return PQtransactionStatus(PG(db)->c) != PQTRANS_IDLE;
}

static int pg_begin(struct db *db, struct lx_error *err)
{
	char sql[80];

	snprintf(sql, sizeof(sql), "BEGIN; SELECT pg_advisory_xact_lock(%d)",
	         PG_WRITE_LOCK);
	if (pg_exec(db, sql, err)) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

static int pg_begin_read(struct db *db, struct lx_error *err)
{
	return pg_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ", err);
}

static int pg_data_changed(struct db *db, int *changed, struct lx_error *err)
{
	struct pg_db *p = PG(db);
	struct stmt *st = pg_prepare(db, "SELECT version FROM lx_change", err);
	long long version;

	if (!st)
		return -1;
	if (pg_step(st) != DB_ROW) {
		pg_finish(db, st);
		return pg_fail(db, err, "data version");
	}
	version = pg_col_int64(st, 0);
	pg_finish(db, st);
	*changed = !p->seen || version != p->seen_version;
	p->seen = 1;
	p->seen_version = version;
	return 0;
}

static int pg_schema_version(struct db *db)
{
	PGresult *res = PQexec(PG(db)->c, "SELECT version FROM lx_schema");
	int v = -1;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		v = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

/* Migration 9 begins with a scrub of audit rows that SQLite databases
 * written before it held; a PostgreSQL database is built by these
 * migrations from empty and has none, so its migration starts at the
 * table that follows. */
static const char *migration_text(int v)
{
	const char *sql = store_migrations[v];

	if (v == 8) {
		const char *from = strstr(sql, "CREATE TABLE meta");

		if (from)
			return from;
	}
	return sql;
}

static int pg_migrate_one(struct db *db, int v, struct lx_error *err)
{
	char *ddl = pg_translate_ddl(migration_text(v));
	struct arena *a;
	const char *laid;
	char bump[128];
	int rc;

	if (!ddl)
		return lx_fail(err, LX_EINTERNAL, "", "out of memory");
	a = arena_new();
	laid = pg_layout_ddl(a, ddl);
	snprintf(bump, sizeof(bump),
	         "UPDATE lx_schema SET version = %d; SELECT lx_watch_tables();"
	         " SELECT lx_secure_tables()",
	         v + 1);
	rc = pg_exec(db, "BEGIN", err) || pg_exec(db, laid, err) ||
	     pg_exec(db, bump, err) || pg_exec(db, "COMMIT", err);
	free(ddl);
	arena_free(a);
	if (rc) {
		lx_fail(err, LX_EINTERNAL, "",
		        "migration %d failed on PostgreSQL: %s", v + 1,
		        PG(db)->message);
		db_rollback(db);
		return -1;
	}
	return 0;
}

static void pg_migrated(struct db *db)
{
	char sql[64];
	struct lx_error ignored = { 0 };

	snprintf(sql, sizeof(sql), "SELECT pg_advisory_unlock(%d)",
	         PG_MIGRATE_LOCK);
	pg_exec(db, sql, &ignored);
}

/* A load into a new database: a commit need not wait for the disk. */
static int pg_bulk_load(struct db *db, struct lx_error *err)
{
	return pg_exec(db, "SET synchronous_commit = off", err);
}

static int pg_bulk_done(struct db *db, struct lx_error *err)
{
	return pg_exec(db, "RESET synchronous_commit; ANALYZE", err);
}

/* PostgreSQL keeps its indexes through a bulk load: none to build. */
static int pg_bulk_indexes(struct db *db, struct lx_error *err)
{
	(void)db;
	(void)err;
	return 0;
}

static int pg_copy_to(struct db *db, const char *path, struct lx_error *err)
{
	(void)db;
	(void)path;
	return lx_fail(err, LX_EINVALID, "db",
	               "a PostgreSQL database is backed up with pg_dump, and "
	               "its key file kept apart (docs/operations.md)");
}

static int pg_check_integrity(struct db *db, struct lx_error *err)
{
	return pg_exec(db, "SELECT 1 FROM lx_schema", err);
}

/* The subtree's bounds as two settings of the session, which the row
 * policies read; sent only when the scope changes. */
static int pg_set_scope(struct db *db, const char *region, struct lx_error *err)
{
	struct pg_db *p = PG(db);
	char lo[13] = "", hi[13] = "";
	struct stmt *st;
	int rc;

	if (!region)
		region = "";
	if (p->scoped && !strcmp(p->scope, region))
		return 0;
	if (*region)
		subtree_range(region, lo, hi);
	st = pg_prepare(db,
	                "SELECT set_config('laoxiao.lo', ?, false),"
	                " set_config('laoxiao.hi', ?, false)",
	                err);
	if (!st)
		return -1;
	pg_bind_text(st, 1, lo);
	pg_bind_text(st, 2, hi);
	rc = pg_step(st);
	pg_finish(db, st);
	if (rc != DB_ROW)
		return pg_fail(db, err, "scope");
	snprintf(p->scope, sizeof(p->scope), "%s", region);
	p->scoped = 1;
	return 0;
}

static void pg_close(struct db *db)
{
	struct pg_db *p = PG(db);

	for (int i = 0; i < p->ncached; i++)
		free_stmt(p->cache[i]);
	free(p->stale);
	PQfinish(p->c);
	free(p);
}

/* For db copy: the columns of the tables of the current schema, but the
 * backend's own (lx_schema, lx_change, the ids tables of pg_layout.c) and
 * the partitions, whose rows their table holds; a table that in SQLite
 * has an implicit rowid has it as a real column here (pg_sql.c). The
 * region a partitioned table's primary key adds is not part of the key
 * the store knows. */
static const char pg_catalogue_sql[] =
    "SELECT c.table_name, c.column_name, c.data_type,"
    " CASE WHEN EXISTS (SELECT 1 FROM pg_partitioned_table pt"
    "  JOIN pg_attribute a ON a.attrelid = pt.partrelid"
    "  AND a.attnum = ANY (CAST(pt.partattrs AS int2[]))"
    "  WHERE pt.partrelid = CAST(quote_ident(c.table_name) AS regclass)"
    "  AND a.attname = c.column_name) THEN 0"
    " ELSE coalesce(k.ordinal_position, 0) END"
    " FROM information_schema.columns c"
    " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
    "  AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'"
    " LEFT JOIN information_schema.table_constraints p"
    "  ON p.table_schema = c.table_schema AND p.table_name = c.table_name"
    "  AND p.constraint_type = 'PRIMARY KEY'"
    " LEFT JOIN information_schema.key_column_usage k"
    "  ON k.constraint_schema = p.constraint_schema"
    "  AND k.constraint_name = p.constraint_name"
    "  AND k.table_name = c.table_name AND k.column_name = c.column_name"
    " WHERE c.table_schema = current_schema()"
    " AND c.table_name NOT LIKE 'lx\\_%'"
    " AND NOT EXISTS (SELECT 1 FROM pg_class r"
    "  JOIN pg_namespace rn ON rn.oid = r.relnamespace"
    "  WHERE rn.nspname = current_schema() AND r.relname = c.table_name"
    "  AND r.relispartition)";

/* A reference to an ids table (pg_layout.c) is one to its table. */
static const char pg_parents_sql[] =
    "SELECT a.relname,"
    " regexp_replace(b.relname, '^lx_(.*)_ids$', '\\1')"
    " FROM pg_constraint f"
    " JOIN pg_class a ON a.oid = f.conrelid"
    " JOIN pg_class b ON b.oid = f.confrelid"
    " JOIN pg_namespace n ON n.oid = a.relnamespace"
    " WHERE f.contype = 'f' AND n.nspname = current_schema()";

/* Rows written with their ids leave the identity sequences behind: each
 * is set so that its next value is one past the highest id in its
 * column. */
static int pg_loaded(struct db *db, struct lx_error *err)
{
	return pg_exec(
	    db,
	    "DO $$ DECLARE r record; BEGIN"
	    " FOR r IN SELECT table_name, column_name"
	    "  FROM information_schema.columns"
	    "  WHERE table_schema = current_schema() AND is_identity = 'YES'"
	    " LOOP"
	    "  EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L),"
	    " coalesce(max(%I), 0) + 1, false) FROM %I',"
	    " quote_ident(r.table_name), r.column_name, r.column_name,"
	    " r.table_name);"
	    " END LOOP; END $$",
	    err);
}

const struct db_backend db_pg_backend = {
	.name = "postgresql",
	.prepare = pg_prepare,
	.finish = pg_finish,
	.bind_int64 = pg_bind_int64,
	.bind_double = pg_bind_double,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.param = pg_param,
	.step = pg_step,
	.col_null = pg_col_null,
	.col_int64 = pg_col_int64,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.col_bytes = pg_col_bytes,
	.exec = pg_exec,
	.changes = pg_changes,
	.last_id = pg_last_id,
	.in_transaction = pg_in_transaction,
	.fail = pg_fail,
	.fk_violation = pg_fk_violation,
	.begin = pg_begin,
	.begin_read = pg_begin_read,
	.data_changed = pg_data_changed,
	.schema_version = pg_schema_version,
	.migrate_one = pg_migrate_one,
	.migrated = pg_migrated,
	.bulk_load = pg_bulk_load,
	.bulk_done = pg_bulk_done,
	.bulk_indexes = pg_bulk_indexes,
	.copy_to = pg_copy_to,
	.check_integrity = pg_check_integrity,
	.set_scope = pg_set_scope,
	.close = pg_close,
	.catalogue_sql = pg_catalogue_sql,
	.parents_sql = pg_parents_sql,
	.loaded = pg_loaded,
	.copy_in = db_pg_copy_in,
};

PGconn *db_pg_conn(struct db *db)
{
	return PG(db)->c;
}

/* libpq prints notices on stderr by default; the prelude's are noise. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

struct db *db_pg_open(const char *conninfo, struct lx_error *err)
{
	struct pg_db *p = calloc(1, sizeof(*p));
	char lock[96];

	if (!p) {
		lx_fail(err, LX_EINTERNAL, "", "out of memory");
		return NULL;
	}
	p->base.be = &db_pg_backend;
	p->c = PQconnectdb(conninfo);
	if (PQstatus(p->c) != CONNECTION_OK) {
		note_error(&p->base, NULL);
		lx_fail(err, LX_EINTERNAL, "db",
		        "cannot connect to the PostgreSQL database: %s",
		        p->message);
		goto fail;
	}
	PQsetNoticeProcessor(p->c, quiet, NULL);
	if (PQsetClientEncoding(p->c, "UTF8") ||
	    pg_exec(&p->base, session_settings, err))
		goto fail;
	/* two processes starting at once must not both create the
	 * functions or run a migration: the second waits */
	snprintf(lock, sizeof(lock), "SELECT pg_advisory_lock(%d)",
	         PG_MIGRATE_LOCK);
	if (pg_exec(&p->base, lock, err))
		goto fail;
	if (pg_exec(&p->base, prelude, err) ||
	    pg_exec(&p->base, pg_layout_prelude, err)) {
		lx_fail(err, LX_EINTERNAL, "db",
		        "cannot prepare the PostgreSQL database: %s",
		        p->message);
		goto fail;
	}
	return &p->base;
fail:
	pg_close(&p->base);
	return NULL;
}
