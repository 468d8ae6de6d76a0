#include "store/account_store.h"

#include "core/role.h"
#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

static int load_facilities(struct db *db, struct arena *a, struct account *acc)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT facility_id FROM account_facility"
	                             " WHERE account_id = ? ORDER BY 1",
	                             NULL);
	size_t cap = 0;

	acc->nfacilities = 0;
	acc->facilities = NULL;
	if (!st)
		return -1;
	db_bind_int64(st, 1, acc->id);
	while (db_step(st) == DB_ROW) {
		acc->facilities =
		    arena_grow(a, acc->facilities, acc->nfacilities, &cap,
		               sizeof(long long));
		acc->facilities[acc->nfacilities++] = db_col_int64(st, 0);
	}
	db_finish(db, st);
	return 0;
}

static int load_areas(struct db *db, struct arena *a, struct account *acc)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT region FROM account_area"
	                             " WHERE account_id = ? ORDER BY 1",
	                             NULL);
	size_t cap = 0;

	acc->nareas = 0;
	acc->areas = NULL;
	if (!st)
		return -1;
	db_bind_int64(st, 1, acc->id);
	while (db_step(st) == DB_ROW) {
		acc->areas = arena_grow(a, acc->areas, acc->nareas, &cap,
		                        sizeof(*acc->areas));
		db_col_copy(acc->areas[acc->nareas++], sizeof(*acc->areas), st,
		            0);
	}
	db_finish(db, st);
	return 0;
}

/* What an account is bound to: an operator's facilities, a visitor's
 * villages. */
static int load_bindings(struct db *db, struct arena *a, struct account *acc)
{
	return load_facilities(db, a, acc) || load_areas(db, a, acc) ? -1 : 0;
}

static int set_bindings(struct db *db, const struct account *acc,
                        struct lx_error *err)
{
	return account_store_set_facilities(db, acc, err) ||
	               account_store_set_areas(db, acc, err)
	           ? -1
	           : 0;
}

static void read_row(struct arena *a, struct stmt *st, struct account *acc)
{
	const char *s;

	memset(acc, 0, sizeof(*acc));
	acc->id = db_col_int64(st, 0);
	acc->username = db_col_text(a, st, 1);
	acc->display_name = db_col_text(a, st, 2);
	acc->password_hash = db_col_text(a, st, 3);
	acc->role = role_parse(db_col_str(st, 4));
	if ((s = db_col_str(st, 5)))
		snprintf(acc->region, sizeof(acc->region), "%s", s);
	acc->disabled = db_col_int(st, 6);
}

#define ACC_COLS                                                               \
	"id, username, display_name, password_hash, role, region, disabled"

static int conflict_on_username(struct lx_error *err, const char *username)
{
	if (err && err->code == LX_ECONFLICT)
		lx_fail(err, LX_ECONFLICT, "username", "username '%s' is taken",
		        username);
	else if (err && err->code == LX_EINVALID)
		lx_fail(err, LX_EINVALID, "region", "no such region");
	return -1;
}

int account_store_insert(struct db *db, struct account *acc, const char *now,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO account (username, display_name, password_hash,"
	    " role, region, disabled, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, acc->username);
	db_bind_text(st, 2, acc->display_name ? acc->display_name : "");
	db_bind_text(st, 3, acc->password_hash);
	db_bind_text(st, 4, role_name(acc->role));
	db_bind_opt_text(st, 5, acc->region);
	db_bind_int64(st, 6, acc->disabled);
	db_bind_text(st, 7, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "account");
		return conflict_on_username(err, acc->username);
	}
	acc->id = db_last_id(db);
	return set_bindings(db, acc, err);
}

int account_store_update(struct db *db, const struct account *acc,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE account SET display_name = ?2, password_hash = ?3,"
	    " role = ?4, region = ?5, disabled = ?6 WHERE id = ?1",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, acc->id);
	db_bind_text(st, 2, acc->display_name ? acc->display_name : "");
	db_bind_text(st, 3, acc->password_hash);
	db_bind_text(st, 4, role_name(acc->role));
	db_bind_opt_text(st, 5, acc->region);
	db_bind_int64(st, 6, acc->disabled);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "account");
		return conflict_on_username(err, acc->username);
	}
	if (acc->disabled) {
		/* a disabled account loses its sessions at once */
		st = db_prepare(db,
		                "DELETE FROM login_session"
		                " WHERE account_id = ?",
		                err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, acc->id);
		db_step(st);
		db_finish(db, st);
	}
	return set_bindings(db, acc, err);
}

int account_store_get(struct db *db, struct arena *a, long long id,
                      const char *username, struct account *out,
                      struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    username ? "SELECT " ACC_COLS " FROM account WHERE username = ?"
	             : "SELECT " ACC_COLS " FROM account WHERE id = ?",
	    err);
	int rc, ret = -1;

	if (!st)
		return -1;
	if (username)
		db_bind_text(st, 1, username);
	else
		db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		read_row(a, st, out);
		ret = load_bindings(db, a, out);
	} else if (rc == DB_DONE) {
		lx_fail(err, LX_ENOTFOUND, username ? "username" : "id",
		        "no such account");
	} else {
		db_fail(db, err, "account lookup");
	}
	db_finish(db, st);
	return ret;
}

int account_store_list(struct db *db, struct arena *a, struct account **out,
                       size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT " ACC_COLS " FROM account ORDER BY id", err);
	struct account *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		read_row(a, st, &v[len++]);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "account list");
	for (size_t i = 0; i < len; i++)
		load_bindings(db, a, &v[i]);
	*out = v;
	*n = len;
	return 0;
}

int account_store_set_facilities(struct db *db, const struct account *acc,
                                 struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "DELETE FROM account_facility WHERE account_id = ?", err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, acc->id);
	db_step(st);
	db_finish(db, st);
	for (size_t i = 0; i < acc->nfacilities; i++) {
		int rc;

		st = db_prepare(db,
		                "INSERT INTO account_facility"
		                " (account_id, facility_id) VALUES (?, ?)"
		                " ON CONFLICT DO NOTHING",
		                err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, acc->id);
		db_bind_int64(st, 2, acc->facilities[i]);
		rc = db_step(st);
		db_finish(db, st);
		if (rc != DB_DONE)
			return lx_fail(err, LX_EINVALID, "facilities",
			               "no facility %lld", acc->facilities[i]);
	}
	return 0;
}

long long account_store_count(struct db *db)
{
	struct stmt *st = db_prepare(db, "SELECT count(*) FROM account", NULL);
	long long n = 0;

	if (st && db_step(st) == DB_ROW)
		n = db_col_int64(st, 0);
	db_finish(db, st);
	return n;
}

int session_store_insert(struct db *db, const unsigned char *hash,
                         long long account, const char *csrf, const char *now,
                         const char *expires, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO login_session (token_hash, account_id, csrf,"
	    " created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
	    err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_blob(st, 1, hash, TOKEN_HASH_BYTES);
	db_bind_int64(st, 2, account);
	db_bind_text(st, 3, csrf);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, expires);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "session");
	db_finish(db, st);
	/* expired sessions are swept whenever a new one starts */
	st = db_prepare(db, "DELETE FROM login_session WHERE expires_at <= ?",
	                NULL);
	if (st) {
		db_bind_text(st, 1, now);
		db_step(st);
		db_finish(db, st);
	}
	return ret;
}

int session_store_lookup(struct db *db, const unsigned char *hash,
                         const char *now, long long idle_since,
                         long long *account, char *csrf, long long *last_seen)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT s.account_id, s.csrf, coalesce(s.last_seen_at, 0)"
	    " FROM login_session s JOIN account a ON a.id = s.account_id"
	    " WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0"
	    " AND coalesce(s.last_seen_at,"
	    "   CAST(strftime('%s', s.created_at) AS INTEGER)) >= ?",
	    NULL);
	int ret = -1;

	if (!st)
		return -1;
	db_bind_blob(st, 1, hash, TOKEN_HASH_BYTES);
	db_bind_text(st, 2, now);
	db_bind_int64(st, 3, idle_since);
	if (db_step(st) == DB_ROW) {
		*account = db_col_int64(st, 0);
		snprintf(csrf, 65, "%s", db_col_str(st, 1));
		*last_seen = db_col_int64(st, 2);
		ret = 0;
	}
	db_finish(db, st);
	return ret;
}

int session_store_touch(struct db *db, const unsigned char *hash,
                        long long seen)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE login_session SET last_seen_at = ? WHERE token_hash = ?",
	    NULL);

	if (!st)
		return -1;
	db_bind_int64(st, 1, seen);
	db_bind_blob(st, 2, hash, TOKEN_HASH_BYTES);
	db_step(st);
	db_finish(db, st);
	return 0;
}

int session_store_delete_account(struct db *db, long long account,
                                 const unsigned char *keep,
                                 struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "DELETE FROM login_session WHERE account_id = ?"
	               " AND (?2 IS NULL OR token_hash <> ?2)",
	               err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	if (keep)
		db_bind_blob(st, 2, keep, TOKEN_HASH_BYTES);
	else
		db_bind_null(st, 2);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "sessions");
	db_finish(db, st);
	return ret;
}

int session_store_delete(struct db *db, const unsigned char *hash)
{
	struct stmt *st = db_prepare(
	    db, "DELETE FROM login_session WHERE token_hash = ?", NULL);

	if (!st)
		return -1;
	db_bind_blob(st, 1, hash, TOKEN_HASH_BYTES);
	db_step(st);
	db_finish(db, st);
	return 0;
}

int token_store_insert(struct db *db, long long account, const char *name,
                       const unsigned char *hash, const char *now,
                       long long *id, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO api_token (account_id, name, token_hash, created_at)"
	    " VALUES (?, ?, ?, ?)",
	    err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, name);
	db_bind_blob(st, 3, hash, TOKEN_HASH_BYTES);
	db_bind_text(st, 4, now);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "api token");
	else
		*id = db_last_id(db);
	db_finish(db, st);
	return ret;
}

int token_store_lookup(struct db *db, const unsigned char *hash,
                       long long *account)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT t.account_id FROM api_token t"
	    " JOIN account a ON a.id = t.account_id"
	    " WHERE t.token_hash = ? AND t.revoked = 0 AND a.disabled = 0",
	    NULL);
	int ret = -1;

	if (!st)
		return -1;
	db_bind_blob(st, 1, hash, TOKEN_HASH_BYTES);
	if (db_step(st) == DB_ROW) {
		*account = db_col_int64(st, 0);
		ret = 0;
	}
	db_finish(db, st);
	return ret;
}

static void read_token(struct arena *a, struct stmt *st, void *elem)
{
	struct token_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->account_id = db_col_int64(st, 1);
	r->username = db_col_text(a, st, 2);
	r->name = db_col_text(a, st, 3);
	r->created_at = db_col_text(a, st, 4);
	r->revoked_at = db_col_text(a, st, 5);
	r->revoked = db_col_int(st, 6);
}

int token_store_list(struct db *db, struct arena *a, long long account,
                     struct token_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT t.id, t.account_id, a.username, t.name, t.created_at,"
	    " t.revoked_at, t.revoked FROM api_token t"
	    " JOIN account a ON a.id = t.account_id"
	    " WHERE ?1 = 0 OR t.account_id = ?1 ORDER BY t.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	return db_collect(db, a, st, sizeof(**out), read_token, (void **)out, n,
	                  "api tokens", err);
}

static int revoke(struct db *db, const char *sql, long long id, const char *now,
                  struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, now);
	db_bind_int64(st, 2, id);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "api token");
	db_finish(db, st);
	return ret;
}

int token_store_revoke(struct db *db, long long id, const char *now,
                       struct lx_error *err)
{
	if (revoke(db,
	           "UPDATE api_token SET revoked = 1,"
	           " revoked_at = coalesce(revoked_at, ?1) WHERE id = ?2",
	           id, now, err))
		return -1;
	if (!db_changes(db))
		return lx_fail(err, LX_ENOTFOUND, "id", "no token %lld", id);
	return 0;
}

int token_store_revoke_account(struct db *db, long long account,
                               const char *now, struct lx_error *err)
{
	return revoke(db,
	              "UPDATE api_token SET revoked = 1, revoked_at = ?1"
	              " WHERE account_id = ?2 AND revoked = 0",
	              account, now, err);
}

int account_store_set_areas(struct db *db, const struct account *acc,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "DELETE FROM account_area WHERE account_id = ?", err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, acc->id);
	db_step(st);
	db_finish(db, st);
	for (size_t i = 0; i < acc->nareas; i++) {
		int rc;

		st = db_prepare(db,
		                "INSERT INTO account_area (account_id, region)"
		                " VALUES (?, ?) ON CONFLICT DO NOTHING",
		                err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, acc->id);
		db_bind_text(st, 2, acc->areas[i]);
		rc = db_step(st);
		db_finish(db, st);
		if (rc != DB_DONE)
			return lx_fail(err, LX_EINVALID, "areas",
			               "no region %s", acc->areas[i]);
	}
	return 0;
}
