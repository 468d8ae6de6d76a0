#include "cli/config.h"

#include "cli/cli.h"
#include "store/db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const known[] = {
	"db",
	"key",
	"policies",
	"presets",
	"web",
	"listen",
	"port",
	"threads",
	"secure_cookies",
	"session_idle",
	"max_connections",
	"max_per_address",
	"log_requests",
	NULL,
};

enum { MAX_VALUES = 16 };

static struct {
	char *key, *value;
} values[MAX_VALUES];
static int nvalues;
static const char *policies_option, *key_option;

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	                   end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

static int read_config(const char *path, int required)
{
	FILE *f = fopen(path, "r");
	char line[1200];
	int n = 0;

	if (!f) {
		if (!required && errno == ENOENT)
			return 0;
		fprintf(stderr,
		        "laoxiao: cannot read the config file '%s': %s\n", path,
		        strerror(errno));
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *eq, *key, *value;
		int ok = 0;

		n++;
		if (!*s || *s == '#')
			continue;
		if (!(eq = strchr(s, '='))) {
			fprintf(stderr,
			        "laoxiao: %s line %d: write key = value\n",
			        path, n);
			fclose(f);
			return 2;
		}
		*eq = '\0';
		key = trim(s);
		value = trim(eq + 1);
		for (int i = 0; known[i]; i++)
			ok |= !strcmp(known[i], key);
		if (!ok || nvalues == MAX_VALUES) {
			fprintf(stderr,
			        "laoxiao: %s line %d: unknown key '%s'\n", path,
			        n, key);
			fclose(f);
			return 2;
		}
		values[nvalues].key = strdup(key);
		values[nvalues].value = strdup(value);
		nvalues++;
	}
	fclose(f);
	return 0;
}

/* Removes argv[i] (and its value when it is separate) from argv. */
static const char *take(int *argc, char **argv, int i, const char *name)
{
	size_t n = strlen(name);
	const char *v = NULL;
	int drop = 1;

	if (argv[i][n] == '=')
		v = argv[i] + n + 1;
	else if (i + 1 < *argc) {
		v = argv[i + 1];
		drop = 2;
	}
	memmove(&argv[i], &argv[i + drop],
	        (size_t)(*argc - i - drop + 1) * sizeof(*argv));
	*argc -= drop;
	return v;
}

static int is_option(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

int cli_config_init(int *argc, char **argv)
{
	const char *config = NULL;

	/* restore's own --key names the key of the backup it reads */
	int own_key = *argc > 1 && !strcmp(argv[1], "restore");

	for (int i = 1; i < *argc;) {
		if (is_option(argv[i], "--config")) {
			if (!(config = take(argc, argv, i, "--config")) ||
			    !*config) {
				fputs("laoxiao: --config needs a file\n",
				      stderr);
				return 2;
			}
		} else if (!own_key && is_option(argv[i], "--key")) {
			if (!(key_option = take(argc, argv, i, "--key")) ||
			    !*key_option) {
				fputs("laoxiao: --key needs a file\n", stderr);
				return 2;
			}
		} else if (is_option(argv[i], "--policies")) {
			if (!(policies_option =
			          take(argc, argv, i, "--policies")) ||
			    !*policies_option) {
				fputs("laoxiao: --policies needs a folder\n",
				      stderr);
				return 2;
			}
		} else {
			i++;
		}
	}
	if (config)
		return read_config(config, 1);
	if ((config = getenv("LAOXIAO_CONFIG")) && *config)
		return read_config(config, 1);
	/* an installed program reads the system's file when there is one */
	if (strcmp(cli_data_root(), LX_SOURCE_ROOT))
		return read_config("/etc/laoxiao/laoxiao.conf", 0);
	return 0;
}

const char *cli_config_get(const char *key)
{
	for (int i = nvalues - 1; i >= 0; i--)
		if (!strcmp(values[i].key, key))
			return values[i].value;
	return NULL;
}

const char *cli_policies_dir(void)
{
	static char dir[1100];
	const char *v =
	    policies_option ? policies_option : cli_config_get("policies");

	if (v && *v)
		return v;
	snprintf(dir, sizeof(dir), "%s/policies", cli_data_root());
	return dir;
}

const char *cli_key_path(const char *db_path)
{
	static char beside[1100];
	const char *v = key_option ? key_option : cli_config_get("key");

	if (v && *v)
		return v;
	if (db_is_server_url(db_path)) {
		fputs("laoxiao: a PostgreSQL database needs its key file named "
		      "with --key FILE (or key = FILE in the config): the key "
		      "is kept apart from the database\n",
		      stderr);
		return NULL;
	}
	if (snprintf(beside, sizeof(beside), "%s.key", db_path) >=
	    (int)sizeof(beside)) {
		fputs("laoxiao: the --db path is too long\n", stderr);
		return NULL;
	}
	return beside;
}

const char *cli_default_db(void)
{
	const char *v = cli_config_get("db");

	return v && *v ? v : "data/laoxiao.db";
}
