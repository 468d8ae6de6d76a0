#include "cli/cli.h"
#include "cli/config.h"
#include "http/server.h"
#include "store/db.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A whole number from the config file (key) or an option (--key), within
 * bounds; prints what is wrong and returns 2 otherwise. */
static int number(const char *key, const char *text, long min, long max,
                  long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < min || v > max) {
		fprintf(stderr,
		        "laoxiao: %s must be a whole number from %ld "
		        "to %ld, not '%s'\n",
		        key, min, max, text);
		return 2;
	}
	*out = v;
	return 0;
}

static int yes_no(const char *key, const char *text, int *out)
{
	if (!strcmp(text, "yes") || !strcmp(text, "true"))
		*out = 1;
	else if (!strcmp(text, "no") || !strcmp(text, "false"))
		*out = 0;
	else {
		fprintf(stderr, "laoxiao: %s is yes or no, not '%s'\n", key,
		        text);
		return 2;
	}
	return 0;
}

/* One setting, by its config key, from the file or the command line. */
static int apply(struct server_config *cfg, const char *key, const char *v)
{
	long n;

	if (!strcmp(key, "db"))
		cfg->db_path = v;
	else if (!strcmp(key, "listen"))
		cfg->listen = v;
	else if (!strcmp(key, "web"))
		cfg->web_root = v;
	else if (!strcmp(key, "port")) {
		if (number(key, v, 0, 65535, &n))
			return 2;
		cfg->port = (int)n;
	} else if (!strcmp(key, "threads")) {
		if (number(key, v, 1, 256, &n))
			return 2;
		cfg->threads = (unsigned)n;
	} else if (!strcmp(key, "session_idle")) {
		if (number(key, v, 1, 7 * 24 * 3600, &cfg->session_idle))
			return 2;
	} else if (!strcmp(key, "max_connections") ||
	           !strcmp(key, "max_per_address")) {
		if (number(key, v, 1, 100000, &n))
			return 2;
		*(key[4] == 'c' ? &cfg->max_connections
		                : &cfg->max_per_address) = (unsigned)n;
	} else if (!strcmp(key, "secure_cookies")) {
		return yes_no(key, v, &cfg->secure_cookies);
	} else if (!strcmp(key, "log_requests")) {
		return yes_no(key, v, &cfg->log_requests);
	}
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "port", required_argument, NULL, 'p' },
		{ "listen", required_argument, NULL, 'l' },
		{ "web", required_argument, NULL, 'w' },
		{ "threads", required_argument, NULL, 't' },
		{ "secure-cookies", no_argument, NULL, 'S' },
		{ "session-idle", required_argument, NULL, 'I' },
		{ "max-connections", required_argument, NULL, 'C' },
		{ "max-per-address", required_argument, NULL, 'A' },
		{ "log-requests", no_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/* the config keys, in the order they are read from the file */
	static const char *const keys[] = { "db",
		                            "listen",
		                            "web",
		                            "port",
		                            "threads",
		                            "session_idle",
		                            "max_connections",
		                            "max_per_address",
		                            "secure_cookies",
		                            "log_requests",
		                            NULL };
	struct server_config cfg = {
		.db_path = DEFAULT_DB,
		.listen = "127.0.0.1",
		.port = 8080,
		.json_limit = (size_t)1 << 20,
		.csv_limit = (size_t)32 << 20,
		.max_connections = 4096,
		.max_per_address = 128,
		.idle_timeout = 15,
		.body_budget = (size_t)256 << 20,
	};
	struct lx_error err = { 0 };
	char web[1024], presets[1024];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int c, fresh;
	struct db *db;

	cfg.threads = cpus > 1 ? (unsigned)cpus * 2 : 2;
	snprintf(web, sizeof(web), "%s/web", cli_data_root());
	cfg.web_root = web;
	cfg.policies = cli_policies_dir();
	for (int i = 0; keys[i]; i++) {
		const char *v = cli_config_get(keys[i]);

		if (v && apply(&cfg, keys[i], v))
			return 2;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		const char *key = c == 'd'   ? "db"
		                  : c == 'p' ? "port"
		                  : c == 'l' ? "listen"
		                  : c == 'w' ? "web"
		                  : c == 't' ? "threads"
		                  : c == 'I' ? "session_idle"
		                  : c == 'C' ? "max_connections"
		                  : c == 'A' ? "max_per_address"
		                  : c == 'S' ? "secure_cookies"
		                  : c == 'L' ? "log_requests"
		                             : NULL;

		if (!key)
			return cli_usage("serve");
		if (apply(&cfg, key, c == 'S' || c == 'L' ? "yes" : optarg))
			return 2;
	}
	if (optind != argc)
		return cli_usage("serve");
	if (!(cfg.key_path = cli_key_path(cfg.db_path)))
		return 2;
	if (!(db = cli_open_db(cfg.db_path)))
		return 1;
	fresh = db_created(db);
	if (fresh) {
		if (cli_config_get("presets"))
			snprintf(presets, sizeof(presets), "%s/regions",
			         cli_config_get("presets"));
		else
			snprintf(presets, sizeof(presets), "%s/presets/regions",
			         cli_data_root());
		fprintf(stderr,
		        "laoxiao: new database '%s': loading the "
		        "seed jurisdictions\n",
		        cfg.db_path);
		if (cli_load_presets(db, presets) ||
		    cli_load_facts(db, cfg.policies)) {
			db_close(db);
			return 1;
		}
	}
	if (cli_bootstrap_admin(db)) {
		db_close(db);
		return 1;
	}
	db_close(db);
	if (server_run(&cfg, &err))
		return cli_error(&err);
	return 0;
}
