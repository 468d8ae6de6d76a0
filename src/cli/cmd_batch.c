/* subsidy prepare | check | approve | return | batches | batch | notice |
 * budget | budgets | duties: the batch flow from the shell. A step is
 * taken --as an account, which must hold the duty for it, exactly as
 * through the API: the operator of the machine may act for any account
 * but cannot take two steps of one batch as one account. */
#include "cli/cmd_batch.h"

#include "app/approval.h"
#include "app/approval_budget.h"
#include "app/approval_notice.h"
#include "app/pii.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/account_store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = { "prepare", "check",  "approve", "return",
	                             "batches", "batch",  "notice",  "budget",
	                             "budgets", "duties", NULL };

int cmd_batch_handles(const char *name)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

struct opts {
	const char *db, *as, *scheme, *period, *region, *note, *format, *out;
	const char *user, *set, *status;
	long long batch, year, fen;
	int has_fen, json;
};

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "scheme", required_argument, NULL, 's' },
		{ "period", required_argument, NULL, 'p' },
		{ "region", required_argument, NULL, 'r' },
		{ "note", required_argument, NULL, 'n' },
		{ "batch", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "year", required_argument, NULL, 'y' },
		{ "fen", required_argument, NULL, 'F' },
		{ "user", required_argument, NULL, 'u' },
		{ "set", required_argument, NULL, 'S' },
		{ "status", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->db = DEFAULT_DB;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'a':
			o->as = optarg;
			break;
		case 's':
			o->scheme = optarg;
			break;
		case 'p':
			o->period = optarg;
			break;
		case 'r':
			o->region = optarg;
			break;
		case 'n':
			o->note = optarg;
			break;
		case 'b':
			o->batch = atoll(optarg);
			break;
		case 'f':
			o->format = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'y':
			o->year = atoll(optarg);
			break;
		case 'F':
			o->fen = atoll(optarg);
			o->has_fen = 1;
			break;
		case 'u':
			o->user = optarg;
			break;
		case 'S':
			o->set = optarg;
			break;
		case 't':
			o->status = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		default:
			return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

/* The account a step is taken as; 0, or -1 after printing why. */
static int act_as(struct app_ctx *ctx, const char *username,
                  struct principal *p)
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
	ctx->who = p;
	return 0;
}

static void print_batch(json_t *b)
{
	static const char *const steps[] = { "prepared", "checked", "approved",
		                             "returned" };
	static const char *const zh[] = { "经办", "审核", "审批", "退回" };
	json_t *budget = json_object_get(b, "budget"), *w;
	size_t i;

	printf("批次 %lld：%s %s %s，状态 %s，%lld 笔，合计 %s 元，未发放 %lld "
	       "人\n",
	       (long long)json_integer_value(json_object_get(b, "id")),
	       json_string_value(json_object_get(b, "scheme")),
	       json_string_value(json_object_get(b, "period")),
	       json_string_value(json_object_get(b, "region")),
	       json_string_value(json_object_get(b, "status")),
	       (long long)json_integer_value(json_object_get(b, "lines")),
	       json_string_value(json_object_get(b, "total_yuan")),
	       (long long)json_integer_value(json_object_get(b, "excluded")));
	for (int k = 0; k < 4; k++) {
		json_t *s = json_object_get(b, steps[k]);

		if (json_is_object(s))
			printf("  %s：%s %s %s\n", zh[k],
			       json_string_value(json_object_get(s, "by")),
			       json_string_value(json_object_get(s, "at")),
			       json_string_value(json_object_get(s, "note")));
	}
	if (json_is_object(budget))
		printf(
		    "  预算 %s 元，已支出 %s 元，本次 %s 元，余额 %s 元\n",
		    json_string_value(json_object_get(budget, "budget_yuan")),
		    json_string_value(json_object_get(budget, "spent_yuan")),
		    json_string_value(json_object_get(budget, "this_run_yuan")),
		    json_string_value(
		        json_object_get(budget, "remaining_yuan")));
	json_array_foreach(json_object_get(b, "warnings"), i, w)
	    printf("  提示：%s\n", json_string_value(w));
}

static json_t *duties(struct app_ctx *ctx, const struct opts *o)
{
	struct account acc;
	json_t *list, *body, *out;
	char *set, *tok, *save = NULL;

	if (!o->user)
		return app_duties_list(ctx, NULL);
	if (account_store_get(ctx->db, ctx->arena, 0, o->user, &acc, &ctx->err))
		return NULL;
	list = json_array();
	set = arena_strdup(ctx->arena, o->set ? o->set : "");
	for (tok = strtok_r(set, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		json_array_append_new(list, json_string(tok));
	body = json_pack("{s:o}", "duties", list);
	out = app_duties_set(ctx, acc.id, body);
	json_decref(body);
	return out;
}

static int write_file(const struct opts *o, const char *data, size_t len)
{
	FILE *f = o->out ? fopen(o->out, "wb") : stdout;
	int ok;

	if (!f) {
		fprintf(stderr, "laoxiao: cannot write '%s'\n", o->out);
		return 1;
	}
	ok = fwrite(data, 1, len, f) == len;
	if (o->out)
		ok = !fclose(f) && ok;
	else
		ok = !fflush(f) && ok;
	return ok ? 0 : 1;
}

int cmd_batch(int argc, char **argv)
{
	const char *cmd = argv[1];
	struct opts o;
	struct app_ctx ctx;
	struct principal p;
	struct pii_keys *keys = NULL;
	struct db *db;
	json_t *body = NULL, *out = NULL, *q = NULL;
	int ret = 1;

	if (parse(argc, argv, &o))
		return cli_usage("subsidy");
	if (!(db = cli_open_db(o.db)))
		return 1;
	app_ctx_init(&ctx, db, NULL);
	if (!(ctx.policies = cli_load_policies(cli_policies_dir())))
		goto cleanup;
	/* the steps need an account; reading and budgets may act as the
	 * machine's operator */
	if (!o.as && (!strcmp(cmd, "prepare") || !strcmp(cmd, "check") ||
	              !strcmp(cmd, "approve") || !strcmp(cmd, "return"))) {
		fprintf(stderr,
		        "laoxiao: subsidy %s needs --as USERNAME, the "
		        "account that takes the step\n",
		        cmd);
		ret = 2;
		goto cleanup;
	}
	if (o.as && act_as(&ctx, o.as, &p))
		goto cleanup;
	body = json_object();
	if (o.note)
		json_object_set_new(body, "note", json_string(o.note));
	if (!strcmp(cmd, "prepare")) {
		if (o.scheme)
			json_object_set_new(body, "scheme",
			                    json_string(o.scheme));
		if (o.period)
			json_object_set_new(body, "period",
			                    json_string(o.period));
		if (o.region)
			json_object_set_new(body, "region",
			                    json_string(o.region));
		out = app_batch_prepare(&ctx, body);
	} else if (!strcmp(cmd, "check")) {
		out = app_batch_check(&ctx, o.batch, body);
	} else if (!strcmp(cmd, "approve")) {
		out = app_batch_approve(&ctx, o.batch, body);
	} else if (!strcmp(cmd, "return")) {
		out = app_batch_return(&ctx, o.batch, body);
	} else if (!strcmp(cmd, "batch")) {
		out = app_batch_get(&ctx, o.batch, NULL);
	} else if (!strcmp(cmd, "batches")) {
		q = json_object();
		if (o.region)
			json_object_set_new(q, "region", json_string(o.region));
		if (o.status)
			json_object_set_new(q, "status", json_string(o.status));
		out = app_batch_list(&ctx, q);
	} else if (!strcmp(cmd, "budget")) {
		json_object_clear(body);
		json_object_set_new(body, "scheme",
		                    json_string(o.scheme ? o.scheme : ""));
		json_object_set_new(body, "year", json_integer(o.year));
		json_object_set_new(body, "region",
		                    json_string(o.region ? o.region : ""));
		if (o.has_fen)
			json_object_set_new(body, "amount_fen",
			                    json_integer(o.fen));
		out = app_budget_set(&ctx, body);
	} else if (!strcmp(cmd, "budgets")) {
		q = json_object();
		if (o.region)
			json_object_set_new(q, "region", json_string(o.region));
		if (o.year)
			json_object_set_new(
			    q, "year", json_sprintf("%lld", (long long)o.year));
		out = app_budget_list(&ctx, q);
	} else if (!strcmp(cmd, "duties")) {
		out = duties(&ctx, &o);
	} else if (!strcmp(cmd, "notice")) {
		char *data;
		size_t len;
		const char *type, *ext;

		keys = cli_open_keys(db, o.db);
		ctx.keys = keys;
		q = json_pack("{s:s}", "format", o.format ? o.format : "csv");
		if (!keys)
			goto cleanup;
		if (app_batch_notice_file(&ctx, o.batch, q, &data, &len, &type,
		                          &ext))
			cli_error(&ctx.err);
		else
			ret = write_file(&o, data, len);
		goto cleanup;
	}
	if (!out) {
		cli_error(&ctx.err);
		if (ctx.details) {
			json_dumpf(ctx.details, stderr, JSON_INDENT(2));
			fputc('\n', stderr);
		}
		goto cleanup;
	}
	if (o.json || !json_object_get(out, "status")) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		print_batch(out);
	}
	ret = 0;
cleanup:
	json_decref(out);
	json_decref(body);
	json_decref(q);
	if (keys)
		pii_keys_free(keys);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
}
