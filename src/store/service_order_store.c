#include "store/service_order_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

static int add_step(struct db *db, long long id, const char *step, long long by,
                    const char *at, const char *note, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO service_order_step (order_id, seq, step, by_account,"
	    " at, note) VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM"
	    " service_order_step WHERE order_id = ?1), ?2, ?3, ?4, ?5)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, step);
	bind_opt_id(st, 3, by);
	db_bind_text(st, 4, at);
	db_bind_text(st, 5, note ? note : "");
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "service order step");
}

int service_order_store_add(struct db *db, struct service_order_row *o,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO service_order (person_id, region, offer_id,"
	    " facility_id, item, quantity, unit_fen, total_fen, placed_by,"
	    " placed_as, relation, status, wanted_at, address, note, year,"
	    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	    " ?9, ?10, ?11, 'placed', ?12, ?13, ?14, ?15, ?16, ?16)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, o->person_id);
	db_bind_text(st, 2, o->region);
	db_bind_int64(st, 3, o->offer_id);
	db_bind_int64(st, 4, o->facility_id);
	db_bind_text(st, 5, o->item);
	db_bind_int64(st, 6, o->quantity);
	db_bind_int64(st, 7, o->unit_fen);
	db_bind_int64(st, 8, o->total_fen);
	bind_opt_id(st, 9, o->placed_by);
	db_bind_text(st, 10, o->placed_as);
	db_bind_text(st, 11, o->relation ? o->relation : "");
	db_bind_text(st, 12, o->wanted_at ? o->wanted_at : "");
	db_bind_text(st, 13, o->address ? o->address : "");
	db_bind_text(st, 14, o->note ? o->note : "");
	db_bind_int64(st, 15, o->year);
	db_bind_text(st, 16, o->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "service order");
	o->id = db_last_id(db);
	strcpy(o->status, "placed");
	return add_step(db, o->id, "placed", o->placed_by, o->created_at,
	                o->note, err);
}

int service_order_store_step(struct db *db, long long id, const char *from,
                             const char *to,
                             const struct service_order_change *c, long long by,
                             const char *at, const char *note,
                             struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "UPDATE service_order SET status = ?1, updated_at = ?2,"
	               " scheduled_at = coalesce(?3, scheduled_at),"
	               " started_at = coalesce(?4, started_at),"
	               " finished_at = coalesce(?5, finished_at),"
	               " start_lat = coalesce(?6, start_lat),"
	               " start_lon = coalesce(?7, start_lon),"
	               " finish_lat = coalesce(?8, finish_lat),"
	               " finish_lon = coalesce(?9, finish_lon),"
	               " rating = coalesce(?10, rating),"
	               " rating_note = coalesce(?11, rating_note),"
	               " cancel_reason = coalesce(?12, cancel_reason)"
	               " WHERE id = ?13 AND status = ?14",
	               err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, at);
	db_bind_opt_text(st, 3, c->scheduled_at);
	db_bind_opt_text(st, 4, c->started_at);
	db_bind_opt_text(st, 5, c->finished_at);
	db_bind_opt_text(st, 6, c->start_lat);
	db_bind_opt_text(st, 7, c->start_lon);
	db_bind_opt_text(st, 8, c->finish_lat);
	db_bind_opt_text(st, 9, c->finish_lon);
	bind_opt_id(st, 10, c->rating);
	db_bind_opt_text(st, 11, c->rating_note);
	db_bind_opt_text(st, 12, c->cancel_reason);
	db_bind_int64(st, 13, id);
	db_bind_text(st, 14, from);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "service order");
	/* the status read before is stale: another step came first */
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "order %lld is no longer '%s'", id, from);
	return add_step(db, id, to, by, at, note, err);
}

#define ORDER_COLS                                                             \
	"o.id, o.person_id, o.region, o.offer_id, o.facility_id, o.item,"      \
	" o.quantity, o.unit_fen, o.total_fen, coalesce(o.placed_by, 0),"      \
	" o.placed_as, o.relation, o.status, o.wanted_at,"                     \
	" coalesce(o.scheduled_at, ''), coalesce(o.started_at, ''),"           \
	" coalesce(o.finished_at, ''), coalesce(o.start_lat, ''),"             \
	" coalesce(o.start_lon, ''), coalesce(o.finish_lat, ''),"              \
	" coalesce(o.finish_lon, ''), coalesce(o.rating, 0), o.rating_note,"   \
	" o.cancel_reason, o.address, o.note, o.year, o.created_at,"           \
	" o.updated_at, p.name, coalesce(g.name, ''), f.name,"                 \
	" coalesce(a.username, ''), p.kind"
#define ORDER_FROM                                                             \
	" FROM service_order o JOIN person p ON p.id = o.person_id"            \
	" JOIN facility f ON f.id = o.facility_id"                             \
	" LEFT JOIN region g ON g.code = o.region"                             \
	" LEFT JOIN account a ON a.id = o.placed_by"

static void read_order(struct arena *a, struct stmt *st, void *elem)
{
	struct service_order_row *o = elem;

	o->id = db_col_int64(st, 0);
	o->person_id = db_col_int64(st, 1);
	db_col_copy(o->region, sizeof(o->region), st, 2);
	o->offer_id = db_col_int64(st, 3);
	o->facility_id = db_col_int64(st, 4);
	db_col_copy(o->item, sizeof(o->item), st, 5);
	o->quantity = db_col_int64(st, 6);
	o->unit_fen = db_col_int64(st, 7);
	o->total_fen = db_col_int64(st, 8);
	o->placed_by = db_col_int64(st, 9);
	db_col_copy(o->placed_as, sizeof(o->placed_as), st, 10);
	o->relation = db_col_text(a, st, 11);
	db_col_copy(o->status, sizeof(o->status), st, 12);
	o->wanted_at = db_col_text(a, st, 13);
	db_col_copy(o->scheduled_at, sizeof(o->scheduled_at), st, 14);
	db_col_copy(o->started_at, sizeof(o->started_at), st, 15);
	db_col_copy(o->finished_at, sizeof(o->finished_at), st, 16);
	db_col_copy(o->start_lat, sizeof(o->start_lat), st, 17);
	db_col_copy(o->start_lon, sizeof(o->start_lon), st, 18);
	db_col_copy(o->finish_lat, sizeof(o->finish_lat), st, 19);
	db_col_copy(o->finish_lon, sizeof(o->finish_lon), st, 20);
	o->rating = db_col_int(st, 21);
	o->rating_note = db_col_text(a, st, 22);
	o->cancel_reason = db_col_text(a, st, 23);
	o->address = db_col_text(a, st, 24);
	o->note = db_col_text(a, st, 25);
	o->year = db_col_int(st, 26);
	o->created_at = db_col_text(a, st, 27);
	o->updated_at = db_col_text(a, st, 28);
	o->person_name = db_col_text(a, st, 29);
	o->region_name = db_col_text(a, st, 30);
	o->facility_name = db_col_text(a, st, 31);
	o->placed_by_name = db_col_text(a, st, 32);
	db_col_copy(o->person_kind, sizeof(o->person_kind), st, 33);
}

int service_order_store_get(struct db *db, struct arena *a, long long id,
                            struct service_order_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " ORDER_COLS ORDER_FROM " WHERE o.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_order(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, "service order");
	return lx_fail(err, LX_ENOTFOUND, "id", "no order %lld", id);
}

static void read_step(struct arena *a, struct stmt *st, void *elem)
{
	struct service_order_step_row *s = elem;

	s->seq = db_col_int(st, 0);
	db_col_copy(s->step, sizeof(s->step), st, 1);
	s->by = db_col_int64(st, 2);
	s->by_name = db_col_text(a, st, 3);
	s->at = db_col_text(a, st, 4);
	s->note = db_col_text(a, st, 5);
}

int service_order_store_steps(struct db *db, struct arena *a, long long id,
                              struct service_order_step_row **out, size_t *n,
                              struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT s.seq, s.step, coalesce(s.by_account, 0),"
	    " coalesce(a.username, ''), s.at, s.note FROM service_order_step s"
	    " LEFT JOIN account a ON a.id = s.by_account"
	    " WHERE s.order_id = ? ORDER BY s.seq",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	return db_collect(db, a, st, sizeof(**out), read_step, (void **)out, n,
	                  "service order steps", err);
}

int service_payment_store_add(struct db *db, long long order,
                              const struct service_payment_row *p,
                              struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO service_payment (order_id, source, amount_fen,"
	    " minutes, entitlement_id, voucher_id, timebank_account, released)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, order);
	db_bind_text(st, 2, p->source);
	db_bind_int64(st, 3, p->amount_fen);
	db_bind_int64(st, 4, p->minutes);
	bind_opt_id(st, 5, p->entitlement_id);
	bind_opt_id(st, 6, p->voucher_id);
	bind_opt_id(st, 7, p->timebank_account);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "service payment");
}

static void read_payment(struct arena *a, struct stmt *st, void *elem)
{
	struct service_payment_row *p = elem;

	(void)a;
	db_col_copy(p->source, sizeof(p->source), st, 0);
	p->amount_fen = db_col_int64(st, 1);
	p->minutes = db_col_int64(st, 2);
	p->entitlement_id = db_col_int64(st, 3);
	p->voucher_id = db_col_int64(st, 4);
	p->timebank_account = db_col_int64(st, 5);
	p->released = db_col_int(st, 6);
}

int service_payment_store_list(struct db *db, struct arena *a, long long order,
                               struct service_payment_row **out, size_t *n,
                               struct lx_error *err)
{
	/* the person's own share first, then the sources in a fixed order */
	struct stmt *st = db_prepare(
	    db,
	    "SELECT source, amount_fen, minutes, coalesce(entitlement_id, 0),"
	    " coalesce(voucher_id, 0), coalesce(timebank_account, 0), released"
	    " FROM service_payment WHERE order_id = ?"
	    " ORDER BY CASE source WHEN 'self' THEN 0 WHEN 'entitlement'"
	    " THEN 1 WHEN 'voucher' THEN 2 ELSE 3 END",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, order);
	return db_collect(db, a, st, sizeof(**out), read_payment, (void **)out,
	                  n, "service payments", err);
}

int service_payment_store_release(struct db *db, long long order,
                                  struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "UPDATE service_payment SET released = 1 WHERE order_id = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, order);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "service payment");
}

int service_order_store_list(struct db *db, struct arena *a,
                             const struct service_order_query *q,
                             struct service_order_row **out, size_t *n,
                             struct lx_error *err)
{
	struct service_order_row *all;
	size_t nall, keep = 0;
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " ORDER_COLS ORDER_FROM
	    " WHERE (?1 IS NULL OR o.region BETWEEN ?1 AND ?2)"
	    " AND (?3 IS NULL OR o.status = ?3 OR (?3 = 'open' AND o.status"
	    "  IN ('placed', 'accepted', 'scheduled', 'started')))"
	    " AND (?4 IS NULL OR o.item = ?4)"
	    " AND (?5 = 0 OR o.facility_id = ?5)"
	    " AND (?6 IS NULL OR substr(o.created_at, 1, 7) = ?6)"
	    " AND (?7 = 0 OR o.person_id = ?7)"
	    " AND (?8 = 0 OR o.person_id IN (SELECT l.person_id FROM"
	    "  service_link l WHERE l.account_id = ?8))"
	    " ORDER BY o.created_at DESC, o.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, q->region);
	db_bind_opt_text(st, 3, q->status);
	db_bind_opt_text(st, 4, q->item);
	db_bind_int64(st, 5, q->facility_id);
	db_bind_opt_text(st, 6, q->month);
	db_bind_int64(st, 7, q->person_id);
	db_bind_int64(st, 8, q->linked_to);
	if (db_collect(db, a, st, sizeof(*all), read_order, (void **)&all,
	               &nall, "service orders", err))
		return -1;
	if (!q->nfacilities) {
		*out = all;
		*n = nall;
		return 0;
	}
	/* an operator's few facilities: kept here rather than as a variable
	 * list of parameters in the one SQL text */
	for (size_t i = 0; i < nall; i++)
		for (size_t k = 0; k < q->nfacilities; k++)
			if (all[i].facility_id == q->facilities[k]) {
				all[keep++] = all[i];
				break;
			}
	*out = all;
	*n = keep;
	return 0;
}

static void read_use(struct arena *a, struct stmt *st, void *elem)
{
	struct service_use_row *u = elem;

	db_col_copy(u->region, sizeof(u->region), st, 0);
	u->region_name = db_col_text(a, st, 1);
	db_col_copy(u->item, sizeof(u->item), st, 2);
	u->orders = db_col_int64(st, 3);
	u->quantity = db_col_int64(st, 4);
	u->total_fen = db_col_int64(st, 5);
	u->self_fen = db_col_int64(st, 6);
	u->entitlement_fen = db_col_int64(st, 7);
	u->voucher_fen = db_col_int64(st, 8);
	u->timebank_fen = db_col_int64(st, 9);
	u->timebank_minutes = db_col_int64(st, 10);
}

int service_use_store_report(struct db *db, struct arena *a, const char *region,
                             const char *period, struct service_use_row **out,
                             size_t *n, struct lx_error *err)
{
	/* the payments of each order summed by source first, so an order
	 * counts once however many sources paid it */
	struct stmt *st = db_prepare(
	    db,
	    "SELECT o.region, coalesce(g.name, ''), o.item, count(*),"
	    " sum(o.quantity), sum(o.total_fen), sum(coalesce(s.self_fen, 0)),"
	    " sum(coalesce(s.ent_fen, 0)), sum(coalesce(s.vou_fen, 0)),"
	    " sum(coalesce(s.tb_fen, 0)), sum(coalesce(s.tb_min, 0))"
	    " FROM service_order o LEFT JOIN region g ON g.code = o.region"
	    " LEFT JOIN (SELECT order_id,"
	    "  sum(CASE WHEN source = 'self' THEN amount_fen ELSE 0 END)"
	    "   AS self_fen,"
	    "  sum(CASE WHEN source = 'entitlement' THEN amount_fen ELSE 0"
	    "   END) AS ent_fen,"
	    "  sum(CASE WHEN source = 'voucher' THEN amount_fen ELSE 0 END)"
	    "   AS vou_fen,"
	    "  sum(CASE WHEN source = 'timebank' THEN amount_fen ELSE 0 END)"
	    "   AS tb_fen,"
	    "  sum(minutes) AS tb_min"
	    "  FROM service_payment WHERE released = 0 GROUP BY order_id) s"
	    "  ON s.order_id = o.id"
	    " WHERE o.status IN ('finished', 'rated')"
	    " AND o.region BETWEEN ?1 AND ?2"
	    " AND o.finished_at LIKE ?3"
	    " GROUP BY o.region, g.name, o.item ORDER BY o.region, o.item",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	/* the period is digits and dashes (checked by app/): no wildcard */
	db_bind_text(st, 3, arena_printf(a, "%s%%", period));
	return db_collect(db, a, st, sizeof(**out), read_use, (void **)out, n,
	                  "service use", err);
}

static void read_name(struct arena *a, struct stmt *st, void *elem)
{
	*(char **)elem = db_col_text(a, st, 0);
}

int service_order_store_categories(struct db *db, struct arena *a,
                                   long long person, const char *day,
                                   char ***out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT DISTINCT category FROM person_category"
	    " WHERE person_id = ?1 AND start_date <= ?2"
	    " AND (end_date IS NULL OR end_date = '' OR end_date >= ?2)",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, person);
	db_bind_text(st, 2, day);
	return db_collect(db, a, st, sizeof(char *), read_name, (void **)out, n,
	                  "person categories", err);
}
