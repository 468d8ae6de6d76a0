#include "app/accounts.h"
#include "app/pii.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "presets", required_argument, NULL, 'p' },
		{ "no-presets", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *presets = NULL;
	char dir[1024];
	int c, load = 1, ret;
	struct db *db;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'p':
			presets = optarg;
			break;
		case 'n':
			load = 0;
			break;
		default:
			return cli_usage("init");
		}
	}
	if (optind != argc)
		return cli_usage("init");
	if (!(db = cli_open_db(path)))
		return 1;
	cli_presets_dir(dir, sizeof(dir));
	ret = load ? cli_load_presets(db, presets ? presets : dir) : 0;
	if (!ret && load) {
		ret = cli_load_facts(db, cli_policies_dir());
	}
	if (!ret)
		ret = cli_bootstrap_admin(db);
	if (!ret) {
		/* the key for personal identifiers, beside the database */
		struct pii_keys *k = cli_open_keys(db, path);

		ret = k ? 0 : 1;
		pii_keys_free(k);
	}
	if (!ret)
		fprintf(stderr, "laoxiao: database '%s' is ready (schema %d)\n",
		        path, db_schema_version(db));
	db_close(db);
	return ret;
}
