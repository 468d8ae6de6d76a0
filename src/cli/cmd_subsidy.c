/* subsidy: allowance and subsidy runs, holds, restarts and amounts owed
 * from the shell. */
#include "app/holds.h"
#include "app/policy.h"
#include "app/recoveries.h"
#include "app/subsidies.h"
#include "cli/cli.h"
#include "cli/cmd_batch.h"
#include "cli/config.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/subsidy.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who is paid but has no payee account: left out of the bank file. */
static void print_without_account(json_t *out)
{
	json_t *ex = json_object_get(out, "without_account"), *e;
	size_t i;

	if (!json_array_size(ex))
		return;
	printf("无收款账户（不进入银行代发文件）%lld人：\n",
	       (long long)json_integer_value(
	           json_object_get(out, "without_account_count")));
	json_array_foreach(ex, i, e)
	{
		printf("  %s %s %s %s元\n",
		       json_string_value(json_object_get(e, "name")),
		       json_string_value(json_object_get(e, "id_masked")),
		       json_string_value(json_object_get(e, "region")),
		       json_string_value(json_object_get(e, "yuan")));
	}
}

/* Who was not paid for a data reason, one a line. */
static void print_exceptions(json_t *out)
{
	json_t *ex = json_object_get(out, "exceptions"), *e;
	size_t i;

	print_without_account(out);
	if (!json_array_size(ex))
		return;
	printf("未发放（数据原因）%lld人：\n",
	       (long long)json_integer_value(
	           json_object_get(out, "exceptions_count")));
	json_array_foreach(ex, i, e)
	{
		printf(
		    "  %s %lld %s（%s）：%s\n",
		    json_string_value(json_object_get(e, "beneficiary_kind")),
		    (long long)json_integer_value(
		        json_object_get(e, "beneficiary_id")),
		    json_string_value(json_object_get(e, "beneficiary")),
		    json_string_value(json_object_get(e, "region")),
		    json_string_value(json_object_get(e, "reason")));
	}
}

static void print_holds(json_t *out)
{
	json_t *items = json_object_get(out, "items"), *h;
	size_t i;

	if (json_is_object(out) && !items)
		items = json_pack("[O]", out);
	else
		json_incref(items);
	json_array_foreach(items, i, h)
	{
		const char *scheme =
		    json_string_value(json_object_get(h, "scheme"));
		const char *lifted =
		    json_string_value(json_object_get(h, "lifted_on"));

		printf(
		    "暂停 %lld：%s %lld，%s，自%s起%s%s：%s\n",
		    (long long)json_integer_value(json_object_get(h, "id")),
		    json_string_value(json_object_get(h, "beneficiary_kind")),
		    (long long)json_integer_value(
		        json_object_get(h, "beneficiary_id")),
		    scheme ? scheme : "全部项目",
		    json_string_value(json_object_get(h, "from")),
		    lifted ? "，恢复于" : "", lifted ? lifted : "",
		    json_string_value(json_object_get(h, "reason")));
	}
	json_decref(items);
}

static void print_owed(json_t *out)
{
	json_t *items = json_object_get(out, "items"), *o;
	size_t i;

	json_array_foreach(items, i, o)
	{
		char y[32];

		printf(
		    "%s %lld（%s）：多发%s元，尚欠%s元\n",
		    json_string_value(json_object_get(o, "beneficiary_kind")),
		    (long long)json_integer_value(
		        json_object_get(o, "beneficiary_id")),
		    json_string_value(json_object_get(o, "region")),
		    subsidy_yuan(
		        json_integer_value(json_object_get(o, "overpaid_fen")),
		        y),
		    json_string_value(json_object_get(o, "owed_yuan")));
	}
	printf("合计尚欠%s元\n",
	       json_string_value(json_object_get(out, "owed_yuan")));
}

static json_t *call_hold(struct app_ctx *ctx, long long id, json_t *body)
{
	(void)id;
	return app_hold_add(ctx, body);
}

static json_t *call_holds(struct app_ctx *ctx, long long id, json_t *body)
{
	/* a query: every value a string */
	json_t *bid = json_object_get(body, "beneficiary_id");

	(void)id;
	if (bid)
		json_object_set_new(
		    body, "beneficiary_id",
		    json_sprintf("%lld", (long long)json_integer_value(bid)));
	return app_holds_list(ctx, body);
}

static json_t *call_owed(struct app_ctx *ctx, long long id, json_t *body)
{
	(void)id;
	return app_owed_list(ctx, body);
}

static void print_hold_list(json_t *out, long long id)
{
	(void)id;
	print_holds(out);
}

static void print_owed_list(json_t *out, long long id)
{
	(void)id;
	print_owed(out);
}

static json_t *call_ledger(struct app_ctx *ctx, long long id, json_t *body)
{
	(void)id;
	return app_ledger_list(ctx, body);
}

/* The ledger's lines as a table, or with --csv as CSV for a spreadsheet
 * (UTF-8 with BOM, as the bank file): every line, its reason and what it
 * reverses. */
static const char *const ledger_cols[] = {
	"id",         "scheme", "period", "beneficiary_kind", "beneficiary_id",
	"region",     "kind",   "yuan",   "reason",           "reverses",
	"created_at",
};
static int ledger_csv;

static void put_value(struct abuf *b, json_t *v)
{
	char num[32];

	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld",
		         (long long)json_integer_value(v));
		csv_write_field(b, num);
	} else {
		csv_write_field(b,
		                json_is_string(v) ? json_string_value(v) : "");
	}
}

static void print_ledger(json_t *out, long long id)
{
	json_t *items = json_object_get(out, "items"), *l;
	size_t i;
	char yuan[32];

	(void)id;
	if (ledger_csv) {
		struct arena *a = arena_new();
		struct abuf b;

		abuf_init(&b, a);
		abuf_puts(&b, "\xEF\xBB\xBF");
		for (size_t k = 0;
		     k < sizeof(ledger_cols) / sizeof(*ledger_cols); k++) {
			abuf_puts(&b, k ? "," : "");
			csv_write_field(&b, ledger_cols[k]);
		}
		abuf_puts(&b, "\r\n");
		json_array_foreach(items, i, l)
		{
			for (size_t k = 0;
			     k < sizeof(ledger_cols) / sizeof(*ledger_cols);
			     k++) {
				abuf_puts(&b, k ? "," : "");
				put_value(&b,
				          json_object_get(l, ledger_cols[k]));
			}
			abuf_puts(&b, "\r\n");
		}
		fwrite(b.data, 1, b.len, stdout);
		arena_free(a);
		return;
	}
	json_array_foreach(items, i, l)
	{
		json_t *rev = json_object_get(l, "reverses");

		printf(
		    "%lld\t%s\t%s\t%s %lld\t%s\t%s元\t%s",
		    (long long)json_integer_value(json_object_get(l, "id")),
		    json_string_value(json_object_get(l, "scheme")),
		    json_string_value(json_object_get(l, "period")),
		    json_string_value(json_object_get(l, "beneficiary_kind")),
		    (long long)json_integer_value(
		        json_object_get(l, "beneficiary_id")),
		    json_string_value(json_object_get(l, "kind")),
		    json_string_value(json_object_get(l, "yuan")),
		    json_string_value(json_object_get(l, "reason")));
		if (json_is_integer(rev))
			printf("（冲正第%lld笔）",
			       (long long)json_integer_value(rev));
		putchar('\n');
	}
	printf(
	    "共%lld笔，合计%s元\n",
	    (long long)json_integer_value(json_object_get(out, "count")),
	    subsidy_yuan(json_integer_value(json_object_get(out, "total_fen")),
	                 yuan));
}

static void print_reverse(json_t *out, long long id)
{
	printf("第%lld笔已冲正：第%lld笔，%s元，%s\n", id,
	       (long long)json_integer_value(json_object_get(out, "id")),
	       json_string_value(json_object_get(out, "yuan")),
	       json_string_value(json_object_get(out, "reason")));
}

static void print_lift(json_t *out, long long id)
{
	printf("第%lld笔冲正已恢复发放：%s\n", id,
	       json_string_value(json_object_get(out, "reason")));
}

/* The subcommands besides run: the app call and how its answer prints. */
static const struct subcommand {
	const char *name;
	json_t *(*call)(struct app_ctx *, long long, json_t *);
	void (*print)(json_t *, long long);
} subcommands[] = {
	{ "hold", call_hold, print_hold_list },
	{ "lift-hold", app_hold_lift, print_hold_list },
	{ "lift", app_ledger_lift, print_lift },
	{ "holds", call_holds, print_hold_list },
	{ "owed", call_owed, print_owed_list },
	{ "ledger", call_ledger, print_ledger },
	{ "reverse", app_ledger_reverse, print_reverse },
};

static const struct subcommand *find_subcommand(const char *name)
{
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(*subcommands); i++)
		if (!strcmp(subcommands[i].name, name))
			return &subcommands[i];
	return NULL;
}

/* Opens the database and the policies (--policies and the config are
 * read by cli/config.c); NULL when the database cannot be opened. The
 * caller checks ctx->policies, which is NULL after a printed error. */
static struct db *open_ctx(const char *path, struct app_ctx *ctx)
{
	struct db *db = cli_open_db(path);

	if (!db)
		return NULL;
	app_ctx_init(ctx, db, NULL);
	ctx->policies = cli_load_policies(cli_policies_dir());
	return db;
}

/* hold, lift-hold, lift, holds, owed, ledger, reverse: one call of the
 * app each. */
static int other_command(const struct subcommand *sub, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "person", required_argument, NULL, 'p' },
		{ "institution", required_argument, NULL, 'i' },
		{ "scheme", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'f' },
		{ "on", required_argument, NULL, 'o' },
		{ "reason", required_argument, NULL, 'w' },
		{ "hold", required_argument, NULL, 'h' },
		{ "line", required_argument, NULL, 'l' },
		{ "region", required_argument, NULL, 'r' },
		{ "period", required_argument, NULL, 'P' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB;
	json_t *body = json_object(), *out = NULL;
	long long id = 0;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1;

	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'p':
		case 'i':
			json_object_set_new(
			    body, "beneficiary_kind",
			    json_string(c == 'p' ? "person" : "institution"));
			json_object_set_new(body, "beneficiary_id",
			                    json_integer(atoll(optarg)));
			break;
		case 's':
			json_object_set_new(body, "scheme",
			                    json_string(optarg));
			break;
		case 'f':
			json_object_set_new(body, "from", json_string(optarg));
			break;
		case 'o':
			json_object_set_new(body, "on", json_string(optarg));
			break;
		case 'w':
			json_object_set_new(body, "reason",
			                    json_string(optarg));
			break;
		case 'h':
		case 'l':
			id = atoll(optarg);
			break;
		case 'r':
			json_object_set_new(body, "region",
			                    json_string(optarg));
			break;
		case 'P':
			json_object_set_new(body, "period",
			                    json_string(optarg));
			break;
		case 'j':
			json = 1;
			break;
		case 'c':
			ledger_csv = 1;
			break;
		default:
			json_decref(body);
			return cli_usage("subsidy");
		}
	}
	if (optind != argc) {
		json_decref(body);
		return cli_usage("subsidy");
	}
	if (!(db = open_ctx(path, &ctx))) {
		json_decref(body);
		return 1;
	}
	if (ctx.policies)
		out = sub->call(&ctx, id, body);
	if (out) {
		if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			sub->print(out, id);
		}
		ret = 0;
	} else if (ctx.policies) {
		cli_error(&ctx.err);
	}
	json_decref(out);
	json_decref(body);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
}

int cmd_subsidy(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "scheme", required_argument, NULL, 's' },
		{ "period", required_argument, NULL, 'p' },
		{ "region", required_argument, NULL, 'r' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "full-scan", no_argument, NULL, 'F' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB;
	json_t *body = json_object(), *out = NULL;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1;

	if (argc >= 2 && cmd_batch_handles(argv[1])) {
		json_decref(body);
		return cmd_batch(argc, argv);
	}
	if (argc >= 2 && find_subcommand(argv[1])) {
		json_decref(body);
		return other_command(find_subcommand(argv[1]), argc, argv);
	}
	if (argc < 2 || strcmp(argv[1], "run")) {
		json_decref(body);
		return cli_usage("subsidy");
	}
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 's':
			json_object_set_new(body, "scheme",
			                    json_string(optarg));
			break;
		case 'p':
			json_object_set_new(body, "period",
			                    json_string(optarg));
			break;
		case 'r':
			json_object_set_new(body, "region",
			                    json_string(optarg));
			break;
		case 'n':
			json_object_set_new(body, "dry_run", json_true());
			break;
		case 'F':
			json_object_set_new(body, "full_scan", json_true());
			break;
		case 'P':
			json_object_set_new(body, "period",
			                    json_string(optarg));
			break;
		case 'j':
			json = 1;
			break;
		case 'c':
			ledger_csv = 1;
			break;
		default:
			json_decref(body);
			return cli_usage("subsidy");
		}
	}
	if (optind != argc) {
		json_decref(body);
		return cli_usage("subsidy");
	}
	if (!(db = open_ctx(path, &ctx))) {
		json_decref(body);
		return 1;
	}
	if (ctx.policies && (out = app_subsidy_run(&ctx, body))) {
		if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			printf(
			    "%s %s in %s%s: %lld evaluated, %lld eligible, "
			    "%lld lines, %s yuan\n",
			    json_string_value(json_object_get(out, "scheme")),
			    json_string_value(json_object_get(out, "period")),
			    json_string_value(json_object_get(out, "region")),
			    json_is_true(json_object_get(out, "dry_run"))
			        ? " (dry run, nothing written)"
			        : "",
			    (long long)json_integer_value(
			        json_object_get(out, "evaluated")),
			    (long long)json_integer_value(
			        json_object_get(out, "eligible")),
			    (long long)json_integer_value(
			        json_object_get(out, "lines")),
			    json_string_value(
			        json_object_get(out, "lines_yuan")));
			print_exceptions(out);
		}
		ret = 0;
	} else if (ctx.policies) {
		cli_error(&ctx.err);
	}
	json_decref(out);
	json_decref(body);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
}
