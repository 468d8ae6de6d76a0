/* Opening a database through the store, for the tests that link it (a
 * file of its own in the support library, so that tests without the
 * store do not need it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/db.h"
#include "support.h"

struct db *db_open_ok(const char *target)
{
	struct lx_error err;
	struct db *db;

	lx_error_clear(&err);
	db = db_open(target, &err);
	if (!db)
		fail_msg("db_open %s: %s", target, err.message);
	return db;
}
