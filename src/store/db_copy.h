/*
 * A whole database copied into another, whichever backend each is (a
 * SQLite file or a PostgreSQL database), and the copy verified: the rows of
 * every table counted and hashed on both sides the same way. The tables
 * and their columns come from the source's own catalogue, so the copy
 * follows the schema wherever the migrations take it.
 */
#ifndef LX_STORE_DB_COPY_H
#define LX_STORE_DB_COPY_H

#include "store/db.h"

#include <stddef.h>

struct arena;

enum { DB_COPY_SUM_HEX = 65 }; /* a 32-byte hash in hex, and its NUL */

/* What the copy found for one table. */
struct db_copy_table {
	const char *name; /* arena-owned */
	long long source_rows, target_rows;
	char source_sum[DB_COPY_SUM_HEX], target_sum[DB_COPY_SUM_HEX];
	int ok; /* rows and checksums equal */
};

struct db_copy_report {
	struct db_copy_table *tables; /* arena-owned, in the order copied */
	size_t count;
	long long rows; /* copied, all tables */
	int compared;   /* the target was read back and compared */
	int verified;   /* every table compared equal */
};

/*
 * Copies every row of every table of from into to, in one transaction on
 * to, parents before the tables that refer to them and each table in its
 * primary key's order, with ids as they are (identity generators moved past
 * them afterwards). Then reads both back in the same order and compares,
 * table by table, the row count and a hash of the values (integers in
 * decimal, doubles as %.17g, text as is, bytes in hex, NULL apart). Commits
 * only when every table is equal; otherwise nothing is written.
 *
 * to must be empty: every table of its schema without rows (LX_ECONFLICT
 * otherwise, field "to", nothing changed). Schemas that differ (a table or
 * a column missing, or of another type) are refused with LX_EINTERNAL.
 * A copy that does not verify fails with LX_EINTERNAL, *rep filled so
 * that the tables at fault can be shown. Returns 0 or -1; rep's strings
 * and arrays live in a.
 */
int db_copy(struct db *from, struct db *to, struct arena *a,
            struct db_copy_report *rep, struct lx_error *err);

#endif
