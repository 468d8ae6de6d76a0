/* user: manage accounts from the shell (the first admin is made by init). */
#include "app/accounts.h"
#include "cli/cli.h"
#include "store/account_store.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line from stdin without its newline; passwords never go on the
 * command line, where other users could read them in the process list. */
static int read_password(char *buf, size_t len)
{
	size_t n;

	if (!fgets(buf, (int)len, stdin))
		return -1;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return 0;
}

static int user_list(struct app_ctx *ctx)
{
	json_t *res = app_account_list(ctx);
	size_t i;
	json_t *u;

	if (!res)
		return cli_error(&ctx->err);
	printf("%-4s %-20s %-16s %-12s %s\n", "id", "username", "role",
	       "region", "disabled");
	json_array_foreach(json_object_get(res, "items"), i, u)
	{
		const char *region =
		    json_string_value(json_object_get(u, "region"));

		const char *dept =
		    json_string_value(json_object_get(u, "department"));

		printf("%-4lld %-20s %-16s %-12s %s%s%s\n",
		       (long long)json_integer_value(json_object_get(u, "id")),
		       json_string_value(json_object_get(u, "username")),
		       json_string_value(json_object_get(u, "role")),
		       region ? region : "-",
		       json_is_true(json_object_get(u, "disabled")) ? "yes"
		                                                    : "no",
		       dept ? "  部门：" : "", dept ? dept : "");
	}
	json_decref(res);
	return 0;
}

static int user_token(struct app_ctx *ctx, const char *username,
                      const char *name, struct principal *p)
{
	struct account acc;
	json_t *body, *res;

	if (account_store_get(ctx->db, ctx->arena, 0, username, &acc,
	                      &ctx->err))
		return cli_error(&ctx->err);
	memset(p, 0, sizeof(*p));
	p->account_id = acc.id;
	snprintf(p->username, sizeof(p->username), "%s", acc.username);
	p->role = acc.role;
	memcpy(p->region, acc.region, sizeof(p->region));
	ctx->who = p;
	body = json_pack("{s:s}", "name", name);
	res = app_token_create(ctx, body);
	json_decref(body);
	if (!res)
		return cli_error(&ctx->err);
	printf("%s\n", json_string_value(json_object_get(res, "token")));
	fprintf(stderr,
	        "laoxiao: API token '%s' for '%s' (shown once; send "
	        "it as 'Authorization: Bearer <token>')\n",
	        name, username);
	json_decref(res);
	return 0;
}

/* The account's API tokens, newest first: id, name, made, revoked. */
static int user_tokens(struct app_ctx *ctx, const char *username)
{
	struct account acc;
	json_t *params, *res, *t;
	size_t i;

	if (account_store_get(ctx->db, ctx->arena, 0, username, &acc,
	                      &ctx->err))
		return cli_error(&ctx->err);
	params = json_pack("{s:s}", "account",
	                   arena_printf(ctx->arena, "%lld", acc.id));
	res = app_token_list(ctx, params);
	json_decref(params);
	if (!res)
		return cli_error(&ctx->err);
	json_array_foreach(json_object_get(res, "items"), i, t)
	{
		const char *revoked =
		    json_string_value(json_object_get(t, "revoked_at"));

		printf("%lld\t%s\tmade %s\t%s%s\n",
		       (long long)json_integer_value(json_object_get(t, "id")),
		       json_string_value(json_object_get(t, "name")),
		       json_string_value(json_object_get(t, "created_at")),
		       revoked ? "revoked " : "in use", revoked ? revoked : "");
	}
	json_decref(res);
	return 0;
}

/* Revokes one of the account's tokens by its id. */
static int user_revoke(struct app_ctx *ctx, const char *username,
                       const char *id_text)
{
	struct account acc;
	struct token_row *v;
	size_t n;
	char *end;
	long long id = strtoll(id_text, &end, 10);
	json_t *res;

	if (*end || id <= 0) {
		fprintf(stderr,
		        "laoxiao: '%s' is not a token id (see 'laoxiao "
		        "user tokens %s')\n",
		        id_text, username);
		return 2;
	}
	if (account_store_get(ctx->db, ctx->arena, 0, username, &acc,
	                      &ctx->err) ||
	    token_store_list(ctx->db, ctx->arena, acc.id, &v, &n, &ctx->err))
		return cli_error(&ctx->err);
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id) {
			if (!(res = app_token_revoke(ctx, id, NULL)))
				return cli_error(&ctx->err);
			json_decref(res);
			printf("token %lld of '%s' revoked\n", id, username);
			return 0;
		}
	fprintf(stderr, "laoxiao: '%s' has no token %lld\n", username, id);
	return 1;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "role", required_argument, NULL, 'r' },
		{ "region", required_argument, NULL, 'g' },
		{ "areas", required_argument, NULL, 'A' },
		{ "name", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *role = NULL, *region = NULL;
	const char *areas = NULL;
	const char *name = "cli";
	const char *verb, *username = NULL;
	char password[1100];
	struct principal p;
	struct app_ctx ctx;
	struct db *db;
	int c, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		case 'g':
			region = optarg;
			break;
		case 'A':
			areas = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		default:
			return cli_usage("user");
		}
	}
	if (optind >= argc)
		return cli_usage("user");
	verb = argv[optind];
	if (!strcmp(verb, "revoke")) {
		if (argc - optind != 3)
			return cli_usage("user");
		username = argv[optind + 1];
	} else if (strcmp(verb, "list")) {
		if (argc - optind != 2)
			return cli_usage("user");
		username = argv[optind + 1];
	} else if (argc - optind != 1) {
		return cli_usage("user");
	}
	if ((!strcmp(verb, "add") && !role) ||
	    (strcmp(verb, "add") && strcmp(verb, "passwd") &&
	     strcmp(verb, "list") && strcmp(verb, "token") &&
	     strcmp(verb, "tokens") && strcmp(verb, "revoke")))
		return cli_usage("user");
	if (!(db = cli_open_db(path)))
		return 1;
	app_ctx_init(&ctx, db, NULL);
	if (!strcmp(verb, "list")) {
		ret = user_list(&ctx);
	} else if (!strcmp(verb, "token")) {
		ret = user_token(&ctx, username, name, &p);
	} else if (!strcmp(verb, "tokens")) {
		ret = user_tokens(&ctx, username);
	} else if (!strcmp(verb, "revoke")) {
		ret = user_revoke(&ctx, username, argv[optind + 2]);
	} else if (read_password(password, sizeof(password))) {
		fprintf(stderr, "laoxiao: give the password on standard "
		                "input\n");
		ret = 1;
	} else if (!strcmp(verb, "add")) {
		ret = app_account_add(&ctx, username, password, role, region,
		                      areas)
		          ? cli_error(&ctx.err)
		          : 0;
		if (!ret)
			printf("added '%s' (%s)\n", username, role);
	} else {
		ret = app_account_set_password(&ctx, username, password)
		          ? cli_error(&ctx.err)
		          : 0;
		if (!ret)
			printf("password of '%s' changed\n", username);
	}
	memset(password, 0, sizeof(password));
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
}
