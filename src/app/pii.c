#include "app/pii.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file holds the encryption key, then the hashing key. */
struct pii_keys {
	unsigned char box[crypto_secretbox_KEYBYTES];
	unsigned char hash[crypto_generichash_KEYBYTES];
};

enum { KEY_FILE_BYTES = sizeof(struct pii_keys) };

char *pii_key_path(struct arena *a, const char *db_path)
{
	return arena_printf(a, "%s.key", db_path);
}

/* Written whole under a name of its own, then linked into place (link
 * fails when the key already exists, as O_EXCL would): a process killed
 * while writing leaves no half key where the key belongs. */
static int create_key_file(const char *path, struct pii_keys *k,
                           struct lx_error *err)
{
	char tmp[4200];
	int fd;
	ssize_t n;

	if (snprintf(tmp, sizeof(tmp), "%s.new-%ld", path, (long)getpid()) >=
	    (int)sizeof(tmp))
		return lx_fail(err, LX_EINTERNAL, "",
		               "the key file's name is too long");
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return lx_fail(err, LX_EINTERNAL, "",
		               "cannot create the key file '%s': %s", path,
		               strerror(errno));
	randombytes_buf(k, sizeof(*k));
	n = write(fd, k, sizeof(*k));
	if (n != (ssize_t)sizeof(*k) || fsync(fd) || close(fd)) {
		unlink(tmp);
		return lx_fail(err, LX_EINTERNAL, "",
		               "cannot write the key file '%s'", path);
	}
	if (link(tmp, path)) {
		int e = errno;

		unlink(tmp);
		return lx_fail(err, LX_EINTERNAL, "",
		               "cannot create the key file '%s': %s", path,
		               strerror(e));
	}
	unlink(tmp);
	return 0;
}

struct pii_keys *pii_keys_open(const char *path, struct lx_error *err)
{
	struct pii_keys *k = sodium_malloc(sizeof(*k));
	struct stat st;
	int fd = -1;

	if (!k) {
		lx_fail(err, LX_EINTERNAL, "", "out of memory for keys");
		return NULL;
	}
	if (stat(path, &st) && errno == ENOENT) {
		if (create_key_file(path, k, err))
			goto fail;
		return k;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		lx_fail(err, LX_EINTERNAL, "", "cannot open the key file '%s'",
		        path);
		goto fail;
	}
	if ((st.st_mode & 0077) != 0) {
		lx_fail(err, LX_EINTERNAL, "",
		        "the key file '%s' may be read by others (mode %o): "
		        "chmod 600 it",
		        path, (unsigned)(st.st_mode & 0777));
		goto fail;
	}
	if (st.st_size != KEY_FILE_BYTES ||
	    read(fd, k, sizeof(*k)) != (ssize_t)sizeof(*k)) {
		lx_fail(err, LX_EINTERNAL, "",
		        "the key file '%s' is not a laoxiao key file", path);
		goto fail;
	}
	close(fd);
	return k;
fail:
	if (fd >= 0)
		close(fd);
	sodium_free(k);
	return NULL;
}

int pii_key_exists(const char *path, struct lx_error *err)
{
	struct stat st;

	if (!stat(path, &st))
		return 1;
	if (errno == ENOENT)
		return 0;
	return lx_fail(err, LX_EINTERNAL, "",
	               "cannot look at the key file '%s': %s", path,
	               strerror(errno));
}

void pii_key_fingerprint(const struct pii_keys *k,
                         unsigned char out[PII_HASH_BYTES])
{
	static const char text[] = "laoxiao key fingerprint v1";

	crypto_generichash(out, PII_HASH_BYTES, (const unsigned char *)text,
	                   sizeof(text) - 1, k->hash, sizeof(k->hash));
}

void pii_keys_free(struct pii_keys *k)
{
	if (k)
		sodium_free(k);
}

void pii_hash(const struct pii_keys *k, const char *plain,
              unsigned char out[PII_HASH_BYTES])
{
	crypto_generichash(out, PII_HASH_BYTES, (const unsigned char *)plain,
	                   strlen(plain), k->hash, sizeof(k->hash));
}

unsigned char *pii_seal(const struct pii_keys *k, struct arena *a,
                        const char *plain, size_t *len)
{
	size_t n = strlen(plain);
	unsigned char *blob = arena_alloc(a, crypto_secretbox_NONCEBYTES +
	                                         crypto_secretbox_MACBYTES + n);

	randombytes_buf(blob, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(blob + crypto_secretbox_NONCEBYTES,
	                      (const unsigned char *)plain, n, blob, k->box);
	*len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
	return blob;
}

char *pii_open(const struct pii_keys *k, struct arena *a,
               const unsigned char *blob, size_t len)
{
	size_t n;
	char *plain;

	if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return NULL;
	n = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	plain = arena_alloc(a, n + 1);
	if (crypto_secretbox_open_easy(
	        (unsigned char *)plain, blob + crypto_secretbox_NONCEBYTES,
	        len - crypto_secretbox_NONCEBYTES, blob, k->box))
		return NULL;
	plain[n] = '\0';
	return plain;
}

void pii_mask_phone(const char *phone, char *out, size_t outlen)
{
	size_t n = strlen(phone);

	if (!outlen)
		return;
	if (n >= outlen)
		n = outlen - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = i < 3 || i + 4 >= strlen(phone) ? phone[i] : '*';
	if (strlen(phone) <= 7)
		memset(out, '*', n);
	out[n] = '\0';
}
