/* service: home and community services from the shell. The dispatcher
 * (one row a verb) sends "laoxiao service VERB …" to its command; the
 * catalogue, offers, family links, orders and the use report are here,
 * and each other part of the module (entitlements, vouchers, the time
 * bank, family beds, parenting guidance) adds its row with a
 * cmd_service_NAME of its own file (cli.h). The command line acts as the
 * system administrator unless --as names an account: an order's steps
 * belong to its provider and its rating to whoever placed it, so they
 * are taken --as that account, audited as the API's are. */
#include "app/pii.h"
#include "app/policy.h"
#include "app/service_catalogue.h"
#include "app/service_links.h"
#include "app/service_offers.h"
#include "app/service_order_lists.h"
#include "app/service_orders.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_catalogue(json_t *out)
{
	json_t *e;
	size_t i;

	printf("服务目录（%s）\n", cli_json_str(out, "region"));
	json_array_foreach(json_object_get(out, "items"), i, e)
	    printf("  %-16s %-8s %-6s 按%s  %s\n", cli_json_str(e, "code"),
	           cli_json_str(e, "name"), cli_json_str(e, "category"),
	           cli_json_str(e, "unit_label"), cli_json_str(e, "who_zh"));
	printf("基本养老服务清单\n");
	json_array_foreach(json_object_get(out, "basic_list"), i, e)
	    printf("  %zu. %s：%s（%s；支出责任：%s）\n", i + 1,
	           cli_json_str(e, "content"), cli_json_str(e, "target"),
	           cli_json_str(e, "standard"), cli_json_str(e, "payer"));
}

static void print_offer(json_t *e)
{
	char p[32];

	cli_yuan(cli_json_int(e, "price_fen"), p);
	printf("%-6lld %-10s %-8s %s 元/%s  服务区域 %s  %s 起%s%s\n",
	       cli_json_int(e, "id"), cli_json_str(e, "facility_name"),
	       cli_json_str(e, "item_name"), p, cli_json_str(e, "unit_label"),
	       cli_json_str(e, "area_name"), cli_json_str(e, "valid_from"),
	       *cli_json_str(e, "valid_to") ? "，至 " : "",
	       cli_json_str(e, "valid_to"));
}

static void print_order(json_t *e)
{
	char t[32];

	cli_yuan(cli_json_int(e, "total_fen"), t);
	printf("%-6lld %-6s %-8s %-8s %lld%s %s 元  %s  %s\n",
	       cli_json_int(e, "id"), cli_json_str(e, "status_zh"),
	       cli_json_str(e, "person_name"), cli_json_str(e, "item_name"),
	       cli_json_int(e, "quantity"), cli_json_str(e, "unit_label"), t,
	       cli_json_str(e, "facility_name"), cli_json_str(e, "created_at"));
}

static void print_order_full(json_t *o)
{
	json_t *e;
	size_t i;
	char f[32];

	print_order(o);
	json_array_foreach(json_object_get(o, "payments"), i, e)
	{
		cli_yuan(cli_json_int(e, "amount_fen"), f);
		printf("  支付 %-12s %s 元%s\n", cli_json_str(e, "source"), f,
		       json_is_true(json_object_get(e, "released"))
		           ? "（已退回）"
		           : "");
	}
	json_array_foreach(json_object_get(o, "steps"), i, e)
	    printf("  %lld. %-6s %s %s %s\n", cli_json_int(e, "seq"),
	           cli_json_str(e, "step_zh"), cli_json_str(e, "at"),
	           cli_json_str(e, "by"), cli_json_str(e, "note"));
}

static void print_list(json_t *out, void (*one)(json_t *))
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(out, "items"), i, e) one(e);
	if (json_object_get(out, "total"))
		printf("%lld\n", cli_json_int(out, "total"));
}

static void print_use(json_t *out)
{
	json_t *e, *t = json_object_get(out, "totals");
	size_t i;
	char a[32];

	printf("服务使用（%s，%s）\n", cli_json_str(out, "region"),
	       cli_json_str(out, "period"));
	json_array_foreach(json_object_get(out, "rows"), i, e)
	{
		cli_yuan(cli_json_int(e, "total_fen"), a);
		printf("  %-10s %-8s %lld 单 %lld%s %s 元\n",
		       cli_json_str(e, "region_name"),
		       cli_json_str(e, "item_name"), cli_json_int(e, "orders"),
		       cli_json_int(e, "quantity"),
		       cli_json_str(e, "unit_label"), a);
	}
	cli_yuan(cli_json_int(t, "total_fen"), a);
	printf("合计 %lld 单，%s 元\n", cli_json_int(t, "orders"), a);
}

/* Options, each a member of the request: a body member (numbers as
 * numbers) when the verb writes, a query parameter (text) when it
 * reads. */
struct opt_key {
	const char *name, *key;
	int number;
};

static const struct opt_key keys[] = {
	{ "region", "region", 0 },
	{ "facility", "facility_id", 1 },
	{ "item", "item", 0 },
	{ "price", "price_fen", 1 },
	{ "area", "area", 0 },
	{ "from", "valid_from", 0 },
	{ "on", "on", 0 },
	{ "serves", "serves", 0 },
	{ "person", "person_id", 1 },
	{ "quantity", "quantity", 1 },
	{ "offer", "offer_id", 1 },
	{ "wanted", "wanted_at", 0 },
	{ "address", "address", 0 },
	{ "note", "note", 0 },
	{ "status", "status", 0 },
	{ "month", "month", 0 },
	{ "year", "year", 0 },
	{ "at", "at", 0 },
	{ "lat", "lat", 0 },
	{ "lon", "lon", 0 },
	{ "rating", "rating", 1 },
	{ "reason", "reason", 0 },
	{ "id-number", "id_number", 0 },
	{ "name", "name", 0 },
	{ "relation", "relation", 0 },
	{ "limit", "limit", 0 },
};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

enum what {
	CATALOGUE,
	OFFER_ADD,
	OFFER_LIST,
	LINK_ADD,
	LINK_LIST,
	LINK_REMOVE,
	ORDER_PLACE,
	ORDER_LIST,
	ORDER_SHOW,
	ORDER_STEP,
	QUEUE,
	USE,
};

/* Runs one request: argv from the first option on. */
static int run(enum what what, const char *step, long long id, int argc,
               char **argv, int optstart)
{
	struct option opts[NKEYS + 4];
	const char *path = DEFAULT_DB, *as = NULL;
	int writes = what == OFFER_ADD || what == LINK_ADD ||
	             what == ORDER_PLACE || what == ORDER_STEP;
	json_t *in = json_object(), *out = NULL;
	struct pii_keys *pk = NULL;
	struct principal p;
	struct app_ctx ctx;
	struct db *db;
	int c, idx, json = 0, ret = 1;

	for (int i = 0; i < NKEYS; i++)
		opts[i] = (struct option){ keys[i].name, required_argument,
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
			const char *key = k->key;

			/* a query names a facility "facility" */
			if (!writes && !strcmp(key, "facility_id"))
				key = "facility";
			json_object_set_new(in, key,
			                    writes && k->number
			                        ? json_integer(atoll(optarg))
			                        : json_string(optarg));
		} else {
			json_decref(in);
			return cli_usage("service");
		}
	}
	if (optind != argc) {
		json_decref(in);
		return cli_usage("service");
	}
	if (!(db = cli_open_db(path))) {
		json_decref(in);
		return 1;
	}
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (!ctx.policies)
		goto done;
	if (!(pk = cli_open_keys(db, path)))
		goto done;
	ctx.keys = pk;
	if (as && cli_act_as(&ctx, as, &p))
		goto done;
	switch (what) {
	case CATALOGUE:
		out = app_service_catalogue(&ctx, in);
		break;
	case OFFER_ADD:
		out = app_service_offer_add(&ctx, in);
		break;
	case OFFER_LIST:
		out = app_service_offer_list(&ctx, in);
		break;
	case LINK_ADD:
		out = app_service_link_add(&ctx, in);
		break;
	case LINK_LIST:
		out = app_service_link_list(&ctx, in);
		break;
	case LINK_REMOVE:
		out = app_service_link_remove(&ctx, id);
		break;
	case ORDER_PLACE:
		out = app_service_order_place(&ctx, in);
		break;
	case ORDER_LIST:
		out = app_service_order_list(&ctx, in);
		break;
	case ORDER_SHOW:
		out = app_service_order_get(&ctx, id);
		break;
	case ORDER_STEP:
		out = app_service_order_step(&ctx, id, step, in);
		break;
	case QUEUE:
		out = app_service_queue(&ctx, in);
		break;
	case USE:
		out = app_service_use(&ctx, in);
		break;
	}
	if (!out) {
		cli_error(&ctx.err);
		goto done;
	}
	ret = 0;
	if (json) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (what == CATALOGUE) {
		print_catalogue(out);
	} else if (what == OFFER_ADD) {
		print_offer(out);
	} else if (what == OFFER_LIST) {
		print_list(out, print_offer);
	} else if (what == LINK_ADD || what == LINK_LIST ||
	           what == LINK_REMOVE) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (what == ORDER_LIST || what == QUEUE) {
		print_list(out, print_order);
	} else if (what == USE) {
		print_use(out);
	} else {
		print_order_full(out);
	}
done:
	json_decref(out);
	pii_keys_free(pk);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	json_decref(in);
	return ret;
}

static int cmd_catalogue(int argc, char **argv)
{
	return run(CATALOGUE, NULL, 0, argc, argv, 1);
}

static int cmd_offer(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return run(OFFER_ADD, NULL, 0, argc, argv, 2);
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return run(OFFER_LIST, NULL, 0, argc, argv, 2);
	return cli_usage("service");
}

static int cmd_link(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return run(LINK_ADD, NULL, 0, argc, argv, 2);
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return run(LINK_LIST, NULL, 0, argc, argv, 2);
	/* the family ends its link to a person: the API's DELETE */
	if (argc >= 3 && !strcmp(argv[1], "remove") && atoll(argv[2]) > 0)
		return run(LINK_REMOVE, NULL, atoll(argv[2]), argc, argv, 3);
	return cli_usage("service");
}

static int cmd_order(int argc, char **argv)
{
	static const char *const steps[] = { "accept", "schedule", "start",
		                             "finish", "rate",     "cancel" };
	long long id;

	if (argc < 2)
		return cli_usage("service");
	if (!strcmp(argv[1], "place"))
		return run(ORDER_PLACE, NULL, 0, argc, argv, 2);
	if (!strcmp(argv[1], "list"))
		return run(ORDER_LIST, NULL, 0, argc, argv, 2);
	if (argc < 3 || (id = atoll(argv[2])) <= 0)
		return cli_usage("service");
	if (!strcmp(argv[1], "show"))
		return run(ORDER_SHOW, NULL, id, argc, argv, 3);
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++)
		if (!strcmp(argv[1], steps[i]))
			return run(ORDER_STEP, steps[i], id, argc, argv, 3);
	return cli_usage("service");
}

static int cmd_queue(int argc, char **argv)
{
	return run(QUEUE, NULL, 0, argc, argv, 1);
}

static int cmd_use(int argc, char **argv)
{
	return run(USE, NULL, 0, argc, argv, 1);
}

static const struct cli_verb verbs[] = {
	{ "catalogue", cmd_catalogue },
	{ "offer", cmd_offer },
	{ "link", cmd_link },
	{ "order", cmd_order },
	{ "queue", cmd_queue },
	{ "use", cmd_use },
	/* the module's other parts, each in a file of its own */
	{ "entitlement", cmd_service_entitlement },
	{ "voucher", cmd_service_voucher },
	{ "timebank", cmd_service_timebank },
	{ "bed", cmd_service_bed },
	{ "guidance", cmd_service_guidance },
};

int cmd_service(int argc, char **argv)
{
	return cli_dispatch("service", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
