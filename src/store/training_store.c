#include "store/training_store.h"

#include "store/db_internal.h"

#include <string.h>

const char *const training_levels[TRAINING_LEVELS] = {
	"level_5", "level_4", "level_3", "level_2", "level_1", "certificate",
};

int training_store_provider(struct db *db, const char *credit_code,
                            const char *name, const char *region, long long *id,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT id, region FROM provider WHERE credit_code = ?", err);
	int rc, same = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, credit_code);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int64(st, 0);
		same = !strcmp(db_col_str(st, 1), region);
	}
	db_finish(db, st);
	if (rc == DB_ROW)
		return same ? 0
		            : lx_fail(err, LX_EINVALID, "region",
		                      "provider %s is registered in another "
		                      "region",
		                      credit_code);
	st = db_prepare(db,
	                "INSERT INTO provider (credit_code, name, region)"
	                " VALUES (?, ?, ?)",
	                err);
	if (!st)
		return -1;
	db_bind_text(st, 1, credit_code);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, region);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "provider");
	*id = db_last_id(db);
	return 0;
}

int training_store_add_cert(struct db *db, long long provider,
                            const char *cert_no, const char *level,
                            const char *certified_on, const char *now,
                            struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "INSERT INTO trainee_cert (provider_id, cert_no, level,"
	               " certified_on, created_at) VALUES (?, ?, ?, ?, ?)"
	               " ON CONFLICT (cert_no) DO NOTHING",
	               err);
	int rc, added;

	if (!st)
		return -1;
	db_bind_int64(st, 1, provider);
	db_bind_text(st, 2, cert_no);
	db_bind_text(st, 3, level);
	db_bind_text(st, 4, certified_on);
	db_bind_text(st, 5, now);
	rc = db_step(st);
	added = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "trainee_cert");
	return added
	           ? 0
	           : lx_fail(err, LX_ECONFLICT, "cert_no",
	                     "certificate '%s' is already registered", cert_no);
}

static void read_provider(struct arena *ar, struct stmt *st, void *elem)
{
	struct provider_row *p = elem;

	p->id = db_col_int64(st, 0);
	p->credit_code = db_col_text(ar, st, 1);
	p->name = db_col_text(ar, st, 2);
	p->region = db_col_text(ar, st, 3);
	for (int i = 0; i < TRAINING_LEVELS; i++)
		p->counts[i] = (long)db_col_int64(st, 4 + i);
}

int training_store_providers(struct db *db, struct arena *ar,
                             const char *region, const char *from,
                             const char *to, struct provider_row **out,
                             size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT p.id, p.credit_code, p.name, p.region,"
	    " count(*) FILTER (WHERE c.level = 'level_5'),"
	    " count(*) FILTER (WHERE c.level = 'level_4'),"
	    " count(*) FILTER (WHERE c.level = 'level_3'),"
	    " count(*) FILTER (WHERE c.level = 'level_2'),"
	    " count(*) FILTER (WHERE c.level = 'level_1'),"
	    " count(*) FILTER (WHERE c.level = 'certificate')"
	    " FROM provider p LEFT JOIN trainee_cert c ON c.provider_id = p.id"
	    " AND c.certified_on BETWEEN ?3 AND ?4"
	    " WHERE p.region BETWEEN ?1 AND ?2 GROUP BY p.id ORDER BY p.id",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to);
	return db_collect(db, ar, st, sizeof(**out), read_provider,
	                  (void **)out, n, "providers", err);
}
