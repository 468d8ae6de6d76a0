/*
 * The province layout on PostgreSQL (DESIGN.md section 6). The tables
 * that grow with the population, persons and ledger lines, are
 * partitioned by region: one partition per city (prefecture) code, added
 * when the city's first region is registered, and one for a province's
 * own code. A
 * county's or a city's query names its region subtree, so it reads its
 * city's partition alone.
 *
 * PostgreSQL asks that every unique key of a partitioned table hold the
 * partition column. An id, an ID number's hash, the line a reversal
 * reverses must each be unique across all regions, and other tables refer
 * to the id: these keys move to a small table beside it,
 * lx_<table>_ids, kept by a trigger. The keys are unique there, the
 * references point there, and the partitioned table's own primary key is
 * (id, region). The store's SQL reads and writes the tables as before.
 *
 * No I/O here: the migrations' DDL is rewritten, db_pg.c runs it.
 */
#ifndef LX_STORE_PG_LAYOUT_H
#define LX_STORE_PG_LAYOUT_H

struct arena;

/* ddl (already translated by pg_translate_ddl) with each CREATE TABLE of a
 * partitioned table made partitioned, and every reference to one turned
 * towards its ids table. Arena-owned. */
const char *pg_layout_ddl(struct arena *a, const char *ddl);

/* The function that adds a city's partitions (run with the prelude). */
extern const char pg_layout_prelude[];

#endif
