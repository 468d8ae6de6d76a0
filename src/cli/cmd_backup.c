/* backup and restore: a consistent copy of a live database, its key kept
 * apart, and the way back, checked before anything is put in place. */
#include "app/keys.h"
#include "app/pii.h"
#include "cli/cli.h"
#include "store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The real folder a path is in ("" when it cannot be told). */
static void folder_of(const char *path, char out[PATH_MAX])
{
	char *copy = strdup(path);

	out[0] = '\0';
	if (copy && !realpath(dirname(copy), out))
		out[0] = '\0';
	free(copy);
}

int cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "key-out", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *out = NULL, *key_out = NULL;
	char a[PATH_MAX], b[PATH_MAX], key[PATH_MAX + 8];
	struct lx_error err = { 0 };
	struct db *db, *copy;
	int c, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			path = optarg;
		else if (c == 'o')
			out = optarg;
		else if (c == 'k')
			key_out = optarg;
		else
			return cli_usage("backup");
	}
	if (optind != argc || !out)
		return cli_usage("backup");
	if (access(path, F_OK)) {
		fprintf(stderr, "laoxiao: no database '%s'\n", path);
		return 1;
	}
	if (!access(out, F_OK) || (key_out && !access(key_out, F_OK))) {
		fprintf(stderr,
		        "laoxiao: '%s' exists; a backup goes into new "
		        "files\n",
		        access(out, F_OK) ? key_out : out);
		return 1;
	}
	/* the key apart: a copy that holds both gives both to whoever
	 * takes it */
	folder_of(out, a);
	if (key_out)
		folder_of(key_out, b);
	if (key_out && (!a[0] || !b[0] || !strcmp(a, b))) {
		fprintf(stderr,
		        "laoxiao: the key goes into another folder "
		        "than the backup ('%s')\n",
		        a);
		return 1;
	}
	if (!(db = db_open(path, &err)))
		return cli_error(&err);
	if (db_copy_to(db, out, &err)) {
		db_close(db);
		unlink(out);
		return cli_error(&err);
	}
	db_close(db);
	chmod(out, 0600);
	if (!(copy = db_open(out, &err)) || db_check_integrity(copy, &err)) {
		cli_error(&err);
		db_close(copy);
		unlink(out);
		return 1;
	}
	db_close(copy);
	snprintf(key, sizeof(key), "%s.key", path);
	if (key_out && cli_copy_file(key, key_out)) {
		unlink(out);
		return 1;
	}
	printf("backed up '%s' to '%s' (integrity checked)\n", path, out);
	if (key_out)
		printf("its key to '%s': keep the two apart\n", key_out);
	else
		printf("the key is not in the backup: back up '%s' apart from "
		       "it (or give --key-out)\n",
		       key);
	ret = 0;
	return ret;
}

int cmd_restore(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "key", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *from = NULL, *key = NULL;
	char tmp[PATH_MAX], tmp_key[PATH_MAX + 8], dest_key[PATH_MAX + 8];
	struct lx_error err = { 0 };
	struct pii_keys *k = NULL;
	struct db *db;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			path = optarg;
		else if (c == 'f')
			from = optarg;
		else if (c == 'k')
			key = optarg;
		else
			return cli_usage("restore");
	}
	if (optind != argc || !from || !key)
		return cli_usage("restore");
	if (strlen(path) > PATH_MAX - 64) {
		fprintf(stderr, "laoxiao: the --db path is too long\n");
		return 2;
	}
	if (!access(path, F_OK)) {
		fprintf(stderr,
		        "laoxiao: '%s' exists; restore into a new path "
		        "(move the old database away first)\n",
		        path);
		return 1;
	}
	{
		char *copy = strdup(path), *dir = copy ? dirname(copy) : NULL;

		if (dir && strcmp(dir, ".") && mkdir(dir, 0750) &&
		    errno != EEXIST) {
			fprintf(stderr, "laoxiao: cannot create '%s': %s\n",
			        dir, strerror(errno));
			free(copy);
			return 1;
		}
		free(copy);
	}
	/* put together beside the target, checked, then renamed in */
	snprintf(tmp, sizeof(tmp), "%s.restoring-%ld", path, (long)getpid());
	snprintf(tmp_key, sizeof(tmp_key), "%s.key", tmp);
	snprintf(dest_key, sizeof(dest_key), "%s.key", path);
	if (cli_copy_file(from, tmp) || cli_copy_file(key, tmp_key))
		goto fail;
	if (!(db = db_open(tmp, &err)))
		goto fail_err;
	if (db_check_integrity(db, &err) ||
	    !(k = app_keys_open(db, tmp_key, &err))) {
		db_close(db);
		goto fail_err;
	}
	pii_keys_free(k);
	db_close(db);
	if (rename(tmp_key, dest_key) || rename(tmp, path)) {
		fprintf(stderr,
		        "laoxiao: cannot move the restored database to "
		        "'%s': %s\n",
		        path, strerror(errno));
		unlink(dest_key);
		goto fail;
	}
	printf("restored '%s' from '%s' with its key (integrity and key "
	       "checked)\n",
	       path, from);
	return 0;
fail_err:
	cli_error(&err);
fail:
	unlink(tmp);
	unlink(tmp_key);
	{
		char side[PATH_MAX + 8];

		snprintf(side, sizeof(side), "%s-wal", tmp);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", tmp);
		unlink(side);
	}
	return 1;
}
