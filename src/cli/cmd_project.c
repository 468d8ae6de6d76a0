/* project: major projects from the shell (app/project_*.c): list, show,
 * import a list, export it, load the seed's list of a jurisdiction
 * (presets/projects/CODE.csv), date a milestone, put a project into use.
 * The command line acts as the system administrator unless --as names an
 * account. */
#include "app/policy.h"
#include "app/project_import.h"
#include "app/project_in_use.h"
#include "app/project_records.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum what { LIST, SHOW, IMPORT, EXPORT, PRESET, MILESTONE, IN_USE };

struct opt_key {
	const char *name, *key;
};

static const struct opt_key keys[] = {
	{ "region", "region" },
	{ "plan", "plan" },
	{ "stage", "stage" },
	{ "planned", "planned_on" },
	{ "actual", "actual_on" },
	{ "note", "note" },
	{ "on", "on" },
	{ "facility", "facility_id" },
	{ "name", "name" },
	{ "kind", "kind" },
};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

static const char *light_zh(const char *l)
{
	return !strcmp(l, "red")      ? "红灯"
	       : !strcmp(l, "yellow") ? "黄灯"
	                              : "绿灯";
}

static void print_project(json_t *p, int full)
{
	json_t *m;
	size_t i;

	printf("%-6lld %s  %s  %s  投资 %s 万元  床位 %lld  托位 %lld  %s",
	       cli_json_int(p, "id"), cli_json_str(p, "name"),
	       cli_json_str(p, "type_name"), cli_json_str(p, "place"),
	       json_is_string(json_object_get(p, "investment_wan"))
	           ? cli_json_str(p, "investment_wan")
	           : "—",
	       cli_json_int(p, "beds"), cli_json_int(p, "slots"),
	       light_zh(cli_json_str(p, "light")));
	if (json_is_string(json_object_get(p, "in_use_on")))
		printf("  %s 投用", cli_json_str(p, "in_use_on"));
	printf("\n");
	if (!full)
		return;
	printf("    实施单位：%s\n    建设内容：%s\n",
	       cli_json_str(p, "implementer"), cli_json_str(p, "content"));
	json_array_foreach(json_object_get(p, "milestones"), i, m)
	{
		printf("    %s  计划 %s  实际 %s\n", cli_json_str(m, "name"),
		       json_is_string(json_object_get(m, "planned_on"))
		           ? cli_json_str(m, "planned_on")
		           : "—",
		       json_is_string(json_object_get(m, "actual_on"))
		           ? cli_json_str(m, "actual_on")
		           : "—");
	}
}

static void print_out(enum what what, json_t *out)
{
	json_t *p, *t;
	size_t i;

	switch (what) {
	case LIST:
		json_array_foreach(json_object_get(out, "projects"), i, p)
		    print_project(p, 0);
		t = json_object_get(out, "totals");
		printf("共 %lld 个项目，总投资 %s 万元，床位 %lld 张，托位 "
		       "%lld 个\n",
		       cli_json_int(t, "count"),
		       cli_json_str(t, "investment_wan"),
		       cli_json_int(t, "beds"), cli_json_int(t, "slots"));
		break;
	case IMPORT:
	case PRESET:
		printf(
		    "导入 %lld 个项目，跳过 %zu 行（重复表头、合计或空行）\n",
		    cli_json_int(out, "imported"),
		    json_array_size(json_object_get(out, "skipped")));
		break;
	default:
		print_project(out, 1);
	}
}

/* presets/projects/CODE.csv under the data root (or the config's
 * presets directory). */
static const char *preset_path(struct arena *a, const char *region)
{
	const char *root = cli_config_get("presets");

	return root ? arena_printf(a, "%s/projects/%s.csv", root, region)
	            : arena_printf(a, "%s/presets/projects/%s.csv",
	                           cli_data_root(), region);
}

static int run(enum what what, int argc, char **argv, int optstart)
{
	struct option opts[NKEYS + 4];
	const char *path = DEFAULT_DB, *as = NULL, *file = NULL;
	json_t *in = json_object(), *out = NULL;
	struct principal p;
	struct app_ctx ctx;
	struct db *db;
	long long id = 0;
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
		if (c == 'd')
			path = optarg;
		else if (c == 'a')
			as = optarg;
		else if (c == 'j')
			json = 1;
		else if (c >= 1000 && c < 1000 + NKEYS)
			json_object_set_new(in, keys[c - 1000].key,
			                    json_string(optarg));
		else {
			json_decref(in);
			return cli_usage("project");
		}
	}
	if (what == SHOW || what == MILESTONE || what == IN_USE) {
		if (optind >= argc || (id = atoll(argv[optind++])) <= 0) {
			json_decref(in);
			return cli_usage("project");
		}
	} else if (what == IMPORT) {
		if (optind >= argc) {
			json_decref(in);
			return cli_usage("project");
		}
		file = argv[optind++];
	}
	if (optind != argc) {
		json_decref(in);
		return cli_usage("project");
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
	case LIST:
		out = app_project_list(&ctx, in);
		break;
	case SHOW:
		out = app_project_get(&ctx, id);
		break;
	case IMPORT:
	case PRESET: {
		const char *region =
		    json_string_value(json_object_get(in, "region"));
		char *text;
		size_t len;

		if (!region) {
			fprintf(stderr, "laoxiao: --region is required\n");
			goto done;
		}
		if (what == PRESET)
			file = preset_path(ctx.arena, region);
		if (!(text = cli_read_file(ctx.arena, file, &len)))
			goto done;
		out = app_project_import(&ctx, region, text, len);
		if (!out && ctx.details) {
			json_t *e;
			size_t i;

			json_array_foreach(
			    json_object_get(ctx.details, "errors"), i, e)
			    fprintf(stderr, "第 %lld 行，%s：%s\n",
			            cli_json_int(e, "row"),
			            cli_json_str(e, "column"),
			            cli_json_str(e, "message"));
		}
		break;
	}
	case EXPORT: {
		size_t len;
		char *csv = app_project_export(&ctx, in, &len);

		if (!csv) {
			cli_error(&ctx.err);
			goto done;
		}
		fwrite(csv, 1, len, stdout);
		ret = 0;
		goto done;
	}
	case MILESTONE:
		out = app_project_milestone(&ctx, id, in);
		break;
	case IN_USE: {
		json_t *body = json_object(),
		       *fid = json_object_get(in, "facility_id");

		json_object_set(body, "on", json_object_get(in, "on"));
		if (fid) {
			json_object_set_new(
			    body, "facility_id",
			    json_integer(atoll(json_string_value(fid))));
		} else {
			json_t *f = json_object();

			if (json_object_get(in, "name"))
				json_object_set(f, "name",
				                json_object_get(in, "name"));
			if (json_object_get(in, "kind"))
				json_object_set(f, "kind",
				                json_object_get(in, "kind"));
			json_object_set_new(body, "facility", f);
		}
		out = app_project_in_use(&ctx, id, body);
		json_decref(body);
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

static int verb_list(int argc, char **argv)
{
	return run(LIST, argc, argv, 1);
}
static int verb_show(int argc, char **argv)
{
	return run(SHOW, argc, argv, 1);
}
static int verb_import(int argc, char **argv)
{
	return run(IMPORT, argc, argv, 1);
}
static int verb_export(int argc, char **argv)
{
	return run(EXPORT, argc, argv, 1);
}
static int verb_preset(int argc, char **argv)
{
	return run(PRESET, argc, argv, 1);
}
static int verb_milestone(int argc, char **argv)
{
	return run(MILESTONE, argc, argv, 1);
}
static int verb_in_use(int argc, char **argv)
{
	return run(IN_USE, argc, argv, 1);
}

static const struct cli_verb verbs[] = {
	{ "list", verb_list },     { "show", verb_show },
	{ "import", verb_import }, { "export", verb_export },
	{ "preset", verb_preset }, { "milestone", verb_milestone },
	{ "in-use", verb_in_use },
};

int cmd_project(int argc, char **argv)
{
	return cli_dispatch("project", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
