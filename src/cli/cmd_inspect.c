/* inspect: supervision from the shell. The dispatcher (one row a verb)
 * sends "laoxiao inspect VERB …" to its command: the roster of
 * inspectors, plans and their random draw, verifying a draw (also a
 * downloaded publication, without a database) and the supervision
 * bulletin are here; checks and hazards, food safety and staff come from
 * the module's other files (cli.h). The command line acts as the system
 * administrator unless --as names an account. */
#include "app/inspect_bulletin.h"
#include "app/inspect_draw_run.h"
#include "app/inspect_plans.h"
#include "app/inspect_roster.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum what {
	PLAN_CREATE,
	PLAN_LIST,
	PLAN_SHOW,
	PLAN_PUBLISH,
	VERIFY,
	INSPECTOR_ADD,
	INSPECTOR_LIST,
	TIE_ADD,
	TIE_REMOVE,
	CHECKS,
	BULLETIN,
};

struct opt_key {
	const char *name, *key;
	int number;
};

static const struct opt_key keys[] = {
	{ "region", "region", 0 },
	{ "period", "period", 0 },
	{ "title", "title", 0 },
	{ "seed", "seed", 0 },
	{ "department", "department", 0 },
	{ "facility", "facility_id", 1 },
	{ "reason", "reason", 0 },
	{ "day", "day", 0 },
	{ "mine", "mine", 0 },
	{ "format", "format", 0 },
};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

static void print_check(json_t *c)
{
	json_t *v;
	size_t k;

	printf("%s  %s（%s）  %s", cli_json_str(c, "scheduled_on"),
	       cli_json_str(c, "facility_name"), cli_json_str(c, "kind_label"),
	       cli_json_str(c, "status_label"));
	if (json_is_string(json_object_get(c, "notice_on")))
		printf("  通知日 %s", cli_json_str(c, "notice_on"));
	printf("\n    检查事项：");
	json_array_foreach(json_object_get(c, "items"), k, v)
	    printf("%s%s", k ? "、" : "", cli_json_str(v, "name"));
	printf("\n    检查人员：");
	json_array_foreach(json_object_get(c, "inspectors"), k, v)
	    printf("%s%s（%s）", k ? "、" : "", cli_json_str(v, "name"),
	           cli_json_str(v, "department"));
	printf("\n");
}

static void print_plan(json_t *p, int checks)
{
	json_t *c;
	size_t i;

	printf("%-6lld %s  %s  %s  %s\n", cli_json_int(p, "id"),
	       cli_json_str(p, "title"), cli_json_str(p, "region_name"),
	       cli_json_str(p, "period"), cli_json_str(p, "status_label"));
	if (!checks)
		return;
	printf("算法 %s  种子 %s\n摘要 %s\n", cli_json_str(p, "algorithm"),
	       cli_json_str(p, "seed"), cli_json_str(p, "digest"));
	json_array_foreach(json_object_get(p, "checks"), i, c) print_check(c);
	printf("共 %zu 项检查\n",
	       json_array_size(json_object_get(p, "checks")));
}

static void print_verify(json_t *v)
{
	printf("%s：摘要%s，检查清单%s（重新抽取 %lld 项）\n",
	       json_is_true(json_object_get(v, "matches")) ? "一致" : "不一致",
	       json_is_true(json_object_get(v, "digest_matches")) ? "相符"
	                                                          : "不符",
	       json_is_true(json_object_get(v, "checks_match")) ? "相符"
	                                                        : "不符",
	       cli_json_int(v, "count"));
}

/* verify --inputs FILE: a downloaded publication, no database */
static int verify_file(const char *path, int json)
{
	struct arena *a = arena_new();
	struct lx_error err = { 0 };
	json_error_t jerr;
	size_t len;
	char *text = cli_read_file(a, path, &len);
	json_t *pub = text ? json_loadb(text, len, 0, &jerr) : NULL, *out;
	int ret = 1;

	if (!text) {
		arena_free(a);
		return 1;
	}
	if (!pub) {
		fprintf(stderr, "laoxiao: %s: not JSON: %s\n", path, jerr.text);
		arena_free(a);
		return 1;
	}
	out = inspect_verify_publication(a, pub, &err);
	if (!out) {
		cli_error(&err);
	} else {
		if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			print_verify(out);
		}
		ret = json_is_true(json_object_get(out, "matches")) ? 0 : 3;
	}
	json_decref(out);
	json_decref(pub);
	arena_free(a);
	return ret;
}

static int run(enum what what, long long id, int argc, char **argv,
               int optstart)
{
	struct option opts[NKEYS + 5];
	const char *path = DEFAULT_DB, *as = NULL, *inputs = NULL;
	json_t *in = json_object(), *out = NULL;
	struct principal p;
	struct app_ctx ctx;
	struct db *db;
	int c, idx, json = 0, ret = 1;
	int writes = what == PLAN_CREATE || what == INSPECTOR_ADD ||
	             what == TIE_ADD || what == TIE_REMOVE;

	for (int i = 0; i < NKEYS; i++)
		opts[i] = (struct option){ keys[i].name, required_argument,
			                   NULL, 1000 + i };
	opts[NKEYS] = (struct option){ "db", required_argument, NULL, 'd' };
	opts[NKEYS + 1] = (struct option){ "as", required_argument, NULL, 'a' };
	opts[NKEYS + 2] = (struct option){ "json", no_argument, NULL, 'j' };
	opts[NKEYS + 3] =
	    (struct option){ "inputs", required_argument, NULL, 'i' };
	opts[NKEYS + 4] = (struct option){ NULL, 0, NULL, 0 };
	optind = optstart;
	while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
		if (c == 'd') {
			path = optarg;
		} else if (c == 'a') {
			as = optarg;
		} else if (c == 'j') {
			json = 1;
		} else if (c == 'i' && what == VERIFY) {
			inputs = optarg;
		} else if (c >= 1000 && c < 1000 + NKEYS) {
			const struct opt_key *k = &keys[c - 1000];

			json_object_set_new(in, k->key,
			                    writes && k->number
			                        ? json_integer(atoll(optarg))
			                        : json_string(optarg));
		} else {
			json_decref(in);
			return cli_usage("inspect");
		}
	}
	if (what == VERIFY && optind < argc && !inputs)
		id = atoll(argv[optind++]);
	if (optind != argc || (what == VERIFY && !inputs && id <= 0)) {
		json_decref(in);
		return cli_usage("inspect");
	}
	if (inputs) {
		json_decref(in);
		return verify_file(inputs, json);
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
	switch (what) {
	case PLAN_CREATE:
		out = app_inspect_plan_create(&ctx, in);
		break;
	case PLAN_LIST:
		out = app_inspect_plans(&ctx, in);
		break;
	case PLAN_SHOW:
		out = app_inspect_plan_get(&ctx, id);
		break;
	case PLAN_PUBLISH:
		out = app_inspect_plan_publish(&ctx, id);
		break;
	case VERIFY:
		out = app_inspect_plan_verify(&ctx, id);
		break;
	case INSPECTOR_ADD:
		out = app_inspect_inspector_put(&ctx, id, in);
		break;
	case INSPECTOR_LIST:
		out = app_inspect_inspectors(&ctx, in);
		break;
	case TIE_ADD:
		out = app_inspect_tie_add(&ctx, id, in);
		break;
	case TIE_REMOVE:
		out = app_inspect_tie_remove(&ctx, id, in);
		break;
	case CHECKS:
		out = app_inspect_checks(&ctx, in);
		break;
	case BULLETIN: {
		const char *format =
		    json_string_value(json_object_get(in, "format"));

		if (format && strcmp(format, "json")) {
			char *text;
			size_t len;
			const char *type, *ext;

			if (app_inspect_bulletin_file(&ctx, in, format, &text,
			                              &len, &type, &ext)) {
				cli_error(&ctx.err);
				goto done;
			}
			fwrite(text, 1, len, stdout);
			ret = 0;
			goto done;
		}
		json_object_del(in, "format");
		out = app_inspect_bulletin(&ctx, in);
		break;
	}
	}
	if (!out) {
		cli_error(&ctx.err);
		goto done;
	}
	ret = 0;
	if (json) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (what == PLAN_CREATE || what == PLAN_SHOW ||
	           what == PLAN_PUBLISH) {
		print_plan(out, 1);
	} else if (what == PLAN_LIST) {
		json_t *e;
		size_t i;

		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_plan(e, 0);
	} else if (what == VERIFY) {
		print_verify(out);
		ret = json_is_true(json_object_get(out, "matches")) ? 0 : 3;
	} else if (what == INSPECTOR_LIST) {
		json_t *e, *t;
		size_t i, k;

		json_array_foreach(json_object_get(out, "items"), i, e)
		{
			printf("%-6lld %s（%s）%s %s\n",
			       cli_json_int(e, "account_id"),
			       cli_json_str(e, "name"),
			       cli_json_str(e, "department"),
			       cli_json_str(e, "region"),
			       json_is_true(json_object_get(e, "active"))
			           ? "在册"
			           : "停用");
			json_array_foreach(json_object_get(e, "ties"), k, t)
			    printf("       回避：%s（%s）\n",
			           cli_json_str(t, "facility_name"),
			           cli_json_str(t, "reason"));
		}
	} else if (what == BULLETIN) {
		json_t *e, *d;
		size_t i, k;

		printf("%s\n", cli_json_str(out, "title"));
		json_array_foreach(json_object_get(out, "rows"), i, e)
		{
			printf(
			    "%s：抽查计划 %lld，计划检查 %lld，完成检查 %lld，"
			    "发现隐患 %lld，整改销号 %lld，逾期未整改 %lld\n",
			    cli_json_str(e, "region_name"),
			    cli_json_int(e, "plans"),
			    cli_json_int(e, "checks_scheduled"),
			    cli_json_int(e, "checks_done"),
			    cli_json_int(e, "hazards_found"),
			    cli_json_int(e, "hazards_closed"),
			    cli_json_int(e, "hazards_overdue"));
			json_array_foreach(json_object_get(e, "by_domain"), k,
			                   d)
			    printf("    %s：发现 %lld，销号 %lld，逾期 %lld\n",
			           cli_json_str(d, "label"),
			           cli_json_int(d, "found"),
			           cli_json_int(d, "closed"),
			           cli_json_int(d, "overdue"));
		}
		printf("%s\n", cli_json_str(out, "note"));
	} else if (what == CHECKS) {
		json_t *e;
		size_t i;

		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_check(e);
	} else {
		printf("已记录\n");
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

static int verb_plan(int argc, char **argv)
{
	long long id;

	if (argc < 2)
		return cli_usage("inspect");
	if (!strcmp(argv[1], "create"))
		return run(PLAN_CREATE, 0, argc, argv, 2);
	if (!strcmp(argv[1], "list"))
		return run(PLAN_LIST, 0, argc, argv, 2);
	if ((id = arg_id(argc, argv, 2)) <= 0)
		return cli_usage("inspect");
	if (!strcmp(argv[1], "show"))
		return run(PLAN_SHOW, id, argc, argv, 3);
	if (!strcmp(argv[1], "publish"))
		return run(PLAN_PUBLISH, id, argc, argv, 3);
	return cli_usage("inspect");
}

static int verb_verify(int argc, char **argv)
{
	return run(VERIFY, 0, argc, argv, 1);
}

static int verb_inspector(int argc, char **argv)
{
	long long id;

	if (argc < 2)
		return cli_usage("inspect");
	if (!strcmp(argv[1], "list"))
		return run(INSPECTOR_LIST, 0, argc, argv, 2);
	if ((id = arg_id(argc, argv, 2)) <= 0)
		return cli_usage("inspect");
	if (!strcmp(argv[1], "add"))
		return run(INSPECTOR_ADD, id, argc, argv, 3);
	if (!strcmp(argv[1], "tie"))
		return run(TIE_ADD, id, argc, argv, 3);
	if (!strcmp(argv[1], "untie"))
		return run(TIE_REMOVE, id, argc, argv, 3);
	return cli_usage("inspect");
}

static int verb_checks(int argc, char **argv)
{
	return run(CHECKS, 0, argc, argv, 1);
}

static int verb_bulletin(int argc, char **argv)
{
	return run(BULLETIN, 0, argc, argv, 1);
}

static const struct cli_verb verbs[] = {
	{ "plan", verb_plan },
	{ "verify", verb_verify },
	{ "inspector", verb_inspector },
	{ "checks", verb_checks },
	{ "bulletin", verb_bulletin },
	/* the module's other parts, each in a file of its own (cli.h) */
	{ "check", cmd_inspect_hazard },
	{ "hazard", cmd_inspect_hazard },
	{ "food", cmd_inspect_staff },
	{ "staff", cmd_inspect_staff },
};

int cmd_inspect(int argc, char **argv)
{
	return cli_dispatch("inspect", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
