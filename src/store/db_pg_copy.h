/*
 * PostgreSQL's bulk path for db copy: the rows of a table streamed in one
 * COPY … FROM STDIN (text format) instead of one INSERT, and one round
 * trip, per row. Shared by db_pg.c and db_pg_copy.c only.
 */
#ifndef LX_STORE_DB_PG_COPY_H
#define LX_STORE_DB_PG_COPY_H

#include <libpq-fe.h>

struct db;
struct lx_error;
struct stmt;

/* The connection of a PostgreSQL db (db_pg.c); borrowed. */
PGconn *db_pg_conn(struct db *db);

/* The backend's copy_in hook (db_internal.h). */
long long db_pg_copy_in(struct db *db, const char *table,
                        const char *const *cols, const char *kinds, int ncols,
                        struct stmt *src,
                        void (*seen)(void *arg, struct stmt *src), void *arg,
                        struct lx_error *err);

#endif
