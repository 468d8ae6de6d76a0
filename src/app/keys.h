/*
 * The key that seals a database's personal data, opened with the
 * database it belongs to. A missing key file is never replaced by a new
 * one when the database already holds sealed data or remembers its key:
 * a new key would make every sealed number unreadable and let the same
 * person be registered twice. A key file that is not the database's own
 * (its fingerprint differs) is refused too.
 */
#ifndef LX_APP_KEYS_H
#define LX_APP_KEYS_H

#include "app/pii.h"
#include "store/db.h"

/* Opens the key file key_path for db: creates it when
 * neither exists yet, records its fingerprint in a database that has
 * none, and refuses (NULL, err naming the key file and what to do) a
 * missing key for a database that needs one or a key of another
 * database. */
struct pii_keys *app_keys_open(struct db *db, const char *key_path,
                               struct lx_error *err);

#endif
