#include "app/keys.h"

#include "core/arena.h"
#include "store/meta_store.h"

#include <string.h>

static const char fingerprint_name[] = "key_fingerprint";

struct pii_keys *app_keys_open(struct db *db, const char *key_path,
                               struct lx_error *err)
{
	struct arena *a = arena_new();
	const char *path = key_path;
	unsigned char stored[PII_HASH_BYTES], fp[PII_HASH_BYTES];
	size_t len = 0;
	int has_fp, exists, sealed;
	unsigned char *sample = NULL;
	size_t sample_len = 0;
	struct pii_keys *k = NULL;

	has_fp = meta_store_get(db, fingerprint_name, stored, sizeof(stored),
	                        &len, err);
	exists = has_fp < 0 ? -1 : pii_key_exists(path, err);
	sealed = exists < 0 ? -1
	                    : meta_store_sample_sealed(db, a, &sample,
	                                               &sample_len, err);
	if (sealed < 0)
		goto done;
	if (!exists && (has_fp || sealed)) {
		lx_fail(err, LX_EINTERNAL, "",
		        "the key file '%s' is missing, and this database %s: "
		        "restore the key file from its backup (it is kept "
		        "apart from the database); a new key would make every "
		        "sealed ID and phone number unreadable",
		        path,
		        sealed ? "holds personal data sealed under it"
		               : "was sealed under it");
		goto done;
	}
	if (!(k = pii_keys_open(path, err)))
		goto done;
	pii_key_fingerprint(k, fp);
	/* a database from before fingerprints were kept is checked on what
	 * it holds: the key must open a sealed number */
	if ((has_fp && (len != sizeof(fp) || memcmp(fp, stored, sizeof(fp)))) ||
	    (!has_fp && sealed && !pii_open(k, a, sample, sample_len))) {
		lx_fail(err, LX_EINTERNAL, "",
		        "the key file '%s' is not this database's key (its "
		        "fingerprint differs): restore the key file that was "
		        "backed up with this database",
		        path);
		pii_keys_free(k);
		k = NULL;
		goto done;
	}
	/* a new database, or one from before fingerprints were kept: from
	 * now on it knows its key */
	if (!has_fp &&
	    meta_store_set(db, fingerprint_name, fp, sizeof(fp), err)) {
		pii_keys_free(k);
		k = NULL;
	}
done:
	arena_free(a);
	return k;
}
