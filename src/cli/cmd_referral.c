/* referral: referrals of needs found on visits from the shell: list,
 * show, raise, and take a step. The command line acts as the system
 * administrator; every step is audited as the API's are. */
#include "app/policy.h"
#include "app/referrals.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A status or escalation level as the desk says it (web/js/strings/
 * referral.js); the code itself when it is none of these. */
static const char *said(const char *code)
{
	static const char *const words[][2] = {
		{ "assigned", "待受理" }, { "accepted", "已受理" },
		{ "handled", "已办理" },  { "fed_back", "已反馈" },
		{ "closed", "已办结" },   { "township", "乡镇督办" },
		{ "county", "县级督办" }, { "city", "市级督办" },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (!strcmp(code, words[i][0]))
			return words[i][1];
	return code;
}

/* A step of the history as the desk says it. */
static const char *step_said(const char *code)
{
	static const char *const words[][2] = {
		{ "assigned", "发起" }, { "accepted", "受理" },
		{ "handled", "办理" },  { "fed_back", "反馈" },
		{ "closed", "办结" },   { "reopened", "重新打开" },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (!strcmp(code, words[i][0]))
			return words[i][1];
	return code;
}

static void print_one(json_t *r)
{
	const char *esc = cli_json_str(r, "escalation");

	printf("%-6lld %-6s %-4s %-8s %-4s 期限 %-20s %s → %s%s%s%s\n",
	       (long long)json_integer_value(json_object_get(r, "id")),
	       said(cli_json_str(r, "status")),
	       cli_json_str(r, "severity_label"), cli_json_str(r, "need_label"),
	       json_is_true(json_object_get(r, "overdue")) ? "逾期" : "",
	       cli_json_str(r, "due_at"), cli_json_str(r, "person_name"),
	       cli_json_str(r, "to"), *esc ? "（" : "", said(esc),
	       *esc ? "）" : "");
}

static void print_list(json_t *out)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(out, "items"), i, e) print_one(e);
	printf("%lld referrals; open %lld, overdue %lld (at %s)\n",
	       (long long)json_integer_value(json_object_get(out, "total")),
	       (long long)json_integer_value(
	           json_object_get(json_object_get(out, "counts"), "open")),
	       (long long)json_integer_value(
	           json_object_get(json_object_get(out, "counts"), "overdue")),
	       cli_json_str(out, "at"));
}

static void print_full(json_t *out)
{
	json_t *e;
	size_t i;

	print_one(out);
	if (*cli_json_str(out, "detail"))
		printf("  %s\n", cli_json_str(out, "detail"));
	json_array_foreach(json_object_get(out, "steps"), i, e)
	    printf("  %lld. %-6s %s %s %s\n",
	           (long long)json_integer_value(json_object_get(e, "seq")),
	           step_said(cli_json_str(e, "step")), cli_json_str(e, "at"),
	           cli_json_str(e, "by"), cli_json_str(e, "note"));
}

enum verb { LIST, SHOW, RAISE, STEP };

int cmd_referral(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "status", required_argument, NULL, 's' },
		{ "escalated", required_argument, NULL, 'e' },
		{ "at", required_argument, NULL, 'a' },
		{ "overdue", no_argument, NULL, 'o' },
		{ "person", required_argument, NULL, 'p' },
		{ "visit", required_argument, NULL, 'v' },
		{ "need", required_argument, NULL, 'n' },
		{ "severity", required_argument, NULL, 'S' },
		{ "detail", required_argument, NULL, 'D' },
		{ "to-kind", required_argument, NULL, 'k' },
		{ "to", required_argument, NULL, 't' },
		{ "facility", required_argument, NULL, 'f' },
		{ "note", required_argument, NULL, 'N' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const keys_of[] = {
		['r'] = "region",      ['s'] = "status",    ['e'] = "escalated",
		['a'] = "at",          ['n'] = "need",      ['S'] = "severity",
		['D'] = "detail",      ['k'] = "to_kind",   ['t'] = "to",
		['N'] = "note",        ['p'] = "person_id", ['v'] = "visit_id",
		['f'] = "to_facility",
	};
	const char *path = DEFAULT_DB, *step = NULL;
	json_t *in = json_object(), *out = NULL;
	enum verb verb;
	long long id = 0;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1, need_id;

	if (argc < 2)
		goto usage;
	if (!strcmp(argv[1], "list"))
		verb = LIST;
	else if (!strcmp(argv[1], "show"))
		verb = SHOW;
	else if (!strcmp(argv[1], "raise"))
		verb = RAISE;
	else if (!strcmp(argv[1], "step"))
		verb = STEP;
	else
		goto usage;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'o':
			json_object_set_new(in, "overdue", json_string("1"));
			break;
		case 'p':
		case 'v':
		case 'f':
			/* ids are numbers in a body, text in a query */
			json_object_set_new(in, keys_of[c],
			                    verb == RAISE
			                        ? json_integer(atoll(optarg))
			                        : json_string(optarg));
			break;
		case 'r':
		case 's':
		case 'e':
		case 'a':
		case 'n':
		case 'S':
		case 'D':
		case 'k':
		case 't':
		case 'N':
			json_object_set_new(in, keys_of[c],
			                    json_string(optarg));
			break;
		default:
			goto usage;
		}
	}
	need_id = verb == SHOW || verb == STEP;
	if (argc - optind != need_id + (verb == STEP))
		goto usage;
	if (need_id && (id = atoll(argv[optind])) <= 0)
		goto usage;
	if (verb == STEP)
		step = argv[optind + 1];
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies) {
		switch (verb) {
		case LIST:
			out = app_referral_list(&ctx, in);
			break;
		case SHOW:
			out = app_referral_get(&ctx, id, in);
			break;
		case RAISE:
			out = app_referral_create(&ctx, in);
			break;
		case STEP:
			out = app_referral_step(&ctx, id, step, in);
			break;
		}
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else {
			if (verb == LIST)
				print_list(out);
			else
				print_full(out);
			ret = 0;
		}
	}
	json_decref(out);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
done:
	json_decref(in);
	return ret;
usage:
	json_decref(in);
	return cli_usage("referral");
}
