/* task: plans, their task-division tables and the department directory
 * from the shell — list plans, tasks and departments, import and export a
 * table as CSV, load the seeds' tables (presets/tasks). The command line
 * acts as the system administrator unless --as names an account; every
 * write is audited as the API's is. */
#include "app/task_directory.h"
#include "app/task_import.h"
#include "app/task_plans.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum what {
	PLANS,
	PLAN_ADD,
	TASKS,
	DEPARTMENTS,
	COUNTS,
	IMPORT,
	EXPORT,
	PRESET
};

static const char *const role_zh[] = { "牵头", "参加", "按职责分工负责",
	                               "负责落实" };

static void print_names(json_t *deps, const char *role, const char *label)
{
	json_t *list = json_object_get(deps, role), *d;
	size_t i;

	if (!json_array_size(list))
		return;
	printf("    %s：", label);
	json_array_foreach(list, i, d)
	    printf("%s%s", i ? "、" : "", cli_json_str(d, "name"));
	printf("\n");
}

static void print(enum what what, json_t *out)
{
	json_t *v;
	size_t i;

	switch (what) {
	case PLANS:
		json_array_foreach(json_object_get(out, "items"), i, v)
		    printf("%-5lld %s  %s  %s\n", cli_json_int(v, "id"),
		           cli_json_str(v, "title"), cli_json_str(v, "number"),
		           cli_json_str(v, "issued_on"));
		break;
	case PLAN_ADD:
		printf("已建规划文件 %lld：%s\n", cli_json_int(out, "id"),
		       cli_json_str(out, "title"));
		break;
	case TASKS:
		printf("%s\n",
		       cli_json_str(json_object_get(out, "plan"), "title"));
		json_array_foreach(json_object_get(out, "items"), i, v)
		{
			json_t *deps = json_object_get(v, "departments");
			printf("%s. %s\n", cli_json_str(v, "number"),
			       cli_json_str(v, "text"));
			for (int r = 0; r < 4; r++)
				print_names(deps, task_role_names[r],
				            role_zh[r]);
		}
		printf("共 %zu 项任务\n",
		       json_array_size(json_object_get(out, "items")));
		break;
	case DEPARTMENTS:
		json_array_foreach(json_object_get(out, "items"), i, v)
		{
			json_t *a;
			size_t k;
			printf("%-5lld %s", cli_json_int(v, "id"),
			       cli_json_str(v, "name"));
			json_array_foreach(json_object_get(v, "aliases"), k, a)
			    printf("%s%s", k ? "、" : "（又称 ",
			           json_string_value(a));
			printf("%s\n",
			       json_array_size(json_object_get(v, "aliases"))
			           ? "）"
			           : "");
		}
		break;
	case COUNTS:
		printf("%-24s %4s %4s %4s %4s %4s\n", "部门", "牵头", "独牵",
		       "参加", "共同", "落实");
		json_array_foreach(json_object_get(out, "items"), i, v)
		    printf("%-24s %4lld %4lld %4lld %4lld %4lld\n",
		           cli_json_str(v, "name"), cli_json_int(v, "lead"),
		           cli_json_int(v, "sole_lead"),
		           cli_json_int(v, "participate"),
		           cli_json_int(v, "joint"), cli_json_int(v, "local"));
		break;
	case IMPORT:
		printf("已导入 %lld 项任务", cli_json_int(out, "imported"));
		if (json_array_size(json_object_get(out, "new_departments"))) {
			printf("；新建部门：");
			json_array_foreach(
			    json_object_get(out, "new_departments"), i, v)
			    printf("%s%s", i ? "、" : "", json_string_value(v));
		}
		printf("\n");
		break;
	case PRESET:
		json_array_foreach(json_object_get(out, "plans"), i, v) printf(
		    "规划文件 %lld（%s）：%lld 项任务\n", cli_json_int(v, "id"),
		    cli_json_str(v, "file"), cli_json_int(v, "imported"));
		printf("部门 %lld 个\n", cli_json_int(out, "departments"));
		break;
	case EXPORT:
		break;
	}
}

static void print_errors(struct app_ctx *ctx)
{
	json_t *list = json_object_get(ctx->details, "errors"), *e;
	size_t i;

	json_array_foreach(list, i, e)
	    fprintf(stderr, "  第 %lld 行，%s：%s\n", cli_json_int(e, "row"),
	            cli_json_str(e, "column"), cli_json_str(e, "message"));
}

static char *read_preset(struct app_ctx *ctx, void *arg, const char *file,
                         size_t *len)
{
	const char *dir = arg;
	/* only plain names in the presets folder */
	if (strchr(file, '/') || !file[0])
		return NULL;
	return cli_read_file(ctx->arena,
	                     arena_printf(ctx->arena, "%s/%s", dir, file), len);
}

static int run(enum what what, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "region", required_argument, NULL, 'r' },
		{ "title", required_argument, NULL, 't' },
		{ "number", required_argument, NULL, 'n' },
		{ "issued-on", required_argument, NULL, 'i' },
		{ "source", required_argument, NULL, 's' },
		{ "presets", required_argument, NULL, 'p' },
		{ "counts", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *as = NULL, *presets = NULL;
	const char *region = NULL;
	json_t *in = json_object(), *out = NULL;
	struct principal p;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1, counts = 0;
	long long id = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'r':
			region = optarg;
			json_object_set_new(in, "region", json_string(optarg));
			break;
		case 't':
			json_object_set_new(in, "title", json_string(optarg));
			break;
		case 'n':
			json_object_set_new(in, "number", json_string(optarg));
			break;
		case 'i':
			json_object_set_new(in, "issued_on",
			                    json_string(optarg));
			break;
		case 's':
			json_object_set_new(in, "source", json_string(optarg));
			break;
		case 'p':
			presets = optarg;
			break;
		case 'c':
			counts = 1;
			break;
		default:
			json_decref(in);
			return cli_usage("task");
		}
	}
	int need_id = what == TASKS || what == IMPORT || what == EXPORT;
	if (need_id && optind < argc)
		id = atoll(argv[optind++]);
	const char *file =
	    what == IMPORT && optind < argc ? argv[optind++] : NULL;
	if (optind != argc || (need_id && id <= 0) ||
	    (what == IMPORT && !file)) {
		json_decref(in);
		return cli_usage("task");
	}
	if (what == TASKS && counts)
		what = COUNTS;
	if (!(db = cli_open_db(path))) {
		json_decref(in);
		return 1;
	}
	app_ctx_init(&ctx, db, NULL);
	if (as && cli_act_as(&ctx, as, &p))
		goto done;
	switch (what) {
	case PLANS:
		out = app_task_plans(&ctx, in);
		break;
	case PLAN_ADD:
		out = app_task_plan_create(&ctx, in);
		break;
	case TASKS:
		out = app_task_plan_tasks(&ctx, id);
		break;
	case COUNTS:
		out = app_task_plan_departments(&ctx, id);
		break;
	case DEPARTMENTS:
		out = app_task_departments(&ctx, in);
		break;
	case IMPORT: {
		size_t len;
		char *buf = cli_read_file(ctx.arena, file, &len);
		if (!buf)
			goto done;
		out = app_task_import(&ctx, id, buf, len);
		break;
	}
	case EXPORT: {
		char *text;
		size_t len;
		if (app_task_export(&ctx, id, &text, &len)) {
			cli_error(&ctx.err);
			goto done;
		}
		fwrite(text, 1, len, stdout);
		ret = 0;
		goto done;
	}
	case PRESET: {
		char dir[1200];
		size_t dl, pl;
		if (presets)
			snprintf(dir, sizeof dir, "%s", presets);
		else
			snprintf(dir, sizeof dir, "%s/presets/tasks",
			         cli_data_root());
		char *d = cli_read_file(
		    ctx.arena,
		    arena_printf(ctx.arena, "%s/departments.csv", dir), &dl);
		char *pls = cli_read_file(
		    ctx.arena, arena_printf(ctx.arena, "%s/plans.csv", dir),
		    &pl);
		if (!d || !pls)
			goto done;
		out = app_task_preset(&ctx, region, d, dl, pls, pl, read_preset,
		                      dir);
		break;
	}
	}
	if (!out) {
		cli_error(&ctx.err);
		print_errors(&ctx);
	} else {
		if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			print(what, out);
		}
		ret = 0;
	}
done:
	json_decref(out);
	json_decref(in);
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
}

static int v_plans(int argc, char **argv)
{
	return run(PLANS, argc, argv);
}
static int v_plan_add(int argc, char **argv)
{
	return run(PLAN_ADD, argc, argv);
}
static int v_tasks(int argc, char **argv)
{
	return run(TASKS, argc, argv);
}
static int v_departments(int argc, char **argv)
{
	return run(DEPARTMENTS, argc, argv);
}
static int v_import(int argc, char **argv)
{
	return run(IMPORT, argc, argv);
}
static int v_export(int argc, char **argv)
{
	return run(EXPORT, argc, argv);
}
static int v_preset(int argc, char **argv)
{
	return run(PRESET, argc, argv);
}

int cmd_task(int argc, char **argv)
{
	static const struct cli_verb verbs[] = {
		{ "plans", v_plans },   { "plan-add", v_plan_add },
		{ "tasks", v_tasks },   { "departments", v_departments },
		{ "import", v_import }, { "export", v_export },
		{ "preset", v_preset },
	};
	return cli_dispatch("task", verbs, sizeof verbs / sizeof verbs[0], argc,
	                    argv);
}
