/* credit: credit files, red and black lists and prepaid fees from the
 * shell. The dispatcher (one row a verb) sends "laoxiao credit VERB …"
 * here; every verb turns its options into the same JSON body or query the
 * API takes and calls the same use case (app/credit_*.c). The command line
 * acts as the system administrator unless --as names an account. */
#include "app/credit_listings.h"
#include "app/credit_prepaid.h"
#include "app/credit_records.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum what {
	RECORD_ADD,
	RECORD_LIST,
	FILE_SHOW,
	LISTING_PROPOSE,
	LISTING_LIST,
	LISTING_SHOW,
	LISTING_STEP,
	PREPAID_REPORT,
	PREPAID_LIST,
	MEMBERSHIP,
};

enum kind { TEXT, NUMBER, FLAG };

struct opt_key {
	const char *name, *key;
	enum kind kind;
};

static const struct opt_key keys[] = {
	{ "subject-kind", "subject_kind", TEXT },
	{ "subject-id", "subject_id", NUMBER },
	{ "kind", "kind", TEXT },
	{ "on", "on", TEXT },
	{ "happened-on", "happened_on", TEXT },
	{ "summary", "summary", TEXT },
	{ "authority", "authority", TEXT },
	{ "document", "document", TEXT },
	{ "serious", "serious", FLAG },
	{ "list", "list", TEXT },
	{ "ground", "ground", TEXT },
	{ "facts", "facts", TEXT },
	{ "status", "status", TEXT },
	{ "region", "region", TEXT },
	{ "note", "note", TEXT },
	{ "hearing", "hearing", TEXT },
	{ "reason", "removal_reason", TEXT },
	{ "penalty-served", "penalty_served", FLAG },
	{ "rectified", "rectified", FLAG },
	{ "version", "version", NUMBER },
	{ "as-of", "as_of", TEXT },
	{ "members", "members", NUMBER },
	{ "balance-fen", "balance_fen", NUMBER },
	{ "custody-fen", "custody_fen", NUMBER },
	{ "bank", "custody_bank", TEXT },
	{ "flagged", "flagged", TEXT },
	{ "membership", "membership", TEXT },
};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

static void print_record(json_t *r)
{
	printf("%-6lld %s  %s  %s：%s", cli_json_int(r, "id"),
	       cli_json_str(r, "happened_on"), cli_json_str(r, "subject"),
	       cli_json_str(r, "kind_label"), cli_json_str(r, "summary"));
	if (json_is_string(json_object_get(r, "public_until")))
		printf("（公示至 %s）", cli_json_str(r, "public_until"));
	printf("\n");
}

static void print_listing(json_t *l)
{
	json_t *s;
	size_t i;

	printf("%-6lld %s  %s  %s  %s", cli_json_int(l, "id"),
	       cli_json_str(l, "list_label"), cli_json_str(l, "subject"),
	       cli_json_str(l, "ground_label"),
	       cli_json_str(l, "status_label"));
	if (json_is_string(json_object_get(l, "listed_on")))
		printf("  列入 %s", cli_json_str(l, "listed_on"));
	if (json_is_string(json_object_get(l, "removed_on")))
		printf("  移出 %s", cli_json_str(l, "removed_on"));
	printf("\n");
	json_array_foreach(json_object_get(l, "steps"), i, s)
	    printf("       %s  %s  %s\n", cli_json_str(s, "on"),
	           cli_json_str(s, "label"), cli_json_str(s, "note"));
	if (json_is_string(json_object_get(l, "next_step_from")))
		printf("       下一步最早 %s\n",
		       cli_json_str(l, "next_step_from"));
}

static void print_prepaid(json_t *p)
{
	json_t *f;
	size_t i;

	printf("%s  %s  会员 %lld 人  预收余额 %lld 分  存管 %lld 分（%s）",
	       cli_json_str(p, "as_of"), cli_json_str(p, "facility"),
	       cli_json_int(p, "members"), cli_json_int(p, "balance_fen"),
	       cli_json_int(p, "custody_fen"), cli_json_str(p, "custody_bank"));
	json_array_foreach(json_object_get(p, "flags"), i, f)
	    printf("  【%s】", cli_json_str(f, "label"));
	printf("\n");
}

static void print_out(enum what what, json_t *out)
{
	json_t *e;
	size_t i;

	switch (what) {
	case RECORD_ADD:
		print_record(out);
		break;
	case RECORD_LIST:
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_record(e);
		break;
	case FILE_SHOW: {
		json_t *st = json_object_get(out, "standing");

		printf("%s\n信用承诺：%s\n会员制：%s\n",
		       cli_json_str(out, "name"),
		       cli_json_str(out, "commitment"),
		       json_is_true(json_object_get(out, "membership")) ? "是"
		                                                        : "否");
		printf("黑名单：%s  红名单：%s\n",
		       json_is_object(json_object_get(st, "black")) ? "在列"
		                                                    : "无",
		       json_is_object(json_object_get(st, "red")) ? "在列"
		                                                  : "无");
		json_array_foreach(json_object_get(out, "records"), i, e)
		    print_record(e);
		json_array_foreach(json_object_get(out, "listings"), i, e)
		    print_listing(e);
		if (json_is_object(json_object_get(out, "prepaid")))
			print_prepaid(json_object_get(out, "prepaid"));
		break;
	}
	case LISTING_PROPOSE:
	case LISTING_SHOW:
	case LISTING_STEP:
		print_listing(out);
		break;
	case LISTING_LIST:
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_listing(e);
		break;
	case PREPAID_REPORT:
		print_prepaid(out);
		break;
	case PREPAID_LIST:
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_prepaid(e);
		break;
	case MEMBERSHIP:
		printf("会员制：%s\n",
		       json_is_true(json_object_get(out, "membership")) ? "是"
		                                                        : "否");
		break;
	}
}

static json_t *call(struct app_ctx *ctx, enum what what, long long id,
                    const char *step, json_t *in)
{
	switch (what) {
	case RECORD_ADD:
		return app_credit_record_add(ctx, in);
	case RECORD_LIST:
		return app_credit_records_list(ctx, in);
	case FILE_SHOW:
		return app_credit_file(ctx, id);
	case LISTING_PROPOSE:
		return app_credit_listing_propose(ctx, in);
	case LISTING_LIST:
		return app_credit_listings_list(ctx, in);
	case LISTING_SHOW:
		return app_credit_listing_get(ctx, id);
	case LISTING_STEP:
		return app_credit_listing_step(ctx, id, step, in);
	case PREPAID_REPORT:
		return app_credit_prepaid_report(ctx, id, in);
	case PREPAID_LIST:
		return app_credit_prepaid_list(ctx, in);
	case MEMBERSHIP: {
		const char *m =
		    json_string_value(json_object_get(in, "membership"));
		json_t *body = json_object();
		json_t *out;

		/* "yes" / "no" on the command line, a boolean in the body */
		if (m)
			json_object_set_new(body, "membership",
			                    !strcmp(m, "yes") ? json_true()
			                    : !strcmp(m, "no")
			                        ? json_false()
			                        : json_string(m));
		out = app_credit_membership_put(ctx, id, body);
		json_decref(body);
		return out;
	}
	}
	return NULL;
}

static int run(enum what what, long long id, const char *step, int argc,
               char **argv, int optstart)
{
	struct option opts[NKEYS + 4];
	const char *path = DEFAULT_DB, *as = NULL;
	/* a query takes text, a body typed values */
	int query =
	    what == RECORD_LIST || what == LISTING_LIST || what == PREPAID_LIST;
	json_t *in = json_object(), *out = NULL;
	struct principal p;
	struct app_ctx ctx;
	struct db *db;
	int c, idx, json = 0, ret = 1;

	for (int i = 0; i < NKEYS; i++)
		opts[i] =
		    (struct option){ keys[i].name,
			             keys[i].kind == FLAG ? no_argument
			                                  : required_argument,
			             NULL, 1000 + i };
	opts[NKEYS] = (struct option){ "db", required_argument, NULL, 'd' };
	opts[NKEYS + 1] = (struct option){ "as", required_argument, NULL, 'a' };
	opts[NKEYS + 2] = (struct option){ "json", no_argument, NULL, 'j' };
	opts[NKEYS + 3] = (struct option){ NULL, 0, NULL, 0 };
	optind = optstart;
	while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
		if (c == 'd') {
			path = optarg;
		} else if (c == 'a') {
			as = optarg;
		} else if (c == 'j') {
			json = 1;
		} else if (c >= 1000 && c < 1000 + NKEYS) {
			const struct opt_key *k = &keys[c - 1000];

			json_object_set_new(in, k->key,
			                    k->kind == FLAG ? json_true()
			                    : k->kind == NUMBER && !query
			                        ? json_integer(atoll(optarg))
			                        : json_string(optarg));
		} else {
			json_decref(in);
			return cli_usage("credit");
		}
	}
	if (optind != argc) {
		json_decref(in);
		return cli_usage("credit");
	}
	if (!(db = cli_open_db(path))) {
		json_decref(in);
		return 1;
	}
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (!ctx.policies)
		goto done;
	if (as && cli_act_as(&ctx, as, &p))
		goto done;
	out = call(&ctx, what, id, step, in);
	if (!out) {
		cli_error(&ctx.err);
		goto done;
	}
	ret = 0;
	if (json) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		print_out(what, out);
	}
done:
	json_decref(out);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	json_decref(in);
	return ret;
}

static long long arg_id(int argc, char **argv, int i)
{
	return argc > i ? atoll(argv[i]) : 0;
}

static int verb_record(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return run(RECORD_ADD, 0, NULL, argc, argv, 2);
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return run(RECORD_LIST, 0, NULL, argc, argv, 2);
	return cli_usage("credit");
}

static int verb_file(int argc, char **argv)
{
	long long id = arg_id(argc, argv, 1);

	return id > 0 ? run(FILE_SHOW, id, NULL, argc, argv, 2)
	              : cli_usage("credit");
}

static int verb_listing(int argc, char **argv)
{
	static const char *const steps[] = { "notice",  "hearing", "list",
		                             "publish", "remove",  "withdraw",
		                             NULL };
	long long id;

	if (argc < 2)
		return cli_usage("credit");
	if (!strcmp(argv[1], "propose"))
		return run(LISTING_PROPOSE, 0, NULL, argc, argv, 2);
	if (!strcmp(argv[1], "ls"))
		return run(LISTING_LIST, 0, NULL, argc, argv, 2);
	if ((id = arg_id(argc, argv, 2)) <= 0)
		return cli_usage("credit");
	if (!strcmp(argv[1], "show"))
		return run(LISTING_SHOW, id, NULL, argc, argv, 3);
	for (size_t i = 0; steps[i]; i++)
		if (!strcmp(argv[1], steps[i]))
			return run(LISTING_STEP, id, steps[i], argc, argv, 3);
	return cli_usage("credit");
}

static int verb_prepaid(int argc, char **argv)
{
	long long id;

	if (argc >= 2 && !strcmp(argv[1], "list"))
		return run(PREPAID_LIST, 0, NULL, argc, argv, 2);
	if (argc >= 3 && !strcmp(argv[1], "report") &&
	    (id = arg_id(argc, argv, 2)) > 0)
		return run(PREPAID_REPORT, id, NULL, argc, argv, 3);
	if (argc >= 3 && !strcmp(argv[1], "membership") &&
	    (id = arg_id(argc, argv, 2)) > 0)
		return run(MEMBERSHIP, id, NULL, argc, argv, 3);
	return cli_usage("credit");
}

static const struct cli_verb verbs[] = {
	{ "record", verb_record },
	{ "file", verb_file },
	{ "listing", verb_listing },
	{ "prepaid", verb_prepaid },
};

int cmd_credit(int argc, char **argv)
{
	return cli_dispatch("credit", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
