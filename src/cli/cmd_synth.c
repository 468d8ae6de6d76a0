/* synth: build a synthetic city, or several (a province), into a new
 * database. */
#include "app/pii.h"
#include "app/policy.h"
#include "app/synth.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "core/region_code.h"
#include "store/db.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The database and everything beside it: a failed build leaves nothing. */
static void remove_db(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", ".key" };
	char name[1100];

	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", path, ext[i]);
		unlink(name);
	}
}

/* Moves the finished database and its key (when it is beside the
 * database) from tmp to path: the key first, so that whenever path exists its
 * key is beside it. The database was closed, so no -wal or -shm file goes with
 * it. */
static int publish(const char *tmp, const char *path, int key_beside)
{
	char from[1200], to[1200];

	snprintf(from, sizeof(from), "%s.key", tmp);
	snprintf(to, sizeof(to), "%s.key", path);
	if ((key_beside && rename(from, to)) || rename(tmp, path)) {
		fprintf(stderr,
		        "laoxiao: cannot move the new database to '%s': %s\n",
		        path, strerror(errno));
		unlink(to);
		return -1;
	}
	return 0;
}

/* The cities of a province: as many presets as a province has cities. */
#define MAX_CITIES 64

/* Each preset's city in turn, each in a transaction of its own; for one
 * city its report, for several the list and the sums. */
static json_t *synth_cities(struct app_ctx *ctx, struct synth_params *sp,
                            const char *const *cities, size_t n)
{
	static const char *const sums[] = { "elderly",     "infants",
		                            "villages",    "townships",
		                            "assessments", "categories" };
	json_t *all, *list;

	if (n == 1) {
		sp->preset = cities[0];
		return app_synth(ctx, sp);
	}
	all = json_object();
	list = json_array();
	json_object_set_new(all, "cities", list);
	for (size_t i = 0; i < n; i++) {
		json_t *one;

		sp->preset = cities[i];
		if (!(one = app_synth(ctx, sp))) {
			json_decref(all);
			return NULL;
		}
		json_array_append_new(list, one);
		for (size_t k = 0; k < sizeof(sums) / sizeof(*sums); k++) {
			json_int_t v =
			    json_integer_value(json_object_get(all, sums[k]));

			json_object_set_new(
			    all, sums[k],
			    json_integer(v + json_integer_value(json_object_get(
			                         one, sums[k]))));
		}
	}
	return all;
}

/* What a city's report says beside its counts: a figure synth had to
 * assume, and the population figures its check flags (docs/synth.md). */
static void print_notes(json_t *one)
{
	json_t *a = json_object_get(one, "assumed"), *f;
	size_t i;

	if (a)
		fprintf(
		    stderr, "%s: %s %lld, %s\n",
		    json_string_value(json_object_get(one, "preset")),
		    json_string_value(json_object_get(a, "metric")),
		    (long long)json_integer_value(json_object_get(a, "value")),
		    json_string_value(json_object_get(a, "basis")));
	json_array_foreach(json_object_get(one, "flags"), i, f)
	{
		fprintf(stderr, "%s: flagged: %s\n",
		        json_string_value(json_object_get(one, "preset")),
		        json_string_value(json_object_get(f, "message_zh")));
	}
}

static void print_cities(json_t *out, double scale, uint64_t seed, double secs)
{
	json_t *list = json_object_get(out, "cities");
	size_t n = list ? json_array_size(list) : 1;

	for (size_t i = 0; i < n; i++) {
		json_t *one = list ? json_array_get(list, i) : out;

		printf("%s at scale %g (seed %llu): %lld elderly, %lld "
		       "infants, %lld villages, %lld assessments",
		       json_string_value(json_object_get(one, "preset")), scale,
		       (unsigned long long)seed,
		       (long long)json_integer_value(
		           json_object_get(one, "elderly")),
		       (long long)json_integer_value(
		           json_object_get(one, "infants")),
		       (long long)json_integer_value(
		           json_object_get(one, "villages")),
		       (long long)json_integer_value(
		           json_object_get(one, "assessments")));
		if (list)
			putchar('\n');
		print_notes(one);
	}
	if (list)
		printf("%zu cities: %lld elderly, %lld infants", n,
		       (long long)json_integer_value(
		           json_object_get(out, "elderly")),
		       (long long)json_integer_value(
		           json_object_get(out, "infants")));
	printf(" in %.1f s\n", secs);
}

int cmd_synth(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "preset", required_argument, NULL, 'p' },
		{ "presets", required_argument, NULL, 'P' },
		{ "scale", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "no-visits", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB;
	struct synth_params sp = { .scale = 1.0, .seed = 1 };
	const char *cities[MAX_CITIES], *presets = NULL;
	size_t ncities = 0;
	char dir[1024], tmp[1100], tmp_key[1200], beside[1200], *end;
	const char *key;
	int server, key_beside, holds = 0, key_existed = 1;
	struct lx_error err0 = { 0 };
	int c, json = 0, ret = 1;
	struct app_ctx ctx;
	struct pii_keys *keys = NULL;
	struct db *db;
	json_t *out = NULL;
	double t0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'p':
			if (ncities == MAX_CITIES) {
				fprintf(stderr,
				        "laoxiao: at most %d --preset\n",
				        MAX_CITIES);
				return 2;
			}
			for (size_t i = 0; i < ncities; i++)
				if (!strcmp(cities[i], optarg)) {
					fprintf(stderr,
					        "laoxiao: --preset %s is "
					        "named twice\n",
					        optarg);
					return 2;
				}
			cities[ncities++] = optarg;
			break;
		case 'P':
			presets = optarg;
			break;
		case 's':
			errno = 0;
			sp.scale = strtod(optarg, &end);
			if (errno || *end || end == optarg) {
				fprintf(stderr,
				        "laoxiao: --scale '%s' is not "
				        "a number\n",
				        optarg);
				return 2;
			}
			break;
		case 'S':
			errno = 0;
			sp.seed = strtoull(optarg, &end, 10);
			if (errno || *end || end == optarg) {
				fprintf(stderr,
				        "laoxiao: --seed '%s' is not "
				        "a whole number\n",
				        optarg);
				return 2;
			}
			break;
		case 'j':
			json = 1;
			break;
		case 'V':
			sp.no_visits = 1;
			break;
		default:
			return cli_usage("synth");
		}
	}
	if (optind != argc || !ncities)
		return cli_usage("synth");
	/* a city is built whole, its counties included: one preset inside
	 * another would be built twice (大竹县 is a county of 达州市) */
	for (size_t i = 0; i < ncities; i++)
		for (size_t k = 0; k < ncities; k++)
			if (i != k &&
			    region_code_is_within(cities[i], cities[k])) {
				fprintf(
				    stderr,
				    "laoxiao: --preset %s lies inside --preset "
				    "%s, which builds it too: give one of "
				    "them\n",
				    cities[i], cities[k]);
				return 2;
			}
	server = db_is_server_url(path);
	if (!(key = cli_key_path(path)))
		return 2;
	if (!server && access(path, F_OK) == 0) {
		fprintf(stderr,
		        "laoxiao: '%s' exists; the synthetic city is built "
		        "into a new database\n",
		        path);
		return 1;
	}
	if (strlen(path) > 1000) {
		fprintf(stderr, "laoxiao: the --db path is too long\n");
		return 2;
	}
	/* a file is built under a name of its own and renamed into place at
	 * the end, so a build that is killed leaves no database where one
	 * was asked for (nor a half-built one a later run would refuse); a
	 * server's database is built where it is, in transactions */
	snprintf(tmp, sizeof(tmp), "%s.building-%ld", path, (long)getpid());
	snprintf(beside, sizeof(beside), "%s.key", path);
	key_beside = !server && !strcmp(key, beside);
	if (key_beside)
		snprintf(tmp_key, sizeof(tmp_key), "%s.key", tmp);
	else
		snprintf(tmp_key, sizeof(tmp_key), "%s", key);
	t0 = seconds();
	if (!(db = cli_open_db(server ? path : tmp)))
		return 1;
	if (server && db_holds_data(db, &holds, &err0)) {
		cli_error(&err0);
		db_close(db);
		return 1;
	}
	if (server && holds) {
		fprintf(stderr,
		        "laoxiao: the database of '%s' is not empty; the "
		        "synthetic city is built into a new database\n",
		        path);
		db_close(db);
		return 1;
	}
	cli_presets_dir(dir, sizeof(dir));
	app_ctx_init(&ctx, db, NULL);
	/* a key this build makes goes if the build fails */
	key_existed = access(tmp_key, F_OK) == 0;
	/* a server's database is built in one transaction (the use cases
	 * below nest in it as savepoints), so a build that fails or is
	 * killed leaves it as empty as it was */
	if (server && db_begin(db, &err0)) {
		cli_error(&err0);
	} else if (!cli_load_presets(db, presets ? presets : dir) &&
	           !cli_bootstrap_admin(db) &&
	           (keys = cli_open_keys_at(db, tmp_key))) {
		struct lx_error err = { 0 };

		ctx.keys = keys;
		ctx.policies = cli_load_policies(cli_policies_dir());
		if (ctx.policies && db_bulk_load(db, &err))
			cli_error(&err);
		else if (ctx.policies &&
		         !(out = synth_cities(&ctx, &sp, cities, ncities)))
			cli_error(&ctx.err);
		else if (out && db_bulk_done(db, &err)) {
			cli_error(&err);
			json_decref(out);
			out = NULL;
		}
	}
	if (out && server && db_commit(db, &err0)) {
		cli_error(&err0);
		json_decref(out);
		out = NULL;
	}
	if (!out && server)
		db_rollback(db);
	if (out) {
		json_object_set_new(out, "seconds", json_real(seconds() - t0));
		if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			print_cities(out, sp.scale, sp.seed, seconds() - t0);
		}
		ret = 0;
	}
	json_decref(out);
	policy_set_unref(ctx.policies);
	pii_keys_free(keys);
	app_ctx_done(&ctx);
	db_close(db);
	if (ret && !key_existed)
		unlink(tmp_key);
	if (server)
		return ret;
	if (!ret && publish(tmp, path, key_beside))
		ret = 1;
	if (ret)
		remove_db(tmp);
	return ret;
}
