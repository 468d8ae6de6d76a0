/* place: finding a place from the shell. The dispatcher (one row a verb)
 * sends "laoxiao place VERB …" to its command: matching a need, the
 * public search and ratings are here; vacancy and prices, and waiting
 * lists, come from the module's other files (cli.h). The command line
 * acts as the system administrator unless --as names an account, so a
 * township officer's or a family's view can be seen as they see it. */
#include "app/place_match.h"
#include "app/place_public.h"
#include "app/place_ratings.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_match(json_t *out)
{
	json_t *e, *w, *need = json_object_get(out, "need");
	size_t i, j;

	printf("匹配（%s，%s）\n", cli_json_str(need, "kind"),
	       cli_json_str(out, "as_of"));
	printf("%s\n", cli_json_str(out, "scope_note"));
	json_array_foreach(json_object_get(out, "items"), i, e)
	{
		printf("%lld. %s（%s，%s）\n", cli_json_int(e, "rank"),
		       cli_json_str(e, "name"), cli_json_str(e, "kind_label"),
		       cli_json_str(e, "region_name"));
		printf("   ");
		json_array_foreach(json_object_get(e, "why"), j, w)
		    printf("%s%s", j ? "；" : "", json_string_value(w));
		printf("\n");
		if (i)
			printf("   排在上一家之后：%s\n",
			       cli_json_str(e, "below_reason_label"));
	}
	printf("共 %lld 家有空位\n", cli_json_int(out, "count"));
	printf("排序规则：%s\n", cli_json_str(out, "rule"));
}

static void print_search(json_t *out)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(out, "items"), i, e)
	{
		json_t *rating = json_object_get(e, "rating");

		printf(
		    "%-6lld %s（%s，%s）空位 %lld  %s  %s%s%s  %s\n",
		    cli_json_int(e, "id"), cli_json_str(e, "name"),
		    cli_json_str(e, "kind_label"),
		    cli_json_str(e, "region_name"), cli_json_int(e, "vacant"),
		    json_is_string(json_object_get(e, "price_range"))
		        ? cli_json_str(e, "price_range")
		        : "未公示收费",
		    json_is_true(json_object_get(e, "affordable")) ? "普惠 "
		                                                   : "",
		    json_is_object(rating) ? cli_json_str(rating, "label") : "",
		    json_is_object(rating) ? " " : "",
		    cli_json_str(e, "distance_text"));
	}
	printf("共 %lld 家\n", cli_json_int(out, "total"));
}

static void print_rating(json_t *e)
{
	printf("%-6lld %s %s  %s 至 %s  %s  %s\n", cli_json_int(e, "id"),
	       cli_json_str(e, "scheme_label"), cli_json_str(e, "label"),
	       cli_json_str(e, "rated_on"), cli_json_str(e, "valid_until"),
	       cli_json_str(e, "state_label"), cli_json_str(e, "note"));
}

struct opt_key {
	const char *name, *key;
	int number;
};

static const struct opt_key keys[] = {
	{ "person", "person_id", 0 },
	{ "kind", "kind", 0 },
	{ "care-level", "care_level", 0 },
	{ "age-months", "age_months", 0 },
	{ "lat", "lat", 0 },
	{ "lon", "lon", 0 },
	{ "region", "region", 0 },
	{ "budget", "budget_yuan", 0 },
	{ "affordable", "affordable", 0 },
	{ "as-of", "as_of", 0 },
	{ "radius-km", "radius_km", 0 },
	{ "limit", "limit", 0 },
	{ "class-type", "class_type", 0 },
	{ "page", "page", 0 },
	{ "scheme", "scheme", 0 },
	{ "level", "level", 1 },
	{ "rated-on", "rated_on", 0 },
	{ "valid-until", "valid_until", 0 },
	{ "note", "note", 0 },
};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

enum what { MATCH, SEARCH, RATING_ADD, RATING_LIST };

static int run(enum what what, long long id, int argc, char **argv,
               int optstart)
{
	struct option opts[NKEYS + 4];
	const char *path = DEFAULT_DB, *as = NULL;
	int writes = what == RATING_ADD;
	json_t *in = json_object(), *out = NULL;
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

			/* matching says "affordable_only", the search
			 * "affordable" */
			if (what == MATCH && !strcmp(key, "affordable"))
				key = "affordable_only";
			json_object_set_new(in, key,
			                    writes && k->number
			                        ? json_integer(atoll(optarg))
			                        : json_string(optarg));
		} else {
			json_decref(in);
			return cli_usage("place");
		}
	}
	if (optind != argc) {
		json_decref(in);
		return cli_usage("place");
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
	case MATCH:
		out = app_place_match(&ctx, in);
		break;
	case SEARCH: {
		char *text;
		size_t len;
		json_error_t jerr;

		if (!app_place_public_search(&ctx, in, &text, &len, NULL))
			out = json_loadb(text, len, 0, &jerr);
		break;
	}
	case RATING_ADD:
		out = app_place_rating_add(&ctx, id, in);
		break;
	case RATING_LIST:
		out = app_place_rating_list(&ctx, id, in);
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
	} else if (what == MATCH) {
		print_match(out);
	} else if (what == SEARCH) {
		print_search(out);
	} else if (what == RATING_ADD) {
		print_rating(out);
	} else {
		json_t *e;
		size_t i;

		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_rating(e);
	}
done:
	json_decref(out);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	json_decref(in);
	return ret;
}

static int cmd_match(int argc, char **argv)
{
	return run(MATCH, 0, argc, argv, 1);
}

static int cmd_search(int argc, char **argv)
{
	return run(SEARCH, 0, argc, argv, 1);
}

static int cmd_rating(int argc, char **argv)
{
	long long id;

	if (argc < 3 || (id = atoll(argv[2])) <= 0)
		return cli_usage("place");
	if (!strcmp(argv[1], "add"))
		return run(RATING_ADD, id, argc, argv, 3);
	if (!strcmp(argv[1], "list"))
		return run(RATING_LIST, id, argc, argv, 3);
	return cli_usage("place");
}

static const struct cli_verb verbs[] = {
	{ "match", cmd_match },
	{ "search", cmd_search },
	{ "rating", cmd_rating },
	/* the module's other parts, each in a file of its own (cli.h) */
	{ "vacancy", cmd_place_price },
	{ "price", cmd_place_price },
	{ "wait", cmd_place_wait },
};

int cmd_place(int argc, char **argv)
{
	return cli_dispatch("place", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
