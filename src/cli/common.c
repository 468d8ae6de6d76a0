#include "cli/cli.h"
#include "cli/config.h"

#include "app/accounts.h"
#include "app/indicators.h"
#include "app/keys.h"
#include "app/pii.h"
#include "app/policy.h"
#include "app/transfer.h"
#include "store/account_store.h"
#include "store/db.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_error(const struct lx_error *err)
{
	if (err->field[0] && !strstr(err->message, err->field))
		fprintf(stderr, "laoxiao: %s (field '%s')\n", err->message,
		        err->field);
	else
		fprintf(stderr, "laoxiao: %s\n", err->message);
	return 1;
}

void cli_presets_dir(char *dir, size_t size)
{
	if (cli_config_get("presets"))
		snprintf(dir, size, "%s/regions", cli_config_get("presets"));
	else
		snprintf(dir, size, "%s/presets/regions", cli_data_root());
}

const char *cli_data_root(void)
{
	static char installed[1100];
	static int looked;
	char exe[1024];
	ssize_t n;

	/* no environment variable: the policies and presets are chosen by
	 * --policies and the config file alone (src/cli/config.h) */
	if (!looked) {
		looked = 1;
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n > 0) {
			char *slash, web[1200];

			exe[n] = '\0';
			/* PREFIX/bin/laoxiao → PREFIX/share/laoxiao */
			if ((slash = strrchr(exe, '/')) && slash > exe) {
				*slash = '\0';
				if ((slash = strrchr(exe, '/')) &&
				    !strcmp(slash, "/bin")) {
					*slash = '\0';
					snprintf(installed, sizeof(installed),
					         "%s/share/laoxiao", exe);
					snprintf(web, sizeof(web), "%s/web",
					         installed);
					if (access(web, R_OK))
						installed[0] = '\0';
				}
			}
		}
	}
	return installed[0] ? installed : LX_SOURCE_ROOT;
}

static int make_parent_dir(const char *path)
{
	char *copy = strdup(path);
	char *dir = copy ? dirname(copy) : NULL;
	int ret = 0;

	if (dir && strcmp(dir, ".") && mkdir(dir, 0750) && errno != EEXIST)
		ret = -1;
	free(copy);
	return ret;
}

struct db *cli_open_db(const char *path)
{
	struct lx_error err = { 0 };
	struct db *db;

	if (!db_is_server_url(path) && make_parent_dir(path)) {
		fprintf(stderr,
		        "laoxiao: cannot create the folder of '%s': %s\n", path,
		        strerror(errno));
		return NULL;
	}
	db = db_open(path, &err);
	if (!db)
		cli_error(&err);
	return db;
}

char *cli_read_file(struct arena *a, const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct abuf b;
	char chunk[65536];
	size_t n;

	if (!f) {
		fprintf(stderr, "laoxiao: cannot open '%s': %s\n", path,
		        strerror(errno));
		return NULL;
	}
	abuf_init(&b, a);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		abuf_append(&b, chunk, n);
	if (ferror(f)) {
		fprintf(stderr, "laoxiao: cannot read '%s'\n", path);
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = b.len;
	return b.data;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int only_json(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && !strcmp(d->d_name + n - 5, ".json");
}

int cli_load_presets(struct db *db, const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, only_json, by_name);
	int ret = 0;

	if (n < 0) {
		fprintf(stderr, "laoxiao: cannot read presets in '%s': %s\n",
		        dir, strerror(errno));
		return 1;
	}
	for (int i = 0; i < n; i++) {
		struct app_ctx ctx;
		json_error_t jerr;
		char *path = NULL;
		json_t *doc;

		app_ctx_init(&ctx, db, NULL);
		path = arena_printf(ctx.arena, "%s/%s", dir, names[i]->d_name);
		doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
		if (!doc) {
			fprintf(stderr, "laoxiao: %s:%d: %s\n", path, jerr.line,
			        jerr.text);
			ret = 1;
		} else if (app_preset_apply(&ctx, doc, names[i]->d_name)) {
			ret = cli_error(&ctx.err);
		}
		json_decref(doc);
		app_ctx_done(&ctx);
		free(names[i]);
	}
	free(names);
	return ret;
}

int cli_bootstrap_admin(struct db *db)
{
	struct app_ctx ctx;
	char password[40];
	int rc;

	app_ctx_init(&ctx, db, NULL);
	rc = app_bootstrap_admin(&ctx, password, sizeof(password));
	if (rc < 0)
		cli_error(&ctx.err);
	else if (rc > 0)
		printf("admin password: %s\n"
		       "(shown once: log in as 'admin' and keep it safe, or "
		       "set another with 'laoxiao user passwd admin')\n",
		       password);
	app_ctx_done(&ctx);
	return rc < 0 ? 1 : 0;
}

int cli_usage(const char *name)
{
	for (int i = 0; i < command_count; i++)
		if (!strcmp(commands[i].name, name)) {
			fputs(commands[i].usage, stderr);
			return 2;
		}
	return 2;
}

struct policy_set *cli_load_policies(const char *dir)
{
	struct lx_error err = { 0 };
	struct policy_set *s = policy_set_load(dir, &err);

	if (!s)
		cli_error(&err);
	return s;
}

int cli_load_facts(struct db *db, const char *policies_dir)
{
	struct app_ctx ctx;
	int ret = 0;

	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(policies_dir);
	if (!ctx.policies || app_load_policy_facts(&ctx))
		ret = ctx.policies ? cli_error(&ctx.err) : 1;
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	return ret;
}

struct pii_keys *cli_open_keys_at(struct db *db, const char *key_path)
{
	struct lx_error err = { 0 };
	struct pii_keys *k = app_keys_open(db, key_path, &err);

	if (!k)
		cli_error(&err);
	return k;
}

struct pii_keys *cli_open_keys(struct db *db, const char *db_path)
{
	const char *key = cli_key_path(db_path);

	return key ? cli_open_keys_at(db, key) : NULL;
}

int cli_copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1;
	char buf[65536];
	ssize_t n = 0;
	int ret = -1;

	if (in < 0)
		goto done;
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0)
		goto done;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			goto done;
	ret = n == 0 && !fsync(out) ? 0 : -1;
done:
	if (ret)
		fprintf(stderr, "laoxiao: cannot copy '%s' to '%s': %s\n", from,
		        to, strerror(errno));
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out))
		ret = -1;
	if (ret && out >= 0)
		unlink(to);
	return ret;
}

const char *cli_json_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

long long cli_json_int(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

void cli_yuan(long long fen, char out[32])
{
	unsigned long long a =
	    fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;

	snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", a / 100,
	         a % 100);
}

int cli_act_as(struct app_ctx *ctx, const char *username, struct principal *p)
{
	struct account acc;

	if (account_store_get(ctx->db, ctx->arena, 0, username, &acc,
	                      &ctx->err))
		return cli_error(&ctx->err), -1;
	if (acc.disabled) {
		fprintf(stderr, "laoxiao: account '%s' is disabled\n",
		        username);
		return -1;
	}
	memset(p, 0, sizeof(*p));
	p->account_id = acc.id;
	snprintf(p->username, sizeof(p->username), "%s", acc.username);
	p->role = (enum role)acc.role;
	memcpy(p->region, acc.region, sizeof(p->region));
	p->nfacilities = acc.nfacilities;
	p->facilities = acc.facilities;
	p->nareas = acc.nareas;
	p->areas = (const char(*)[13])acc.areas;
	ctx->who = p;
	return 0;
}

int cli_dispatch(const char *command, const struct cli_verb *verbs, size_t n,
                 int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(command);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(argv[1], verbs[i].name))
			return verbs[i].fn(argc - 1, argv + 1);
	return cli_usage(command);
}
