/* db copy: a city's database moved between a SQLite file and a PostgreSQL
 * database (either way, or between two of a kind), verified, its key
 * checked and kept apart. */
#include "app/keys.h"
#include "app/pii.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/db_copy.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A database named for printing: a URL without its password. */
static const char *shown(struct arena *a, const char *target)
{
	const char *scheme = strstr(target, "://");
	const char *at, *colon;

	if (!db_is_server_url(target) || !scheme)
		return target;
	at = strchr(scheme + 3, '@');
	colon = strchr(scheme + 3, ':');
	if (!at || !colon || colon > at || strchr(scheme + 3, '/') < at)
		return target;
	return arena_printf(a, "%.*s:***%s", (int)(colon - target), target, at);
}

/* A new SQLite file's leftovers after a failed copy. */
static void remove_sqlite(struct arena *a, const char *path)
{
	unlink(path);
	unlink(arena_printf(a, "%s-wal", path));
	unlink(arena_printf(a, "%s-shm", path));
	unlink(arena_printf(a, "%s-journal", path));
}

static void print_report(const struct db_copy_report *r, FILE *f)
{
	fprintf(f, "%-20s %10s  %-16s  %s\n", "table", "rows", "checksum",
	        "ok");
	for (size_t i = 0; i < r->count; i++) {
		const struct db_copy_table *t = &r->tables[i];

		if (t->ok)
			fprintf(f, "%-20s %10lld  %.16s  ok\n", t->name,
			        t->source_rows, t->source_sum);
		else
			fprintf(f,
			        "%-20s %10lld  %.16s  DIFFERS (target: %lld "
			        "rows, %.16s)\n",
			        t->name, t->source_rows, t->source_sum,
			        t->target_rows,
			        t->target_sum[0] ? t->target_sum : "-");
	}
}

static void print_json(const struct db_copy_report *r, const char *from,
                       const char *to, const char *key, int ok)
{
	json_t *tables = json_array();
	json_t *doc;

	for (size_t i = 0; i < r->count; i++) {
		const struct db_copy_table *t = &r->tables[i];

		json_array_append_new(
		    tables,
		    json_pack("{s:s, s:I, s:I, s:s, s:s, s:b}", "table",
		              t->name, "rows", (json_int_t)t->source_rows,
		              "target_rows", (json_int_t)t->target_rows,
		              "checksum", t->source_sum, "target_checksum",
		              t->target_sum, "ok", t->ok));
	}
	doc = json_pack("{s:s, s:s, s:b, s:I, s:o, s:s}", "from", from, "to",
	                to, "ok", ok, "rows", (json_int_t)r->rows, "tables",
	                tables, "key", key);
	json_dumpf(doc, stdout, JSON_INDENT(2));
	fputc('\n', stdout);
	json_decref(doc);
}

/* The checks that change nothing: the options, and that a SQLite
 * target and its key file are new. */
static int check_paths(const char *from, const char *to, const char *key,
                       const char *key_out)
{
	if (!strcmp(from, to)) {
		fprintf(stderr, "laoxiao: --from and --to name the same "
		                "database\n");
		return 2;
	}
	if (!db_is_server_url(from) && access(from, F_OK)) {
		fprintf(stderr, "laoxiao: no database '%s' (--from)\n", from);
		return 1;
	}
	if (access(key, R_OK)) {
		fprintf(stderr,
		        "laoxiao: cannot read the key file '%s' of the source: "
		        "%s (name it with --key FILE)\n",
		        key, strerror(errno));
		return 1;
	}
	if (db_is_server_url(to))
		return 0;
	if (!access(to, F_OK)) {
		fprintf(stderr,
		        "laoxiao: '%s' exists (--to): a copy goes into a new "
		        "SQLite file or an empty PostgreSQL database; nothing "
		        "was changed\n",
		        to);
		return 1;
	}
	if (!access(key_out, F_OK)) {
		fprintf(stderr,
		        "laoxiao: the key file '%s' exists: name another with "
		        "--key-out; nothing was changed\n",
		        key_out);
		return 1;
	}
	return 0;
}

static int db_copy_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "key-out", required_argument, NULL, 'k' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL, *key_out = NULL, *key;
	struct arena *a = NULL;
	struct lx_error err = { 0 };
	struct db_copy_report rep = { 0 };
	struct db *src = NULL, *dst = NULL;
	struct pii_keys *k = NULL;
	int c, json = 0, ret = 1, new_file, made = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else if (c == 'k')
			key_out = optarg;
		else if (c == 'j')
			json = 1;
		else
			return cli_usage("db");
	}
	if (optind != argc || !from || !to || !*from || !*to)
		return cli_usage("db");
	new_file = !db_is_server_url(to);
	if (key_out && !new_file) {
		fprintf(stderr, "laoxiao: --key-out is for a SQLite target: a "
		                "PostgreSQL database's key is kept apart by "
		                "whoever runs it\n");
		return 2;
	}
	if (!(key = cli_key_path(from)))
		return 1;
	a = arena_new();
	if (new_file && !key_out)
		key_out = arena_printf(a, "%s.key", to);
	if ((ret = check_paths(from, to, key, key_out)))
		goto done;
	ret = 1;
	/* the source and its key first: a wrong key stops before the
	 * target is touched */
	if (!(src = cli_open_db(from)))
		goto done;
	if (!(k = app_keys_open(src, key, &err))) {
		cli_error(&err);
		goto done;
	}
	made = new_file;
	if (!(dst = cli_open_db(to)))
		goto done;
	if (db_copy(src, dst, a, &rep, &err)) {
		/* the tables that differ, when that is why */
		if (rep.compared && !json)
			print_report(&rep, stderr);
		if (rep.compared && json)
			print_json(&rep, shown(a, from), shown(a, to), key, 0);
		cli_error(&err);
		goto done;
	}
	/* the target is sealed under the same key: its copy beside a new
	 * file, checked against the copied fingerprint */
	if (new_file && chmod(to, 0600)) {
		fprintf(stderr, "laoxiao: cannot make '%s' private: %s\n", to,
		        strerror(errno));
		goto done;
	}
	if (new_file && cli_copy_file(key, key_out))
		goto done;
	pii_keys_free(k);
	if (!(k = app_keys_open(dst, new_file ? key_out : key, &err))) {
		cli_error(&err);
		if (new_file)
			unlink(key_out);
		goto done;
	}
	made = 0;
	if (json) {
		print_json(&rep, shown(a, from), shown(a, to),
		           new_file ? key_out : key, 1);
	} else {
		print_report(&rep, stdout);
		printf("copied '%s' (%s) to '%s' (%s): %zu tables, %lld rows, "
		       "counts and checksums equal\n",
		       shown(a, from), db_backend_name(src), shown(a, to),
		       db_backend_name(dst), rep.count, rep.rows);
		if (new_file)
			printf("its key copied to '%s' (mode 0600): keep it "
			       "apart from any copy of the database\n",
			       key_out);
		else
			printf("the same key file '%s' serves the target: keep "
			       "it apart from the database, on each server "
			       "that opens it\n",
			       key);
	}
	ret = 0;
done:
	pii_keys_free(k);
	db_close(src);
	db_close(dst);
	if (made)
		remove_sqlite(a, to);
	arena_free(a);
	return ret;
}

int cmd_db(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("db");
	if (!strcmp(argv[1], "copy"))
		return db_copy_cmd(argc - 1, argv + 1);
	fprintf(stderr,
	        "laoxiao: 'db %s' is not a command; see 'laoxiao help "
	        "db'\n",
	        argv[1]);
	return 2;
}
