#include "store/resident_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

static void read_resident(struct arena *a, struct stmt *st, void *elem)
{
	struct resident_row *r = elem;
	const char *b = db_col_str(st, 0);

	(void)a;
	snprintf(r->birth_date, sizeof(r->birth_date), "%s", b ? b : "");
	r->level = db_col_null(st, 1) ? -1 : db_col_int(st, 1);
}

int resident_store_list(struct db *db, struct arena *a, long long facility,
                        const char *day, const char *const *categories,
                        size_t n, struct resident_row **out, size_t *nout,
                        struct lx_error *err)
{
	/* the categories as one JSON array, so one statement serves any
	 * list */
	char list[512];
	size_t len = 0;
	struct stmt *st;

	len += (size_t)snprintf(list, sizeof(list), "[");
	for (size_t i = 0; i < n && len < sizeof(list); i++)
		len +=
		    (size_t)snprintf(list + len, sizeof(list) - len, "%s\"%s\"",
		                     i ? "," : "", categories[i]);
	if (len + 2 > sizeof(list))
		return lx_fail(err, LX_EINTERNAL, "", "category list too long");
	snprintf(list + len, sizeof(list) - len, "]");
	st = db_prepare(
	    db,
	    "SELECT p.birth_date, (SELECT a.final_level FROM assessment a"
	    "   WHERE a.person_id = p.id AND a.assessed_on <= ?2"
	    "   ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)"
	    " FROM person p WHERE p.facility_id = ?1"
	    " AND (p.deceased_on IS NULL OR p.deceased_on = ''"
	    "   OR p.deceased_on >= ?2)"
	    " AND EXISTS (SELECT 1 FROM person_category c"
	    "   WHERE c.person_id = p.id AND c.start_date <= ?2"
	    "   AND (c.end_date IS NULL OR c.end_date = '' OR c.end_date >= ?2)"
	    "   AND c.category IN (SELECT value FROM json_each(?3)))"
	    " ORDER BY p.id",
	    err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	db_bind_text(st, 2, day);
	db_bind_text(st, 3, list);
	return db_collect(db, a, st, sizeof(**out), read_resident, (void **)out,
	                  nout, "residents", err);
}
