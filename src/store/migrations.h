/* The schema as an ordered list of migrations; version N is migrations[N-1].
 * Never edit a released migration: add a new one. */
#ifndef LX_STORE_MIGRATIONS_H
#define LX_STORE_MIGRATIONS_H

extern const char *const store_migrations[];
extern const int store_migration_count;

#endif
