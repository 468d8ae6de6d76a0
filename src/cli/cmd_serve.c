#include "cli/cli.h"
#include "http/server.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "port", required_argument, NULL, 'p' },
		{ "listen", required_argument, NULL, 'l' },
		{ "web", required_argument, NULL, 'w' },
		{ "threads", required_argument, NULL, 't' },
		{ "policies", required_argument, NULL, 'P' },
		{ "secure-cookies", no_argument, NULL, 'S' },
		{ "session-idle", required_argument, NULL, 'I' },
		{ "max-connections", required_argument, NULL, 'C' },
		{ "max-per-address", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
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
	char web[1024], presets[1024], policies[1024];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int c, fresh;
	struct db *db;
	char *end;

	cfg.threads = cpus > 1 ? (unsigned)cpus * 2 : 2;
	snprintf(web, sizeof(web), "%s/web", cli_data_root());
	cfg.web_root = web;
	snprintf(policies, sizeof(policies), "%s/policies", cli_data_root());
	cfg.policies = policies;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cfg.db_path = optarg;
			break;
		case 'p':
			cfg.port = (int)strtol(optarg, &end, 10);
			if (*end || cfg.port < 0 || cfg.port > 65535) {
				fprintf(stderr, "laoxiao: --port must be a "
				                "number from 0 to 65535\n");
				return 2;
			}
			break;
		case 'l':
			cfg.listen = optarg;
			break;
		case 'w':
			cfg.web_root = optarg;
			break;
		case 'P':
			cfg.policies = optarg;
			break;
		case 'S':
			/* served behind a TLS proxy: the cookie goes over
			 * https only */
			cfg.secure_cookies = 1;
			break;
		case 'C':
		case 'A': {
			unsigned long v = strtoul(optarg, &end, 10);

			if (*end || v < 1 || v > 100000) {
				fprintf(stderr,
				        "laoxiao: --%s must be from 1 "
				        "to 100000\n",
				        c == 'C' ? "max-connections"
				                 : "max-per-address");
				return 2;
			}
			*(c == 'C' ? &cfg.max_connections
			           : &cfg.max_per_address) = (unsigned)v;
			break;
		}
		case 'I':
			cfg.session_idle = strtol(optarg, &end, 10);
			if (*end || cfg.session_idle < 1 ||
			    cfg.session_idle > 7 * 24 * 3600) {
				fprintf(stderr, "laoxiao: --session-idle is "
				                "seconds, from 1 to 604800\n");
				return 2;
			}
			break;
		case 't':
			cfg.threads = (unsigned)strtoul(optarg, &end, 10);
			if (*end || cfg.threads < 1 || cfg.threads > 256) {
				fprintf(stderr, "laoxiao: --threads must be "
				                "from 1 to 256\n");
				return 2;
			}
			break;
		default:
			return cli_usage("serve");
		}
	}
	if (optind != argc)
		return cli_usage("serve");
	fresh = access(cfg.db_path, F_OK) != 0;
	if (!(db = cli_open_db(cfg.db_path)))
		return 1;
	if (fresh) {
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
