/* What several unit tests share: a scratch folder, and a look at a
 * database file from outside the store with sqlite3 itself. */
#ifndef LX_TESTS_UNIT_SUPPORT_H
#define LX_TESTS_UNIT_SUPPORT_H

#include <stddef.h>

/* Creates a fresh folder under $TMPDIR (or /tmp) named after prefix into
 * dir; 0 or -1. */
int scratch_make(char *dir, size_t size, const char *prefix);
/* Removes the folder and the files in it; 0 or -1. */
int scratch_remove(const char *dir);

/* Runs sql on the database file; a failure fails the test with the
 * message. */
void sql_exec(const char *path, const char *sql);
/* The first column of the first row of sql, or -1 without a row. */
long long sql_int(const char *path, const char *sql);

#endif
