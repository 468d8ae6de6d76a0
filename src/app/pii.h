/*
 * Personal identifiers (公民身份号码, phone numbers) are never stored in
 * plaintext: encrypted with libsodium's secretbox under a key kept in a
 * file outside the database, and looked up by a keyed hash (so the hash
 * of a known number cannot be computed without the key). The key file is
 * created with mode 0600 on first use; losing it loses the identifiers, so
 * it is backed up with the database but stored apart from it.
 */
#ifndef LX_APP_PII_H
#define LX_APP_PII_H

#include "core/arena.h"
#include "core/error.h"

#include <stddef.h>

enum { PII_HASH_BYTES = 32 };

struct pii_keys;

/* Loads the key file at path, creating it (0600, fresh random keys) when
 * it does not exist. A file with other permissions than 0600 or of the
 * wrong size is refused. Caller frees with pii_keys_free(). */
struct pii_keys *pii_keys_open(const char *path, struct lx_error *err);
void pii_keys_free(struct pii_keys *k);

/* Whether a key file exists at path: 1, 0, or -1 when that cannot be
 * told (err set). */
int pii_key_exists(const char *path, struct lx_error *err);

/* A fingerprint of the keys, to be kept in the database they seal: a
 * keyed hash of a fixed text under the hashing key, which says whether a
 * key file is the right one and reveals nothing of the key. */
void pii_key_fingerprint(const struct pii_keys *k,
                         unsigned char out[PII_HASH_BYTES]);

/* The key file that goes with a database: "<db path>.key". */
char *pii_key_path(struct arena *a, const char *db_path);

/* Keyed hash of a normalised identifier (upper-case X), for lookup. */
void pii_hash(const struct pii_keys *k, const char *plain,
              unsigned char out[PII_HASH_BYTES]);

/* Encrypts plain into an arena blob (nonce, then ciphertext); *len set. */
unsigned char *pii_seal(const struct pii_keys *k, struct arena *a,
                        const char *plain, size_t *len);

/* Decrypts a blob from pii_seal; NULL when it does not authenticate. */
char *pii_open(const struct pii_keys *k, struct arena *a,
               const unsigned char *blob, size_t len);

/* A phone number masked: the first 3 and last 4 digits kept. */
void pii_mask_phone(const char *phone, char *out, size_t outlen);

#endif
